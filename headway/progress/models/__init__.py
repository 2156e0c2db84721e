from headway.progress.models.period import ReportingPeriod
from headway.progress.models.status import StatusScale, StatusValue
from headway.progress.models.update import Update

__all__ = ["ReportingPeriod", "StatusScale", "StatusValue", "Update"]
