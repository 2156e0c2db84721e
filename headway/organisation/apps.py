from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "headway.organisation"
    verbose_name = "Organisation settings and changes"
