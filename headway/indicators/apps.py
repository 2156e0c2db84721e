from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "headway.indicators"
    verbose_name = "Performance indicators"
