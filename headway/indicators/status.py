"""The arithmetic of performance indicators, as pure functions of plain values.

Nothing here reads the database: pages, the API, the import and the committee pack pass in
the numbers and get back what the committee sees. Status is computed, never typed.

- ``status(value, target, polarity)``: on target, within tolerance, off target, no data or
  no target. A ``Target`` carries the tolerance that makes the amber band: an absolute
  amount, or a percentage of the target.
- ``direction(now, before, polarity)``: improving, no change or worse, or not comparable when
  either figure is missing. Short term compares with the last period, long term with the same
  period last year (``headway.indicators.figures`` finds those figures).
- ``whole_service(kind, figures)``: the whole service's figure from the partners', by sum or
  weighted average; a measure whose whole service makes its own return has none computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Polarity(StrEnum):
    HIGHER = "higher"  # higher is better: invoices paid on time, calls answered
    LOWER = "lower"  # lower is better: days to process a claim, debt outstanding


class ToleranceKind(StrEnum):
    ABSOLUTE = "absolute"  # the band is this amount in the measure's unit
    PERCENTAGE = "percentage"  # the band is this percentage of the target


class Aggregation(StrEnum):
    SUM = "sum"
    WEIGHTED = "weighted"  # the partners' figures weighted, e.g. by their denominators
    OWN = "own"  # the whole service makes its own return


class Status(StrEnum):
    ON_TARGET = "on_target"
    WITHIN_TOLERANCE = "within_tolerance"
    OFF_TARGET = "off_target"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def symbol(self) -> str:
        """Shown beside the words, so that status never rests on colour alone."""
        return STATUS_SYMBOLS[self]


STATUS_LABELS = {
    Status.ON_TARGET: "On target",
    Status.WITHIN_TOLERANCE: "Within tolerance",
    Status.OFF_TARGET: "Off target",
    Status.NO_DATA: "No data",
    Status.NO_TARGET: "No target",
}
STATUS_SYMBOLS = {
    Status.ON_TARGET: "✓",
    Status.WITHIN_TOLERANCE: "!",
    Status.OFF_TARGET: "✗",
    Status.NO_DATA: "\u2013",
    Status.NO_TARGET: "\u2013",
}
# The order lists and summaries count them in: the worst first.
STATUS_ORDER = (
    Status.OFF_TARGET,
    Status.WITHIN_TOLERANCE,
    Status.ON_TARGET,
    Status.NO_TARGET,
    Status.NO_DATA,
)


class Direction(StrEnum):
    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    WORSE = "worse"
    NOT_COMPARABLE = "not_comparable"

    @property
    def label(self) -> str:
        return DIRECTION_LABELS[self]

    @property
    def symbol(self) -> str:
        return DIRECTION_SYMBOLS[self]


DIRECTION_LABELS = {
    Direction.IMPROVING: "Improving",
    Direction.NO_CHANGE: "No change",
    Direction.WORSE: "Getting worse",
    Direction.NOT_COMPARABLE: "Not comparable",
}
DIRECTION_SYMBOLS = {
    Direction.IMPROVING: "▲",
    Direction.NO_CHANGE: "►",
    Direction.WORSE: "▼",
    Direction.NOT_COMPARABLE: "\u2013",
}


@dataclass(frozen=True)
class Goal:
    """A target value with its tolerance: the plain values of a ``Target`` row."""

    value: Decimal
    tolerance_kind: ToleranceKind = ToleranceKind.ABSOLUTE
    tolerance: Decimal = Decimal(0)

    @property
    def band(self) -> Decimal:
        """How far short of the target a figure may fall and still be within tolerance."""
        if self.tolerance_kind == ToleranceKind.PERCENTAGE:
            return abs(self.value) * self.tolerance / 100
        return abs(self.tolerance)


def better(a: Decimal, b: Decimal, polarity: Polarity | str) -> bool:
    """Whether ``a`` is strictly better than ``b`` for a measure of this polarity."""
    return a > b if Polarity(polarity) == Polarity.HIGHER else a < b


def status(value: Decimal | None, goal: Goal | None, polarity: Polarity | str) -> Status:
    """Where a figure stands against its target.

    No figure is "no data" whether or not there is a target: what is missing first is the
    figure. A figure exactly on the target, or exactly on the edge of the band, counts in the
    better group.
    """
    if value is None:
        return Status.NO_DATA
    if goal is None:
        return Status.NO_TARGET
    if not better(goal.value, value, polarity):
        return Status.ON_TARGET
    shortfall = abs(value - goal.value)
    if shortfall <= goal.band:
        return Status.WITHIN_TOLERANCE
    return Status.OFF_TARGET


def direction(now: Decimal | None, before: Decimal | None, polarity: Polarity | str) -> Direction:
    """Whether the figure is better or worse than an earlier one of the same measure."""
    if now is None or before is None:
        return Direction.NOT_COMPARABLE
    if now == before:
        return Direction.NO_CHANGE
    return Direction.IMPROVING if better(now, before, polarity) else Direction.WORSE


@dataclass(frozen=True)
class PartnerFigure:
    """One partner's figure, and its weight in a weighted average (e.g. its denominator)."""

    value: Decimal
    weight: Decimal | None = None


PLACES = Decimal("0.01")  # figures are kept to two decimal places (``Figure.value``)


def whole_service(
    kind: Aggregation | str, figures: Iterable[PartnerFigure | None], places: int = 2
) -> Decimal | None:
    """The whole service's figure from its partners' figures, or None.

    ``figures`` has one item per partner the measure is reported for: None where a partner's
    figure is missing. A sum or average of some partners only would mislead, so any missing
    figure (or, for a weighted average, any missing weight) gives None, as do weights summing
    to zero. ``OWN`` is always None: that service returns its own figure. A weighted average
    is rounded half up to ``places`` (its unit's, ``headway.indicators.units``: what every
    page and the pack show; at most two, as figures are kept).
    """
    kind = Aggregation(kind)
    rows = list(figures)
    if kind == Aggregation.OWN or not rows:
        return None
    present = [row for row in rows if row is not None]
    if len(present) < len(rows):
        return None
    if kind == Aggregation.SUM:
        return sum((row.value for row in present), Decimal(0))
    weights = [row.weight for row in present]
    if any(weight is None for weight in weights):
        return None
    total_weight = sum((weight or Decimal(0) for weight in weights), Decimal(0))
    if total_weight == 0:
        return None
    weighted = sum((row.value * (row.weight or Decimal(0)) for row in present), Decimal(0))
    quantum = max(PLACES, Decimal(1).scaleb(-places))
    return (weighted / total_weight).quantize(quantum, rounding=ROUND_HALF_UP)
