"""A reviewer approves a submitted return, or returns it to its owners saying what to fix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import Membership, User
from headway.progress.links import return_path
from headway.progress.models import Update
from headway.progress.review import approve, return_to_lead
from headway.strategy.models import Initiative, Organisation
from tests.factories import UpdateFactory, UserFactory


@pytest.fixture
def submitted(initiative: Initiative, period: Any) -> Update:
    return UpdateFactory.create(initiative=initiative, period=period, state="submitted")


def test_a_reviewer_approves_a_submitted_return(submitted: Update, as_reviewer: Membership) -> None:
    approved = approve(submitted, by=as_reviewer)
    approved.refresh_from_db()
    assert (approved.state, approved.reviewed_by) == ("approved", as_reviewer.user)
    assert approved.reviewed_at is not None
    assert approved.version == submitted.version + 1


def test_an_administrator_may_review_too(submitted: Update, as_admin: Membership) -> None:
    assert approve(submitted, by=as_admin).state == "approved"


@pytest.mark.parametrize("state", ["draft", "returned", "approved"])
def test_only_a_submitted_return_is_reviewed(
    initiative: Initiative, period: Any, as_reviewer: Membership, state: str
) -> None:
    update = UpdateFactory.create(initiative=initiative, period=period, state=state)
    with pytest.raises(ValidationError, match="Only a submitted return can be reviewed"):
        approve(update, by=as_reviewer)
    with pytest.raises(ValidationError, match="Only a submitted return can be reviewed"):
        return_to_lead(update, by=as_reviewer, comment="Please add the savings figure.")
    assert Update.objects.get(pk=update.pk).state == state


@pytest.mark.parametrize("who", ["as_lead", "as_outsider"])
def test_a_lead_or_another_organisation_cannot_review(
    submitted: Update, who: str, request: pytest.FixtureRequest
) -> None:
    by = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        approve(submitted, by=by)
    with pytest.raises(PermissionDenied):
        return_to_lead(submitted, by=by, comment="No.")
    assert Update.objects.get(pk=submitted.pk).state == "submitted"


def test_returning_needs_a_comment(submitted: Update, as_reviewer: Membership) -> None:
    with pytest.raises(ValidationError) as error:
        return_to_lead(submitted, by=as_reviewer, comment="  ")
    assert error.value.message_dict == {"comment": ["Say what needs to change."]}
    assert Update.objects.get(pk=submitted.pk).state == "submitted"


def test_returning_keeps_the_comment_and_the_text(
    submitted: Update,
    as_reviewer: Membership,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        returned = return_to_lead(submitted, by=as_reviewer, comment="Add the savings figure.")
    returned.refresh_from_db()
    assert (returned.state, returned.review_comment) == ("returned", "Add the savings figure.")
    assert returned.narrative == submitted.narrative
    assert returned.reviewed_by == as_reviewer.user


def test_the_service_leads_are_emailed_a_link_to_the_return(
    submitted: Update,
    lead: User,
    as_reviewer: Membership,
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.SITE_URL = "https://headway.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        return_to_lead(submitted, by=as_reviewer, comment="Add the savings figure.")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [lead.email]
    assert email.subject == f"Your {submitted.period.label} return for Payroll system needs changes"
    assert "Add the savings figure." in email.body
    assert f"https://headway.example.org{return_path(submitted.pk)}" in email.body


def test_an_initiatives_owner_is_emailed_instead_of_the_leads(
    submitted: Update,
    lead: User,
    as_reviewer: Membership,
    org: Organisation,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    owner = UserFactory.create(username="owner")
    Initiative.objects.filter(pk=submitted.initiative_id).update(owner=owner)
    with django_capture_on_commit_callbacks(execute=True):
        return_to_lead(submitted, by=as_reviewer, comment="Add the savings figure.")
    assert [email.to for email in mail.outbox] == [[owner.email]]


def test_no_email_goes_if_the_return_is_not_returned(
    submitted: Update, as_reviewer: Membership, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        approve(submitted, by=as_reviewer)
        with pytest.raises(ValidationError):
            return_to_lead(submitted, by=as_reviewer, comment="Too late.")
    assert mail.outbox == []
