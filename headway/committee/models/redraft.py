"""A report's redraft from the latest figures, run by the task worker: a large portfolio's
takes longer than a web request should."""

from __future__ import annotations

from django.db import models

from headway.committee.models.report import Report
from headway.lib.background import BackgroundWork


class Redraft(BackgroundWork):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being redrafted"
        DONE = "done", "Redrafted"
        FAILED = "failed", "Failed"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="redrafts")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)

    class Meta(BackgroundWork.Meta):
        pass

    def __str__(self) -> str:
        return f"Redraft of {self.report} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
