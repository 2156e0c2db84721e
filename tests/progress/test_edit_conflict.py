"""Two people editing one return: the second is told what the first changed, and loses nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.accounts.models import Membership, Role
from headway.progress.errors import EditConflict, FieldChange
from headway.progress.models import Update
from headway.progress.returns import MilestoneDates, save_return
from headway.progress.review import approve
from headway.strategy.models import Organisation
from tests.factories import MilestoneFactory, UserFactory, status_value
from tests.progress.conftest import good_changes


@pytest.fixture
def colleague(org: Organisation, as_lead: Membership) -> Membership:
    """A second lead of the same service."""
    other = Membership.objects.create(
        user=UserFactory.create(username="colleague", first_name="Deputy", last_name="Head"),
        organisation=org,
        role=Role.SERVICE_LEAD,
    )
    other.services.set(as_lead.services.all())
    return other


def test_the_second_save_is_refused_with_what_the_first_person_changed(
    draft: Update, org: Organisation, as_lead: Membership, colleague: Membership
) -> None:
    opened_at = draft.version  # Both open the return at this version.
    first = good_changes(
        org, status=status_value(org, "amber"), risks="Supplier late; daily calls agreed."
    )
    save_return(draft, first, opened_at, by=colleague, submit=False)

    second = good_changes(org, narrative="My own account of the quarter.")
    with pytest.raises(EditConflict) as caught:
        save_return(draft, second, opened_at, by=as_lead, submit=False)

    conflict = caught.value
    assert conflict.changed_by == colleague.user
    assert conflict.changed_at is not None
    assert conflict.current_version == opened_at + 1
    changes = {change.field: change for change in conflict.changes}
    assert changes["status"] == FieldChange("status", "Status", "", "Amber")
    assert changes["risks"] == FieldChange(
        "risks", "Risks and issues", "", "Supplier late; daily calls agreed."
    )
    assert changes["narrative"].after == first.narrative
    assert "Deputy Head changed this return" in str(conflict)


def test_nothing_is_lost(
    draft: Update, org: Organisation, as_lead: Membership, colleague: Membership
) -> None:
    first = good_changes(org, narrative="The first person's text.")
    save_return(draft, first, draft.version, by=colleague, submit=False)
    second = good_changes(org, narrative="The second person's text.")
    with pytest.raises(EditConflict) as caught:
        save_return(draft, second, draft.version, by=as_lead, submit=False)

    # The first person's save stands; the second person's text comes back to them...
    assert Update.objects.get(pk=draft.pk).narrative == "The first person's text."
    assert caught.value.yours == second
    # ...and they can save it over the version they have now seen.
    saved = save_return(draft, second, caught.value.current_version, by=as_lead, submit=False)
    assert saved.narrative == "The second person's text."


def test_it_lists_milestone_dates_the_other_person_changed(
    draft: Update, org: Organisation, as_lead: Membership, colleague: Membership
) -> None:
    milestone = MilestoneFactory.create(initiative=draft.initiative, title="Go-live")
    moved = MilestoneDates(milestone.pk, forecast=dt.date(2022, 2, 28), completed_on=None)
    save_return(draft, good_changes(org, milestones=(moved,)), draft.version, colleague, False)

    with pytest.raises(EditConflict) as caught:
        save_return(draft, good_changes(org), draft.version, by=as_lead, submit=False)

    assert (
        FieldChange(
            f"milestone_{milestone.pk}_forecast", "“Go-live” forecast date", "", "28 February 2022"
        )
        in caught.value.changes
    )


def test_saving_against_the_current_version_is_no_conflict(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    saved = save_return(draft, good_changes(org), draft.version, by=as_lead, submit=False)
    again = save_return(saved, good_changes(org), saved.version, by=as_lead, submit=True)
    assert again.version == draft.version + 2


def test_a_reviewer_approves_only_the_version_they_read(
    draft: Update, org: Organisation, as_lead: Membership, as_reviewer: Membership
) -> None:
    read = save_return(draft, good_changes(org), draft.version, by=as_lead, submit=True)
    save_return(read, good_changes(org, narrative="Changed."), read.version, as_lead, True)
    with pytest.raises(EditConflict) as caught:
        approve(read, by=as_reviewer, expected_version=read.version)
    assert [c.field for c in caught.value.changes] == ["narrative"]
    assert Update.objects.get(pk=draft.pk).state == "submitted"
