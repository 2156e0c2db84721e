"""Change requests and consultation answers over the API, through headway.roadmap."""

from __future__ import annotations

import pytest

from headway.roadmap.models import ChangeRequest, Consultation
from tests.api.conftest import World, today

pytestmark = pytest.mark.django_db


def test_a_reviewer_proposes_a_change(world: World) -> None:
    response = world.client("reviewer").post(
        "/api/v1/change-requests/",
        {
            "kind": "reschedule",
            "initiative": world.new_initiative.pk,
            "rationale": "Staff are on the payroll project until June.",
            "proposed": {"start_quarter": "2022-23 Q1", "end_quarter": "2022-23 Q4"},
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["kind"], body["target"]) == ("draft", "reschedule", "Debt recovery")
    assert body["proposed"] == {"planned_start": "2022-04-01", "planned_end": "2023-03-31"}
    assert body["proposed_by"] == "reviewer"


def test_a_proposal_is_refused_field_by_field(world: World) -> None:
    response = world.client("admin").post(
        "/api/v1/change-requests/",
        {"kind": "add_initiative", "rationale": "", "proposed": {"kind": "spaceship"}},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["rationale"] == ["Say why this change is needed"]
    assert errors["title"] == ["Enter the new initiative's title."]
    assert errors["kind"][0].startswith("Choose whether it is a project")
    assert not ChangeRequest.objects.filter(kind="add_initiative").exists()


def test_an_unknown_kind_says_which_kinds_there_are(world: World) -> None:
    response = world.client("admin").post(
        "/api/v1/change-requests/", {"kind": "merge", "rationale": "Why not."}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"]["kind"] == [
        "Choose the kind of change: one of add_priority, add_initiative, reprioritise, "
        "deprioritise, reschedule, close."
    ]


def test_a_partner_contact_answers_for_their_council(world: World) -> None:
    response = world.client("partner").post(
        f"/api/v1/consultations/{world.consultation.pk}/answer/",
        {"response": "objects", "comment": "Our payroll run is in July."},
        format="json",
    )

    assert response.status_code == 200, response.json()
    world.consultation.refresh_from_db()
    assert world.consultation.response == Consultation.Response.OBJECTS
    assert world.consultation.answered_by == world.users["partner"]


def test_a_partner_contact_may_not_answer_for_another_council(world: World) -> None:
    response = world.client("partner").post(
        f"/api/v1/consultations/{world.other_consultation.pk}/answer/",
        {"response": "supports"},
        format="json",
    )

    assert response.status_code == 403
    assert "may answer for South Borough Council" in response.json()["detail"]
    world.other_consultation.refresh_from_db()
    assert world.other_consultation.response == ""


def test_an_objection_needs_a_reason(world: World) -> None:
    response = world.client("partner").post(
        f"/api/v1/consultations/{world.consultation.pk}/answer/",
        {"response": "objects"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"comment": ["Say why your council objects."]}


def test_drafts_are_only_for_those_who_write_them(world: World) -> None:
    def listed(caller: str) -> set[int]:
        results = world.client(caller).get("/api/v1/change-requests/").json()["results"]
        return {item["id"] for item in results}

    assert listed("reviewer") == {world.change.pk, world.draft_change.pk}
    # Under consultation, a change is for the councils consulted; a viewer sees it once agreed.
    assert listed("partner") == {world.change.pk}
    assert listed("viewer") == set()


def test_a_draft_goes_out_for_consultation_and_is_decided(world: World) -> None:
    admin = world.client("admin")
    draft = f"/api/v1/change-requests/{world.draft_change.pk}"

    opened = admin.post(f"{draft}/consult/", {"closes_on": "2099-01-31"}, format="json")
    assert opened.status_code == 200, opened.json()
    assert opened.json()["state"] == "consulting"
    assert {c["partner_name"] for c in opened.json()["consultations"]} == {
        "North Borough Council",
        "South Borough Council",
    }

    decision = {"outcome": "agreed", "decided_on": str(today())}
    unanswered = admin.post(f"{draft}/decide/", decision, format="json")
    assert unanswered.status_code == 400
    assert unanswered.json()["errors"]["decision_note"][0].startswith(
        "Say why the decision is taken without every partner's answer"
    )

    decision["note"] = "Agreed by the Joint Committee: both councils' officers were present."
    agreed = admin.post(f"{draft}/decide/", decision, format="json")
    assert agreed.status_code == 200, agreed.json()
    assert agreed.json()["state"] == "agreed"
    world.others_initiative.refresh_from_db()
    assert world.others_initiative.status == "deprioritised"
