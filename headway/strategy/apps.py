from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "headway.strategy"
    verbose_name = "Strategy and portfolio"
