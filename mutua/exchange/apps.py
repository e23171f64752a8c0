from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "mutua.exchange"
    label = "exchange"
