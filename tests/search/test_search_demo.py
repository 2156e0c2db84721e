"""With the demo's data, the words officers look for are found."""

from __future__ import annotations

from headway.accounts.models import Membership
from headway.demo import DemoSummary
from headway.search.finding import search


def _member(username: str) -> Membership:
    return Membership.objects.select_related("organisation", "partner").get(user__username=username)


def test_pandemic_finds_the_reports_background(demo: DemoSummary) -> None:
    hits = search(_member("partner"), "pandemic").hits
    reports = [hit for hit in hits if hit.kind == "Report"]
    assert reports, [hit.title for hit in hits]
    assert any("<mark>pandemic</mark>" in str(hit.snippet) for hit in reports)
    assert all(hit.href.startswith("/published/") for hit in reports)


def test_the_administrator_finds_the_draft_report_too(demo: DemoSummary) -> None:
    reports = [h for h in search(_member("admin"), "pandemic").hits if h.kind == "Report"]
    assert any(hit.href.startswith("/reports/") for hit in reports)
    assert any("paragraph 1." in hit.title for hit in reports)
