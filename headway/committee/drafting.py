"""Draft a report from a snapshot, let officers edit it, and approve and publish it.

Every change to a report goes through these functions, so the pages, the command line
and the API share one set of rules: only a draft can be edited; a reviewer approves it or
returns it with comments; approval locks the report and the snapshot it was drafted from; a
published report never changes again, but an administrator may withdraw it, saying why.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from headway import clock
from headway.committee.compose.cover import draft_cover
from headway.committee.links import published_url
from headway.committee.models import Report, ReportParagraph, ReportSection, Snapshot
from headway.committee.models.committee import ReportTemplate
from headway.committee.redraft import Kept, keyed, merge
from headway.committee.snapshot import take_snapshot
from headway.progress.models import PeriodEvent


class ReportNotEditable(ValidationError):
    pass


IMPORTED_READ_ONLY = (
    "This report was imported from a past report's file: it is kept as it was presented "
    "and cannot be changed, redrafted, approved or published."
)


def refuse_imported(report: Report) -> None:
    if report.is_imported:
        raise ReportNotEditable(IMPORTED_READ_ONLY)


def _require_draft(report: Report) -> None:
    refuse_imported(report)
    if report.state != Report.State.DRAFT:
        raise ReportNotEditable(
            f"This report is {report.get_state_display().lower()}: only a draft can be changed."
        )


def template_for(report: Report) -> ReportTemplate:
    template, _ = ReportTemplate.objects.get_or_create(committee=report.meeting.committee)
    return template


def closed_since_drafted(report: Report) -> datetime | None:
    """When the report's period was closed after its figures were frozen, if it was: a draft
    drafted from an open period is then stale, and "Refresh figures" redrafts it.

    A snapshot's time is kept to the second, so a close in the same second as the snapshot is
    ordered by what the snapshot froze: the period open, or already closed.
    """
    if report.state != Report.State.DRAFT or report.snapshot is None:
        return None
    if report.period.state != "closed":
        return None
    closed = (
        PeriodEvent.objects.filter(period=report.period_id, kind=PeriodEvent.Kind.CLOSED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    if closed is None:
        return None
    frozen_closed = Snapshot.objects.filter(
        pk=report.snapshot.pk, data__period__state="closed"
    ).exists()
    if frozen_closed and closed < report.snapshot.taken_at + timedelta(seconds=1):
        return None
    return closed if closed >= report.snapshot.taken_at else None


def _record(report: Report, kind: PeriodEvent.Kind, by: Any, reason: str, at: Any = None) -> None:
    """Keep the report's step in its period's history."""
    PeriodEvent.record(report.period_id, kind, by=by, reason=reason, at=at)


def _for_meeting(report: Report) -> str:
    return f"“{report.subject_heading}”, for the {report.meeting} meeting."


@transaction.atomic
def draft_report(report: Report, by: Any = None, as_of: datetime | None = None) -> Report:
    """Take a new snapshot and (re)write the report's sections from it.

    What officers did to the draft is kept (see ``redraft.merge``): edited and added
    paragraphs, their order, and removals. Paragraphs nobody edited take the new figures.
    The drafting goes into the period's history.
    """
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("meeting__committee")
        .get(pk=report.pk)
    )
    _require_draft(report)
    snapshot = take_snapshot(report.period, by=by, taken_at=as_of)
    template = template_for(report)
    drafted = draft_cover(
        snapshot.data,
        committee=report.meeting.committee.name,
        implications=[label for _, label in template.implication_labels],
    )
    before = {
        section.key: section
        for section in ReportSection.objects.filter(report=report).prefetch_related("paragraphs")
    }
    ReportSection.objects.filter(report=report).delete()
    for position, draft in enumerate(drafted, start=1):
        paragraphs = keyed(draft.paragraphs)
        old = before.get(draft.key)
        current = [
            Kept(p.text, p.label, p.drafted_text, p.draft_key)
            for p in (old.paragraphs.all() if old else [])
        ]
        section = ReportSection.objects.create(
            report=report,
            key=draft.key,
            title=draft.title,
            position=position,
            numbered=draft.numbered,
            drafted_keys=[p.key for p in paragraphs],
        )
        ReportParagraph.objects.bulk_create(
            ReportParagraph(
                section=section,
                position=index,
                label=kept.label,
                text=kept.text,
                drafted_text=kept.drafted_text,
                draft_key=kept.key,
            )
            for index, kept in enumerate(
                merge(paragraphs, current, old.drafted_keys if old else []), start=1
            )
        )
    report.snapshot = snapshot
    report.save(update_fields=["snapshot"])
    _record(
        report,
        PeriodEvent.Kind.DRAFTED,
        by,
        _for_meeting(report),
        at=as_of,
    )
    return report


HEADER_FIELDS = (
    "subject_heading",
    "author_name",
    "author_title",
    "author_contact",
    "financial_summary",
)
_REQUIRED_HEADER = {
    "subject_heading": "Enter the subject heading.",
    "author_name": "Enter the report author's name.",
    "financial_summary": "Enter the financial summary, or “Not applicable”.",
}


@transaction.atomic
def edit_header(report: Report, **values: str) -> Report:
    """Change the header block: subject heading, author and contact, financial summary."""
    unknown = set(values) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"Not header fields: {', '.join(sorted(unknown))}.")
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    cleaned = {name: value.strip() for name, value in values.items()}
    errors = {
        name: message for name, message in _REQUIRED_HEADER.items() if cleaned.get(name) == ""
    }
    if errors:
        raise ValidationError(errors)
    for name, value in cleaned.items():
        setattr(report, name, value)
    others = [f.name for f in Report._meta.get_fields() if f.name not in cleaned]
    report.full_clean(exclude=others, validate_unique=False)
    report.save(update_fields=list(cleaned))
    return report


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter the paragraph's text, or remove the paragraph."})
    return text


@transaction.atomic
def edit_paragraph(paragraph: ReportParagraph, text: str) -> ReportParagraph:
    _require_draft(paragraph.section.report)
    paragraph.text = _clean_text(text)
    paragraph.save(update_fields=["text"])
    return paragraph


@transaction.atomic
def add_paragraph(
    section: ReportSection, text: str, after: ReportParagraph | None = None
) -> ReportParagraph:
    """Add a paragraph after another (or at the end); later paragraphs move down one."""
    _require_draft(section.report)
    text = _clean_text(text)
    if after is None:
        last = section.paragraphs.aggregate(last=Max("position"))["last"] or 0
        position = last + 1
    else:
        position = after.position + 1
        section.paragraphs.filter(position__gte=position).update(position=F("position") + 1)
    return ReportParagraph.objects.create(section=section, position=position, text=text)


@transaction.atomic
def remove_paragraph(paragraph: ReportParagraph) -> None:
    section = paragraph.section
    _require_draft(section.report)
    paragraph.delete()
    _renumber(section)


@transaction.atomic
def move_paragraph(paragraph: ReportParagraph, offset: int) -> None:
    """Move a paragraph up (-1) or down (+1) within its section."""
    section = paragraph.section
    _require_draft(section.report)
    ordered = list(section.paragraphs.order_by("position", "id"))
    index = next(i for i, p in enumerate(ordered) if p.pk == paragraph.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered.insert(target, ordered.pop(index))
    _renumber(section, ordered)


def _renumber(section: ReportSection, ordered: list[ReportParagraph] | None = None) -> None:
    paragraphs = ordered or list(section.paragraphs.order_by("position", "id"))
    for position, paragraph in enumerate(paragraphs, start=1):
        paragraph.position = position
    ReportParagraph.objects.bulk_update(paragraphs, ["position"])
    # bulk_update sends no save signal: renumber the report's search entries here, or a
    # moved paragraph keeps its old number in its search title. (Imported here: the search
    # sources read reports through modules that import this one.)
    from headway.search.sources import index_report

    index_report(section.report_id)


@transaction.atomic
def approve_report(report: Report, by: Any, at: datetime | None = None) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    if report.snapshot_id is None:
        raise ValidationError("Draft the report before approving it.")
    report.state = Report.State.APPROVED
    report.approved_by = by
    report.approved_at = at or clock.now()
    report.save(update_fields=["state", "approved_by", "approved_at"])
    _record(report, PeriodEvent.Kind.APPROVED, by, _for_meeting(report), at=report.approved_at)
    return report


@transaction.atomic
def reopen_report(report: Report) -> Report:
    """Send an approved (not yet published) report back to draft."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    refuse_imported(report)
    if report.state != Report.State.APPROVED:
        raise ReportNotEditable("Only an approved, unpublished report can be reopened.")
    report.state = Report.State.DRAFT
    report.approved_by = None
    report.approved_at = None
    # A reopening starts a new round: an earlier reviewer's comments were answered by the
    # approval it undoes.
    report.returned_at = None
    report.returned_by = None
    report.return_comment = ""
    report.save(
        update_fields=[
            "state",
            "approved_by",
            "approved_at",
            "returned_at",
            "returned_by",
            "return_comment",
        ]
    )
    return report


