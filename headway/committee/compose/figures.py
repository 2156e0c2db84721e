"""The quarter's figures in numbers: status counts and what moved since last quarter.

Pure functions over snapshot data, so the cover report's words, the appendix's charts and
the open data all count the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

Data = dict[str, Any]


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


def scale_positions(data: Data) -> dict[str, int]:
    """Position on the scale, best first (Blue 0, Green 1, Amber 2, Red 3)."""
    return {value["code"]: index for index, value in enumerate(data["status_scale"])}


def status_counts(data: Data, updates: list[Data] | None = None) -> list[StatusCount]:
    """How many of the period's approved returns carry each status, in scale order."""
    counts = Counter(
        u["status"] for u in (updates if updates is not None else data["updates"]["current"])
    )
    return [
        StatusCount(v["code"], v["label"], v["meaning"], v["colour"], counts.get(v["code"], 0))
        for v in data["status_scale"]
    ]


def status_by_priority(data: Data) -> list[tuple[Data, list[StatusCount]]]:
    """For each priority, the status counts of its initiatives' returns this period."""
    by_initiative = {u["initiative"]: u for u in data["updates"]["current"]}
    rows = []
    for priority in data["priorities"]:
        updates = [
            by_initiative[i["id"]]
            for i in data["initiatives"]
            if priority["id"] in i["priorities"] and i["id"] in by_initiative
        ]
        rows.append((priority, status_counts(data, updates)))
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
