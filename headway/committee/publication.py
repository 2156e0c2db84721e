"""Published reports: what readers may open, and the pack they are given.

A published report's page is its pack's ``report.html`` at a stable address, with links to
its PDF and open data added at the top. The pack must show the report's final words, so only
a pack asked for since approval will do; if there is none yet, one is queued for the worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from markupsafe import Markup, escape

from headway.committee.drafting import publish_report
from headway.committee.models import Pack, Report
from headway.committee.packs import packs_since_approval
from headway.committee.tasks import queue_pack

# What readers can download beside the page: the PDF and the data.
PUBLIC_FILES = {"report.pdf": "the report as a PDF", "data.json": "the data (JSON)"}
# A pack that failed is tried again for the next reader, but not more often than this.
RETRY_FAILED_AFTER = timedelta(minutes=5)


def published_reports() -> QuerySet[Report]:
    return (
        Report.objects.filter(state=Report.State.PUBLISHED)
        .select_related("meeting__committee__organisation", "period")
        .order_by("meeting__committee__organisation__name", "-meeting__date", "pk")
    )


def published_report(slug: str) -> Report | None:
    return published_reports().filter(slug=slug).first()


def pack_for_readers(report: Report) -> Pack:
    """The pack a published report's readers get: the newest made since approval that is
    ready; else the one being made; else a new one, queued now."""
    packs = packs_since_approval(report)
    ready = packs.filter(state=Pack.State.DONE).first()
    if ready is not None:
        return ready
    newest = packs.first()
    if newest is not None and newest.state in (Pack.State.QUEUED, Pack.State.RUNNING):
        return newest
    if (
        newest is not None
        and newest.finished_at is not None
        and newest.finished_at > timezone.now() - RETRY_FAILED_AFTER
    ):
        return newest
    return queue_pack(report)


def publish(report: Report) -> Report:
    """Publish an approved report and make sure its readers' pack is on its way."""
    report = publish_report(report)
    pack_for_readers(report)
    return report


def with_downloads(page: str, links: Sequence[tuple[str, str, int]], index: str) -> str:
    """The report's page with its downloads (address, what, size) listed below its header,
    and a link to the ``index`` of published reports."""
    items = "".join(
        f'<li><a href="{escape(href)}">Download {escape(what)}</a> ({filesizeformat(size)})</li>'
        for href, what, size in links
    )
    block = Markup(
        '\n<nav class="downloads" aria-label="Downloads">\n'
        f"<ul>{items}</ul>\n"
        f'<p><a href="{escape(index)}">All published reports</a></p>\n'
        "</nav>"
    )
    head, marker, rest = page.partition("</header>")
    if not marker:
        raise ValueError("The report's page has no header to put the downloads under.")
    return head + marker + str(block) + rest
