"""An administrator keeps the organisation's services and partner councils on their own
pages; one in use is not removed, and the page says where it is used."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.strategy.models import Organisation, Partner, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_it_adds_a_service_in_a_directorate(admin_user: User, org: Organisation) -> None:
    response = signed_in(admin_user).post(
        reverse("organisation:add_service"),
        {"name": "ICT", "head_of_service": "Head of ICT", "directorate": "Resources"},
    )

    assert response.status_code == 302
    ict = Service.objects.get(organisation=org, name="ICT")
    assert (ict.head_of_service, ict.directorate) == ("Head of ICT", "Resources")


def test_the_services_page_shows_each_services_leads(
    admin_user: User, lead: User, service: Service
) -> None:
    page = signed_in(admin_user).get(reverse("organisation:services")).content.decode()

    assert "Finance" in page
    assert reverse("people:person", args=[lead.memberships.get().pk]) in page


def test_renaming_a_service_to_anothers_name_is_refused(
    admin_user: User, org: Organisation, service: Service
) -> None:
    ict = Service.objects.create(organisation=org, name="ICT")

    response = signed_in(admin_user).post(
        reverse("organisation:edit_service", args=[ict.pk]), {"name": "finance"}
    )

    assert response.status_code == 400
    assert "There is already a service called finance" in response.content.decode()


def test_a_service_with_initiatives_is_not_removed(
    admin_user: User, org: Organisation, service: Service
) -> None:
    InitiativeFactory.create(organisation=org, service=service)

    response = signed_in(admin_user).post(reverse("organisation:remove_service", args=[service.pk]))

    assert response.status_code == 400
    assert "Finance cannot be removed: it has one initiative. Merge it into" in (
        response.content.decode()
    )
    assert Service.objects.filter(pk=service.pk).exists()


def test_an_unused_partner_council_is_removed_and_one_with_contacts_is_not(
    admin_user: User, partner: Partner, other_partner: Partner, partner_contact: User
) -> None:
    client = signed_in(admin_user)

    kept = client.post(reverse("organisation:remove_partner", args=[partner.pk]))
    removed = client.post(reverse("organisation:remove_partner", args=[other_partner.pk]))

    assert kept.status_code == 400
    assert "it has one partner contact" in kept.content.decode()
    assert removed.status_code == 302
    assert list(Partner.objects.all()) == [partner]


def test_it_adds_and_renames_a_partner_council(admin_user: User, org: Organisation) -> None:
    client = signed_in(admin_user)
    client.post(reverse("organisation:add_partner"), {"name": "East Borough Council"})
    east = Partner.objects.get(name="East Borough Council")

    client.post(
        reverse("organisation:edit_partner", args=[east.pk]),
        {"name": "East Borough Council", "short_name": "East"},
    )

    east.refresh_from_db()
    assert str(east) == "East"


def test_the_other_organisation_cannot_see_or_change_ours(
    outsider: User, service: Service, partner: Partner
) -> None:
    client = signed_in(outsider)

    assert "Finance" not in client.get(reverse("organisation:services")).content.decode()
    assert (
        client.post(
            reverse("organisation:edit_service", args=[service.pk]), {"name": "Mine"}
        ).status_code
        == 404
    )
    assert client.post(reverse("organisation:remove_partner", args=[partner.pk])).status_code == 404
    service.refresh_from_db()
    assert service.name == "Finance"
