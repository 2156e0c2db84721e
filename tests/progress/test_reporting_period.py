"""A reporting period is a financial-year quarter with a deadline after it starts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from headway.strategy.models import Organisation
from tests.factories import ReportingPeriodFactory


def test_it_derives_its_dates_and_label(org: Organisation) -> None:
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    assert period.label == "2021-22 Q3"
    assert period.slug == "2021-22-Q3"
    assert (period.start, period.end) == (dt.date(2021, 10, 1), dt.date(2021, 12, 31))


def test_it_refuses_a_deadline_before_the_quarter_starts(org: Organisation) -> None:
    period = ReportingPeriodFactory.build(
        organisation=org, year=2021, quarter=3, deadline=dt.date(2021, 9, 1)
    )
    with pytest.raises(ValidationError, match="on or after 1 October 2021"):
        period.full_clean()


def test_an_organisation_has_each_quarter_once(org: Organisation, other_org: Organisation) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    ReportingPeriodFactory.create(organisation=other_org, year=2021, quarter=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
