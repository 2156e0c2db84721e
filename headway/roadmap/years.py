"""Which financial years the map pages show: read from their addresses, or the year the
organisation is working in."""

from __future__ import annotations

from headway import clock
from headway.lib.fy import FinancialYear, parse_span, span_label
from headway.lib.words import number_word
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation


def working_year(organisation: Organisation) -> int:
    """The financial year of the organisation's latest reporting period, else this year's."""
    latest = (
        ReportingPeriod.objects.filter(organisation=organisation)
        .order_by("-year", "-quarter")
        .values_list("year", flat=True)
        .first()
    )
    return latest if latest is not None else FinancialYear.of(clock.today()).start


def road_map_year(text: str) -> FinancialYear:
    """The one financial year a road map covers, such as ``2021-22``; ``ValueError`` says
    what is wrong with anything else."""
    return FinancialYear.parse(text)


def priority_map_years(text: str) -> int:
    """The first of the two consecutive financial years a priority map covers, read from
    ``2021-23``; ``ValueError`` says what is wrong with anything else."""
    first, last = parse_span(text)
    FinancialYear(first + 1)  # Refuses a second year beyond those Headway handles.
    example = span_label(first, first + 1)
    if last != first + 1:
        years = last - first + 1
        covers = "one financial year" if years == 1 else f"{number_word(years)} financial years"
        raise ValueError(
            f"{text.strip()!r} names {covers}, but a priority map covers two consecutive "
            f"years: {example} covers {FinancialYear(first).label} and "
            f"{FinancialYear(first + 1).label}."
        )
    return first
