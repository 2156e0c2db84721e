"""An approved or published report refuses every change through every page, and says why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.models import Report, ReportParagraph
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db

Change = tuple[str, dict[str, object]]


def changes(report: Report) -> list[Change]:
    background = report.sections.get(key="background")
    first = background.paragraphs.get(position=1)
    return [
        (
            reverse("committee:edit_header", args=[report.pk]),
            {"subject_heading": "New", "author_name": "New", "financial_summary": "New"},
        ),
        (reverse("committee:edit_paragraph", args=[report.pk, first.pk]), {"text": "New."}),
        (reverse("committee:add_paragraph", args=[report.pk, background.pk]), {"text": "New."}),
        (reverse("committee:remove_paragraph", args=[report.pk, first.pk]), {}),
        (reverse("committee:move_paragraph", args=[report.pk, first.pk]), {"direction": "down"}),
        (reverse("committee:redraft", args=[report.pk]), {}),
        (reverse("committee:approve", args=[report.pk]), {}),
    ]


def content(report: Report) -> list[tuple[str, int, str]]:
    paragraphs = ReportParagraph.objects.filter(section__report=report)
    return [(p.section.key, p.position, p.text) for p in paragraphs.select_related("section")]


ERROR_SUMMARY = "//div[contains(@class, 'govuk-error-summary')]"


@pytest.mark.parametrize("state", ["approved", "published"])
def test_every_page_refuses_changes_with_an_error(state: str, admin_user: User, request) -> None:
    report: Report = request.getfixturevalue(state)
    before = (content(report), report.subject_heading, report.snapshot_id)
    client = signed_in(admin_user)
    for url, data in changes(report):
        response = client.post(url, data)
        assert response.status_code == 409, url
        errors = Page.of(response).text(ERROR_SUMMARY)
        assert "only a draft can be changed" in errors or "already" in errors, url
    report.refresh_from_db()
    assert (content(report), report.subject_heading, report.snapshot_id) == before
    assert report.state == state


def test_the_change_pages_show_the_text_read_only(admin_user: User, published: Report) -> None:
    client = signed_in(admin_user)
    for url, _ in changes(published)[:4]:
        page = Page.of(client.get(url))
        assert "This report is published: only a draft can be changed." in page.text(
            ERROR_SUMMARY
        ), url
        assert page.count("//main//textarea | //main//input[@type='text']") == 0, url
        assert page.count("//main//button") == 0, url


def test_a_published_report_cannot_be_reopened(admin_user: User, published: Report) -> None:
    response = signed_in(admin_user).post(reverse("committee:reopen", args=[published.pk]))
    assert response.status_code == 409
    assert "Only an approved, unpublished report can be reopened." in Page.of(response).text()


def test_a_reopened_report_can_be_changed_again(admin_user: User, approved: Report) -> None:
    client = signed_in(admin_user)
    assert client.post(reverse("committee:reopen", args=[approved.pk])).status_code == 302
    url, data = changes(approved)[1]
    assert client.post(url, data).status_code == 302
