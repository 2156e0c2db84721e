from django.apps import AppConfig


class HeadwayConfig(AppConfig):
    """The project package itself: command-line commands and shared templates."""

    name = "headway"
    verbose_name = "Headway"
