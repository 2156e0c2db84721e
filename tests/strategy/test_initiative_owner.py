"""An administrator chooses who writes an initiative's return on Headway's own page (it took
Django admin): one of the organisation's active service leads or administrators, or nobody,
so the service's leads do; the choice is kept in the initiative's history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from headway.accounts.models import Membership, Role, User
from headway.progress.owners import owners_of
from headway.strategy.models import Initiative, Organisation, Service
from headway.strategy.ownership import set_owner
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, MembershipFactory, UserFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(org: Organisation, service: Service) -> Initiative:
    return InitiativeFactory.create(organisation=org, service=service, owner=None)


def _path(initiative: Initiative) -> str:
    return reverse("initiative_owner", args=[initiative.pk])


def test_the_initiative_page_offers_administrators_the_change(
    admin_user: User, reviewer: User, initiative: Initiative
) -> None:
    page = Page.of(signed_in(admin_user).get(reverse("initiative", args=[initiative.pk])))
    assert page.links()["Change who writes the return"] == _path(initiative)
    page = Page.of(signed_in(reviewer).get(reverse("initiative", args=[initiative.pk])))
    assert "Change who writes the return" not in page.links()


def test_naming_an_owner_makes_them_answer_for_the_return(
    admin_user: User, lead: User, initiative: Initiative
) -> None:
    client = signed_in(admin_user)
    page = Page.of(client.get(_path(initiative)))
    assert page.tree.xpath("//input[@name='owner'][@checked]/@value") == ["service-leads"]
    response = client.post(_path(initiative), {"owner": str(lead.pk)})
    assert response["Location"] == reverse("initiative", args=[initiative.pk])
    initiative.refresh_from_db()
    assert initiative.owner == lead
    assert owners_of(initiative) == [lead]
    assert initiative.history.latest().history_user == admin_user
    # Back to the service's leads.
    client.post(_path(initiative), {"owner": "service-leads"})
    initiative.refresh_from_db()
    assert initiative.owner is None


def test_only_active_leads_and_administrators_are_offered(
    admin_user: User, org: Organisation, reviewer: User, lead: User, initiative: Initiative
) -> None:
    gone = UserFactory.create(username="gone", is_active=False)
    MembershipFactory.create(user=gone, organisation=org, role=Role.SERVICE_LEAD)
    client = signed_in(admin_user)
    offered = Page.of(client.get(_path(initiative))).tree.xpath("//input[@name='owner']/@value")
    assert set(offered) == {"service-leads", str(admin_user.pk), str(lead.pk)}
    for refused in (reviewer, gone):
        page = Page.of(client.post(_path(initiative), {"owner": str(refused.pk)}))
        assert "Choose one of the people listed" in page.text()
    initiative.refresh_from_db()
    assert initiative.owner is None


def test_only_the_organisation_s_administrators_choose(
    reviewer: User, lead: User, outsider: User, initiative: Initiative
) -> None:
    for user in (reviewer, lead):
        assert signed_in(user).post(_path(initiative), {"owner": str(lead.pk)}).status_code == 403
    assert signed_in(outsider).post(_path(initiative), {"owner": str(lead.pk)}).status_code == 404
    initiative.refresh_from_db()
    assert initiative.owner is None


def test_the_rule_refuses_someone_from_another_organisation(
    admin_user: User, outsider: User, initiative: Initiative
) -> None:
    with pytest.raises(ValidationError, match="active service lead or administrator"):
        set_owner(initiative, outsider, by=Membership.objects.get(user=admin_user))
    initiative.refresh_from_db()
    assert initiative.owner is None
