"""A realistic demo report, built without the database: for tests, for looking at the pack, and
for timing the renderers. Modelled on oneSource's Q3 2021-22 report to its Joint Committee; every
person is named by role and every initiative is invented.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import islice

from headway.committee.document import (
    BulletList,
    Document,
    Figure,
    NumberedParagraph,
    OrderedList,
    Paragraph,
    Run,
    Section,
    Slide,
    SlideDeck,
    Status,
    Table,
)
from headway.committee.render.charts import (
    BarChart,
    GanttChart,
    GanttRow,
    LineChart,
    Milestone,
    Period,
    Series,
)
from headway.lib.fy import FinancialYear, Quarter

# The default BRAG scale's names and colours (headway.progress keeps the real ones).
BRAG = (
    ("Blue", "#1d70b8", "Complete in Q3."),
    ("Green", "#00703c", "On track; the next milestone is due in Q4."),
    ("Amber", "#f47738", "At risk; the service lead has agreed a recovery plan."),
    ("Red", "#d4351c", "Off track; escalated to the strategy's sponsor."),
)
# Spreads the statuses like a real quarter: mostly Green, some Amber, a few Blue and Red.
_STATUS_PATTERN = (1, 1, 2, 1, 0, 1, 1, 3, 1, 2, 1, 0, 1, 2, 1, 1, 1, 0, 2, 1)

PRIORITIES = (
    "Deliver excellent services to Newham and Havering",
    "Make the most of digital and data",
    "Be a great place to work",
    "Get the best value from every pound",
    "Work as one partnership",
)
SERVICES = (
    "Finance",
    "Exchequer and Transactional Services",
    "HR and Organisational Development",
    "Legal",
    "ICT",
    "Procurement",
    "Asset Management",
    "Internal Audit",
)
_TITLES = (
    "Move payroll to the cloud",
    "Single debt recovery policy",
    "Automate accounts payable",
    "Joint procurement pipeline",
    "Leadership development programme",
    "Hybrid working policy",
    "Microsoft 365 roll-out",
    "Cyber security accreditation",
    "Corporate asset management plan",
    "Exchequer customer portal",
    "Budget monitoring dashboard",
    "Apprenticeship scheme",
    "Legal case management system",
    "Refresh the contracts register",
    "Business continuity review",
    "Electronic signatures",
    "Mental health first aiders",
    "Replace the telephony platform",
    "Consolidate the data centres",
    "Income collection review",
    "Council tax e-billing",
    "Improve pensions administration",
    "Redesign recruitment",
    "Social value in contracts",
    "Insurance tender",
    "Deliver the internal audit plan",
    "Counter-fraud data matching",
    "Records management clean-up",
    "Freedom of information process",
    "Staff survey action plan",
    "Cut carbon in our offices",
    "Procure-to-pay improvement",
    "Payroll self-service",
    "Debt write-off policy",
    "Treasury management strategy",
    "Equality, diversity and inclusion plan",
    "Print and post contract",
    "Fix website accessibility issues",
    "Customer satisfaction survey",
    "Review service level agreements",
)
YEAR = FinancialYear(2021)
QUARTER = Quarter(2021, 3)


def _initiative(index: int) -> tuple[str, str, str, int]:
    """(title, priority, service, status index) for the index-th demo initiative."""
    title = _TITLES[index % len(_TITLES)]
    if index >= len(_TITLES):
        title = f"{title} (phase {index // len(_TITLES) + 1})"
    status = _STATUS_PATTERN[(index * 3 + index // 5) % len(_STATUS_PATTERN)]
    return title, PRIORITIES[index % 5], SERVICES[index % len(SERVICES)], status


def _brag_by_priority(initiatives: list[tuple[str, str, str, int]]) -> BarChart:
    counts = {(p, s): 0 for p in PRIORITIES for s in range(len(BRAG))}
    for _, priority, _, status in initiatives:
        counts[priority, status] += 1
    return BarChart(
        title=f"Initiatives by status and priority, {QUARTER.label}",
        categories=PRIORITIES,
        series=tuple(
            Series(name, colour, tuple(float(counts[p, s]) for p in PRIORITIES))
            for s, (name, colour, _) in enumerate(BRAG)
        ),
    )


def _trend(initiatives: list[tuple[str, str, str, int]]) -> LineChart:
    now = [sum(1 for i in initiatives if i[3] == s) for s in range(len(BRAG))]
    total = len(initiatives)
    # Earlier quarters: fewer complete, more at risk, as a year's delivery usually goes.
    q1 = [now[0] // 3, total - now[0] // 3 - now[2] - now[3] - 2, now[2] + 1, now[3] + 1]
    q2 = [now[0] * 2 // 3, total - now[0] * 2 // 3 - now[2] - now[3] - 1, now[2] + 1, now[3]]
    return LineChart(
        title=f"Initiatives by status, {YEAR.label} Q1 to Q3",
        categories=tuple(q.label for q in YEAR.quarters()[:3]),
        series=tuple(
            Series(name, colour, (float(q1[s]), float(q2[s]), float(now[s])))
            for s, (name, colour, _) in enumerate(BRAG)
        ),
    )


def _road_map(initiatives: list[tuple[str, str, str, int]]) -> GanttChart:
    rows = []
    key = [(n, i) for n, i in enumerate(initiatives) if n % 3 == 0]
    for n, (title, priority, _, status) in islice(key, 20):
        start = YEAR.first_day + timedelta(days=(n * 37) % 150)
        end = start + timedelta(days=120 + (n * 53) % 200)
        name, colour, _ = BRAG[status]
        rows.append(
            GanttRow(
                group=priority,
                label=title,
                start=start,
                end=min(end, YEAR.last_day),
                status=name,
                colour=colour,
                milestones=(Milestone("Business case agreed", start + timedelta(days=45)),),
            )
        )
    rows.sort(key=lambda row: PRIORITIES.index(row.group))
    return GanttChart(
        title=f"Road map of key projects, {YEAR.label}",
        periods=tuple(
            Period(f"Q{q.number} {q.months.replace(' - ', '-')}", q.first_day, q.last_day)
            for q in YEAR.quarters()
        ),
        rows=tuple(rows),
        key=tuple((name, colour) for name, colour, _ in BRAG),
    )


def _priority_slides(initiatives: list[tuple[str, str, str, int]]) -> list[Slide]:
    slides = []
    per_slide = 8
    for number, priority in enumerate(PRIORITIES, start=1):
        mine = [i for i in initiatives if i[1] == priority]
        pages = [mine[k : k + per_slide] for k in range(0, len(mine), per_slide)] or [[]]
        for page, chunk in enumerate(pages, start=1):
            suffix = f" ({page} of {len(pages)})" if len(pages) > 1 else ""
            title = f"Priority {number}: {priority}{suffix}"
            rows = tuple(
                (t, service, Status(BRAG[s][0], BRAG[s][1]), BRAG[s][2])
                for t, _, service, s in chunk
            )
            table = Table(
                caption=f"Initiatives under priority {number}, {QUARTER.label}{suffix}",
                header=("Initiative", "Service", "Status", "Update"),
                rows=rows,
                row_headers=True,
            )
            slides.append(Slide(title, (table,), continues=page > 1))
    return slides


def _deck(initiatives: list[tuple[str, str, str, int]], brag: BarChart) -> SlideDeck:
    road_map = _road_map(initiatives)
    done = sum(1 for i in initiatives if i[3] == 0)
    at_risk = sum(1 for i in initiatives if i[3] >= 2)
    slides = [
        Slide(
            "Our five strategic priorities",
            (OrderedList.of(*PRIORITIES),),
            notes="The priorities set by the One Source Strategy 2020-2023.",
        ),
        Slide(
            "Progress at a glance",
            (
                Paragraph.of(
                    f"{len(initiatives)} initiatives reported in {QUARTER.label}: "
                    f"{done} complete and {at_risk} at risk or off track."
                ),
                Figure(
                    brag,
                    alt=f"Stacked bar chart of {len(initiatives)} initiatives by status for "
                    "each of the five priorities. Most are Green; the table below gives counts.",
                ),
            ),
        ),
        Slide(
            "How the year is going",
            (
                Figure(
                    _trend(initiatives),
                    alt="Line chart of initiatives by status from Q1 to Q3: complete work "
                    "rises each quarter while the number at risk stays level.",
                ),
            ),
        ),
        Slide(
            "Road map 2021-22",
            (
                Figure(
                    road_map,
                    alt=f"Road map of {len(road_map.rows)} key projects across the four "
                    "quarters of 2021-22, grouped by priority, with their milestones.",
                ),
            ),
        ),
        *_priority_slides(initiatives),
        Slide(
            "Key projects this quarter",
            (
                BulletList.of(
                    "Microsoft 365 roll-out reached every member of staff in both councils.",
                    "The cloud payroll went live for Havering; Newham follows in Q4.",
                    "The joint procurement pipeline now covers contracts worth £40 million.",
                ),
            ),
        ),
        Slide(
            "Looking ahead to Q4",
            (
                BulletList.of(
                    "Agree the scope of the review of the one source arrangement.",
                    "Bring the Amber and Red projects back on track or reschedule them.",
                    "Report Q4 progress to the Joint Committee in June 2022.",
                ),
            ),
        ),
    ]
    return SlideDeck(
        title="One Source Strategy 2021-22 progress \u2013 Q3",
        subtitle="Report to the oneSource Joint Committee, 11 March 2022",
        slides=tuple(slides),
    )


def _label(label: str, text: str) -> Paragraph:
    return Paragraph.of(Run(label, bold=True), f" {text}")


def sample_document(initiatives: int = 40) -> Document:
    """The Q3 2021-22 report with ``initiatives`` demo initiatives in its appendix."""
    portfolio = [_initiative(index) for index in range(initiatives)]
    brag = _brag_by_priority(portfolio)
    deck = _deck(portfolio, brag)
    q = f"Q3 ({QUARTER.months}) {YEAR.label}"
    summary = Section(
        "SUMMARY",
        (
            Paragraph.of(
                "The One Source Strategy 2020-2023, originally published in February 2020, set "
                "out the priorities for one source over the following three years, and "
                "identified the five strategic priorities for the organisation. These "
                "priorities are delivered in a number of ways, through service planning, "
                "through projects and activities, and via business as usual."
            ),
            Paragraph.of(
                f"This report, and the presentation attached in Appendix 1, provides an update "
                f"on progress over {q}. This includes key activities from services, as well as "
                "an overview of the key projects that deliver this strategy. The report also "
                "discusses the changes that have taken place in one source over the last few "
                "months and addresses the plan for the organisation going forward."
            ),
        ),
    )
    recommendations = Section(
        "RECOMMENDATIONS",
        (
            OrderedList.of(
                f"To note the one source strategy {YEAR.label} progress update for Q3 "
                f"({QUARTER.months}) presented in Appendix 1."
            ),
        ),
    )
    background = Section(
        "Background",
        (
            NumberedParagraph.of(
                "Our one source strategy 2020-2023, which was presented to the Joint Committee "
                "on 7 February 2020 and publicly launched to staff later that month, built on "
                "the achievements and lessons learnt as a partnership. It set out our vision and "
                "priorities for the future, and how we would achieve them."
            ),
            NumberedParagraph.of(
                "The global pandemic put on hold the full progression of this plan in the "
                "original timescale envisioned, as one source focussed on supporting Newham and "
                "Havering to manage the pandemic and to provide critical support to the local "
                "communities."
            ),
            NumberedParagraph.of(
                "In reviewing the strategy in March and April 2021, we remained confident that "
                "the basics of the one source strategy were solid, although a revised plan and "
                "timetable was required. An update was therefore presented and agreed at Joint "
                "Committee on 30 April 2021. It was further agreed that quarterly updates on "
                "progress would be presented to the Committee going forward."
            ),
        ),
        numbered=True,
    )
    progress = Section(
        f"one source strategy {YEAR.label} progress update for Q3",
        (
            NumberedParagraph.of(
                f"The one source strategy {YEAR.label} progress update for Q3 outlines the key "
                "activities and actions that one source has undertaken in the previous three "
                "months that contribute to delivering the one source strategy and the five one "
                "source strategic priorities."
            ),
            NumberedParagraph.of(
                f"This progress report covers {initiatives} initiatives, including key "
                "activities from services and the key projects that deliver on this strategy. "
                "Figure 1 shows their status at the end of the quarter."
            ),
            Figure(
                brag,
                alt=f"Stacked bar chart of {initiatives} initiatives by status for each of "
                "the five priorities; the table that follows gives the counts.",
            ),
            NumberedParagraph.of(
                "Going forward, the one source strategy remains in place and we continue to "
                "deliver the activities and projects that support it. These are outlined in "
                "the presentation."
            ),
            NumberedParagraph.of(
                "However, one source has seen a lot of change over the last few months, "
                "including the departure of the Executive Director and an interim reporting "
                "structure. In the longer term a review of the one source arrangement will take "
                "place, considering what works, what does not and how the model might change "
                "to make the organisation more responsive to the Councils' priorities."
            ),
            NumberedParagraph.of(
                "Following this review it may be necessary to look again at the one source "
                "strategy earlier than planned. This will be kept under review and any changes "
                "reported back to the Joint Committee."
            ),
        ),
        numbered=True,
    )
    detail = Section(
        "REPORT DETAIL",
        (
            background,
            progress,
            _label("Legal implications and risks:", "Not applicable"),
            _label("Financial implications and risks:", "Not applicable"),
            _label("HR implications and risks:", "Not applicable"),
        ),
    )
    appendices = Section("Appendices", (OrderedList.of(deck.title),))
    return Document(
        title="One Source Strategy 2020-23 Progress Report for Q3",
        organisation="oneSource",
        committee="oneSource Joint Committee",
        meeting_date=date(2022, 3, 11),
        author="Assistant Director (demo)",
        author_title="Performance, Policy and Programmes",
        author_contact="performance@onesource.example",
        generated_at=datetime(2022, 1, 21, 9, 30, tzinfo=UTC),
        sections=(summary, recommendations, detail, appendices),
        appendix=deck,
    )
