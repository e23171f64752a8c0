from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "mutua.cooperation"
    label = "cooperation"
