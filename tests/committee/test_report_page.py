"""The report page: header, sections and paragraphs numbered as they will print, for
administrators and reviewers of the report's organisation only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.drafting import add_paragraph
from headway.committee.models import Report
from tests.conftest import signed_in
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db


def _url(report: Report) -> str:
    return reverse("committee:report", args=[report.pk])


def _page(user: User, report: Report) -> Page:
    response = signed_in(user).get(_url(report))
    assert response.status_code == 200
    return Page.of(response)


def numbers(page: Page) -> list[str]:
    return page.texts("//*[@class='hw-paragraph__number']")


@pytest.mark.parametrize("role", ["admin_user", "reviewer"])
def test_administrators_and_reviewers_open_it(role: str, drafted: Report, request) -> None:
    page = _page(request.getfixturevalue(role), drafted)
    assert page.h1s == ["Strategy Progress Report for Q3"]
    assert page.title == titled("Strategy Progress Report for Q3")
    assert "Status: Draft" in page.text()


@pytest.mark.parametrize("role", ["lead", "partner_contact", "viewer"])
def test_other_roles_are_refused(role: str, drafted: Report, request) -> None:
    response = signed_in(request.getfixturevalue(role)).get(_url(drafted))
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, drafted: Report) -> None:
    response = client.get(_url(drafted))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_another_organisation_s_report_is_not_found(outsider: User, drafted: Report) -> None:
    assert signed_in(outsider).get(_url(drafted)).status_code == 404


def test_it_shows_the_header_block(admin_user: User, drafted: Report) -> None:
    page = _page(admin_user, drafted)
    rows = page.texts("//dl[contains(@class, 'govuk-summary-list')]/div")
    assert rows == [
        "Committee and meeting Joint Committee, 11 March 2022",
        "Subject heading Strategy Progress Report for Q3",
        "Report author Assistant Director Performance (demo)",
        "Contact details None",
        "Financial summary Not applicable",
    ]


def test_it_numbers_sections_and_paragraphs_as_they_will_print(
    admin_user: User, drafted: Report
) -> None:
    page = _page(admin_user, drafted)
    headings = page.texts("//h3")
    assert headings[:4] == ["Summary", "Recommendations", "1. Background", headings[3]]
    assert headings[3].startswith("2. ")
    assert numbers(page)[:4] == ["1.", "1.1", "1.2", "1.3"]
    assert numbers(page)[4] == "2.1"
    background = page.texts("//section[.//h3[.='1. Background']]//div[@class='hw-paragraph__body']")
    assert background == ["1.1 Presented to the Committee.", "1.2 Paused.", "1.3 Reviewed."]


def test_it_names_each_action_for_its_paragraph(admin_user: User, drafted: Report) -> None:
    page = _page(admin_user, drafted)
    actions = page.texts("//section[.//h3[.='1. Background']]//ul[@class='hw-paragraph__actions']")
    assert actions[1] == (
        "Change paragraph 1.2 Add a paragraph after paragraph 1.2 Remove paragraph 1.2 "
        "Move up paragraph 1.2 Move down paragraph 1.2"
    )
    # The first cannot move up, the last cannot move down.
    assert "Move up" not in actions[0] and "Move down" not in actions[2]


def test_it_explains_redrafting_and_offers_it(admin_user: User, drafted: Report) -> None:
    page = _page(admin_user, drafted)
    assert "paragraphs you changed or added keep your words and their place" in page.text()
    redraft = reverse("committee:redraft", args=[drafted.pk])
    assert page.count(f"//form[@action='{redraft}']") == 1


def test_an_approved_report_is_read_only_and_says_why(admin_user: User, approved: Report) -> None:
    page = _page(admin_user, approved)
    assert "Status: Approved" in page.text()
    assert "It cannot be changed unless it is reopened." in page.text()
    assert page.count("//ul[@class='hw-paragraph__actions']") == 0
    assert "Change the report details" not in page.text()
    assert page.texts("//main//button") == ["Reopen as a draft", "Generate pack"]
    # Publishing asks first, on a page of its own.
    assert page.texts("//main//a[contains(@class, 'govuk-button')]") == [
        "Publish the report",
        "Return with comments",
    ]


def test_a_reviewer_may_reopen_but_not_publish(reviewer: User, approved: Report) -> None:
    page = _page(reviewer, approved)
    assert page.texts("//main//button") == ["Reopen as a draft", "Generate pack"]


def test_a_published_report_gives_its_public_address(admin_user: User, published: Report) -> None:
    page = _page(admin_user, published)
    assert "A published report can no longer be changed." in page.text()
    address = "http://testserver/published/joint-committee-q3/"
    assert page.links()[address] == address
    assert page.texts("//main//button") == ["Generate pack"]


def test_its_queries_do_not_grow_with_the_report(
    admin_user: User, drafted: Report, django_assert_max_num_queries
) -> None:
    client = signed_in(admin_user)
    client.get(_url(drafted))  # Sessions and the like settle on the first request.
    with django_assert_max_num_queries(12) as few:
        client.get(_url(drafted))
    background = drafted.sections.get(key="background")
    for number in range(30):
        add_paragraph(background, f"Point {number}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = Page.of(client.get(_url(drafted)))
    assert numbers(page)[1:34][-1] == "1.33"


def test_redrafting_from_the_page_keeps_what_was_written(admin_user: User, drafted: Report) -> None:
    client = signed_in(admin_user)
    first = drafted.sections.get(key="background").paragraphs.get(position=1)
    client.post(reverse("committee:edit_paragraph", args=[drafted.pk, first.pk]), {"text": "Ours."})
    snapshot = drafted.snapshot_id

    response = client.post(reverse("committee:redraft", args=[drafted.pk]))

    assert response.status_code == 302
    drafted.refresh_from_db()
    assert drafted.snapshot_id != snapshot
    page = Page.of(client.get(response["Location"]))
    assert "redrafted from the latest figures" in page.text()
    assert "1.1 Ours. Edited" in page.texts("//div[@class='hw-paragraph__body']")
