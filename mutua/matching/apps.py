from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "mutua.matching"
    label = "matching"

    def ready(self) -> None:
        from .signals import connect

        connect()
