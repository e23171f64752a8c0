from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "mutua.calls"
    label = "calls"
