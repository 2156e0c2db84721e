"""What background work (a pack, a redraft, an export) shows while the task worker runs it."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.db import models
from django.http import JsonResponse


class Work(Protocol):
    state: str
    progress: int
    step: str

    def get_state_display(self) -> str: ...


FINISHED = ("done", "failed")


def progress_json(work: Work) -> JsonResponse:
    """The work's progress, for its page's script to poll (assets/headway.js)."""
    return JsonResponse(
        {
            "state": work.state,
            "state_label": work.get_state_display(),
            "progress": work.progress,
            "step": work.step,
            "finished": work.state in FINISHED,
        },
        headers={"Cache-Control": "no-store"},
    )


class BackgroundWork(models.Model):
    """What every piece of background work records for its page: its progress and step, any
    error, who asked for it and when, and when it finished. Each kind adds its ``state``."""

    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    step = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-requested_at", "-id"]
