"""Every figure a report states, computed once from its snapshot.

The cover report's words, the appendix's slides and charts, the HTML and PDF (which print the
same document) and the open data all read ``Figures``; none of them counts anything itself,
so a number that appears twice can only agree.

The counting rule, stated in the pack where it matters: an initiative is counted once in
totals, under its lead priority (the first of the strategy's priorities it serves). A
breakdown that lists it under each priority it serves says so, and gives the distinct total
beside the sum.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from headway.committee.compose import indicators
from headway.lib.fy import Quarter
from headway.lib.words import long_date

Data = dict[str, Any]

# An initiative with one of these statuses is off the maps: it has no coming months.
OFF_MAP_STATUSES = ("completed", "deprioritised", "cancelled")
NO_RETURN = "No approved return"
NO_RETURN_COLOUR = "#b1b4b6"
COUNTING_RULE = (
    "Each initiative is counted once, under its lead priority (the first of the strategy's "
    "priorities it serves)."
)


@dataclass(frozen=True)
class StatusCount:
    code: str
    label: str
    meaning: str
    colour: str
    count: int


@dataclass(frozen=True)
class Movement:
    initiative: int
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class Movements:
    improved: list[Movement]
    worsened: list[Movement]
    newly_reported: list[int]


@dataclass(frozen=True)
class PriorityCounts:
    priority: Data
    counts: list[StatusCount]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)


@dataclass(frozen=True)
class TrendPoint:
    label: str
    counts: dict[str, int]
    no_return: int


@dataclass(frozen=True)
class Coverage:
    """Which returns the figures stand on: ``approved`` of the ``expected`` ones, as they
    stood on ``as_of``, in a period still open or closed."""

    period_label: str
    expected: int
    approved: int
    as_of: date
    period_open: bool

    @property
    def is_partial(self) -> bool:
        return self.period_open or self.approved < self.expected

    @property
    def statement(self) -> str | None:
        """``Figures for 2021-22 Q3 cover the 40 of 59 initiatives whose returns were
        approved by 18 February 2022.``; None when every return was in and the period closed."""
        if not self.is_partial:
            return None
        when = long_date(self.as_of)
        if self.approved < self.expected:
            text = (
                f"Figures for {self.period_label} cover the {self.approved} of {self.expected} "
                f"initiatives whose returns were approved by {when}"
            )
        else:
            text = (
                f"Figures for {self.period_label} cover all {self.expected} initiatives' "
                f"returns, approved by {when}"
            )
        if self.period_open:
            text += ", while the quarter was still open for returns"
        return text + "."


def scale_positions(data: Data) -> dict[str, int]:
    """Position on the scale, best first (Blue 0, Green 1, Amber 2, Red 3)."""
    return {value["code"]: index for index, value in enumerate(data["status_scale"])}


def status_counts(data: Data, updates: list[Data] | None = None) -> list[StatusCount]:
    """How many of the given returns (the period's approved ones by default) carry each
    status, in scale order."""
    counts = Counter(
        u["status"] for u in (updates if updates is not None else data["updates"]["current"])
    )
    return [
        StatusCount(v["code"], v["label"], v["meaning"], v["colour"], counts.get(v["code"], 0))
        for v in data["status_scale"]
    ]


def lead_priority(data: Data, initiative: Data) -> int | None:
    """The id of the first of the strategy's priorities the initiative serves."""
    served = set(initiative["priorities"])
    return next((p["id"] for p in data["priorities"] if p["id"] in served), None)


def status_by_priority(data: Data, *, each_priority: bool = False) -> list[PriorityCounts]:
    """Each priority's status counts of this period's approved returns: by lead priority (so
    the rows add up to the total), or under every priority served when ``each_priority``."""
    by_initiative = {u["initiative"]: u for u in data["updates"]["current"]}
    rows = []
    for priority in data["priorities"]:
        updates = [
            by_initiative[i["id"]]
            for i in data["initiatives"]
            if i["id"] in by_initiative
            and (
                priority["id"] in i["priorities"]
                if each_priority
                else lead_priority(data, i) == priority["id"]
            )
        ]
        rows.append(PriorityCounts(priority, status_counts(data, updates)))
    return rows


def movements(data: Data) -> Movements:
    """Returns whose status changed since the previous period, better or worse."""
    position = scale_positions(data)
    titles = {i["id"]: i["title"] for i in data["initiatives"]}
    before = {u["initiative"]: u["status"] for u in data["updates"]["previous"] if u["status"]}
    improved: list[Movement] = []
    worsened: list[Movement] = []
    newly: list[int] = []
    for update in data["updates"]["current"]:
        initiative, after = update["initiative"], update["status"]
        if after is None:
            continue
        if initiative not in before:
            newly.append(initiative)
            continue
        old = before[initiative]
        if old == after or old not in position or after not in position:
            continue
        move = Movement(initiative, titles.get(initiative, ""), old, after)
        (improved if position[after] < position[old] else worsened).append(move)
    return Movements(improved, worsened, newly)


def coverage(data: Data) -> Coverage:
    period = data["period"]
    approved = len(data["updates"]["current"])
    returns = data.get("returns")
    # Snapshots taken before returns were recorded counted only the approved ones.
    expected = max(approved, len(returns["expected"])) if returns else approved
    return Coverage(
        period_label=period["label"],
        expected=expected,
        approved=approved,
        as_of=datetime.fromisoformat(data["taken_at"]).date(),
        period_open=period.get("state") == "open",
    )


def trend(data: Data) -> list[TrendPoint]:
    """Each quarter of the year so far: approved returns by status, and how many returns
    were expected but not approved (their own series, never a fall in a status)."""
    points = []
    for point in data.get("trend") or []:
        counts = {code: n for code, n in point["counts"].items() if code}
        expected = point.get("expected", sum(counts.values()))
        points.append(TrendPoint(point["label"], counts, max(0, expected - sum(counts.values()))))
    return points


def _complete_codes(data: Data) -> set[str]:
    return {v["code"] for v in data["status_scale"] if v["means_complete"]}


def completed_this_period(data: Data) -> list[int]:
    """Initiatives whose return first reports them complete this period."""
    complete = _complete_codes(data)
    done_before = {p["initiative"] for p in data["updates"]["previous"] if p["status"] in complete}
    return [
        u["initiative"]
        for u in data["updates"]["current"]
        if u["status"] in complete and u["initiative"] not in done_before
    ]


def finished(data: Data) -> set[int]:
    """Initiatives with nothing coming: off the maps (completed, deprioritised, closed) or
    reported complete this period."""
    off = {i["id"] for i in data["initiatives"] if i["status"] in OFF_MAP_STATUSES}
    complete = _complete_codes(data)
    done = {u["initiative"] for u in data["updates"]["current"] if u["status"] in complete}
    changed = {
        c["initiative"]
        for c in data.get("map_changes") or []
        if c.get("kind") in ("deprioritise", "close") and c.get("initiative")
    }
    return off | done | changed


def milestones_due_next_quarter(data: Data) -> list[tuple[Data, Data]]:
    """Unfinished milestones of initiatives still under way, expected in the quarter after
    the report's, soonest first."""
    following = Quarter(data["period"]["year"], data["period"]["quarter"]).next()
    first, last = following.first_day.isoformat(), following.last_day.isoformat()
    gone = finished(data)
    due = [
        (initiative, milestone)
        for initiative in data["initiatives"]
        if initiative["id"] not in gone
        for milestone in initiative["milestones"]
        if not milestone["completed_on"]
        and first <= (milestone["forecast"] or milestone["due"]) <= last
    ]
    return sorted(due, key=lambda im: im[1]["forecast"] or im[1]["due"])


class Figures:
    """The report's figures, each computed once on first use."""

    def __init__(self, data: Data) -> None:
        self.data = data

    @cached_property
    def coverage(self) -> Coverage:
        return coverage(self.data)

    @cached_property
    def statuses(self) -> list[StatusCount]:
        return status_counts(self.data)

    @property
    def reported(self) -> int:
        """Initiatives with an approved return this period, each counted once."""
        return sum(c.count for c in self.statuses)

    @cached_property
    def by_lead_priority(self) -> list[PriorityCounts]:
        return status_by_priority(self.data)

    @cached_property
    def by_each_priority(self) -> list[PriorityCounts]:
        return status_by_priority(self.data, each_priority=True)

    @property
    def listed_under_priorities(self) -> int:
        """The sum of ``by_each_priority``: an initiative serving two priorities counts twice."""
        return sum(row.total for row in self.by_each_priority)

    @cached_property
    def trend(self) -> list[TrendPoint]:
        return trend(self.data)

    @cached_property
    def movements(self) -> Movements:
        return movements(self.data)

    @cached_property
    def completed(self) -> list[int]:
        return completed_this_period(self.data)

    @cached_property
    def due_next_quarter(self) -> list[tuple[Data, Data]]:
        return milestones_due_next_quarter(self.data)

    def as_data(self) -> Data:
        """The figures as open data (``data.json``'s ``figures``)."""
        scale = [v["code"] for v in self.data["status_scale"]]
        cover = self.coverage
        published = {
            "counting_rule": COUNTING_RULE,
            "coverage": {
                "period": cover.period_label,
                "expected": cover.expected,
                "approved": cover.approved,
                "as_of": cover.as_of.isoformat(),
                "period_open": cover.period_open,
                "statement": cover.statement,
            },
            "reported": self.reported,
            "by_status": {c.code: c.count for c in self.statuses},
            "by_lead_priority": [
                {
                    "priority": row.priority["number"],
                    "counts": {c.code: c.count for c in row.counts},
                    "total": row.total,
                }
                for row in self.by_lead_priority
            ],
            "by_each_priority": {
                "note": "An initiative serving several priorities is counted under each.",
                "rows": [
                    {
                        "priority": row.priority["number"],
                        "counts": {c.code: c.count for c in row.counts},
                        "total": row.total,
                    }
                    for row in self.by_each_priority
                ],
                "sum": self.listed_under_priorities,
                "distinct": self.reported,
            },
            "trend": [
                {
                    "quarter": point.label,
                    "counts": {code: point.counts.get(code, 0) for code in scale},
                    "no_approved_return": point.no_return,
                }
                for point in self.trend
            ],
            "improved": len(self.movements.improved),
            "worsened": len(self.movements.worsened),
            "milestones_due_next_quarter": len(self.due_next_quarter),
        }
        if indicators.measures(self.data):
            # The measures by status as the cover report counts them, and those off target.
            published["indicators"] = indicators.counts(self.data).as_data()
        return published
