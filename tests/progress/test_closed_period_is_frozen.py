"""Once closed, a period and its returns cannot change by any route until it is reopened."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from headway.accounts.models import Membership, User
from headway.progress.errors import PeriodClosed
from headway.progress.lifecycle import close_period, reopen_period
from headway.progress.models import ReportingPeriod, Update
from headway.progress.models.update import closed_returns, returns_kept
from headway.progress.returns import MilestoneDates, save_return
from headway.progress.review import approve, return_to_lead
from headway.strategy.models import Initiative, Milestone, Organisation
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    UserFactory,
)
from tests.progress.conftest import good_changes


@pytest.fixture
def milestone(initiative: Initiative) -> Milestone:
    return MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 12, 1))


@pytest.fixture
def frozen(period: ReportingPeriod, initiative: Initiative, as_admin: Membership) -> Update:
    """A submitted return in a period closed by force."""
    update = UpdateFactory.create(
        initiative=initiative, period=period, state="submitted", narrative="As submitted."
    )
    close_period(period, by=as_admin, force_reason="Papers due.")
    update.refresh_from_db()
    return update


def assert_unchanged(update: Update) -> None:
    stored = Update.objects.get(pk=update.pk)
    assert (stored.narrative, stored.state, stored.version) == (
        update.narrative,
        update.state,
        update.version,
    )


def test_saving_a_return_is_refused(
    frozen: Update, org: Organisation, as_lead: Membership, milestone: Milestone
) -> None:
    changes = good_changes(
        org, milestones=(MilestoneDates(milestone.pk, dt.date(2022, 2, 1), None),)
    )
    with pytest.raises(PeriodClosed, match="is closed, so it and its returns cannot be changed"):
        save_return(frozen, changes, frozen.version, by=as_lead, submit=True)
    assert_unchanged(frozen)
    milestone.refresh_from_db()
    assert milestone.forecast is None


def test_approving_and_returning_are_refused(frozen: Update, as_reviewer: Membership) -> None:
    with pytest.raises(PeriodClosed):
        approve(frozen, by=as_reviewer)
    with pytest.raises(PeriodClosed):
        return_to_lead(frozen, by=as_reviewer, comment="Say more.")
    assert_unchanged(frozen)


def test_the_model_refuses_a_save(frozen: Update) -> None:
    frozen.narrative = "Changed in the shell."
    with pytest.raises(PeriodClosed):
        frozen.save()
    frozen.refresh_from_db()
    assert frozen.narrative == "As submitted."


def test_the_model_refuses_a_delete(frozen: Update) -> None:
    with pytest.raises(PeriodClosed):
        frozen.delete()
    assert Update.objects.filter(pk=frozen.pk).exists()


def test_bulk_updates_and_deletes_are_refused(frozen: Update) -> None:
    with pytest.raises(PeriodClosed):
        Update.objects.filter(pk=frozen.pk).update(narrative="Bulk change.")
    with pytest.raises(PeriodClosed):
        Update.objects.filter(pk=frozen.pk).delete()
    assert_unchanged(frozen)


def test_a_new_return_cannot_be_added(
    frozen: Update, org: Organisation, initiative: Initiative
) -> None:
    other = InitiativeFactory.create(organisation=org, service=initiative.service)
    with pytest.raises(PeriodClosed):
        Update.objects.create(initiative=other, period=frozen.period)
    with pytest.raises(PeriodClosed):
        Update.objects.bulk_create([Update(initiative=other, period=frozen.period)])
    assert not Update.objects.filter(initiative=other).exists()


def test_a_return_cannot_be_moved_out_of_a_closed_period(frozen: Update, org: Organisation) -> None:
    elsewhere = ReportingPeriodFactory.create(organisation=org, year=2030, quarter=1)
    frozen.period = elsewhere
    with pytest.raises(PeriodClosed):
        frozen.save()


def test_a_form_is_told_the_period_is_closed(frozen: Update) -> None:
    with pytest.raises(ValidationError) as error:
        frozen.full_clean()
    assert "is closed" in error.value.message_dict["period"][0]


def test_the_period_itself_cannot_be_changed_or_deleted(frozen: Update) -> None:
    period = ReportingPeriod.objects.get(pk=frozen.period_id)
    period.deadline = dt.date(2030, 1, 1)
    with pytest.raises(PeriodClosed):
        period.save()
    with pytest.raises(PeriodClosed):
        period.delete()
    assert ReportingPeriod.objects.get(pk=period.pk).deadline != dt.date(2030, 1, 1)


def test_reopening_with_a_reason_unfreezes_it(
    frozen: Update, org: Organisation, as_admin: Membership, as_lead: Membership
) -> None:
    reopen_period(frozen.period, by=as_admin, reason="A correction from Finance.")
    saved = save_return(frozen, good_changes(org), frozen.version, by=as_lead, submit=True)
    assert saved.narrative == good_changes(org).narrative


@pytest.fixture
def superuser(db: None) -> User:
    return UserFactory.create(username="root", is_staff=True, is_superuser=True)


def test_the_admin_shows_a_closed_return_read_only(frozen: Update, superuser: User) -> None:
    client = signed_in(superuser)
    url = reverse("admin:progress_update_change", args=[frozen.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"narrative": "Changed in the admin.", "state": "approved"})
    assert response.status_code == 403
    assert_unchanged(frozen)


def test_the_admin_refuses_to_delete_a_closed_return(frozen: Update, superuser: User) -> None:
    client = signed_in(superuser)
    url = reverse("admin:progress_update_delete", args=[frozen.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    response = client.post(
        reverse("admin:progress_update_changelist"),
        {"action": "delete_selected", "_selected_action": [frozen.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Update.objects.filter(pk=frozen.pk).exists()


def test_the_admin_refuses_to_change_a_closed_period(frozen: Update, superuser: User) -> None:
    client = signed_in(superuser)
    url = reverse("admin:progress_reportingperiod_change", args=[frozen.period_id])
    response = client.post(url, {"deadline": "2030-01-01", "remind_days_before": "7"})
    assert response.status_code == 403
    assert ReportingPeriod.objects.get(pk=frozen.period_id).deadline != dt.date(2030, 1, 1)


def test_deleting_the_initiative_is_refused_and_says_why(frozen: Update) -> None:
    initiative = frozen.initiative
    with pytest.raises(ProtectedError) as refused:
        initiative.delete()
    assert {update.pk for update in refused.value.protected_objects} == {frozen.pk}
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    assert_unchanged(frozen)
    with pytest.raises(ProtectedError):
        Initiative.objects.filter(pk=initiative.pk).delete()
    assert_unchanged(frozen)


def test_the_rule_names_the_closed_periods_and_what_to_do_instead(
    frozen: Update, org: Organisation, as_admin: Membership
) -> None:
    later = ReportingPeriodFactory.create(organisation=org, year=2027, quarter=1)
    UpdateFactory.create(initiative=frozen.initiative, period=later, state="approved")
    close_period(later, by=as_admin)
    message = returns_kept(closed_returns(Update.objects.filter(initiative=frozen.initiative)))
    assert f"({frozen.period.label}, {later.label})" in message
    assert "propose closing or deprioritising it in a change request" in message


def test_an_initiative_whose_returns_are_all_in_open_periods_can_be_deleted(
    org: Organisation, initiative: Initiative, period: ReportingPeriod
) -> None:
    draft = UpdateFactory.create(initiative=initiative, period=period)
    initiative.delete()
    assert not Update.objects.filter(pk=draft.pk).exists()


def test_the_admin_says_why_the_initiative_stays(frozen: Update, superuser: User) -> None:
    client = signed_in(superuser)
    url = reverse("admin:strategy_initiative_delete", args=[frozen.initiative_id])
    page = client.get(url).content.decode()
    assert "cannot be deleted: those returns are the record" in page
    confirmed = client.post(url, {"post": "yes"})  # the same page again, nothing deleted
    assert "cannot be deleted: those returns are the record" in confirmed.content.decode()
    bulk = client.post(
        reverse("admin:strategy_initiative_changelist"),
        {"action": "delete_selected", "_selected_action": [frozen.initiative_id], "post": "yes"},
    )
    assert "cannot be deleted: those returns are the record" in bulk.content.decode()
    assert Initiative.objects.filter(pk=frozen.initiative_id).exists()
    assert_unchanged(frozen)
