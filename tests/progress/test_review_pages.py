"""Reviewers work through a queue: each return beside last quarter's, approved in one click or
returned with a comment that the lead then sees."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    UpdateFactory,
    status_value,
)
from tests.pages import Page

pytestmark = pytest.mark.django_db

QUEUE = reverse("progress:review_queue")


@pytest.fixture
def submitted(initiative: Initiative, period: ReportingPeriod, org: Organisation) -> Update:
    earlier = ReportingPeriodFactory.create(
        organisation=org, year=period.year - 1, quarter=period.quarter, state="upcoming"
    )
    previous = UpdateFactory.create(
        initiative=initiative,
        period=earlier,
        status=status_value(org, "green"),
        narrative="Design agreed. Build starts in May.",
        risks="",
    )
    ReportingPeriod.objects.filter(pk=earlier.pk).update(state="closed")
    return UpdateFactory.create(
        initiative=initiative,
        period=period,
        previous=previous,
        state="submitted",
        submitted_at=timezone.now(),
        status=status_value(org, "amber"),
        narrative="Design agreed. Build starts in July.",
        risks="Supplier capacity; weekly calls agreed.",
    )


@pytest.fixture
def second(org: Organisation, service, period: ReportingPeriod) -> Update:
    return UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, service=service, title="Debt"),
        period=period,
        state="submitted",
        submitted_at=timezone.now(),
    )


def _review(update: Update) -> str:
    return reverse("progress:review", args=[update.pk])


def test_the_queue_lists_submitted_returns_longest_waiting_first(
    reviewer: User, submitted: Update, second: Update
) -> None:
    page = Page.of(signed_in(reviewer).get(QUEUE))
    assert page.h1s == ["Returns to review"]
    assert page.links("//table//a") == {
        "Payroll system": _review(submitted),
        "Debt": _review(second),
    }
    assert "Was Green" in page.text("//table")


def test_the_return_sits_beside_last_quarter_s_with_the_changes_marked(
    reviewer: User, submitted: Update
) -> None:
    page = Page.of(signed_in(reviewer).get(_review(submitted)))
    narrative = "//div[@id='field-narrative']"
    assert page.texts(f"{narrative}//del") == ["[removed: May.]"]
    assert page.texts(f"{narrative}//ins") == ["[added: July.]"]
    assert page.texts(f"{narrative}//h3") == ["Progress this quarter Changed"]
    assert page.texts("//div[@id='field-achievements']//h3") == [
        "Achievements this quarter No change"
    ]
    assert "Status: Green: On track Amber: At risk" not in page.text()
    assert page.texts("//div[@id='field-status']//del") == ["[removed: Green: On track]"]


def test_approving_takes_one_click_and_moves_to_the_next_return(
    reviewer: User, submitted: Update, second: Update
) -> None:
    client = signed_in(reviewer)
    response = client.post(
        _review(submitted), {"action": "approve", "version": str(submitted.version)}
    )
    assert response["Location"] == _review(second)
    submitted.refresh_from_db()
    assert (submitted.state, submitted.reviewed_by) == ("approved", reviewer)
    assert (
        "You approved the return for Payroll system." in Page.of(client.get(_review(second))).text()
    )


def test_after_the_last_return_it_goes_back_to_the_queue(reviewer: User, submitted: Update) -> None:
    response = signed_in(reviewer).post(
        _review(submitted), {"action": "approve", "version": str(submitted.version)}
    )
    assert response["Location"] == QUEUE


def test_returning_needs_a_comment(reviewer: User, submitted: Update) -> None:
    response = signed_in(reviewer).post(
        _review(submitted), {"action": "return", "comment": " ", "version": str(submitted.version)}
    )
    assert response.status_code == 200
    page = Page.of(response)
    assert page.links("//div[contains(@class, 'govuk-error-summary')]//a") == {
        "Say what needs to change.": "#comment"
    }
    assert "Say what needs to change." in page.text("//p[@id='comment-error']")
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_the_lead_sees_the_comment_on_their_task_list_and_by_email(
    reviewer: User, lead: User, submitted: Update, django_capture_on_commit_callbacks
) -> None:
    comment = "Say when the build will now start, and why it moved."
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(reviewer).post(
            _review(submitted),
            {"action": "return", "comment": comment, "version": str(submitted.version)},
        )
    submitted.refresh_from_db()
    assert submitted.state == "returned"
    tasks = Page.of(signed_in(lead).get(reverse("progress:my_returns")))
    assert comment in tasks.text("//div[contains(@class, 'govuk-task-list__hint')]")
    [email] = mail.outbox
    assert email.to == ["lead@example.org"]
    assert comment in email.body
    assert reverse("progress:return", args=[submitted.pk]) in email.body


def test_a_return_changed_since_it_was_opened_is_not_approved_blind(
    reviewer: User, submitted: Update
) -> None:
    stale = submitted.version
    Update.objects.filter(pk=submitted.pk).update(version=stale + 1)
    response = signed_in(reviewer).post(
        _review(submitted), {"action": "approve", "version": str(stale)}
    )
    assert response["Location"] == _review(submitted)
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_a_return_not_submitted_cannot_be_reviewed(reviewer: User, draft: Update) -> None:
    page = Page.of(signed_in(reviewer).get(_review(draft)))
    assert "only a submitted return can be reviewed" in page.text()
    assert page.count("//button[@value='approve']") == 0


def test_leads_and_viewers_may_not_review(lead: User, viewer: User, submitted: Update) -> None:
    for user in (lead, viewer):
        assert signed_in(user).get(QUEUE).status_code == 403
        assert signed_in(user).get(_review(submitted)).status_code == 403


def test_the_other_organisation_gets_not_found(outsider: User, submitted: Update) -> None:
    assert signed_in(outsider).get(_review(submitted)).status_code == 404
    assert "Payroll system" not in Page.of(signed_in(outsider).get(QUEUE)).text()


def test_a_return_not_pre_filled_sits_beside_the_latest_approved_one(
    reviewer: User, submitted: Update
) -> None:
    """Returns entered another way (an import, the demo) have no link to last quarter's."""
    Update.objects.filter(pk=submitted.pk).update(previous=None)
    page = Page.of(signed_in(reviewer).get(_review(submitted)))
    assert page.texts("//h2[@id='changes']")[0].startswith("What changed since ")
    assert page.texts("//div[@id='field-narrative']//ins") == ["[added: July.]"]
    assert "Was Green" in Page.of(signed_in(reviewer).get(QUEUE)).text("//table")


def test_with_nothing_approved_before_it_shows_the_return_unmarked(
    reviewer: User, second: Update
) -> None:
    page = Page.of(signed_in(reviewer).get(_review(second)))
    assert "There is no approved return from an earlier quarter" in page.text()
    assert page.count("//ins") + page.count("//del") == 0
    assert "Work continues to plan." in page.text("//div[@id='field-narrative']")


def test_the_queue_filters_by_service_and_what_needs_attention(
    reviewer: User, submitted: Update, second: Update, org: Organisation
) -> None:
    client = signed_in(reviewer)
    # The Payroll system's return is amber, which needs a mitigation; Debt's is green.
    page = Page.of(client.get(QUEUE, {"attention": "yes"}))
    assert list(page.links("//table//a")) == ["Payroll system"]
    assert "Showing 1 of 2 returns" in page.text()
    other = ServiceFactory.create(organisation=org, name="ICT")
    page = Page.of(client.get(QUEUE, {"service": other.pk}))
    assert "No returns match these filters" in page.h2s
    assert page.count("//table") == 0
