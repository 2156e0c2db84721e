"""What the version pages show: each version of the maps with the change that made it, and
the differences between any two versions with each change's reason and the partners' say."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from headway.roadmap.diff import MapDiff
from headway.roadmap.models import MapVersion
from headway.roadmap.versions import compare
from headway.strategy.models import Organisation


@dataclass(frozen=True)
class VersionRow:
    number: int
    created_at: Any
    change_request_id: int | None
    changes: list[dict[str, Any]]
    """What changed since the version before, as the version recorded it."""

    @property
    def is_baseline(self) -> bool:
        return self.change_request_id is None


def version_rows(organisation: Organisation) -> list[VersionRow]:
    """Every version, latest first. One query: the changes were recorded with each version."""
    return [
        VersionRow(v.number, v.created_at, v.change_request_id, list(v.changes or []))
        for v in MapVersion.objects.filter(organisation=organisation)
        .only("number", "created_at", "change_request_id", "changes")
        .order_by("-number")
    ]


@dataclass(frozen=True)
class ComparisonPage:
    numbers: list[int]
    earlier: int | None = None
    later: int | None = None
    diff: MapDiff | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def sections(self) -> list[tuple[str, str, tuple[Any, ...]]]:
        if self.diff is None:
            return []
        return [
            ("added", "Added", self.diff.added),
            ("removed", "Removed", self.diff.removed),
            ("moved", "Moved", self.diff.moved),
            ("rescheduled", "Rescheduled", self.diff.rescheduled),
        ]


def _number(query: Mapping[str, str], name: str, numbers: list[int]) -> tuple[int | None, str]:
    text = (query.get(name) or "").strip()
    if not text:
        return None, ""
    if not text.isdigit() or int(text) not in numbers:
        return None, "Select a version from the list"
    return int(text), ""


def comparison_page(organisation: Organisation, query: Mapping[str, str]) -> ComparisonPage:
    """Compare the versions ``?from=`` and ``?to=``; by default the latest with the one
    before it."""
    numbers = list(
        MapVersion.objects.filter(organisation=organisation)
        .order_by("number")
        .values_list("number", flat=True)
    )
    if len(numbers) < 2:
        return ComparisonPage(numbers)
    earlier, earlier_error = _number(query, "from", numbers)
    later, later_error = _number(query, "to", numbers)
    errors = {k: v for k, v in (("from", earlier_error), ("to", later_error)) if v}
    if errors:
        return ComparisonPage(numbers, earlier, later, errors=errors)
    later = later or numbers[-1]
    earlier = earlier or max((n for n in numbers if n < later), default=numbers[0])
    versions = {
        v.number: v
        for v in MapVersion.objects.filter(organisation=organisation, number__in=(earlier, later))
    }
    try:
        diff = compare(versions[earlier], versions[later])
    except ValueError as error:
        return ComparisonPage(numbers, earlier, later, errors={"from": str(error)})
    return ComparisonPage(numbers, earlier, later, diff)
