"""An initiative that became active after its period opened has no return in it; who may write
its returns starts one from the initiative's page (it took the API or Django admin)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ReportingPeriodFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def q3(org: Organisation) -> ReportingPeriod:
    return ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)


@pytest.fixture
def initiative(org: Organisation, service: Service) -> Initiative:
    return InitiativeFactory.create(organisation=org, service=service, status="in_progress")


def _start(initiative: Initiative) -> str:
    return reverse("start_return", args=[initiative.pk])


def test_a_lead_starts_the_missing_return(
    lead: User, q3: ReportingPeriod, initiative: Initiative
) -> None:
    client = signed_in(lead)
    page = Page.of(client.get(reverse("initiative", args=[initiative.pk])))
    assert page.count(f"//form[@action='{_start(initiative)}']//button") == 1
    response = client.post(_start(initiative))
    update = Update.objects.get(initiative=initiative, period=q3)
    assert response["Location"] == reverse("progress:return", args=[update.pk])
    # Started once: the page offers it no more, and a second post adds nothing.
    page = Page.of(client.get(reverse("initiative", args=[initiative.pk])))
    assert page.count(f"//form[@action='{_start(initiative)}']") == 0
    client.post(_start(initiative))
    assert Update.objects.filter(initiative=initiative).count() == 1


def test_nothing_is_offered_without_an_open_period_or_for_an_inactive_initiative(
    admin_user: User, org: Organisation, service: Service, initiative: Initiative
) -> None:
    client = signed_in(admin_user)
    page = Page.of(client.get(reverse("initiative", args=[initiative.pk])))
    assert page.count(f"//form[@action='{_start(initiative)}']") == 0
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    done = InitiativeFactory.create(organisation=org, service=service, status="completed")
    page = Page.of(client.get(reverse("initiative", args=[done.pk])))
    assert page.count(f"//form[@action='{_start(done)}']") == 0
    client.post(_start(done))
    assert not Update.objects.filter(initiative=done).exists()


def test_those_who_do_not_write_its_returns_cannot_start_one(
    reviewer: User, viewer: User, outsider: User, q3: ReportingPeriod, initiative: Initiative
) -> None:
    page = Page.of(signed_in(viewer).get(reverse("initiative", args=[initiative.pk])))
    assert page.count(f"//form[@action='{_start(initiative)}']") == 0
    for user in (reviewer, viewer):
        signed_in(user).post(_start(initiative))
    assert signed_in(outsider).post(_start(initiative)).status_code == 404
    assert not Update.objects.filter(initiative=initiative).exists()
