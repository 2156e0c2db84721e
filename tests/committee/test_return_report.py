"""A reviewer who is not ready to approve a report returns it with comments: it goes back to
draft, and its authors see the comments, who made them and when, at the top of its page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.drafting import ReportNotEditable, approve_report, return_report
from headway.committee.models import Report
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db

COMMENT = "Paragraph 2.3 says 41 returns; the table says 40. Check the figures."


def _return(user: User, report: Report, comment: str = COMMENT) -> Any:
    return signed_in(user).post(
        reverse("committee:return_report", args=[report.pk]), {"comment": comment}
    )


def test_a_reviewer_returns_a_draft_with_comments_the_authors_then_see(
    reviewer: User, admin_user: User, drafted: Report
) -> None:
    asked = Page.of(signed_in(reviewer).get(reverse("committee:report", args=[drafted.pk])))
    assert asked.links("//main//a[contains(@class, 'govuk-button')]")["Return with comments"] == (
        reverse("committee:return_report", args=[drafted.pk])
    )

    response = _return(reviewer, drafted)

    assert response.status_code == 302
    drafted.refresh_from_db()
    assert drafted.state == Report.State.DRAFT
    assert drafted.returned_by == reviewer
    assert drafted.returned_at is not None
    assert drafted.return_comment == COMMENT
    page = Page.of(signed_in(admin_user).get(reverse("committee:report", args=[drafted.pk])))
    comments = page.text("//div[@id='review-comments']")
    assert "Returned with comments by reviewer at" in comments
    assert COMMENT in comments


def test_returning_an_approved_report_undoes_its_approval(reviewer: User, approved: Report) -> None:
    assert _return(reviewer, approved).status_code == 302

    approved.refresh_from_db()
    assert approved.state == Report.State.DRAFT
    assert approved.approved_by is None and approved.approved_at is None
    assert approved.is_editable


def test_approving_it_answers_the_comments_and_keeps_the_record(
    reviewer: User, admin_user: User, drafted: Report
) -> None:
    returned = return_report(drafted, by=reviewer, comment=COMMENT)

    approved = approve_report(returned, by=reviewer)

    page = Page.of(signed_in(admin_user).get(reverse("committee:report", args=[approved.pk])))
    assert page.count("//div[@id='review-comments']") == 0
    assert approved.returned_by == reviewer and approved.return_comment == COMMENT


def test_a_return_needs_a_comment(reviewer: User, drafted: Report) -> None:
    response = _return(reviewer, drafted, comment="   ")

    page = Page.of(response)
    assert response.status_code == 400
    assert page.title.startswith("Error:")
    assert "Say what needs to change before you can approve it." in page.text(
        "//div[contains(@class, 'govuk-error-summary')]"
    )
    drafted.refresh_from_db()
    assert drafted.returned_at is None


def test_a_published_report_cannot_be_returned(reviewer: User, published: Report) -> None:
    response = _return(reviewer, published)

    assert response.status_code == 409
    with pytest.raises(ReportNotEditable):
        return_report(published, by=reviewer, comment=COMMENT)
    published.refresh_from_db()
    assert published.state == Report.State.PUBLISHED


def test_the_comments_are_shown_as_typed_not_as_markup(
    reviewer: User, admin_user: User, drafted: Report
) -> None:
    return_report(drafted, by=reviewer, comment='<b id="typed">Fix 2.3</b>')

    page = Page.of(signed_in(admin_user).get(reverse("committee:report", args=[drafted.pk])))

    assert page.count("//b[@id='typed']") == 0
    assert '<b id="typed">Fix 2.3</b>' in page.text("//div[@id='review-comments']")


@pytest.mark.parametrize("role", ["lead", "partner_contact", "viewer"])
def test_only_reviewers_and_administrators_return_reports(
    role: str, drafted: Report, request: pytest.FixtureRequest
) -> None:
    assert _return(request.getfixturevalue(role), drafted).status_code == 403
    drafted.refresh_from_db()
    assert drafted.returned_at is None


def test_another_organisation_s_report_is_not_found(outsider: User, drafted: Report) -> None:
    assert _return(outsider, drafted).status_code == 404
