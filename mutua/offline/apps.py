from django.apps import AppConfig


class OfflineConfig(AppConfig):
    name = "mutua.offline"
    label = "offline"
