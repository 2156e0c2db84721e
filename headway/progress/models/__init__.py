from headway.progress.models.latest import LatestStatus, refresh_latest_status
from headway.progress.models.period import PeriodEvent, ReportingPeriod
from headway.progress.models.reminder import Reminder
from headway.progress.models.status import StatusScale, StatusValue
from headway.progress.models.update import Update

__all__ = [
    "LatestStatus",
    "PeriodEvent",
    "Reminder",
    "ReportingPeriod",
    "StatusScale",
    "StatusValue",
    "Update",
    "refresh_latest_status",
]
