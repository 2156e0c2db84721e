"""An administrator keeps the status scale on its own page: labels, colours, meaning, order
and whether a status asks what is being done; a status in use cannot be removed."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.progress.models import StatusValue
from headway.progress.models.status import ensure_status_scale
from headway.strategy.models import Organisation
from tests.conftest import signed_in
from tests.factories import UpdateFactory, status_value

pytestmark = pytest.mark.django_db

GREY = {
    "label": "Not started",
    "meaning": "Not yet started",
    "colour": "#505a5f",
    "tag": "grey",
}


def labels(org: Organisation) -> list[str]:
    return [v.label for v in ensure_status_scale(org).values.order_by("position")]


def test_it_adds_a_status_at_the_end_and_moves_it_up(admin_user: User, org: Organisation) -> None:
    client = signed_in(admin_user)

    added = client.post(reverse("organisation:add_status"), GREY)
    grey = StatusValue.objects.get(label="Not started")
    client.post(reverse("organisation:move_status", args=[grey.pk]), {"direction": "up"})

    assert added.status_code == 302
    assert (grey.code, grey.needs_mitigation) == ("not-started", False)
    assert labels(org) == ["Blue", "Green", "Amber", "Not started", "Red"]


def test_it_changes_a_status_and_its_need_for_mitigation(
    admin_user: User, org: Organisation
) -> None:
    amber = status_value(org, "amber")
    data: dict[str, Any] = {
        "label": "Amber",
        "meaning": "At risk",
        "colour": "#F47738",
        "tag": "orange",
    }

    signed_in(admin_user).post(reverse("organisation:edit_status", args=[amber.pk]), data)

    amber.refresh_from_db()
    assert (amber.meaning, amber.colour, amber.needs_mitigation) == ("At risk", "#f47738", False)


def test_it_says_what_to_fix(admin_user: User, org: Organisation) -> None:
    response = signed_in(admin_user).post(
        reverse("organisation:add_status"), {**GREY, "label": "green", "colour": "grey"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the colour as # and six hex digits, such as #f47738" in page
    assert labels(org) == ["Blue", "Green", "Amber", "Red"]


def test_a_label_already_on_the_scale_is_refused(admin_user: User, org: Organisation) -> None:
    response = signed_in(admin_user).post(
        reverse("organisation:add_status"), {**GREY, "label": "green"}
    )

    assert response.status_code == 400
    assert "The scale already has a status called green" in response.content.decode()


def test_a_status_in_use_cannot_be_removed_and_the_page_says_where(
    admin_user: User, org: Organisation
) -> None:
    update = UpdateFactory.create(initiative__organisation=org)
    assert update.status is not None

    response = signed_in(admin_user).post(
        reverse("organisation:remove_status", args=[update.status.pk])
    )

    assert response.status_code == 400
    assert "Green is used by one return (1 in 2021-22 Q3), so it cannot be removed" in (
        response.content.decode()
    )
    assert "Green" in labels(org)


def test_an_unused_status_is_removed(admin_user: User, org: Organisation) -> None:
    red = status_value(org, "red")

    signed_in(admin_user).post(reverse("organisation:remove_status", args=[red.pk]))

    assert labels(org) == ["Blue", "Green", "Amber"]


def test_the_other_organisation_cannot_change_our_scale(outsider: User, org: Organisation) -> None:
    red = status_value(org, "red")

    response = signed_in(outsider).post(reverse("organisation:remove_status", args=[red.pk]))

    assert response.status_code == 404
    assert "Red" in labels(org)


def test_the_scale_page_counts_each_status_s_returns_in_a_query_each(
    admin_user: User, org: Organisation, django_assert_num_queries: Any
) -> None:
    first = UpdateFactory.create(initiative__organisation=org)
    client = signed_in(admin_user)
    url = reverse("organisation:status_scale")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        UpdateFactory.create(initiative__organisation=org, period=first.period, status=first.status)
    with django_assert_num_queries(len(few)):
        html = client.get(url).content.decode()
    assert "returns (5 in 2021-22 Q3)" in html
