"""Issue 20's "Done when": the reference Q3 report, imported into the demo, is found at once
by a search for "pandemic" at its paragraph 1.2, by those who may read it."""

from __future__ import annotations

from dataclasses import replace

from django.urls import reverse

from headway.accounts.models import Membership
from headway.committee import permissions as committee_permissions
from headway.committee.models import Report, ReportParagraph
from headway.committee.past import importing
from headway.demo import DemoSummary
from headway.search.finding import search
from headway.search.models import SearchEntry
from headway.search.sources import REPORTS
from tests.committee.past_reports import PARAGRAPH_1_2, Q3_FILE


def _member(username: str) -> Membership:
    return Membership.objects.select_related("organisation", "partner").get(user__username=username)


def _import_q3(admin: Membership) -> Report:
    upload, reading = importing.receive(admin, Q3_FILE.name, Q3_FILE.read_bytes())
    return importing.confirm(upload, admin, importing.proposed_decisions(reading))


def test_pandemic_finds_the_imported_q3_report_s_paragraph_1_2(demo: DemoSummary) -> None:
    admin = _member("admin")
    report = _import_q3(admin)
    paragraph = ReportParagraph.objects.get(section__report=report, text=PARAGRAPH_1_2)

    hits = search(admin, "pandemic").hits
    address = f"{reverse('committee:report', args=[report.pk])}#paragraph-{paragraph.pk}"
    found = [hit for hit in hits if hit.href == address]
    assert len(found) == 1, [(hit.title, hit.href) for hit in hits]
    hit = found[0]
    assert hit.kind == "Report"
    assert hit.title == f"{report.subject_heading}: paragraph 1.2"
    assert hit.period == "2021-22 Q3"
    # (PostgreSQL's headline and SQLite's snippet start the passage at different words.)
    assert "global <mark>pandemic</mark> put on hold" in str(hit.snippet)
    # Every paragraph is indexed by the import itself, the last section's too.
    paragraphs = ReportParagraph.objects.filter(section__report=report).values("pk")
    indexed = SearchEntry.objects.filter(source=REPORTS, object_id__in=paragraphs)
    assert indexed.count() == paragraphs.count()


def test_a_partner_contact_finds_the_report_presented_in_public_on_its_public_page(
    demo: DemoSummary,
) -> None:
    report = _import_q3(_member("admin"))
    paragraph = ReportParagraph.objects.get(section__report=report, text=PARAGRAPH_1_2)
    partner = _member("partner")
    # Presented in public at the meeting (the import's default), so published: read as a
    # published report is, on its public page, at the paragraph that matched.
    assert report.state == Report.State.PUBLISHED
    assert committee_permissions.reports_visible_to(partner).filter(pk=report.pk).exists()
    hrefs = [hit.href for hit in search(partner, "pandemic").hits if hit.kind == "Report"]
    address = reverse("committee:published_report", args=[report.slug])
    assert f"{address}#paragraph-{paragraph.pk}" in hrefs


def test_a_partner_contact_never_finds_an_exempt_report(demo: DemoSummary) -> None:
    admin = _member("admin")
    upload, reading = importing.receive(admin, Q3_FILE.name, Q3_FILE.read_bytes())
    decisions = replace(importing.proposed_decisions(reading), published=False)
    report = importing.confirm(upload, admin, decisions)
    assert report.state == Report.State.APPROVED
    partner = _member("partner")
    assert not committee_permissions.reports_visible_to(partner).filter(pk=report.pk).exists()
    reports = [hit for hit in search(partner, "pandemic").hits if hit.kind == "Report"]
    assert reports, "the demo's published report is still found"
    for hit in reports:
        assert not hit.href.startswith(reverse("committee:published_report", args=[report.slug]))
    assert any(h.href.startswith("/reports/") for h in search(admin, "pandemic").hits)
