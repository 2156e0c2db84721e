from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "headway.progress"
    verbose_name = "Quarterly progress"
