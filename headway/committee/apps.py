from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "headway.committee"
    verbose_name = "Committees and reports"
