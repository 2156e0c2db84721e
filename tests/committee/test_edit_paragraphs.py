"""Officers change, add, remove and move paragraphs from the report page; numbers follow."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.models import Report, ReportParagraph, ReportSection
from tests.conftest import signed_in
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db


def background(report: Report) -> ReportSection:
    return report.sections.get(key="background")


def paragraph(report: Report, position: int) -> ReportParagraph:
    return background(report).paragraphs.get(position=position)


def texts(report: Report) -> list[str]:
    return [p.text for p in background(report).paragraphs.order_by("position")]


def shown(client: Client, report: Report) -> list[str]:
    """Background's paragraphs as the report page shows them, with their numbers."""
    page = Page.of(client.get(reverse("committee:report", args=[report.pk])))
    return page.texts("//section[.//h3[.='1. Background']]//div[@class='hw-paragraph__body']")


def test_changing_a_paragraph_saves_it_and_marks_it_edited(
    admin_user: User, drafted: Report
) -> None:
    client = signed_in(admin_user)
    second = paragraph(drafted, 2)
    url = reverse("committee:edit_paragraph", args=[drafted.pk, second.pk])
    page = Page.of(client.get(url))
    assert page.title == titled("Change paragraph 1.2")
    assert page.texts("//textarea") == ["Paused."]

    response = client.post(url, {"text": "  Paused by the pandemic.  "})

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("committee:report", args=[drafted.pk]) + f"#paragraph-{second.pk}"
    )
    assert texts(drafted)[1] == "Paused by the pandemic."
    assert shown(client, drafted)[1] == "1.2 Paused by the pandemic. Edited"
    edit_page = Page.of(client.get(url))
    assert "What Headway drafted" in edit_page.text()


def test_an_empty_paragraph_is_refused_next_to_the_field(reviewer: User, drafted: Report) -> None:
    url = reverse("committee:edit_paragraph", args=[drafted.pk, paragraph(drafted, 2).pk])
    response = signed_in(reviewer).post(url, {"text": "   "})
    page = Page.of(response)
    assert response.status_code == 200
    assert page.title == titled("Error: Change paragraph 1.2")
    assert page.texts("//div[contains(@class, 'govuk-error-summary')]//li") == [
        "Enter the paragraph's text, or remove the paragraph."
    ]
    assert page.texts("//p[contains(@class, 'govuk-error-message')]") == [
        "Error: Enter the paragraph's text, or remove the paragraph."
    ]
    assert texts(drafted)[1] == "Paused."


def test_adding_a_paragraph_after_another_renumbers_the_rest(
    admin_user: User, drafted: Report
) -> None:
    client = signed_in(admin_user)
    first = paragraph(drafted, 1)
    url = reverse("committee:add_paragraph", args=[drafted.pk, background(drafted).pk])
    page = Page.of(client.get(f"{url}?after={first.pk}"))
    assert page.h1s == ["Add a paragraph after paragraph 1.1"]
    assert "It will be paragraph 1.2; the paragraphs after it move down one." in page.text()

    response = client.post(url, {"after": first.pk, "text": "Launched to staff."})

    assert response.status_code == 302
    assert shown(client, drafted) == [
        "1.1 Presented to the Committee.",
        "1.2 Launched to staff. Added",
        "1.3 Paused.",
        "1.4 Reviewed.",
    ]


def test_a_paragraph_can_be_added_at_the_end_of_a_section(
    admin_user: User, drafted: Report
) -> None:
    url = reverse("committee:add_paragraph", args=[drafted.pk, background(drafted).pk])
    signed_in(admin_user).post(url, {"text": "Last word."})
    assert texts(drafted)[-1] == "Last word."


def test_adding_an_empty_paragraph_is_refused(admin_user: User, drafted: Report) -> None:
    url = reverse("committee:add_paragraph", args=[drafted.pk, background(drafted).pk])
    page = Page.of(signed_in(admin_user).post(url, {"text": ""}))
    assert "Enter the paragraph's text" in page.text(
        "//div[contains(@class, 'govuk-error-summary')]"
    )
    assert len(texts(drafted)) == 3


