"""The admin stays for corrections, and every correction to a request or an answer is kept
in its history with who made it."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.accounts.models import User
from headway.roadmap.models import ChangeRequest, Consultation, MapVersion
from headway.roadmap.versions import ensure_baseline
from headway.strategy.models import Initiative, Organisation
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.roadmap.helpers import opened_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db: None) -> User:
    user = UserFactory.create(username="superuser", is_staff=True, is_superuser=True)
    return user


def test_a_correction_in_the_admin_is_recorded_with_who_made_it(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    superuser: User,
    closes_on: dt.date,
) -> None:
    request = opened_change(org, admin_user, closes_on, initiative=initiative)
    client = signed_in(superuser)
    page = client.get(f"/admin/roadmap/changerequest/{request.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: form[name].value() if form[name].value() is not None else "" for name in form.fields
    }
    data.update(
        {
            "rationale": "The supplier cannot start until the summer (corrected).",
            "proposed": '{"planned_start": "2021-07-01", "planned_end": "2022-06-30"}',
            "current": '{"planned_start": "2021-04-01", "planned_end": "2022-03-31"}',
            "proposed_at_0": request.proposed_at.strftime("%d/%m/%Y"),
            "proposed_at_1": request.proposed_at.strftime("%H:%M:%S"),
            "consultations-TOTAL_FORMS": "0",
            "consultations-INITIAL_FORMS": "0",
        }
    )
    data.pop("proposed_at", None)
    response = client.post(f"/admin/roadmap/changerequest/{request.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = request.history.latest()
    assert latest.rationale.endswith("(corrected).")
    assert latest.history_user == superuser


def test_consultations_keep_their_history(
    org: Organisation, admin_user: User, initiative: Initiative, closes_on: dt.date
) -> None:
    request = opened_change(org, admin_user, closes_on, initiative=initiative)
    consultation = request.consultations.first()
    assert consultation is not None
    consultation.comment = "Corrected by the performance team."
    consultation.save()
    assert Consultation.history.filter(id=consultation.pk).count() == 2


def test_map_versions_are_read_only_in_the_admin(
    org: Organisation, initiative: Initiative, superuser: User
) -> None:
    version = ensure_baseline(org)
    client = signed_in(superuser)
    assert client.get("/admin/roadmap/mapversion/").status_code == 200
    assert client.get(f"/admin/roadmap/mapversion/{version.pk}/change/").status_code == 200
    assert client.get("/admin/roadmap/mapversion/add/").status_code == 403
    assert MapVersion.objects.count() == 1
    assert ChangeRequest.objects.count() == 0
