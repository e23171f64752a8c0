from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mutua.directory"
    label = "directory"