def test_removing_asks_first_then_renumbers_the_rest(admin_user: User, drafted: Report) -> None:
    client = signed_in(admin_user)
    url = reverse("committee:remove_paragraph", args=[drafted.pk, paragraph(drafted, 1).pk])
    page = Page.of(client.get(url))
    assert page.h1s == ["Remove paragraph 1.1?"]
    assert "Presented to the Committee." in page.text()
    assert texts(drafted) == ["Presented to the Committee.", "Paused.", "Reviewed."]

    response = client.post(url)

    assert response.status_code == 302
    assert shown(client, drafted) == ["1.1 Paused.", "1.2 Reviewed."]


@pytest.mark.parametrize(
    ("position", "direction", "expected"),
    [
        (2, "up", ["1.1 Paused.", "1.2 Presented to the Committee.", "1.3 Reviewed."]),
        (2, "down", ["1.1 Presented to the Committee.", "1.2 Reviewed.", "1.3 Paused."]),
        (1, "up", ["1.1 Presented to the Committee.", "1.2 Paused.", "1.3 Reviewed."]),
    ],
)
def test_moving_a_paragraph_renumbers_the_section(
    reviewer: User, drafted: Report, position: int, direction: str, expected: list[str]
) -> None:
    client = signed_in(reviewer)
    moved = paragraph(drafted, position)
    url = reverse("committee:move_paragraph", args=[drafted.pk, moved.pk])
    response = client.post(url, {"direction": direction})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#paragraph-{moved.pk}")
    assert shown(client, drafted) == expected


def test_moving_needs_a_direction(admin_user: User, drafted: Report) -> None:
    url = reverse("committee:move_paragraph", args=[drafted.pk, paragraph(drafted, 1).pk])
    response = signed_in(admin_user).post(url, {"direction": "sideways"})
    assert response.status_code == 400
    assert "Choose to move the paragraph up or down." in Page.of(response).text()


def test_moving_is_a_post(admin_user: User, drafted: Report) -> None:
    url = reverse("committee:move_paragraph", args=[drafted.pk, paragraph(drafted, 1).pk])
    assert signed_in(admin_user).get(url).status_code == 405


def test_a_paragraph_that_is_gone_says_so(admin_user: User, drafted: Report) -> None:
    url = reverse("committee:edit_paragraph", args=[drafted.pk, 999999])
    response = signed_in(admin_user).get(url)
    assert response.status_code == 404


def test_a_paragraph_of_another_report_is_not_found(
    admin_user: User, drafted: Report, outsider: User
) -> None:
    url = reverse("committee:edit_paragraph", args=[drafted.pk, paragraph(drafted, 1).pk])
    assert signed_in(outsider).get(url).status_code == 404
    assert signed_in(outsider).post(url, {"text": "Ours now."}).status_code == 404
    assert texts(drafted)[0] == "Presented to the Committee."


@pytest.mark.parametrize("role", ["lead", "partner_contact", "viewer"])
def test_other_roles_cannot_change_paragraphs(role: str, drafted: Report, request) -> None:
    client = signed_in(request.getfixturevalue(role))
    first = paragraph(drafted, 1)
    section = background(drafted)
    for url, data in [
        (reverse("committee:edit_paragraph", args=[drafted.pk, first.pk]), {"text": "X."}),
        (reverse("committee:add_paragraph", args=[drafted.pk, section.pk]), {"text": "X."}),
        (reverse("committee:remove_paragraph", args=[drafted.pk, first.pk]), {}),
        (reverse("committee:move_paragraph", args=[drafted.pk, first.pk]), {"direction": "down"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert texts(drafted) == ["Presented to the Committee.", "Paused.", "Reviewed."]
