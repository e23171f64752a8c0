from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mutua.directory"
    label = "directory"

    def ready(self) -> None:
        from . import checks  # noqa: F401
        from . import signals  # noqa: F401
