from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "mutua.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        from . import signals  # noqa: F401
