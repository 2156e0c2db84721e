"""Saving a return as a draft keeps whatever was typed; submitting needs a complete return."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from headway.accounts.models import Membership
from headway.progress.models import ReportingPeriod, Update
from headway.progress.returns import MilestoneDates, ReturnChanges, save_return
from headway.strategy.models import Initiative, Milestone, Organisation
from tests.factories import InitiativeFactory, MilestoneFactory, status_value
from tests.progress.conftest import good_changes, today


def problems(
    update: Update, changes: ReturnChanges, by: Membership, submit: bool = True
) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        save_return(update, changes, update.version, by=by, submit=submit)
    return error.value.message_dict


@pytest.fixture
def milestone(initiative: Initiative) -> Milestone:
    return MilestoneFactory.create(initiative=initiative, title="Go-live", due=dt.date(2021, 11, 1))


def test_a_draft_keeps_what_was_typed_and_marks_the_return_started(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    changes = ReturnChanges(status=status_value(org, "amber"), narrative="Half written")
    saved = save_return(draft, changes, draft.version, by=as_lead, submit=False)
    saved.refresh_from_db()
    assert (saved.state, saved.status, saved.narrative) == ("draft", changes.status, "Half written")
    assert saved.progress == Update.Progress.IN_PROGRESS
    assert saved.started_at is not None
    assert saved.last_edited_by == as_lead.user
    assert saved.version == draft.version + 1
    assert saved.history.latest().history_user == as_lead.user


def test_submitting_sends_it_for_review(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    saved = save_return(draft, good_changes(org), draft.version, by=as_lead, submit=True)
    saved.refresh_from_db()
    assert (saved.state, saved.submitted_by, saved.is_late) == ("submitted", as_lead.user, False)
    assert saved.submitted_at is not None
    assert saved.narrative == "The new payroll system went live in November."


def test_a_return_submitted_after_the_deadline_is_accepted_and_marked_late(
    draft: Update, period: ReportingPeriod, org: Organisation, as_lead: Membership
) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(deadline=today() - dt.timedelta(days=1))
    saved = save_return(draft, good_changes(org), draft.version, by=as_lead, submit=True)
    assert (saved.state, saved.is_late) == ("submitted", True)


def test_a_return_first_submitted_on_time_is_not_late_when_resubmitted(
    draft: Update, period: ReportingPeriod, org: Organisation, as_lead: Membership
) -> None:
    saved = save_return(draft, good_changes(org), draft.version, by=as_lead, submit=True)
    Update.objects.filter(pk=saved.pk).update(state="returned")
    ReportingPeriod.objects.filter(pk=period.pk).update(deadline=today() - dt.timedelta(days=1))
    saved.refresh_from_db()
    again = save_return(saved, good_changes(org), saved.version, by=as_lead, submit=True)
    assert (again.state, again.is_late) == ("submitted", False)


def test_submitting_needs_a_status_and_a_narrative(draft: Update, as_lead: Membership) -> None:
    assert problems(draft, ReturnChanges(status=None), as_lead) == {
        "status": ["Choose a status for the initiative."],
        "narrative": ["Describe the progress made this quarter."],
    }
    assert Update.objects.get(pk=draft.pk).state == "draft"


def test_a_draft_needs_neither(draft: Update, as_lead: Membership) -> None:
    saved = save_return(draft, ReturnChanges(status=None), draft.version, by=as_lead, submit=False)
    assert saved.state == "draft"


@pytest.mark.parametrize("code", ["amber", "red"])
def test_amber_and_red_need_the_risks_and_what_is_being_done(
    draft: Update, org: Organisation, as_lead: Membership, code: str
) -> None:
    changes = good_changes(org, status=status_value(org, code), risks="  ")
    label = code.capitalize()
    assert problems(draft, changes, as_lead) == {
        "risks": [
            f"Say what the risks are and what is being done about them: the status is "
            f"{label}, which needs a mitigation."
        ]
    }


def test_a_completed_status_needs_the_date_it_was_completed(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    changes = good_changes(org, status=status_value(org, "blue"))
    assert problems(draft, changes, as_lead) == {
        "completed_on": [
            "Enter the date the initiative was completed: the status is Blue, which means "
            "it is complete."
        ]
    }
    done = good_changes(org, status=status_value(org, "blue"), completed_on=today())
    saved = save_return(draft, done, draft.version, by=as_lead, submit=True)
    assert saved.completed_on == today()


def test_the_completion_date_cannot_be_in_the_future(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    tomorrow = today() + dt.timedelta(days=1)
    changes = good_changes(org, status=status_value(org, "blue"), completed_on=tomorrow)
    assert problems(draft, changes, as_lead, submit=False) == {
        "completed_on": ["The date completed must be today or in the past."]
    }


def test_a_completion_date_is_dropped_when_the_status_is_not_complete(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    changes = good_changes(org, completed_on=today())
    saved = save_return(draft, changes, draft.version, by=as_lead, submit=True)
    assert saved.completed_on is None


@pytest.mark.parametrize("percent", [-1, 101])
def test_the_percentage_is_from_0_to_100(
    draft: Update, org: Organisation, as_lead: Membership, percent: int
) -> None:
    changes = good_changes(org, percent_complete=percent)
    assert problems(draft, changes, as_lead, submit=False) == {
        "percent_complete": ["Enter a percentage from 0 to 100."]
    }


def test_the_status_comes_from_the_organisations_scale(
    draft: Update, org: Organisation, other_org: Organisation, as_lead: Membership
) -> None:
    changes = good_changes(org, status=status_value(other_org, "green"))
    assert problems(draft, changes, as_lead) == {
        "status": ["Choose a status from the organisation's own scale."]
    }


def test_it_changes_milestone_dates_with_the_return(
    draft: Update, org: Organisation, as_lead: Membership, milestone: Milestone
) -> None:
    other = MilestoneFactory.create(initiative=draft.initiative, title="Old system closed")
    changes = good_changes(
        org,
        milestones=(
            MilestoneDates(milestone.pk, forecast=None, completed_on=today()),
            MilestoneDates(other.pk, forecast=dt.date(2022, 6, 30), completed_on=None),
        ),
    )
    save_return(draft, changes, draft.version, by=as_lead, submit=True)
    milestone.refresh_from_db()
    other.refresh_from_db()
    assert (milestone.forecast, milestone.completed_on) == (None, today())
    assert (other.forecast, other.completed_on) == (dt.date(2022, 6, 30), None)
    assert other.history.latest().history_user == as_lead.user


def test_a_milestone_cannot_be_completed_in_the_future(
    draft: Update, org: Organisation, as_lead: Membership, milestone: Milestone
) -> None:
    tomorrow = today() + dt.timedelta(days=1)
    changes = good_changes(org, milestones=(MilestoneDates(milestone.pk, None, tomorrow),))
    assert problems(draft, changes, as_lead) == {
        f"milestone_{milestone.pk}_completed_on": [
            "The completion date of “Go-live” must be today or in the past."
        ]
    }


def test_only_the_initiatives_own_milestones_can_change(
    draft: Update, org: Organisation, service: object, as_lead: Membership
) -> None:
    elsewhere = MilestoneFactory.create(
        initiative=InitiativeFactory.create(organisation=org, service=draft.initiative.service)
    )
    changes = good_changes(
        org, milestones=(MilestoneDates(elsewhere.pk, dt.date(2022, 1, 1), None),)
    )
    assert problems(draft, changes, as_lead) == {
        "milestones": ["Choose milestones of this initiative only."]
    }
    elsewhere.refresh_from_db()
    assert elsewhere.forecast is None


def test_nothing_is_saved_when_anything_is_wrong(
    draft: Update, org: Organisation, as_lead: Membership, milestone: Milestone
) -> None:
    changes = good_changes(
        org,
        narrative="",
        milestones=(MilestoneDates(milestone.pk, dt.date(2022, 3, 1), None),),
    )
    problems(draft, changes, as_lead)
    milestone.refresh_from_db()
    stored = Update.objects.get(pk=draft.pk)
    assert (milestone.forecast, stored.version, stored.started_at) == (None, draft.version, None)


def test_saving_a_submitted_return_as_a_draft_takes_it_back(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    submitted = save_return(draft, good_changes(org), draft.version, by=as_lead, submit=True)
    back = save_return(submitted, good_changes(org), submitted.version, by=as_lead, submit=False)
    assert back.state == "draft"


def test_a_returned_return_stays_returned_until_it_is_submitted_again(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    Update.objects.filter(pk=draft.pk).update(state="returned")
    draft.refresh_from_db()
    saved = save_return(draft, good_changes(org), draft.version, by=as_lead, submit=False)
    assert saved.state == "returned"


def test_an_approved_return_cannot_be_changed(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    Update.objects.filter(pk=draft.pk).update(state="approved")
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="has been approved"):
        save_return(draft, good_changes(org), draft.version, by=as_lead, submit=True)
