"""An administrator withdraws a published report, saying why: its public page then says it
was withdrawn, when and why; its files stay for the record; who did it is kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.drafting import ReportNotEditable, withdraw_report
from headway.committee.models import Report
from headway.committee.models.report import ReportLocked
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db

REASON = "The Q3 figures for Havering were wrong; a corrected report follows."


def _withdraw(user: User, report: Report, reason: str = REASON) -> Any:
    return signed_in(user).post(
        reverse("committee:withdraw_report", args=[report.pk]), {"reason": reason}
    )


def test_an_administrator_withdraws_a_published_report_with_a_reason(
    admin_user: User, published: Report, quick_packs: dict[str, bytes], client: Client
) -> None:
    offered = Page.of(signed_in(admin_user).get(reverse("committee:report", args=[published.pk])))
    assert offered.links("//main//a[contains(@class, 'govuk-button')]")[
        "Withdraw the report"
    ] == reverse("committee:withdraw_report", args=[published.pk])
    asked = Page.of(
        signed_in(admin_user).get(reverse("committee:withdraw_report", args=[published.pk]))
    )
    assert asked.h1s == ["Withdraw the report?"]

    response = _withdraw(admin_user, published)

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.state == Report.State.WITHDRAWN
    assert published.withdrawn_by == admin_user
    assert published.withdrawn_at is not None
    assert published.withdrawal_reason == REASON
    public = client.get(reverse("committee:published_report", args=[published.slug]))
    assert public.status_code == 200
    notice = Page.of(public).text("//section[@role='note']")
    assert "This report has been withdrawn" in notice
    assert REASON in notice
    assert f"{published.withdrawn_at:%Y}" in notice
    # The files stay for the record.
    for name in ("report.pdf", "data.json"):
        kept = client.get(reverse("committee:published_file", args=[published.slug, name]))
        assert kept.status_code == 200, name


def test_the_list_of_published_reports_marks_it_withdrawn(
    admin_user: User, published: Report, client: Client
) -> None:
    withdraw_report(published, by=admin_user, reason=REASON)

    listed = Page.of(client.get(reverse("committee:published"))).text()

    assert "Strategy Progress Report for Q3" in listed
    assert "Withdrawn" in listed


def test_a_withdrawal_needs_a_reason(admin_user: User, published: Report) -> None:
    response = _withdraw(admin_user, published, reason="")

    assert response.status_code == 400
    assert "Say why the report is withdrawn" in Page.of(response).text(
        "//div[contains(@class, 'govuk-error-summary')]"
    )
    published.refresh_from_db()
    assert published.state == Report.State.PUBLISHED


def test_only_a_published_report_can_be_withdrawn(admin_user: User, approved: Report) -> None:
    assert _withdraw(admin_user, approved).status_code == 409
    with pytest.raises(ReportNotEditable):
        withdraw_report(approved, by=admin_user, reason=REASON)


def test_a_withdrawn_report_stays_as_it_was(admin_user: User, published: Report) -> None:
    withdrawn = withdraw_report(published, by=admin_user, reason=REASON)

    withdrawn.subject_heading = "Something else"
    with pytest.raises(ReportLocked):
        withdrawn.save()
    with pytest.raises(ReportLocked):
        withdrawn.delete()


@pytest.mark.parametrize("role", ["reviewer", "lead", "partner_contact", "viewer"])
def test_only_administrators_withdraw_reports(
    role: str, published: Report, request: pytest.FixtureRequest
) -> None:
    assert _withdraw(request.getfixturevalue(role), published).status_code == 403
    published.refresh_from_db()
    assert published.state == Report.State.PUBLISHED


def test_another_organisation_s_report_is_not_found(outsider: User, published: Report) -> None:
    assert _withdraw(outsider, published).status_code == 404
