"""What the import tests share: an organisation like oneSource's, and the check page's form
filled in as the officer would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from headway.committee.models import Committee, Meeting
from headway.committee.past import importing
from headway.committee.past.forms import DecisionsForm
from headway.dataio.models import Upload
from headway.forms import DateField
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Strategy
from tests.factories import CommitteeFactory, ReportingPeriodFactory, StrategyFactory


@dataclass(frozen=True)
class Place:
    strategy: Strategy
    committee: Committee
    # The meeting at which the strategy's update was agreed, already in Headway.
    april_meeting: Meeting
    q3: ReportingPeriod


def onesource_like(org: Organisation) -> Place:
    """A strategy for 2020-23, the Joint Committee with one past meeting, and the 2021-22 Q3
    period; no meeting on 11 March 2022 and no 2021-22 Q1 period yet."""
    strategy = StrategyFactory.create(organisation=org, title="One Source Strategy 2020-2023")
    committee = CommitteeFactory.create(organisation=org, name="oneSource Joint Committee")
    april = Meeting.objects.create(committee=committee, date=dt.date(2021, 4, 30))
    q3 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, state="closed")
    return Place(strategy, committee, april, q3)


def check_page_data(upload: Upload, **changes: Any) -> dict[str, str]:
    """The check page's fields as it shows them, with the officer's changes: a date as
    ``"2020-03-23"``, ``None`` to empty a field."""
    reading = importing.read(upload)
    form = DecisionsForm(reading, importing.proposed_decisions(reading))
    data: dict[str, str] = {}
    for name, field in form.fields.items():
        value = changes[name] if name in changes else form[name].value()
        if isinstance(field, DateField):
            day = dt.date.fromisoformat(value) if isinstance(value, str) else value
            data[f"{name}-day"] = str(day.day) if day else ""
            data[f"{name}-month"] = str(day.month) if day else ""
            data[f"{name}-year"] = str(day.year) if day else ""
        else:
            data[name] = "" if value is None else str(value)
    return data
