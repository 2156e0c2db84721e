"""Issue 20's "Done when": the reference Q3 report, imported into the demo, is found at once
by a search for "pandemic" at its paragraph 1.2, by those who may read it."""

from __future__ import annotations

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


def test_a_partner_contact_finds_only_the_reports_they_may_read(demo: DemoSummary) -> None:
    report = _import_q3(_member("admin"))
    partner = _member("partner")
    # An imported report is kept as approved, not published: committee permissions show a
    # partner contact published (or withdrawn) reports only, so search does not find it.
    assert not committee_permissions.reports_visible_to(partner).filter(pk=report.pk).exists()
    reports = [hit for hit in search(partner, "pandemic").hits if hit.kind == "Report"]
    assert reports, "the demo's published report is still found"
    imported = {p.pk for p in ReportParagraph.objects.filter(section__report=report)}
    visible = committee_permissions.reports_visible_to(partner)
    for hit in reports:
        assert hit.href.startswith("/published/"), hit.href
        slug = hit.href.removeprefix("/published/").split("/")[0]
        assert slug != report.slug
        assert visible.filter(slug=slug).exists(), hit.href
        assert not any(hit.href.endswith(f"#paragraph-{pk}") for pk in imported)
