"""Closing a period after its report was drafted marks the draft's figures stale, and the
report page offers "Refresh figures", a redraft that keeps the officers' edits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from headway.accounts.models import User
from headway.committee.drafting import closed_since_drafted, draft_report, edit_paragraph
from headway.committee.models import Report
from headway.progress.models import PeriodEvent, ReportingPeriod
from tests.conftest import signed_in


def _close(report: Report, after: timedelta = timedelta(hours=1)) -> None:
    """Close the report's period ``after`` its figures were frozen (two hours ago)."""
    report = draft_report(report, as_of=timezone.now() - timedelta(hours=2))
    assert report.snapshot is not None
    period = report.period
    period.state = ReportingPeriod.State.CLOSED
    period.save(update_fields=["state"])
    PeriodEvent.objects.create(
        period=period, kind=PeriodEvent.Kind.CLOSED, at=report.snapshot.taken_at + after
    )


@pytest.mark.django_db
def test_a_draft_is_not_stale_while_its_period_stays_as_it_was(drafted: Report) -> None:
    assert closed_since_drafted(drafted) is None


@pytest.mark.django_db
def test_closing_the_period_after_drafting_marks_the_draft_stale(drafted: Report) -> None:
    _close(drafted)
    assert closed_since_drafted(Report.objects.get(pk=drafted.pk)) is not None


@pytest.mark.django_db
def test_a_period_closed_before_drafting_leaves_the_draft_current(drafted: Report) -> None:
    _close(drafted, after=-timedelta(hours=1))
    assert closed_since_drafted(Report.objects.get(pk=drafted.pk)) is None


@pytest.mark.django_db
def test_the_page_offers_refresh_figures_which_keeps_edits(
    drafted: Report, admin_user: User
) -> None:
    paragraph = drafted.sections.get(key="background").paragraphs.first()
    assert paragraph is not None
    edit_paragraph(paragraph, "Our own words.")
    _close(drafted)
    client = signed_in(admin_user)
    page = client.get(reverse("committee:report", args=[drafted.pk])).content.decode()
    assert "after this draft&#39;s figures were frozen" in page
    assert "Refresh figures" in page

    response = client.post(reverse("committee:redraft", args=[drafted.pk]))
    assert response.status_code == 302
    refreshed = Report.objects.get(pk=drafted.pk)
    assert closed_since_drafted(refreshed) is None
    texts = [p.text for p in refreshed.sections.get(key="background").paragraphs.all()]
    assert "Our own words." in texts
    assert "Refresh figures" not in client.get(response["Location"]).content.decode()
