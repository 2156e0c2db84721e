"""What background work (a pack, a redraft, an export) shows while the task worker runs it."""

from __future__ import annotations

from typing import Protocol

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
