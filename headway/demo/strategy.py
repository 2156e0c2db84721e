"""The One Source Strategy 2020-2023: its priorities, the events of its history and the
organisation's changes.

The events follow the Background sections of the reports to the Joint Committee; the
priorities are not named there, so these are plausible ones for a shared back office.
"""

from __future__ import annotations

from datetime import date

from headway.demo.records import upsert
from headway.organisation.models import OrganisationalChange
from headway.strategy.models import Organisation, Priority, Strategy, StrategyEvent

Event = StrategyEvent.Kind

TITLE = "One Source Strategy 2020-2023"

VISION = (
    "To be a trusted, high-performing shared service that gives Newham and Havering "
    "excellent, good-value back-office support, so that both councils can focus on their "
    "residents."
)

FRAMEWORK = (
    "The strategic framework guides the way we work: the changes we will make to realise "
    "our potential as a business, and as individuals; and how we will be held to account "
    "by the Joint Committee and the partner councils. The priorities are delivered through "
    "service planning, through projects and activities, and via business as usual."
)

PRIORITIES = (
    (
        "Customer-focused services",
        "Services designed around the needs of the councils, their staff and residents, "
        "measured by what our customers tell us.",
    ),
    (
        "Efficiency and value for money",
        "Lower cost and better value for both councils through shared processes, systems "
        "and buying power.",
    ),
    (
        "Digital and data",
        "Modern cloud systems, automation and self-service, with good data used to make decisions.",
    ),
    (
        "People and culture",
        "A skilled, healthy and engaged workforce, working flexibly, with the leadership to match.",
    ),
    (
        "Partnership and growth",
        "A strong partnership with Newham and Havering that supports their local economies "
        "and grows the services we offer.",
    ),
)

# Who leads each priority, by role, as the demo names people.
OWNERS = (
    "Director of Customer Services (demo)",
    "Director of Finance (demo)",
    "Director of Digital and ICT (demo)",
    "Director of HR and Organisational Development (demo)",
    "Managing Director (demo)",
)

EVENTS = (
    (
        date(2020, 2, 7),
        Event.PRESENTED,
        "Our one source strategy 2020-2023 was presented to the Joint Committee on "
        "7 February 2020. It set out our vision and priorities for the future, and how we "
        "would achieve them.",
    ),
    (
        date(2020, 2, 24),
        Event.LAUNCHED,
        "The strategy was publicly launched to staff later that month.",
    ),
    (
        date(2020, 3, 23),
        Event.PAUSED,
        "The global pandemic put on hold the full progression of the plan in the original "
        "timescale envisioned, as one source focused on supporting Newham and Havering to "
        "manage the pandemic and to provide critical support to the local communities.",
    ),
    (
        date(2021, 3, 31),
        Event.REVIEWED,
        "In reviewing the strategy in March and April 2021, we remained confident that the "
        "basics of the strategy were solid, although a revised and updated plan and "
        "timetable for progressing it was required.",
    ),
    (
        date(2021, 4, 30),
        Event.REVISED,
        "An update to the one source strategy was presented and agreed at the Joint "
        "Committee on 30 April 2021. It was further agreed that quarterly updates on "
        "progress would be presented to the Committee going forward.",
    ),
)


# The organisation's own changes, in its log of organisational changes: the Q3 report's
# paragraph on change this quarter is drafted from them.
Change = OrganisationalChange.Kind
CHANGES = (
    (
        date(2021, 11, 1),
        Change.LEADERSHIP,
        "one source has seen a lot of change over the last few months, including the "
        "departure of the Executive Director and an interim reporting structure in place.",
    ),
    (
        date(2021, 12, 15),
        Change.REVIEW,
        "A review of the one source arrangement will take place, to look again at the one "
        "source model: what works, what does not, and how the model might change to make "
        "the organisation more responsive to the Councils' priorities. Members of the Joint "
        "Committee will be asked for their views.",
    ),
)


def load_organisational_changes(organisation: Organisation) -> None:
    for day, kind, text in CHANGES:
        upsert(
            OrganisationalChange,
            {"organisation": organisation, "date": day, "kind": kind},
            {"text": text},
        )


def load_strategy(organisation: Organisation) -> tuple[Strategy, dict[int, Priority]]:
    """The strategy and its priorities, by number."""
    strategy = upsert(
        Strategy,
        {"organisation": organisation, "title": TITLE},
        {"first_year": 2020, "last_year": 2022, "vision": VISION, "framework": FRAMEWORK},
    )
    priorities = {
        number: upsert(
            Priority,
            {"strategy": strategy, "number": number},
            {"title": title, "description": description, "owner": OWNERS[number - 1]},
        )
        for number, (title, description) in enumerate(PRIORITIES, start=1)
    }
    for day, kind, text in EVENTS:
        upsert(StrategyEvent, {"strategy": strategy, "date": day, "kind": kind}, {"text": text})
    return strategy, priorities
