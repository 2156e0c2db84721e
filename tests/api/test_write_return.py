"""Writing a return over the API: the form's rule, its refusals and their shapes."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.progress.models import Update
from tests.api.conftest import World
from tests.factories import status_value

pytestmark = pytest.mark.django_db


def url(update: Update) -> str:
    return f"/api/v1/updates/{update.pk}/"


def test_a_lead_saves_a_draft_keeping_what_is_left_out(world: World) -> None:
    world.draft.achievements = "Interfaces built."
    world.draft.save()
    world.draft.refresh_from_db()

    response = world.client("lead").patch(
        url(world.draft),
        {"expected_version": world.draft.version, "narrative": "Testing has started."},
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["narrative"] == "Testing has started."
    assert body["achievements"] == "Interfaces built."
    assert body["state"] == "draft"
    assert body["version"] == world.draft.version + 1


def test_a_lead_submits_a_return(world: World) -> None:
    response = world.client("lead").patch(
        url(world.draft),
        {
            "expected_version": world.draft.version,
            "status": "amber",
            "narrative": "Go-live moved to January.",
            "risks": "Supplier capacity: a second team starts in December.",
            "percent_complete": 70,
            "submit": True,
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    world.draft.refresh_from_db()
    assert world.draft.state == Update.State.SUBMITTED
    assert world.draft.status == status_value(world.org, "amber")
    assert world.draft.submitted_by == world.users["lead"]


def test_it_says_what_to_fix_before_a_return_can_be_submitted(world: World) -> None:
    response = world.client("lead").patch(
        url(world.draft),
        {"expected_version": world.draft.version, "status": "red", "submit": True},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["narrative"] == ["Describe the progress made this quarter."]
    assert "mitigation" in errors["risks"][0]
    world.draft.refresh_from_db()
    assert (world.draft.state, world.draft.status, world.draft.version) == ("draft", None, 1)


@pytest.mark.parametrize(
    ("sent", "field", "message"),
    [
        ({"status": "purple"}, "status", "Choose a status code from /statuses/"),
        ({"percent_complete": 120}, "percent_complete", "Enter a percentage from 0 to 100."),
        ({"completed_on": "17/12/2021"}, "completed_on", "Enter the date completed as"),
        ({}, "expected_version", "Send expected_version"),
    ],
)
def test_it_refuses_bad_values_field_by_field(
    world: World, sent: dict[str, object], field: str, message: str
) -> None:
    body = {"expected_version": world.draft.version, **sent}
    if field == "expected_version":
        del body["expected_version"]

    response = world.client("lead").patch(url(world.draft), body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][field][0].startswith(message)


def test_a_save_over_someone_elses_returns_409_and_changes_nothing(world: World) -> None:
    version = world.draft.version
    first = world.client("admin").patch(
        url(world.draft),
        {"expected_version": version, "narrative": "The administrator's words."},
        format="json",
    )
    assert first.status_code == 200

    second = world.client("lead").patch(
        url(world.draft),
        {"expected_version": version, "narrative": "The lead's words.", "submit": True},
        format="json",
    )

    assert second.status_code == 409
    conflict = second.json()
    assert conflict["code"] == "edit_conflict"
    assert conflict["current_version"] == version + 1
    assert conflict["changed_by"] == "admin"
    assert {
        "field": "narrative",
        "label": "Progress this quarter",
        "before": "",
        "after": "The administrator's words.",
    } in conflict["changes"]
    assert "Your text has been kept" in conflict["detail"]
    world.draft.refresh_from_db()
    assert world.draft.narrative == "The administrator's words."
    assert world.draft.state == Update.State.DRAFT
    assert world.draft.version == version + 1


def test_a_closed_period_refuses_with_409(world: World) -> None:
    returned = world.closed_return
    before = (returned.narrative, returned.version)

    response = world.client("admin").patch(
        url(returned),
        {"expected_version": returned.version, "narrative": "Rewriting history."},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "period_closed"
    assert "is closed" in response.json()["detail"]
    returned.refresh_from_db()
    assert (returned.narrative, returned.version) == before


def test_a_lead_may_not_write_another_services_return(world: World) -> None:
    other = world.submitted

    response = world.client("lead").patch(
        url(other), {"expected_version": other.version, "narrative": "Mine now."}, format="json"
    )

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "urn:headway:problem:permission_denied",
        "title": "Forbidden",
        "status": 403,
        "detail": "Only a lead of the initiative's service, its owner or an administrator may "
        "edit this return.",
        "code": "permission_denied",
    }


def test_a_return_moves_its_milestones_dates(world: World) -> None:
    forecast = dt.date(2022, 1, 31)

    response = world.client("lead").patch(
        url(world.draft),
        {
            "expected_version": world.draft.version,
            "milestones": [{"milestone": world.milestone.pk, "forecast": str(forecast)}],
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    world.milestone.refresh_from_db()
    assert world.milestone.forecast == forecast
    assert world.milestone.completed_on is None


def test_it_refuses_another_initiatives_milestone(world: World) -> None:
    response = world.client("lead").patch(
        url(world.draft),
        {"expected_version": world.draft.version, "milestones": [{"milestone": 999999}]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["milestones"] == ["Choose milestones of this initiative only."]


def test_a_lead_starts_a_return_missing_from_the_open_period(world: World) -> None:
    response = world.client("lead").post(
        "/api/v1/updates/",
        {"initiative": world.new_initiative.pk, "status": "green", "narrative": "Under way."},
        format="json",
    )

    assert response.status_code == 201, response.json()
    created = Update.objects.get(pk=response.json()["id"])
    assert (created.initiative, created.period) == (world.new_initiative, world.period)
    assert created.narrative == "Under way."
    assert created.state == Update.State.DRAFT


def test_starting_a_return_that_exists_points_to_it(world: World) -> None:
    response = world.client("lead").post(
        "/api/v1/updates/", {"initiative": world.initiative.pk}, format="json"
    )

    assert response.status_code == 400
    assert (
        f"(number {world.draft.pk}): change that one instead"
        in (response.json()["errors"]["initiative"][0])
    )


def test_a_return_started_and_submitted_with_gaps_is_not_started(world: World) -> None:
    response = world.client("lead").post(
        "/api/v1/updates/", {"initiative": world.new_initiative.pk, "submit": True}, format="json"
    )

    assert response.status_code == 400
    assert "narrative" in response.json()["errors"]
    assert not Update.objects.filter(initiative=world.new_initiative).exists()


def test_a_reviewer_approves_a_submitted_return(world: World) -> None:
    response = world.client("reviewer").post(
        f"{url(world.submitted)}approve/",
        {"expected_version": world.submitted.version},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["state"] == "approved"


def test_a_reviewer_approves_only_what_they_read(world: World) -> None:
    response = world.client("reviewer").post(
        f"{url(world.submitted)}approve/",
        {"expected_version": world.submitted.version + 1},
        format="json",
    )

    assert response.status_code == 409
    world.submitted.refresh_from_db()
    assert world.submitted.state == Update.State.SUBMITTED


def test_returning_a_return_needs_a_comment(world: World) -> None:
    response = world.client("reviewer").post(
        f"{url(world.submitted)}return/", {"comment": "  "}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"comment": ["Say what needs to change."]}


def test_only_a_submitted_return_can_be_reviewed(world: World) -> None:
    response = world.client("reviewer").post(f"{url(world.draft)}approve/", {}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"][0].startswith("Only a submitted return")
