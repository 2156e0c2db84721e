"""A report whose portfolio holds the text that breaks layouts: a 3,000-character word,
emoji and symbols, right-to-left names, markup and control characters. Stored as an older
Headway would have stored it (past the input cleaning), so the snapshot must clean it too."""

from __future__ import annotations

from decimal import Decimal

from headway.committee.compose.document import compose_document, report_content
from headway.committee.document import Document
from headway.committee.drafting import draft_report
from headway.strategy.models import Organisation, Service
from tests.factories import (
    CommitteeFactory,
    InitiativeFactory,
    MeetingFactory,
    MilestoneFactory,
    PartnerFactory,
    PriorityFactory,
    ReportFactory,
    StrategyEventFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)
from tests.indicators.factories import FigureFactory, MeasureFactory, TargetFactory

LONG_WORD = "Supercalifragilistic" * 150  # 3,000 characters with nowhere to break
EMOJI = "Staff wellbeing \U0001f60a \U0001f44d\U0001f3fd \u2705 \u2615 \u00a3 \u20ac \u2192 \u2264"
ARABIC = "\u062a\u062d\u062f\u064a\u062b \u0646\u0638\u0627\u0645 " + (
    "\u0627\u0644\u0631\u0648\u0627\u062a\u0628"
)  # "updating the payroll system"
HEBREW = "\u05e2\u05d3\u05db\u05d5\u05df \u05de\u05e2\u05e8\u05db\u05ea"
MARKUP = "<script>alert('x')</script> **bold** &amp; {{ name }} ${x} <b>b</b>"
OVERRIDE = "Shared \u202eprint\u202c and \u2067post\u2069 hub\x0b\x07"

# Names each of which must be found whole in every file, beside the hostile text.
NEIGHBOURS = (
    "Replace payroll",
    "Debt recovery",
    "Cloud migration",
    "Shared print and post hub",
    "Invoices paid on time",
)


def hostile_document(org: Organisation, service: Service) -> Document:
    strategy = StrategyFactory.create(organisation=org)
    StrategyEventFactory.create(strategy=strategy, text=f"Presented to the Committee. {EMOJI}")
    StrategyEventFactory.create(strategy=strategy, kind="reviewed", text=f"{ARABIC}. {HEBREW}.")
    priorities = [
        PriorityFactory.create(strategy=strategy, number=1, title="Customer first"),
        PriorityFactory.create(strategy=strategy, number=2, title=f"{ARABIC} digital"),
        PriorityFactory.create(strategy=strategy, number=3, title=MARKUP[:60]),
    ]
    committee = CommitteeFactory.create(organisation=org, name="Joint Committee")
    report = ReportFactory.create(
        meeting=MeetingFactory.create(committee=committee),
        slug="hostile-q3",
        # An officer whose name is written in Hebrew: the header's cell reads right to left.
        author_name=f"{HEBREW} (demo)",
    )
    rows = [
        ("Replace payroll", "green", f"Went live. {LONG_WORD} Then trained staff."),
        (LONG_WORD[:240], "amber", f"{LONG_WORD}"),
        ("Debt recovery", "red", f"{HEBREW} {MARKUP}"),
        (ARABIC, "green", f"{ARABIC} {HEBREW}. {EMOJI}"),
        (EMOJI, "blue", EMOJI),
        ("Cloud migration", "green", MARKUP),
        (OVERRIDE, "amber", OVERRIDE),
    ]
    for number, (title, status, text) in enumerate(rows):
        initiative = InitiativeFactory.create(
            organisation=org,
            service=service,
            title=title,
            is_key_project=number < 3,
            priorities=[priorities[number % 3]],
        )
        MilestoneFactory.create(initiative=initiative, title=f"Milestone {LONG_WORD[:90]}")
        UpdateFactory.create(
            initiative=initiative,
            period=report.period,
            status=status_value(org, status),
            narrative=text,
            achievements=text,
            next_steps=f"{text} next",
        )
    _hostile_measures(org, service, priorities, report.period)
    return compose_document(report_content(draft_report(report)))


def _hostile_measures(
    org: Organisation, service: Service, priorities: list, period: object
) -> None:
    """Measures with hostile names and exception notes, off target for one council each."""
    councils = [
        PartnerFactory.create(organisation=org, name="Newham"),
        PartnerFactory.create(organisation=org, name=HEBREW),
    ]
    rows = [
        ("HOST-PI-01", "Invoices paid on time", f"Late. {LONG_WORD} {MARKUP}", EMOJI),
        ("HOST-PI-02", f"{EMOJI} calls answered", f"{ARABIC}. {HEBREW}.", MARKUP),
        ("HOST-PI-03", ARABIC, MARKUP, f"{OVERRIDE} {ARABIC}"),
        ("HOST-PI-04", MARKUP[:60], "", ""),
    ]
    for number, (reference, name, why, action) in enumerate(rows):
        measure = MeasureFactory.create(
            organisation=org,
            service=service,
            reference=reference,
            name=name,
            priority=priorities[number % 3],
            partners=councils,
            whole_service="sum",
        )
        # Each council's target, and the whole service's (the sum of theirs).
        for council, target in zip((*councils, None), (95, 95, 190), strict=True):
            TargetFactory.create(measure=measure, partner=council, value=Decimal(target))
        for council, value in zip(
            councils, (Decimal(80) if why else Decimal(97), Decimal(96)), strict=True
        ):
            FigureFactory.create(
                measure=measure,
                period=period,
                partner=council,
                value=value,
                exception_why=why,
                exception_action=action,
                exception_recovery=f"By 2022-23 Q1 {EMOJI}" if why else "",
            )
