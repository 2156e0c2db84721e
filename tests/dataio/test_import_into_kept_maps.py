"""Once an organisation's maps have a recorded version, an import changes them only through
change requests: a new initiative for the maps is proposed, not created, and renaming one of
the maps' initiatives is refused unless imported as a correction."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from headway.accounts.models import Membership, User
from headway.dataio.imports import preview_import, run_import
from headway.dataio.preview import Action
from headway.dataio.problems import FileRefused
from headway.roadmap.models import ChangeRequest, MapVersion
from headway.roadmap.versions import ensure_baseline
from headway.strategy.models import Initiative, Organisation
from tests.conftest import signed_in
from tests.dataio.conftest import portfolio_file
from tests.dataio.files import MILESTONE_HEADER, initiative_row, xlsx
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(ready: Organisation, as_admin: Membership) -> Initiative:
    """A portfolio loaded, and its maps since recorded as version 1."""
    run_import(portfolio_file(ready, xlsx([initiative_row("FIN-001")]), by=as_admin))
    ensure_baseline(ready)
    return Initiative.objects.get()


def test_a_new_initiative_for_the_maps_raises_a_draft_change_request_instead(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    data = xlsx([initiative_row("FIN-001"), initiative_row("FIN-002", title="Debt recovery")])

    preview = preview_import(portfolio_file(ready, data, by=as_admin))
    assert [(r.reference, r.action) for r in preview.rows] == [
        ("FIN-001", Action.UNCHANGED),
        ("FIN-002", Action.PROPOSE),
    ]
    run_import(portfolio_file(ready, data, by=as_admin))

    assert list(Initiative.objects.values_list("external_reference", flat=True)) == ["FIN-001"]
    (request,) = ChangeRequest.objects.all()
    assert request.kind == ChangeRequest.Kind.ADD_INITIATIVE
    assert request.state == ChangeRequest.State.DRAFT
    assert request.proposed["title"] == "Debt recovery"
    assert request.proposed["external_reference"] == "FIN-002"
    assert request.proposed_by == as_admin.user
    assert "portfolio.xlsx" in request.rationale
    assert MapVersion.objects.count() == 1


def test_importing_the_same_file_again_raises_no_second_request(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    data = xlsx([initiative_row("FIN-002")])
    run_import(portfolio_file(ready, data, by=as_admin))

    again = run_import(portfolio_file(ready, data, by=as_admin))

    assert [r.action for r in again.rows] == [Action.UNCHANGED]
    assert ChangeRequest.objects.count() == 1


def test_an_initiative_off_the_maps_is_created_as_before(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    data = xlsx([initiative_row("FIN-003", priorities="")])

    run_import(portfolio_file(ready, data, by=as_admin))

    assert Initiative.objects.filter(external_reference="FIN-003").exists()
    assert not ChangeRequest.objects.exists()


def test_renaming_an_initiative_on_the_maps_is_refused(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    data = xlsx([initiative_row("FIN-001", title="Payroll renamed")])

    with pytest.raises(FileRefused) as refused:
        run_import(portfolio_file(ready, data, by=as_admin))

    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, "title")
    assert "Renaming an initiative on the maps" in problem.message
    kept.refresh_from_db()
    assert kept.title == "Initiative FIN-001"


def test_a_correction_renames_it_and_moves_its_map_version_on(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    data = xlsx([initiative_row("FIN-001", title="Payroll renamed")])

    run_import(portfolio_file(ready, data, "fix.xlsx", by=as_admin, correction=True))

    kept.refresh_from_db()
    assert kept.title == "Payroll renamed"
    assert kept.map_version == 2
    assert kept.history.first().history_change_reason == "Correction imported from fix.xlsx: title"


def test_milestones_of_a_proposed_initiative_wait_for_its_agreement(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    milestones = [MILESTONE_HEADER, ["FIN-002", "Go live", "2021-12-31", None, None]]
    data = xlsx([initiative_row("FIN-002")], extra={"Milestones": milestones})

    preview = preview_import(portfolio_file(ready, data, by=as_admin))

    (problem,) = preview.problems
    assert "proposed for the maps by a change request" in problem.message


def test_before_the_maps_are_kept_a_portfolio_loads_as_it_always_did(
    ready: Organisation, as_admin: Membership
) -> None:
    data = xlsx([initiative_row("FIN-001"), initiative_row("FIN-002")])

    run_import(portfolio_file(ready, data, by=as_admin))

    assert Initiative.objects.count() == 2
    assert not ChangeRequest.objects.exists()


def test_the_preview_page_says_which_rows_raise_a_change_request(
    ready: Organisation, admin_user: User, kept: Initiative
) -> None:
    client = signed_in(admin_user)
    data = xlsx([initiative_row("FIN-001"), initiative_row("FIN-002", title="Debt recovery")])
    response = client.post(
        reverse("dataio:import_upload", args=["portfolio"]),
        {"file": SimpleUploadedFile("portfolio.xlsx", data)},
    )

    page = Page.of(client.get(response["Location"]))

    assert "Change requests to raise 1" in page.text()
    (row,) = page.texts("//table//tbody/tr[contains(., 'FIN-002')]")
    assert "Propose for the maps" in row
    assert "draft change request" in row
    (form,) = page.tree.xpath("//main//form[@method='post']")
    client.post(form.get("action"))
    done = Page.of(client.get(response["Location"])).text()
    assert "Change requests raised 1" in done
    assert ChangeRequest.objects.get().proposed["title"] == "Debt recovery"


def test_changed_map_fields_raise_change_requests_and_the_rest_of_the_row_applies(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    data = xlsx(
        [
            initiative_row(
                "FIN-001",
                planned_end="2022-06-30",
                priorities="1; 2",
                description="One payroll for both councils.",
            )
        ]
    )

    preview = preview_import(portfolio_file(ready, data, by=as_admin))
    (row,) = preview.rows
    assert row.action == Action.UPDATE
    assert preview.change_requests == 2
    assert [c.column for c in row.changes] == [
        "description",
        "priorities (by a change request: reprioritise)",
        "planned end (by a change request: reschedule)",
    ]
    run_import(portfolio_file(ready, data, by=as_admin))

    kept.refresh_from_db()
    assert kept.description == "One payroll for both councils."
    assert kept.planned_end is not None and kept.planned_end.isoformat() == "2022-03-31"
    assert sorted(p.number for p in kept.priorities.all()) == [1]
    requests = {r.kind: r for r in ChangeRequest.objects.filter(initiative=kept)}
    assert set(requests) == {ChangeRequest.Kind.RESCHEDULE, ChangeRequest.Kind.REPRIORITISE}
    assert requests[ChangeRequest.Kind.RESCHEDULE].proposed["planned_end"] == "2022-06-30"
    assert all(r.state == ChangeRequest.State.DRAFT for r in requests.values())
    # The same file again raises nothing new.
    run_import(portfolio_file(ready, data, by=as_admin))
    assert ChangeRequest.objects.count() == 2


def test_deprioritising_in_the_file_raises_a_deprioritise_request(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    data = xlsx([initiative_row("FIN-001", status="Deprioritised")])

    run_import(portfolio_file(ready, data, by=as_admin))

    kept.refresh_from_db()
    assert kept.status == Initiative.Status.IN_PROGRESS
    assert ChangeRequest.objects.get().kind == ChangeRequest.Kind.DEPRIORITISE


def test_a_status_no_change_request_makes_is_refused(
    ready: Organisation, as_admin: Membership, kept: Initiative
) -> None:
    data = xlsx([initiative_row("FIN-001", status="On hold")])

    with pytest.raises(FileRefused) as refused:
        run_import(portfolio_file(ready, data, by=as_admin))

    assert "no change request makes this change" in str(refused.value)
    assert not ChangeRequest.objects.exists()
