"""A rating as people read it: the status value and the quarter it was given for."""

from __future__ import annotations

from dataclasses import dataclass

from headway.lib.fy import Quarter
from headway.progress.models import StatusValue


@dataclass(frozen=True)
class Rating:
    """For example Green ("On track") in 2021-22 Q3, shown as a green tag."""

    label: str
    meaning: str
    tag: str
    period_label: str

    @classmethod
    def of(cls, value: StatusValue, quarter: Quarter) -> Rating:
        return cls(value.label, value.meaning, value.tag, quarter.label)
