from django.apps import AppConfig


class ImportingConfig(AppConfig):
    name = "mutua.importing"
    label = "importing"
