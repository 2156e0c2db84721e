"""A late return whose initiative has no owner goes to its service's lead, and the dashboard
says so; where the service has no lead either, it says who heads the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from headway.accounts.models import User
from headway.progress.chasing import owners_to_chase
from headway.progress.dashboard import period_dashboard
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ReportingPeriodFactory, ServiceFactory, UpdateFactory
from tests.pages import Page

DEADLINE = dt.date(2022, 1, 14)
TODAY = dt.date(2022, 1, 20)


def _late_returns(org: Organisation, service: Service) -> None:
    period = ReportingPeriodFactory.create(organisation=org, deadline=DEADLINE)
    legal = ServiceFactory.create(organisation=org, name="Legal", head_of_service="Head of Legal")
    for title, where in (("Payroll", service), ("Contracts", legal)):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=where, title=title),
            period=period,
            state="draft",
        )


def test_an_unowned_return_is_chased_through_the_service_lead(
    org: Organisation, service: Service, lead: User
) -> None:
    _late_returns(org, service)
    period = ReportingPeriod.objects.get(organisation=org)

    chase = owners_to_chase(period_dashboard(period, TODAY))

    assert [(c.owner, c.leads_for) for c in chase] == [(lead, ["Finance"]), (None, [])]
    assert chase[1].services_without_lead == [("Legal", "Head of Legal")]


def test_the_dashboard_says_who_answers_for_returns_nobody_owns(
    org: Organisation, service: Service, lead: User, admin_user: User, settings: Any
) -> None:
    _late_returns(org, service)
    settings.DEBUG = True
    settings.DEMO_DATE = TODAY

    page = Page.of(signed_in(admin_user).get(reverse("progress:dashboard")))

    rows = page.texts("//table[caption[normalize-space()='Overdue returns by owner']]//tbody/tr/th")
    assert rows == [
        "lead Service lead of Finance: the initiatives without an owner are theirs",
        "No one Legal has no owner for these and no service lead: it is headed by Head of Legal",
    ]
