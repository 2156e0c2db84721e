from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "headway.audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from headway.audit import signins

        signins.connect()
