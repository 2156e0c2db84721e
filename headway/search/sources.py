"""The sources Headway searches, each registered with ``headway.search.registry``.

Reports are indexed paragraph by paragraph, whatever their kind, so a report that arrives
some other way (drafted, imported) is found as soon as its paragraphs are saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from headway.accounts.access import STAFF_ROLES
from headway.accounts.models import Membership, Role
from headway.committee import permissions as committee_permissions
from headway.committee.detail import report_detail
from headway.committee.models import Report, ReportParagraph, ReportSection
from headway.indicators.access import figures_visible_to
from headway.indicators.models import Figure
from headway.lib.fy import Quarter
from headway.organisation.models import OrganisationalChange
from headway.progress.models import Update
from headway.progress.permissions import (
    READERS_OF_EVERY_RETURN,
    editable_among,
    returns_visible_to,
)
from headway.roadmap import permissions as roadmap_permissions
from headway.roadmap.models import ChangeRequest, Consultation
from headway.search.audience import refresh
from headway.search.documents import Document
from headway.search.index import drop, store
from headway.search.models import SearchEntry
from headway.search.registry import SOURCES, Source, register
from headway.strategy.models import Organisation

REPORTS = "report"
RETURNS = "return"
CHANGE_REQUESTS = "change_request"
CONSULTATIONS = "consultation"
ORGANISATIONAL_CHANGES = "organisational_change"
INDICATOR_NOTES = "indicator_note"


# Committee reports, a document per paragraph -------------------------------------------


def report_documents(report: Report) -> list[Document]:
    detail = report_detail(report.meeting.committee.organisation, report.pk)
    if detail is None:
        return []
    report = detail.report
    documents = []
    for section in detail.sections:
        for row in section.paragraphs:
            paragraph = row.paragraph
            body = f"{paragraph.label}. {paragraph.text}" if paragraph.label else paragraph.text
            documents.append(
                Document(
                    object_id=paragraph.pk,
                    organisation_id=report.period.organisation_id,
                    title=f"{report.subject_heading}: {row.name}",
                    body=body,
                    year=report.period.year,
                    quarter=report.period.quarter,
                    dated=report.meeting.date,
                )
            )
    return documents


def index_report(report_id: int) -> None:
    """Rewrite the entries of the report's paragraphs: their numbers follow any move."""
    report = (
        Report.objects.filter(pk=report_id)
        .select_related("meeting__committee__organisation", "period")
        .first()
    )
    if report is None:
        return
    stored = SearchEntry.objects.filter(
        source=REPORTS, organisation_id=report.period.organisation_id
    ).exclude(
        object_id__in=ReportParagraph.objects.exclude(section__report_id=report_id).values("pk")
    )
    stale = set(stored.values_list("object_id", flat=True))
    documents = report_documents(report)
    store(REPORTS, documents, replacing=stale - {d.object_id for d in documents})


def _organisation_reports(organisation: Organisation) -> Iterator[Document]:
    reports = Report.objects.filter(period__organisation=organisation).select_related(
        "meeting__committee__organisation", "period"
    )
    for report in reports:
        yield from report_documents(report)


def _readable_paragraphs(membership: Membership) -> QuerySet[Any]:
    reports = committee_permissions.reports_visible_to(membership)
    return ReportParagraph.objects.filter(section__report__in=reports)


def _report_links(membership: Membership, entries: list[SearchEntry]) -> dict[int, str]:
    reports = dict(
        ReportParagraph.objects.filter(pk__in=[e.object_id for e in entries]).values_list(
            "pk", "section__report_id"
        )
    )
    published = {
        pk: (slug, kind)
        for pk, slug, kind in Report.objects.filter(pk__in=reports.values()).values_list(
            "pk", "slug", "kind"
        )
    }
    links = {}
    for entry in entries:
        report = reports.get(entry.object_id)
        if report is None:
            continue
        if membership.role in committee_permissions.COMPOSE:
            address = reverse("committee:report", args=[report])
            links[entry.pk] = f"{address}#paragraph-{entry.object_id}"
            continue
        slug, kind = published[report]
        address = reverse("committee:published_report", args=[slug])
        # A past report's public page is Headway's, with the paragraphs' own anchors.
        if kind == Report.Kind.IMPORTED:
            address = f"{address}#paragraph-{entry.object_id}"
        links[entry.pk] = address
    return links


