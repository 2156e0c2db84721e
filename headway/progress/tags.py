"""How each stage of a return is shown: the GOV.UK tag colour and the chart colour."""

from __future__ import annotations

from headway.lib.bars import Series
from headway.progress.models import Update

PROGRESS = Update.Progress

# GOV.UK tag colours (blue is the tag's default); the label is always shown too.
PROGRESS_TAGS = {
    PROGRESS.NOT_STARTED: "blue",
    PROGRESS.IN_PROGRESS: "teal",
    PROGRESS.SUBMITTED: "purple",
    PROGRESS.RETURNED: "red",
    PROGRESS.APPROVED: "green",
}

# Each reaches 3:1 against white, as WCAG asks of the parts of a chart.
PROGRESS_SERIES = [
    Series(PROGRESS.APPROVED, "Approved", "#00703c"),
    Series(PROGRESS.SUBMITTED, "Submitted", "#4c2c92"),
    Series(PROGRESS.RETURNED, "Returned", "#d4351c"),
    Series(PROGRESS.IN_PROGRESS, "In progress", "#1d70b8"),
    Series(PROGRESS.NOT_STARTED, "Not started", "#505a5f"),
]


def progress_tag(progress: str) -> dict[str, str]:
    """A return's stage as GOV.UK's tag component takes it."""
    colour = PROGRESS_TAGS[PROGRESS(progress)]
    classes = "" if colour == "blue" else f"govuk-tag--{colour}"
    return {"text": str(PROGRESS(progress).label), "classes": classes}
