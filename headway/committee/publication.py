"""Published reports: what readers may open, and the pack they are given.

A published report's page is its pack's ``report.html`` at a stable address, with links to
its PDF and open data added at the top. The pack must show the report's final words, so only
a pack asked for since approval will do; if there is none yet, one is queued for the worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from markupsafe import Markup, escape

from headway.committee.drafting import publish_report
from headway.committee.models import Pack, Report
from headway.committee.packs import packs_since_approval
from headway.committee.tasks import queue_pack
from headway.jinja import format_moment

# What readers can download beside the page: the PDF and the data.
PUBLIC_FILES = {"report.pdf": "the report as a PDF", "data.json": "the data (JSON)"}
# A pack that failed is tried again for the next reader, but not more often than this.
RETRY_FAILED_AFTER = timedelta(minutes=5)


def published_reports() -> QuerySet[Report]:
    """Every report ever published, withdrawn ones included: they stay on the record."""
    return (
        Report.objects.filter(state__in=Report.LOCKED_STATES)
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


def publish(report: Report, by: Any = None) -> Report:
    """Publish an approved report and make sure its readers' pack is on its way."""
    report = publish_report(report, by=by)
    pack_for_readers(report)
    return report


def what_becomes_public(report: Report) -> list[str]:
    """What publishing makes public, for the page that asks for confirmation."""
    return [
        "the report as a web page at its public address, which anyone can open without "
        "signing in, and which is listed among the published reports",
        *PUBLIC_FILES.values(),
        "its figures as open data (CSV files): the initiatives, the quarter's approved "
        "returns with their ratings, narratives, achievements, next steps and risks, the "
        "ratings by priority and by quarter, the milestones and the priorities, as they "
        f"stood when {report.period.label} closed",
    ]


def withdrawal_notice(report: Report) -> Markup:
    """What a withdrawn report's page says at its top: that it was withdrawn, when, and why."""
    when = format_moment(report.withdrawn_at)
    return Markup(
        '\n<section class="withdrawn" role="note" aria-labelledby="withdrawn-heading">\n'
        '<h2 id="withdrawn-heading">This report has been withdrawn</h2>\n'
        f"<p>It was withdrawn at {escape(when)}. {escape(report.withdrawal_reason)}</p>\n"
        "<p>It stays here, with its files, for the record.</p>\n"
        "</section>"
    )


def with_downloads(
    page: str, links: Sequence[tuple[str, str, int]], index: str, notice: Markup | None = None
) -> str:
    """The report's page with its downloads (address, what, size) listed below its header,
    and a link to the ``index`` of published reports; first any ``notice`` (of withdrawal)."""
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
    return head + marker + str(notice or "") + str(block) + rest
