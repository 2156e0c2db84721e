"""Generate a report's committee pack: Word, PowerPoint, HTML, PDF and the open data.

``pack_files`` is the whole pipeline as one pure-ish call (it reads the report once, then
composes and renders without the database). ``generate_pack`` records the work in a Pack
so a page can show its progress; the background task and ``headway pack`` both call it.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from headway.committee.compose.document import compose_document, report_content
from headway.committee.compose.figures import Figures
from headway.committee.models import Pack, PackFile, Report, ReportTemplate
from headway.committee.render import Progress, render_pack
from headway.progress.models import PeriodEvent
from headway.strategy.branding import branding_for

PACK_FILES = ("report.docx", "appendix.pptx", "report.html", "report.pdf", "data.json")
FILE_LABELS = {
    "report.docx": "Report (Word)",
    "appendix.pptx": "Appendix 1 (PowerPoint)",
    "report.html": "Report (web page)",
    "report.pdf": "Report (PDF)",
    "data.json": "Data (JSON)",
}


def open_data(snapshot: dict[str, Any]) -> bytes:
    """The snapshot as published open data: stable, readable JSON, with the figures the
    report states (``figures``), counted as the report counts them."""
    published = {**snapshot, "figures": Figures(snapshot).as_data()}
    return (json.dumps(published, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _template_bytes(report: Report) -> bytes | None:
    template = ReportTemplate.objects.filter(committee=report.meeting.committee_id).first()
    if template is None or not template.docx_template:
        return None
    with template.docx_template.open("rb") as handle:
        return handle.read()


def pack_files(report: Report, progress: Progress | None = None) -> dict[str, bytes]:
    """Render every file of the pack from the report's snapshot and edited paragraphs."""
    step = progress or (lambda percent, text: None)
    step(5, "Reading the report")
    content = report_content(report)
    template = _template_bytes(report)
    branding = branding_for(report.meeting.committee.organisation)
    files = render_pack(compose_document(content), template, step, branding)
    files["data.json"] = open_data(content.snapshot)
    step(95, "Saving the files")
    return files


def _record(pack: Pack, **fields: Any) -> None:
    # Saved outside the generating transaction, so a page polling the pack sees progress.
    Pack.objects.filter(pk=pack.pk).update(**fields)


def request_pack(report: Report, by: Any = None) -> Pack:
    """Queue a pack for the report's current snapshot."""
    if report.is_imported:
        raise ValidationError(
            "This report was imported: its original file is its pack. Download it from the "
            "report's page."
        )
    if report.snapshot_id is None:
        raise ValidationError("Draft the report before generating its pack.")
    pack = Pack.objects.create(report=report, snapshot_id=report.snapshot_id, requested_by=by)
    PeriodEvent.record(
        report.period_id,
        PeriodEvent.Kind.PACK,
        by=by,
        reason=f"Word, PowerPoint, web page, PDF and data of “{report.subject_heading}”, "
        f"from the report as it was {report.get_state_display().lower()}.",
    )
    return pack


def latest_pack(report: Report) -> Pack | None:
    return Pack.objects.filter(report=report).order_by("-requested_at", "-id").first()


def packs_since_approval(report: Report) -> QuerySet[Pack]:
    """Packs asked for since the report was approved: they show its final words.

    (A pack made from a draft shows the words of the moment, which may since have changed.)
    """
    packs = Pack.objects.filter(report=report)
    if report.approved_at is not None:
        packs = packs.filter(requested_at__gte=report.approved_at)
    return packs.order_by("-requested_at", "-id")


def pack_file(pack: Pack, name: str) -> PackFile | None:
    if name not in PACK_FILES:
        return None
    return PackFile.objects.filter(pack=pack, name=name).first()


def generate_pack(pack: Pack) -> Pack:
    """Render the pack's files and store them. Safe to run twice: a finished pack is left alone."""
    pack = Pack.objects.select_related("report").get(pk=pack.pk)
    if pack.state == Pack.State.DONE:
        return pack
    _record(pack, state=Pack.State.RUNNING, progress=1, step="Starting", error="")
    try:
        files = pack_files(pack.report, lambda p, s: _record(pack, progress=p, step=s))
        with transaction.atomic():
            PackFile.objects.filter(pack=pack).delete()
            PackFile.objects.bulk_create(PackFile.of(pack, n, c) for n, c in files.items())
            _record(
                pack, state=Pack.State.DONE, progress=100, step="Ready", finished_at=timezone.now()
            )
    except Exception as error:
        _record(
            pack,
            state=Pack.State.FAILED,
            step="Failed",
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    pack.refresh_from_db()
    return pack