def _on_report(sender: Any, instance: Report, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_report(instance.pk)


def _on_section(sender: Any, instance: ReportSection, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_report(instance.report_id)


def _on_paragraph(sender: Any, instance: ReportParagraph, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_report(instance.section.report_id)


def _dropping(source: str) -> Any:
    """A receiver that drops a deleted object's entry, so nobody finds what is gone."""

    def drop_entry(sender: Any, instance: Any, **kwargs: Any) -> None:
        drop(source, [instance.pk])

    return drop_entry


# Kept here: signals hold their receivers weakly.
_DROPPERS: dict[str, Any] = {}


def _on_delete(model: Any, source: str) -> None:
    receiver = _DROPPERS.setdefault(source, _dropping(source))
    post_delete.connect(receiver, sender=model, dispatch_uid=f"search_drop_{source}")


def _connect(
    model: Any, source: str, document: Callable[[Any], Document | None]
) -> Callable[[], None]:
    """What connects a source of one model: each saved object's document is stored, or its
    entry dropped when it has nothing to find, and a deleted object's entry goes."""

    def keep_entry(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if raw:
            return
        found = document(instance)
        if found is None:
            drop(source, [instance.pk])
        else:
            store(source, [found], replacing=[instance.pk])

    def connect() -> None:
        # Held strongly: nothing else keeps this receiver.
        post_save.connect(keep_entry, sender=model, dispatch_uid=f"search_{source}", weak=False)
        _on_delete(model, source)

    return connect


def _connect_reports() -> None:
    _on_delete(ReportParagraph, REPORTS)
    post_save.connect(_on_report, sender=Report, dispatch_uid="search_report")
    post_save.connect(_on_section, sender=ReportSection, dispatch_uid="search_report_section")
    post_save.connect(_on_paragraph, sender=ReportParagraph, dispatch_uid="search_paragraph")


# Returns --------------------------------------------------------------------------------

RETURN_FIELDS = (
    ("narrative", ""),
    ("achievements", "Achievements"),
    ("next_steps", "Next steps"),
    ("risks", "Risks and issues"),
)


def return_document(update: Update) -> Document:
    initiative, period = update.initiative, update.period
    parts = []
    for field, label in RETURN_FIELDS:
        text = (getattr(update, field) or "").strip()
        if text:
            parts.append(f"{label}: {text}" if label else text)
    quarter = Quarter(period.year, period.quarter)
    return Document(
        object_id=update.pk,
        organisation_id=initiative.organisation_id,
        title=f"{initiative.title}: {quarter.label} return",
        body="\n\n".join(parts),
        year=period.year,
        quarter=period.quarter,
        initiative_id=initiative.pk,
        service_id=initiative.service_id,
        dated=quarter.last_day,
    )


def _organisation_returns(organisation: Organisation) -> Iterator[Document]:
    updates = (
        Update.objects.filter(initiative__organisation=organisation)
        .select_related("initiative", "period")
        .order_by("pk")
    )
    for update in updates.iterator(chunk_size=2000):
        yield return_document(update)


def _own_returns(membership: Membership) -> QuerySet[Any]:
    """The returns this member may edit, which they read in any state."""
    return editable_among(membership, Update.objects.all())


def _return_links(membership: Membership, entries: list[SearchEntry]) -> dict[int, str]:
    return {e.pk: reverse("initiative", args=[e.initiative_id]) for e in entries if e.initiative_id}


# Change requests and the partners' answers ----------------------------------------------


def _change_request_document(change: ChangeRequest) -> Document:
    initiative = change.initiative
    day = change.decided_on or change.proposed_at.date()
    quarter = Quarter.of(day)
    parts = [change.rationale, change.decision_note]
    return Document(
        object_id=change.pk,
        organisation_id=change.organisation_id,
        title=f"Change request: {change}",
        body="\n\n".join(p.strip() for p in parts if p and p.strip()),
        year=quarter.year,
        quarter=quarter.number,
        initiative_id=initiative.pk if initiative else None,
        priority_id=change.priority_id,
        service_id=initiative.service_id if initiative else None,
        dated=day,
    )


def _consultation_document(consultation: Consultation) -> Document | None:
    """The council's comment, or None when it wrote none (nothing to find)."""
    if not consultation.comment.strip():
        return None
    change = consultation.change_request
    initiative = change.initiative
    day = (consultation.answered_at or consultation.created_at).date()
    quarter = Quarter.of(day)
    answer = consultation.get_response_display() if consultation.response else ""
    return Document(
        object_id=consultation.pk,
        organisation_id=change.organisation_id,
        title=f"{consultation.partner}'s answer on {change}" + (f": {answer}" if answer else ""),
        body=consultation.comment.strip(),
        year=quarter.year,
        quarter=quarter.number,
        initiative_id=initiative.pk if initiative else None,
        priority_id=change.priority_id,
        service_id=initiative.service_id if initiative else None,
        dated=day,
    )


def _organisation_changes_requested(organisation: Organisation) -> Iterator[Document]:
    changes = ChangeRequest.objects.filter(organisation=organisation).select_related(
        "initiative", "priority"
    )
    for change in changes:
        yield _change_request_document(change)


def _organisation_consultations(organisation: Organisation) -> Iterator[Document]:
    consultations = Consultation.objects.filter(
        change_request__organisation=organisation
    ).select_related("partner", "change_request__initiative", "change_request__priority")
    for consultation in consultations:
        document = _consultation_document(consultation)
        if document is not None:
            yield document


def _consulted_answers(membership: Membership) -> QuerySet[Any]:
    """Every council's answers on the change requests this member's council was asked about."""
    consulted = roadmap_permissions.consulted_with(membership)
    return Consultation.objects.filter(change_request__in=consulted)


def _on_change_request(
    sender: Any, instance: ChangeRequest, raw: bool = False, **kwargs: Any
) -> None:
    """Its answers are read by whoever reads it: once it is agreed, by everyone."""
    if not raw:
        answers = Consultation.objects.filter(change_request_id=instance.pk)
        refresh(CONSULTATIONS, answers.values_list("pk", flat=True))


def _connect_change_requests() -> None:
    _connect(ChangeRequest, CHANGE_REQUESTS, _change_request_document)()
    post_save.connect(
        _on_change_request, sender=ChangeRequest, dispatch_uid="search_change_request_answers"
    )


def _change_link(membership: Membership, change_request_id: int) -> str:
    # Those the change request page is for open it; everyone else reads agreed changes,
    # with the councils' answers, on the map versions page.
    if membership.role in (*STAFF_ROLES, Role.PARTNER_CONTACT):
        return reverse("roadmap:change_request", args=[change_request_id])
    return reverse("roadmap:versions")


def _change_request_links(membership: Membership, entries: list[SearchEntry]) -> dict[int, str]:
    return {e.pk: _change_link(membership, e.object_id) for e in entries}


def _consultation_links(membership: Membership, entries: list[SearchEntry]) -> dict[int, str]:
    changes = dict(
        Consultation.objects.filter(pk__in=[e.object_id for e in entries]).values_list(
            "pk", "change_request_id"
        )
    )
    return {
        e.pk: _change_link(membership, changes[e.object_id])
        for e in entries
        if e.object_id in changes
    }


def _organisational_change_links(
    membership: Membership, entries: list[SearchEntry]
) -> dict[int, str]:
    return {e.pk: reverse("organisation:edit_change", args=[e.object_id]) for e in entries}


# Organisational changes -----------------------------------------------------------------

# Those who may open the log of organisational changes.
CHANGE_LOG_READERS = (Role.ADMINISTRATOR,)


def _organisational_change_document(change: OrganisationalChange) -> Document:
    quarter = Quarter.of(change.date)
    return Document(
        object_id=change.pk,
        organisation_id=change.organisation_id,
        title=f"Organisational change: {change}",
        body=change.text,
        year=quarter.year,
        quarter=quarter.number,
        service_id=change.service_id,
        dated=change.date,
    )


def _organisation_organisational_changes(organisation: Organisation) -> Iterator[Document]:
    for change in OrganisationalChange.objects.filter(organisation=organisation):
        yield _organisational_change_document(change)


def _readable_organisational_changes(membership: Membership) -> QuerySet[Any]:
    changes = OrganisationalChange.objects.filter(organisation_id=membership.organisation_id)
    if membership.role not in CHANGE_LOG_READERS:
        changes = changes.none()
    return changes


# Indicator notes: a figure's exception note -----------------------------------------------

INDICATOR_NOTE_FIELDS = (
    ("exception_why", "Why it is off target"),
    ("exception_action", "What is being done"),
    ("exception_recovery", "When it is expected to recover"),
)


def indicator_note_document(figure: Figure) -> Document | None:
    """The figure's exception note, or None when it has none (nothing to find)."""
    parts = []
    for name, label in INDICATOR_NOTE_FIELDS:
        text = (getattr(figure, name) or "").strip()
        if text:
            parts.append(f"{label}: {text}")
    if not parts:
        return None
    measure, period = figure.measure, figure.period
    quarter = Quarter(period.year, period.quarter)
    partner = figure.partner.name if figure.partner else "whole service"
    return Document(
        object_id=figure.pk,
        organisation_id=measure.organisation_id,
        title=f"{measure.reference} {measure.name}: {partner}, {quarter.label}",
        body="\n\n".join(parts),
        year=period.year,
        quarter=period.quarter,
        priority_id=measure.priority_id,
        service_id=measure.service_id,
        dated=quarter.last_day,
    )


def _organisation_indicator_notes(organisation: Organisation) -> Iterator[Document]:
    figures = (
        Figure.objects.of(organisation.pk)
        .exclude(exception_why="", exception_action="", exception_recovery="")
        .select_related("measure", "period", "partner")
        .order_by("pk")
    )
    for figure in figures.iterator(chunk_size=2000):
        document = indicator_note_document(figure)
        if document is not None:
            yield document


def _indicator_note_links(membership: Membership, entries: list[SearchEntry]) -> dict[int, str]:
    measures = dict(
        Figure.objects.filter(pk__in=[e.object_id for e in entries]).values_list("pk", "measure_id")
    )
    return {
        e.pk: reverse("indicators:measure", args=[measures[e.object_id]])
        for e in entries
        if e.object_id in measures
    }


# The registry ---------------------------------------------------------------------------

register(
    Source(
        name=REPORTS,
        label="Committee reports",
        noun="Report",
        documents=_organisation_reports,
        readable=_readable_paragraphs,
        reads_all=lambda m: m.role in STAFF_ROLES,
        links=_report_links,
        connect=_connect_reports,
    )
)
register(
    Source(
        name=RETURNS,
        label="Returns",
        noun="Return",
        documents=_organisation_returns,
        readable=returns_visible_to,
        reads_all=lambda m: m.role in READERS_OF_EVERY_RETURN,
        links=_return_links,
        connect=_connect(Update, RETURNS, return_document),
        personal=_own_returns,
    )
)
register(
    Source(
        name=CHANGE_REQUESTS,
        label="Change requests",
        noun="Change request",
        documents=_organisation_changes_requested,
        readable=roadmap_permissions.change_requests_visible_to,
        reads_all=roadmap_permissions.may_manage_changes,
        links=_change_request_links,
        connect=_connect_change_requests,
        personal=roadmap_permissions.consulted_with,
    )
)
register(
    Source(
        name=CONSULTATIONS,
        label="Consultation answers",
        noun="Consultation answer",
        documents=_organisation_consultations,
        readable=roadmap_permissions.consultations_visible_to,
        reads_all=roadmap_permissions.may_manage_changes,
        links=_consultation_links,
        connect=_connect(Consultation, CONSULTATIONS, _consultation_document),
        personal=_consulted_answers,
    )
)
register(
    Source(
        name=ORGANISATIONAL_CHANGES,
        label="Organisational changes",
        noun="Organisational change",
        documents=_organisation_organisational_changes,
        readable=_readable_organisational_changes,
        reads_all=lambda m: m.role in CHANGE_LOG_READERS,
        links=_organisational_change_links,
        connect=_connect(
            OrganisationalChange, ORGANISATIONAL_CHANGES, _organisational_change_document
        ),
    )
)

register(
    Source(
        name=INDICATOR_NOTES,
        label="Indicator notes",
        noun="Indicator note",
        documents=_organisation_indicator_notes,
        readable=figures_visible_to,
        # The same rule as ``figures_visible_to``: these read figures in every state.
        reads_all=lambda m: m.role in READERS_OF_EVERY_RETURN,
        links=_indicator_note_links,
        connect=_connect(Figure, INDICATOR_NOTES, indicator_note_document),
    )
)


def connect_signals() -> None:
    for source in SOURCES.values():
        source.connect()


def all_documents(organisation: Organisation) -> Iterable[tuple[str, Iterable[Document]]]:
    for source in SOURCES.values():
        yield source.name, source.documents(organisation)
