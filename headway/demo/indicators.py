"""A dozen of oneSource's performance indicators, for Newham, Havering and the whole
service, over 2021-22 Q1 to Q3: targets with tolerances, and figures, some off target with
their exception notes. Notes name roles, never people. The same quarters of 2020-21 are
there too, approved, so that the Q3 pack compares each figure with the year before.

Q1 and Q2 are approved. In Q3 most figures are approved (so the draft report's pack has
indicators, off target ones among them); a few are submitted, waiting for the reviewer, and
the Head of Finance (``lead``) still has some to enter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from headway.accounts.models import User
from headway.demo.people import lead_of
from headway.demo.records import changes, upsert
from headway.indicators.models import Figure, Measure, Target
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Partner, Priority, Service

LONDON = ZoneInfo("Europe/London")
YEAR = 2021
QUARTERS = (Quarter(YEAR, 1), Quarter(YEAR, 2), Quarter(YEAR, 3))
LAST_YEAR = tuple(Quarter(YEAR - 1, q.number) for q in QUARTERS)
WHOLE = "Whole service"
Unit, Polarity, Whole, Frequency = (
    Measure.Unit,
    Measure.Polarity,
    Measure.WholeService,
    Measure.Frequency,
)


@dataclass(frozen=True)
class Note:
    why: str
    action: str
    recovery: str


@dataclass(frozen=True)
class MeasureSpec:
    reference: str
    name: str
    definition: str
    unit: str
    polarity: str
    frequency: str
    priority: int
    whole_service: str
    # The year's target and its tolerance, or one target per quarter (cumulative measures).
    target: Decimal | tuple[Decimal, Decimal, Decimal]
    tolerance: Decimal
    tolerance_kind: str = Target.ToleranceKind.ABSOLUTE
    weight_label: str = ""
    # Q1-Q3 values, by council (WHOLE for a whole-service return), and weights by council.
    values: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    # The same quarters of the year before, against the same targets.
    last_year: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weights: dict[str, str] = field(default_factory=dict)
    # A council's own target where it differs (money measures).
    council_targets: dict[str, Decimal] = field(default_factory=dict)
    notes: dict[tuple[str, int], Note] = field(default_factory=dict)

    @property
    def service_code(self) -> str:
        return self.reference.split("-")[0]


D = Decimal
NEWHAM, HAVERING = "Newham", "Havering"

MEASURES = (
    MeasureSpec(
        "EXT-PI-01",
        "Invoices paid within 30 days",
        "Undisputed invoices paid within 30 days of receipt, as a percentage of all "
        "undisputed invoices paid in the period.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.MONTHLY,
        2,
        Whole.WEIGHTED,
        D(95),
        D(2),
        weight_label="undisputed invoices paid",
        last_year={NEWHAM: ("93.2", "93.9", "94.5"), HAVERING: ("95.9", "96.4", "96.9")},
        values={NEWHAM: ("94.1", "95.3", "96.0"), HAVERING: ("96.8", "96.2", "92.4")},
        weights={NEWHAM: "31250", HAVERING: "18400"},
        notes={
            (HAVERING, 3): Note(
                "The move of Havering's invoice scanning to the new purchase-to-pay system in "
                "November held about 1,100 invoices for two weeks.",
                "The scanning backlog was cleared by temporary staff in December; the Head of "
                "Exchequer reviews the unpaid invoice report weekly with the system supplier.",
                "By the end of 2021-22 Q4",
            )
        },
    ),
    MeasureSpec(
        "EXT-PI-02",
        "Average days to process a new Housing Benefit claim",
        "Calendar days from receiving a new claim to deciding it, averaged over the claims "
        "decided in the period (the DWP's SHBE definition).",
        Unit.DAYS,
        Polarity.LOWER,
        Frequency.MONTHLY,
        1,
        Whole.WEIGHTED,
        D(20),
        D(10),
        Target.ToleranceKind.PERCENTAGE,
        weight_label="new claims decided",
        last_year={NEWHAM: ("21.8", "21.6", "21.2"), HAVERING: ("19.6", "19.1", "18.9")},
        values={NEWHAM: ("21.5", "23.8", "26.9"), HAVERING: ("18.2", "19.0", "18.6")},
        weights={NEWHAM: "2140", HAVERING: "980"},
        notes={
            (NEWHAM, 2): Note(
                "Claims rose by 18% after the end of the furlough scheme while two assessor "
                "posts were vacant.",
                "The two posts are being recruited to; claims are triaged daily so that "
                "those with rent arrears are decided first.",
                "By the end of 2021-22 Q3",
            ),
            (NEWHAM, 3): Note(
                "The two assessor posts are still vacant after two rounds of recruitment, "
                "and new claims stayed 15% above last year's level.",
                "Agency assessors started in January; overtime is offered at weekends; the "
                "Head of Benefits reports the backlog to Newham's Director of Finance monthly.",
                "By the end of 2022-23 Q1",
            ),
        },
    ),
    MeasureSpec(
        "EXT-PI-03",
        "Council Tax collected in year",
        "Council Tax received for the year so far, as a percentage of the net collectable "
        "debit for the year: a cumulative measure, with a target for each quarter.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.MONTHLY,
        2,
        Whole.WEIGHTED,
        (D(29), D(56), D(83)),
        D("1.5"),
        weight_label="net collectable debit (£m)",
        last_year={NEWHAM: ("27.9", "54.8", "82.1"), HAVERING: ("28.8", "56.2", "83.4")},
        values={NEWHAM: ("28.4", "55.1", None), HAVERING: ("29.6", "57.0", None)},
        weights={NEWHAM: "131", HAVERING: "158"},
    ),
    MeasureSpec(
        "EXT-PI-04",
        "Sundry debt more than 90 days old",
        "The value of sundry (non-tax) debt raised more than 90 days before the end of the "
        "period and still unpaid.",
        Unit.MONEY,
        Polarity.LOWER,
        Frequency.QUARTERLY,
        2,
        Whole.SUM,
        D(6500000),
        D(5),
        Target.ToleranceKind.PERCENTAGE,
        last_year={
            NEWHAM: ("4120000", "4160000", "4080000"),
            HAVERING: ("2260000", "2330000", "2410000"),
        },
        values={
            NEWHAM: ("4180000", "4050000", "3890000"),
            HAVERING: ("2310000", "2585000", "2940000"),
        },
        council_targets={NEWHAM: D(4000000), HAVERING: D(2500000)},
        notes={
            (HAVERING, 3): Note(
                "Three large invoices to a health partner, £410,000 in all, are disputed and "
                "passed 90 days in November.",
                "The disputes are with both organisations' finance directors; recovery action "
                "on smaller debts continues as normal.",
                "When the disputes are settled, expected by the end of 2021-22 Q4",
            )
        },
    ),
    MeasureSpec(
        "BS-PI-01",
        "Calls to the contact centre answered",
        "Calls answered by an adviser as a percentage of calls offered, excluding calls "
        "abandoned within 5 seconds.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.MONTHLY,
        1,
        Whole.WEIGHTED,
        D(90),
        D(3),
        weight_label="calls offered",
        last_year={NEWHAM: ("87.6", "88.9", "89.5"), HAVERING: ("90.8", "91.5", "91.9")},
        values={NEWHAM: ("88.5", "85.9", "84.2"), HAVERING: ("91.2", "92.0", "90.4")},
        weights={NEWHAM: "96400", HAVERING: "61800"},
        notes={
            (NEWHAM, 2): Note(
                "Calls about the Council Tax energy rebate doubled demand in September.",
                "Rebate questions were answered on the website and by text message, and "
                "advisers moved from back-office work at peak times.",
                "By the end of 2021-22 Q3",
            ),
            (NEWHAM, 3): Note(
                "Demand stayed high into December and sickness among advisers rose over "
                "the winter.",
                "A call-back option was introduced in January and six advisers are being "
                "recruited; the Head of Business Support reviews the daily call figures.",
                "By the end of 2022-23 Q1",
            ),
        },
    ),
    MeasureSpec(
        "FIN-PI-01",
        "Budget monitoring reports issued by working day 10",
        "Monthly budget monitoring reports sent to budget holders by the tenth working day "
        "after the month's end, as a percentage of reports due.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.MONTHLY,
        2,
        Whole.OWN,
        D(100),
        D(5),
        last_year={
            NEWHAM: ("95.8", "97.2", "100"),
            HAVERING: ("97.2", "95.8", "100"),
            WHOLE: ("96.5", "96.5", "100"),
        },
        values={
            NEWHAM: ("100", "96.4", None),
            HAVERING: ("97.2", "100", None),
            WHOLE: ("98.6", "98.2", None),
        },
    ),
    MeasureSpec(
        "HR-PI-01",
        "Working days lost to sickness per employee",
        "Working days lost to sickness absence in the 12 months to the period's end, divided "
        "by the average number of full-time equivalent employees.",
        Unit.DAYS,
        Polarity.LOWER,
        Frequency.QUARTERLY,
        4,
        Whole.WEIGHTED,
        D(8),
        D("0.5"),
        weight_label="full-time equivalent employees",
        last_year={NEWHAM: ("8.0", "8.2", "8.4"), HAVERING: ("7.9", "7.7", "7.5")},
        values={NEWHAM: ("8.9", "9.2", "9.6"), HAVERING: ("7.6", "7.8", "8.1")},
        weights={NEWHAM: "612", HAVERING: "389"},
        notes={
            (NEWHAM, 1): Note(
                "Long-term absence for stress and musculoskeletal conditions rose in the "
                "Revenues and Benefits teams.",
                "Managers have been trained in the absence policy and referrals to "
                "occupational health are made at four weeks.",
                "By the end of 2021-22 Q4",
            ),
            (NEWHAM, 2): Note(
                "Long-term cases are falling but short-term absence rose as offices reopened.",
                "Return-to-work interviews are checked monthly by the HR business partner.",
                "By the end of 2021-22 Q4",
            ),
            (NEWHAM, 3): Note(
                "Winter illness added to the long-term cases still open from the summer.",
                "A wellbeing programme started in January; the Head of HR and OD reports the "
                "ten longest cases to the senior management team monthly.",
                "By the end of 2022-23 Q1",
            ),
        },
    ),
    MeasureSpec(
        "PAY-PI-01",
        "Payroll accuracy",
        "Payslips issued without an error found after the pay date, as a percentage of all "
        "payslips issued.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.MONTHLY,
        1,
        Whole.WEIGHTED,
        D("99.5"),
        D("0.3"),
        weight_label="payslips issued",
        last_year={NEWHAM: ("99.5", "99.6", "99.6"), HAVERING: ("99.3", "99.4", "99.5")},
        values={NEWHAM: ("99.7", "99.6", "99.8"), HAVERING: ("99.4", "99.6", "99.7")},
        weights={NEWHAM: "41200", HAVERING: "27600"},
    ),
    MeasureSpec(
        "ICT-PI-01",
        "Service desk incidents resolved within the agreed time",
        "Incidents logged with the ICT service desk and resolved within the time agreed for "
        "their priority, as a percentage of incidents resolved.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.MONTHLY,
        3,
        Whole.WEIGHTED,
        D(85),
        D(5),
        weight_label="incidents resolved",
        last_year={NEWHAM: ("81.5", "83.0", "84.6"), HAVERING: ("83.2", "85.4", "85.9")},
        values={NEWHAM: ("86.1", "82.4", "87.3"), HAVERING: ("88.0", "84.9", "86.2")},
        weights={NEWHAM: "9800", HAVERING: "7100"},
    ),
    MeasureSpec(
        "ICT-PI-02",
        "Availability of core business systems",
        "The time core business systems were available in core hours, as a percentage of "
        "core hours, for both councils together (the systems are shared).",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.MONTHLY,
        3,
        Whole.OWN,
        D("99.5"),
        D("0.5"),
        last_year={WHOLE: ("99.6", "99.7", "99.4")},
        values={WHOLE: ("99.8", "99.1", "99.7")},
    ),
    MeasureSpec(
        "PRO-PI-01",
        "Spend with local suppliers",
        "Spend with suppliers based in the two boroughs, as a percentage of all spend with "
        "external suppliers.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.QUARTERLY,
        5,
        Whole.WEIGHTED,
        D(25),
        D(2),
        weight_label="external spend (£m)",
        last_year={NEWHAM: ("23.1", "23.4", "23.6"), HAVERING: ("26.2", "26.8", "27.1")},
        values={NEWHAM: ("23.8", "24.6", "26.1"), HAVERING: ("27.5", "26.9", "27.8")},
        weights={NEWHAM: "142", HAVERING: "118"},
    ),
    MeasureSpec(
        "LEG-PI-01",
        "Freedom of Information requests answered within 20 working days",
        "Requests under the Freedom of Information Act 2000 and the Environmental Information "
        "Regulations answered within 20 working days, as a percentage of those due.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.MONTHLY,
        1,
        Whole.WEIGHTED,
        D(90),
        D(5),
        weight_label="requests due",
        last_year={NEWHAM: ("86.4", "89.2", "90.1"), HAVERING: ("90.6", "91.8", "92.5")},
        values={NEWHAM: ("91.5", "88.7", "92.3"), HAVERING: ("93.0", "90.8", "89.6")},
        weights={NEWHAM: "460", HAVERING: "310"},
    ),
    MeasureSpec(
        "IA-PI-01",
        "Audit plan delivered",
        "Audit days delivered so far this year as a percentage of the days in the audit plan "
        "agreed by each council's audit committee: cumulative, with a target for each quarter.",
        Unit.PERCENTAGE,
        Polarity.HIGHER,
        Frequency.QUARTERLY,
        2,
        Whole.WEIGHTED,
        (D(20), D(45), D(70)),
        D(5),
        weight_label="planned audit days",
        last_year={NEWHAM: ("18", "42", "67"), HAVERING: ("17", "40", "66")},
        values={NEWHAM: ("21", "44", "66"), HAVERING: ("19", "41", "58")},
        weights={NEWHAM: "540", HAVERING: "420"},
        notes={
            (HAVERING, 3): Note(
                "Two auditors were moved to an urgent investigation requested by Havering's "
                "Section 151 officer.",
                "The Head of Internal Audit has agreed with Havering's audit committee chair "
                "to defer three low-risk audits to 2022-23.",
                "By the end of 2021-22 Q4, against the revised plan",
            )
        },
    ),
)

# Q3 figures still in the cycle: waiting for the reviewer, or still with their lead (the
# measures above with no Q3 value have nothing entered yet).
SUBMITTED_IN_Q3 = {("PAY-PI-01", NEWHAM), ("PAY-PI-01", HAVERING), ("LEG-PI-01", HAVERING)}
DRAFT_IN_Q3 = {("EXT-PI-01", NEWHAM)}


def load_indicators(
    organisation: Organisation,
    services: dict[str, Service],
    priorities: dict[int, Priority],
    partners: dict[str, Partner],
    periods: dict[Quarter, ReportingPeriod],
    users: dict[str, User],
) -> dict[str, Measure]:
    """The measures, their targets and their Q1-Q3 figures of this year and last, by
    reference."""
    measures = {}
    # Closed periods refuse every change: thawed while their figures are put back, as the
    # returns' are (headway.demo.progress), then put back as they were.
    states = {q: p.state for q, p in periods.items() if q in QUARTERS + LAST_YEAR}
    ReportingPeriod.objects.filter(pk__in=[periods[q].pk for q in states]).update(
        state=ReportingPeriod.State.UPCOMING
    )
    try:
        for index, spec in enumerate(MEASURES):
            measure = _measure(organisation, spec, services, priorities, partners)
            _targets(measure, spec, partners)
            writer = users[lead_of(spec.service_code)]
            for year in (spec.last_year, spec.values):
                quarters = LAST_YEAR if year is spec.last_year else QUARTERS
                for number, quarter in enumerate(quarters):
                    for council, values in year.items():
                        _figure(
                            measure,
                            spec,
                            periods[quarter],
                            number,
                            council,
                            values,
                            partners,
                            writer,
                            users["reviewer"],
                            index,
                        )
            measures[spec.reference] = measure
    finally:
        for quarter, state in states.items():
            ReportingPeriod.objects.filter(pk=periods[quarter].pk).update(state=state)
            periods[quarter].refresh_from_db()
    return measures


def _measure(
    organisation: Organisation,
    spec: MeasureSpec,
    services: dict[str, Service],
    priorities: dict[int, Priority],
    partners: dict[str, Partner],
) -> Measure:
    measure = upsert(
        Measure,
        {"organisation": organisation, "reference": spec.reference},
        {
            "name": spec.name,
            "definition": spec.definition,
            "unit": spec.unit,
            "polarity": spec.polarity,
            "frequency": spec.frequency,
            "service": services[spec.service_code],
            "priority": priorities[spec.priority],
            "whole_service": spec.whole_service,
            "weight_label": spec.weight_label,
            "is_collected": True,
        },
    )
    measure.partners.set([partners[c] for c in spec.values if c != WHOLE])
    return measure


def _targets(measure: Measure, spec: MeasureSpec, partners: dict[str, Partner]) -> None:
    councils: list[str | None] = [c for c in spec.values if c != WHOLE]
    councils.append(None)
    for council in councils:
        partner = partners[council] if council else None
        targets: dict[int | None, Decimal]
        if isinstance(spec.target, tuple):
            targets = {n + 1: value for n, value in enumerate(spec.target)}
        else:
            targets = {None: spec.council_targets.get(council or "", spec.target)}
        # Last year's targets were this year's: the service kept its standards.
        for year in (YEAR - 1, YEAR):
            for quarter, value in targets.items():
                upsert(
                    Target,
                    {"measure": measure, "year": year, "quarter": quarter, "partner": partner},
                    {
                        "value": value,
                        "tolerance_kind": spec.tolerance_kind,
                        "tolerance": spec.tolerance,
                    },
                )


def _figure(
    measure: Measure,
    spec: MeasureSpec,
    period: ReportingPeriod,
    number: int,
    council: str,
    values: tuple[str | None, ...],
    partners: dict[str, Partner],
    writer: User,
    reviewer: User,
    index: int,
) -> None:
    value = values[number]
    if value is None:
        return
    partner = None if council == WHOLE else partners[council]
    this_year = period.year == YEAR
    note = spec.notes.get((council, number + 1)) if this_year else None
    state = Figure.State.APPROVED
    if this_year and number == 2 and (spec.reference, council) in SUBMITTED_IN_Q3:
        state = Figure.State.SUBMITTED
    if this_year and number == 2 and (spec.reference, council) in DRAFT_IN_Q3:
        state = Figure.State.DRAFT
    deadline = period.deadline or period.end + timedelta(days=14)
    submitted = _at(deadline - timedelta(days=1 + index % 4), index)
    weight = Decimal(spec.weights[council]) if council in spec.weights else None
    if weight is not None and not this_year:
        weight -= weight // 25  # a little less work the year before
    fields: dict[str, object] = {
        "value": Decimal(value),
        # Weights vary a little from quarter to quarter, as invoice counts do.
        "weight": weight + number * (weight // 50) if weight is not None else None,
        "exception_why": note.why if note else "",
        "exception_action": note.action if note else "",
        "exception_recovery": note.recovery if note else "",
        "state": state,
        "review_comment": "",
        "entered_by": writer,
        "submitted_at": submitted if state != Figure.State.DRAFT else None,
        "submitted_by": writer if state != Figure.State.DRAFT else None,
        "reviewed_at": _at(submitted.date() + timedelta(days=2), index + 3)
        if state == Figure.State.APPROVED
        else None,
        "reviewed_by": reviewer if state == Figure.State.APPROVED else None,
    }
    key: dict[str, object] = {"measure": measure, "period": period, "partner": partner}
    # A draft was last saved the day it would have been submitted.
    _write(key, fields, entered_at=submitted)


def _write(key: dict[str, object], fields: dict[str, object], entered_at: datetime) -> None:
    """Save the figure as its lead entered it and, if approved, as the reviewer approved it:
    a step each in its history, dated when it happened in the quarter's cycle and signed by
    the demo person who did it (not the moment the demo was loaded, by no one). A figure
    already right is left alone, so a second run writes no history."""
    found = Figure.objects.filter(**key).first()
    if found is not None and not changes(found, fields):
        return
    figure = found or Figure(**key)
    steps = [(fields, fields["submitted_at"] or entered_at, fields["entered_by"])]
    if fields["state"] == Figure.State.APPROVED:
        submitted = {"state": Figure.State.SUBMITTED, "reviewed_at": None, "reviewed_by": None}
        steps = [
            ({**fields, **submitted}, fields["submitted_at"], fields["entered_by"]),
            (fields, fields["reviewed_at"], fields["reviewed_by"]),
        ]
    for values, at, by in steps:
        for name, value in values.items():
            setattr(figure, name, value)
        figure.full_clean()
        figure._history_date = at  # type: ignore[attr-defined]
        figure._history_user = by  # type: ignore[attr-defined]
        figure.save()


def _at(day: date, index: int) -> datetime:
    if day.weekday() >= 5:
        day -= timedelta(days=day.weekday() - 4)
    minutes = 9 * 60 + (index * 41) % (8 * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=LONDON)
