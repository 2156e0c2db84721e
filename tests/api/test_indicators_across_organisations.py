"""Measures and figures over the API stay in the token's organisation and its owner's role:
a token made for one organisation reads and writes nothing of another's, even when its owner
is a member of both, and a lead writes only their own services' figures.

(tests/api/endpoints.py checks each endpoint for each role and for an administrator of the
other organisation; these follow what such a caller might try next.)"""

from __future__ import annotations

from decimal import Decimal

import pytest

from headway.accounts.models import Role
from headway.indicators.models import Figure
from tests.api.conftest import World, token_client
from tests.api.endpoints import V1, figure, measure
from tests.factories import MembershipFactory, ReportingPeriodFactory
from tests.indicators.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def _stored() -> list[tuple[int, int, Decimal | None, str]]:
    return list(Figure.objects.order_by("pk").values_list("pk", "version", "value", "state"))


def test_a_token_for_the_other_organisation_reads_none_of_this_one_s_indicators(
    world: World,
) -> None:
    """This organisation's administrator, also an administrator of the other, with a token
    made there: the other organisation is where that token works."""
    admin = world.users["admin"]
    MembershipFactory.create(user=admin, organisation=world.other_org, role=Role.ADMINISTRATOR)
    elsewhere = token_client(admin, world.other_org)
    found, submitted = measure(world), figure(world, approved=False)

    assert elsewhere.get(f"{V1}/measures/").json()["count"] == 0
    assert elsewhere.get(f"{V1}/figures/").json()["count"] == 0
    assert elsewhere.get(f"{V1}/figures/?measure={found.pk}").json()["count"] == 0
    for path in (
        f"{V1}/measures/{found.pk}/",
        f"{V1}/measures/{found.pk}/readings/",
        f"{V1}/figures/{submitted.pk}/",
    ):
        assert elsewhere.get(path).status_code == 404, path
    # The same person's token for this organisation reads them.
    assert token_client(admin, world.org).get(f"{V1}/measures/{found.pk}/").status_code == 200


def test_a_token_for_the_other_organisation_writes_none_of_this_one_s_figures(
    world: World,
) -> None:
    admin = world.users["admin"]
    MembershipFactory.create(user=admin, organisation=world.other_org, role=Role.ADMINISTRATOR)
    elsewhere = token_client(admin, world.other_org)
    found, submitted = measure(world), figure(world, approved=False)
    approved = figure(world, approved=True)
    before = _stored()

    entry = {"measure": found.pk, "partner": world.partner.pk, "value": "97"}
    assert elsewhere.post(f"{V1}/figures/", entry, format="json").status_code == 400
    assert elsewhere.post(f"{V1}/figures/{submitted.pk}/approve/", {}).status_code == 404
    returned = {"comment": "Check it."}
    assert elsewhere.post(f"{V1}/figures/{submitted.pk}/return/", returned).status_code == 404
    correction = {"value": "1", "reason": "Wrong."}
    assert elsewhere.post(f"{V1}/figures/{approved.pk}/correct/", correction).status_code == 404
    assert _stored() == before


def test_an_outsider_cannot_file_their_figure_in_this_organisation_s_period_or_council(
    world: World,
) -> None:
    theirs = MeasureFactory.create(organisation=world.other_org, reference="OTH-01")
    ReportingPeriodFactory.create(
        organisation=world.other_org, year=world.period.year, quarter=world.period.quarter
    )
    outsider = world.client("outsider")

    for borrowed in ({"period": world.period.pk}, {"partner": world.partner.pk}):
        body = {"measure": theirs.pk, "partner": None, "value": "50", **borrowed}
        response = outsider.post(f"{V1}/figures/", body, format="json")
        assert response.status_code == 400, response.json()
        [field] = borrowed
        assert field in response.json()["errors"], response.json()
    assert not Figure.objects.filter(measure=theirs).exists()


def test_a_lead_cannot_enter_a_figure_of_a_service_they_do_not_lead(world: World) -> None:
    others = MeasureFactory.create(
        organisation=world.org, service=world.other_service, reference="ICT-01"
    )
    others.partners.set([world.partner])

    response = world.client("lead").post(
        f"{V1}/figures/",
        {"measure": others.pk, "partner": world.partner.pk, "value": "97"},
        format="json",
    )

    assert response.status_code == 403, response.json()
    assert not Figure.objects.filter(measure=others).exists()
