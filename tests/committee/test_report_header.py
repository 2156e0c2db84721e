"""The header block is edited on its own page while the report is a draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.models import Report
from tests.conftest import signed_in
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db

DETAILS = {
    "subject_heading": "One Source Strategy Progress Report for Q3",
    "author_name": "Assistant Director (demo)",
    "author_title": "Performance, Policy and Programmes",
    "author_contact": "performance@example.org",
    "financial_summary": "Not applicable",
}


def _url(report: Report) -> str:
    return reverse("committee:edit_header", args=[report.pk])


def test_it_shows_the_details_in_a_form(admin_user: User, drafted: Report) -> None:
    page = Page.of(signed_in(admin_user).get(_url(drafted)))
    assert page.title == titled("Change the report details")
    assert page.tree.xpath("//input[@name='subject_heading']/@value") == [
        "Strategy Progress Report for Q3"
    ]


def test_it_saves_the_details(reviewer: User, drafted: Report) -> None:
    response = signed_in(reviewer).post(_url(drafted), {**DETAILS, "author_title": " Head "})
    assert response.status_code == 302
    drafted.refresh_from_db()
    assert drafted.subject_heading == DETAILS["subject_heading"]
    assert drafted.author_title == "Head"
    assert drafted.author_contact == "performance@example.org"


def test_missing_details_are_refused_next_to_their_fields(
    admin_user: User, drafted: Report
) -> None:
    data = {**DETAILS, "subject_heading": " ", "author_name": "", "financial_summary": ""}
    response = signed_in(admin_user).post(_url(drafted), data)
    page = Page.of(response)
    assert response.status_code == 200
    assert page.title == titled("Error: Change the report details")
    assert page.texts("//div[contains(@class, 'govuk-error-summary')]//li") == [
        "Enter the subject heading.",
        "Enter the report author's name.",
        "Enter the financial summary, or “Not applicable”.",
    ]
    assert (
        page.links("//div[contains(@class, 'govuk-error-summary')]//a")[
            "Enter the subject heading."
        ]
        == "#id_subject_heading"
    )
    drafted.refresh_from_db()
    assert drafted.subject_heading == "Strategy Progress Report for Q3"


def test_a_too_long_heading_is_refused(admin_user: User, drafted: Report) -> None:
    response = signed_in(admin_user).post(_url(drafted), {**DETAILS, "subject_heading": "x" * 251})
    assert "at most 250 characters" in Page.of(response).text()


@pytest.mark.parametrize("role", ["lead", "partner_contact", "viewer", "outsider"])
def test_other_people_cannot_change_them(role: str, drafted: Report, request) -> None:
    response = signed_in(request.getfixturevalue(role)).post(_url(drafted), DETAILS)
    assert response.status_code in (403, 404)
    drafted.refresh_from_db()
    assert drafted.subject_heading == "Strategy Progress Report for Q3"
