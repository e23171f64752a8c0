from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "mutua.community"
    label = "community"
