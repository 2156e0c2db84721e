"""The demo's map history loads through the app's own functions, once, into an
organisation shaped like the oneSource demo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from headway.accounts.models import Role
from headway.roadmap.agreed import changes_agreed_between
from headway.roadmap.demo import load_roadmap_demo
from headway.roadmap.models import ChangeRequest, MapVersion
from headway.roadmap.versions import compare
from headway.strategy.models import Initiative, Organisation
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PriorityFactory,
    ServiceFactory,
    StrategyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org(db: None) -> Organisation:
    org = OrganisationFactory.create(name="Demo shared service", slug="demo")
    newham = PartnerFactory.create(
        organisation=org, name="London Borough of Newham", short_name="Newham"
    )
    havering = PartnerFactory.create(
        organisation=org, name="London Borough of Havering", short_name="Havering"
    )
    for username, role, partner in (
        ("admin", Role.ADMINISTRATOR, None),
        ("reviewer", Role.REVIEWER, None),
        ("partner", Role.PARTNER_CONTACT, newham),
        ("partner-havering", Role.PARTNER_CONTACT, havering),
    ):
        MembershipFactory.create(
            user=UserFactory.create(username=username), organisation=org, role=role, partner=partner
        )
    strategy = StrategyFactory.create(organisation=org, first_year=2020, last_year=2022)
    priorities = [PriorityFactory.create(strategy=strategy, number=n) for n in (1, 2, 3)]
    service = ServiceFactory.create(organisation=org, name="ICT")
    InitiativeFactory.create(
        organisation=org,
        service=service,
        priorities=[priorities[0]],
        partners=[newham, havering],
        kind=Initiative.Kind.PROJECT,
        title="New finance system",
        is_key_project=True,
        planned_end=dt.date(2022, 3, 31),
    )
    InitiativeFactory.create(
        organisation=org,
        service=service,
        priorities=[priorities[1]],
        kind=Initiative.Kind.ACTIVITY,
        title="Refresh the intranet",
    )
    return org


def test_it_loads_a_year_of_agreed_changes_and_one_open_consultation(
    demo_org: Organisation,
) -> None:
    load_roadmap_demo(demo_org)

    [added] = changes_agreed_between(demo_org, dt.date(2021, 7, 1), dt.date(2021, 9, 30))
    assert (added.kind, added.target) == ("add_initiative", "Digital mailroom")
    assert added.outcome == "Havering supports with comments; Newham supports"
    [dropped] = changes_agreed_between(demo_org, dt.date(2021, 10, 1), dt.date(2021, 12, 31))
    assert (dropped.kind, dropped.target) == ("deprioritise", "Refresh the intranet")

    open_request = ChangeRequest.objects.get(
        organisation=demo_org, state=ChangeRequest.State.CONSULTING
    )
    assert open_request.initiative is not None
    assert open_request.initiative.title == "New finance system"
    assert open_request.proposed["planned_end"] == "2022-06-30"
    answers = {str(c.partner): c.response for c in open_request.consultations.all()}
    assert answers == {"Newham": "supports", "Havering": ""}
    assert open_request.closes_on == dt.date(2022, 3, 4)

    baseline, *_, latest = MapVersion.objects.filter(organisation=demo_org).order_by("number")
    diff = compare(baseline, latest)
    assert [e.title for e in diff.added] == ["Digital mailroom"]
    assert [e.title for e in diff.removed] == ["Refresh the intranet"]
    assert baseline.created_at.date() == dt.date(2021, 4, 30)
    assert not mail.outbox


def test_loading_it_twice_changes_nothing(demo_org: Organisation) -> None:
    load_roadmap_demo(demo_org)
    counts = (ChangeRequest.objects.count(), MapVersion.objects.count(), Initiative.objects.count())
    load_roadmap_demo(demo_org)
    assert (
        (
            ChangeRequest.objects.count(),
            MapVersion.objects.count(),
            Initiative.objects.count(),
        )
        == counts
        == (3, 3, 3)
    )


def test_it_says_what_is_missing_from_an_organisation_without_demo_users(
    org: Organisation,
) -> None:
    with pytest.raises(ValueError, match="needs the user 'admin'"):
        load_roadmap_demo(org)
