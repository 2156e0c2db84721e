"""Moving a service to another directorate, or merging two, is recorded as an organisational
change and keeps every initiative's returns and history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.organisation import changes
from headway.organisation.models import OrganisationalChange
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ServiceFactory, UpdateFactory

pytestmark = pytest.mark.django_db

ON_1_NOVEMBER = {"date-day": "1", "date-month": "11", "date-year": "2021"}


@pytest.fixture
def exchequer(org: Organisation) -> Service:
    return ServiceFactory.create(organisation=org, name="Exchequer", directorate="Resources")


def test_moving_a_service_records_the_move_in_the_reports_words(
    admin_user: User, exchequer: Service
) -> None:
    data: dict[str, Any] = {"service": exchequer.pk, "directorate": "Finance", **ON_1_NOVEMBER}

    response = signed_in(admin_user).post(reverse("organisation:move_service"), data)

    assert response.status_code == 302
    exchequer.refresh_from_db()
    assert exchequer.directorate == "Finance"
    change = OrganisationalChange.objects.get()
    assert change.kind == OrganisationalChange.Kind.SERVICE_MOVE
    assert change.text == (
        "The Exchequer service moved from Resources to Finance on 1 November 2021."
    )


def test_moving_a_service_to_its_own_directorate_says_so(
    admin_user: User, exchequer: Service
) -> None:
    data = {"service": exchequer.pk, "directorate": "Resources", **ON_1_NOVEMBER}

    response = signed_in(admin_user).post(reverse("organisation:move_service"), data)

    assert response.status_code == 400
    assert "Exchequer is already in Resources" in response.content.decode()
    assert not OrganisationalChange.objects.exists()


def test_merging_moves_initiatives_with_their_returns_and_history(
    admin_user: User, org: Organisation, service: Service, exchequer: Service, lead: User
) -> None:
    initiative = InitiativeFactory.create(organisation=org, service=exchequer)
    update = UpdateFactory.create(initiative=initiative)
    lead.memberships.get().services.set([exchequer])
    data = {"source": exchequer.pk, "into": service.pk, **ON_1_NOVEMBER}

    response = signed_in(admin_user).post(reverse("organisation:merge_services"), data)

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.service == service
    assert initiative.updates.get() == update
    history = list(initiative.history.order_by("history_id"))
    assert [h.service_id for h in history] == [exchequer.pk, service.pk]
    assert history[-1].history_user == admin_user
    assert list(lead.memberships.get().services.all()) == [service]
    assert not Service.objects.filter(pk=exchequer.pk).exists()
    change = OrganisationalChange.objects.get()
    assert (change.kind, change.date) == (
        OrganisationalChange.Kind.SERVICE_MERGE,
        date(2021, 11, 1),
    )
    assert change.text == "The Exchequer service merged into Finance on 1 November 2021."


def test_a_merge_that_fails_changes_nothing(
    org: Organisation, service: Service, exchequer: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    initiative = InitiativeFactory.create(organisation=org, service=exchequer)

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(changes, "record_change", refuse)
    with pytest.raises(RuntimeError):
        changes.merge_services(exchequer, service, date(2021, 11, 1), "", by=None)

    assert Initiative.objects.get(pk=initiative.pk).service_id == exchequer.pk
    assert Service.objects.filter(pk=exchequer.pk).exists()


def test_a_service_cannot_merge_into_itself_or_another_organisations(
    admin_user: User, exchequer: Service, other_org: Organisation
) -> None:
    theirs = ServiceFactory.create(organisation=other_org)
    client = signed_in(admin_user)

    itself = client.post(
        reverse("organisation:merge_services"),
        {"source": exchequer.pk, "into": exchequer.pk, **ON_1_NOVEMBER},
    )
    other = client.post(
        reverse("organisation:merge_services"),
        {"source": exchequer.pk, "into": theirs.pk, **ON_1_NOVEMBER},
    )

    assert "Choose another service to merge it into" in itself.content.decode()
    assert "Choose one of your organisation&#39;s services" in other.content.decode()
    assert Service.objects.filter(pk=exchequer.pk).exists()
