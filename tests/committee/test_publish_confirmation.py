"""Publishing asks first, and says what becomes public; who published is kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.models import Report
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db


def test_the_report_page_leads_to_a_question_not_straight_to_publication(
    admin_user: User, approved: Report
) -> None:
    page = Page.of(signed_in(admin_user).get(reverse("committee:report", args=[approved.pk])))

    publish = reverse("committee:publish", args=[approved.pk])
    assert page.links("//main//a[contains(@class, 'govuk-button')]")["Publish the report"] == (
        publish
    )
    assert page.count(f"//form[@action='{publish}']") == 0


def test_it_asks_and_says_what_becomes_public(admin_user: User, approved: Report) -> None:
    response = signed_in(admin_user).get(reverse("committee:publish", args=[approved.pk]))

    page = Page.of(response)
    assert response.status_code == 200
    assert page.h1s == ["Publish the report?"]
    public = " ".join(page.texts("//main//ul[contains(@class, 'govuk-list--bullet')]/li"))
    assert "web page at its public address" in public
    assert "the report as a PDF" in public
    assert "the data (JSON)" in public
    assert "open data" in public
    assert "http://testserver/published/joint-committee-q3/" in page.text()
    assert "can never be changed" in page.text()
    approved.refresh_from_db()
    assert approved.state == Report.State.APPROVED


def test_confirming_publishes_it_and_records_who(
    admin_user: User, approved: Report, quick_packs: dict[str, bytes]
) -> None:
    response = signed_in(admin_user).post(reverse("committee:publish", args=[approved.pk]))

    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.state == Report.State.PUBLISHED
    assert approved.published_by == admin_user
    assert approved.published_at is not None


def test_a_draft_is_not_offered_for_publication(admin_user: User, drafted: Report) -> None:
    page = Page.of(signed_in(admin_user).get(reverse("committee:publish", args=[drafted.pk])))

    assert "Approve the report before publishing it." in page.text()
    assert page.count("//main//form[@method='post']") == 0