@transaction.atomic
def return_report(report: Report, by: Any, comment: str, at: datetime | None = None) -> Report:
    """Send a draft (or an approved, unpublished report) back to its authors as a draft with
    a reviewer's comments: who, when, and what to change are kept and shown on its page."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Say what needs to change before you can approve it."})
    report = Report.objects.select_for_update().get(pk=report.pk)
    refuse_imported(report)
    if report.state not in (Report.State.DRAFT, Report.State.APPROVED):
        raise ReportNotEditable(
            f"This report is {report.get_state_display().lower()}: only a draft or an "
            "approved report can be returned with comments."
        )
    report.state = Report.State.DRAFT
    report.approved_by = None
    report.approved_at = None
    report.returned_by = by
    report.returned_at = at or clock.now()
    report.return_comment = comment
    report.save(
        update_fields=[
            "state",
            "approved_by",
            "approved_at",
            "returned_at",
            "returned_by",
            "return_comment",
        ]
    )
    _record(report, PeriodEvent.Kind.RETURNED, by, comment, at=report.returned_at)
    return report


@transaction.atomic
def publish_report(report: Report, at: datetime | None = None, by: Any = None) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    refuse_imported(report)
    if report.state != Report.State.APPROVED:
        raise ReportNotEditable("Approve the report before publishing it.")
    report.state = Report.State.PUBLISHED
    report.published_at = at or clock.now()
    report.published_by = by
    report.save(update_fields=["state", "published_at", "published_by"])
    _record(
        report,
        PeriodEvent.Kind.PUBLISHED,
        by,
        f"{_for_meeting(report)} Public at {published_url(report.slug)}",
        at=report.published_at,
    )
    return report


@transaction.atomic
def withdraw_report(report: Report, by: Any, reason: str, at: datetime | None = None) -> Report:
    """Withdraw a published report, saying why. Its public page then says it was withdrawn,
    when and why; its packs and files stay, for the record. Nothing else about it changes."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why the report is withdrawn: readers of its page will see it."}
        )
    locked = Report.objects.select_for_update().get(pk=report.pk)
    refuse_imported(locked)
    if locked.state != Report.State.PUBLISHED:
        raise ReportNotEditable(
            f"This report is {locked.get_state_display().lower()}: only a published report "
            "can be withdrawn."
        )
    moment = at or clock.now()
    # save() refuses to change a published report; withdrawal is the one change allowed,
    # made here only, to these fields only.
    Report.objects.filter(pk=locked.pk).update(
        state=Report.State.WITHDRAWN,
        withdrawn_at=moment,
        withdrawn_by=by,
        withdrawal_reason=reason,
    )
    withdrawn = Report.objects.get(pk=locked.pk)
    # update() records no history by itself: record this change as save() would have.
    Report.history.bulk_history_create([withdrawn], update=True, default_user=by)
    _record(withdrawn, PeriodEvent.Kind.WITHDRAWN, by, reason, at=moment)
    return withdrawn
