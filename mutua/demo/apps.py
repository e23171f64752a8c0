from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data, seeding and benchmarks: above every other app, imported by none."""

    name = "mutua.demo"
    label = "demo"
