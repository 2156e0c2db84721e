"""A reviewer (or an administrator) approves the draft; an administrator may ask the reviewers
by email, and publishes the approved report."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from headway.accounts.models import Role, User
from headway.committee.models import Pack, Report
from tests.conftest import signed_in
from tests.factories import MembershipFactory, UserFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


def post(user: User, name: str, report: Report) -> Any:
    return signed_in(user).post(reverse(f"committee:{name}", args=[report.pk]))


@pytest.mark.parametrize("role", ["admin_user", "reviewer"])
def test_a_reviewer_or_administrator_approves_the_draft(
    role: str, drafted: Report, request
) -> None:
    user = request.getfixturevalue(role)
    client = signed_in(user)
    response = client.post(reverse("committee:approve", args=[drafted.pk]))
    assert response.status_code == 302
    drafted.refresh_from_db()
    assert drafted.state == Report.State.APPROVED
    assert drafted.approved_by == user
    page = Page.of(client.get(response["Location"]))
    assert "The report is approved." in page.text()


@pytest.mark.parametrize("role", ["lead", "partner_contact", "viewer"])
def test_nobody_else_approves(role: str, drafted: Report, request) -> None:
    assert post(request.getfixturevalue(role), "approve", drafted).status_code == 403
    drafted.refresh_from_db()
    assert drafted.state == Report.State.DRAFT


def test_asking_for_approval_emails_the_reviewers(
    admin_user: User, reviewer: User, drafted: Report, org
) -> None:
    second = UserFactory.create(username="reviewer2", first_name="Second", last_name="Reviewer")
    MembershipFactory.create(user=second, organisation=org, role=Role.REVIEWER)
    client = signed_in(admin_user)

    response = client.post(reverse("committee:ask_for_approval", args=[drafted.pk]))

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "reviewer2@example.org",
        "reviewer@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "Please approve the report “Strategy Progress Report for Q3”"
    assert f"/reports/{drafted.pk}/" in message.body
    assert "Joint Committee meeting on 11 March 2022" in message.body
    assert (
        "Asked reviewer and Second Reviewer to approve the report."
        in Page.of(client.get(response["Location"])).text()
    )


def test_asking_with_no_reviewer_says_what_to_do(admin_user: User, drafted: Report) -> None:
    response = post(admin_user, "ask_for_approval", drafted)
    assert response.status_code == 400
    assert "Nobody in Shared Service is a reviewer with an email address" in Page.of(response).text(
        "//div[contains(@class, 'govuk-error-summary')]"
    )
    assert mail.outbox == []


def test_reviewers_of_other_organisations_are_not_asked(
    admin_user: User, reviewer: User, drafted: Report, other_org
) -> None:
    MembershipFactory.create(
        user=UserFactory.create(username="elsewhere"), organisation=other_org, role=Role.REVIEWER
    )
    post(admin_user, "ask_for_approval", drafted)
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]


def test_only_administrators_ask_for_approval(reviewer: User, drafted: Report) -> None:
    assert post(reviewer, "ask_for_approval", drafted).status_code == 403


def test_an_approved_report_can_be_reopened(reviewer: User, approved: Report) -> None:
    assert post(reviewer, "reopen", approved).status_code == 302
    approved.refresh_from_db()
    assert approved.state == Report.State.DRAFT
    assert approved.approved_by is None


def test_an_administrator_publishes_an_approved_report_and_its_pack_is_made(
    admin_user: User, approved: Report, quick_packs
) -> None:
    response = post(admin_user, "publish", approved)
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.state == Report.State.PUBLISHED
    assert approved.published_at is not None
    assert Pack.objects.get(report=approved).state == Pack.State.DONE


def test_a_draft_cannot_be_published(admin_user: User, drafted: Report) -> None:
    response = post(admin_user, "publish", drafted)
    assert response.status_code == 409
    assert "Approve the report before publishing it." in Page.of(response).text()
    drafted.refresh_from_db()
    assert drafted.state == Report.State.DRAFT


def test_reviewers_do_not_publish(reviewer: User, approved: Report) -> None:
    assert post(reviewer, "publish", approved).status_code == 403


def test_approving_a_report_of_another_organisation_is_not_found(
    outsider: User, drafted: Report
) -> None:
    assert post(outsider, "approve", drafted).status_code == 404
