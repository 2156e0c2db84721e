"""Every page of Headway, with the arguments to request it with: the permission test walks
them for every role, and ``make bench-scale`` measures them on generated data.

Adding a page? If its URL takes arguments, add a row to ``SAMPLE_KWARGS`` (keyed by the
URL's name, e.g. "progress:return", or by its route if it has no name) built from the
objects in ``Sample``; add the object to ``Sample`` (and to the permission test's
``build_sample`` and the bench's ``prepare``, or to ``work_in_hand``, which both call) if it
is new.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from headway.accounts.models import Membership, User
from headway.api.models import ApiToken
from headway.committee.models import (
    Meeting,
    Pack,
    PackFile,
    Redraft,
    Report,
    ReportParagraph,
    ReportSource,
)
from headway.committee.models.committee import CommitteeMember
from headway.committee.packs import request_pack
from headway.dataio.models import ExportJob, ImportJob, Upload
from headway.indicators.models import Figure, Measure, Target
from headway.lib.fy import FinancialYear, span_label
from headway.organisation.models import OrganisationalChange
from headway.progress.models import ReportingPeriod, Update
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import (
    Initiative,
    Organisation,
    Partner,
    Priority,
    Service,
    StrategyEvent,
)


@dataclass(frozen=True)
class Sample:
    """A small dataset of our organisation: one of each object a page can be about."""

    initiative: Initiative
    period: ReportingPeriod
    draft: Update  # a return of the service lead's service, still with them
    submitted: Update  # a return waiting for review
    upload: Upload  # a file the administrator uploaded, being imported by the task worker
    export_job: ExportJob  # a large export the administrator asked for, written
    token: ApiToken  # the administrator's API token
    report: Report  # a published committee report, with a finished pack
    pack: Pack
    redraft: Redraft  # a redraft of the report, waiting for the task worker
    change_request: ChangeRequest  # a change to the maps under consultation
    consultation: Consultation  # its consultation of the partner contact's council
    priority: Priority  # a priority of the current strategy
    event: StrategyEvent  # an event of its history
    colleague: Membership  # a person of the organisation, for the people pages
    organisational_change: OrganisationalChange
    service: Service
    partner: Partner


def _on_report(s: Sample) -> dict[str, Any]:
    return {"pk": s.report.pk}


def _on_paragraph(s: Sample) -> dict[str, Any]:
    paragraph = ReportParagraph.objects.filter(section__report=s.report).first()
    assert paragraph is not None
    return {"pk": s.report.pk, "paragraph": paragraph.pk}


def _on_committee(s: Sample) -> dict[str, Any]:
    return {"pk": s.report.meeting.committee_id}


# A past report's text, the least the import reads as a report.
PAST_REPORT = (
    b"SUMMARY\n\nProgress over the quarter.\n\nRECOMMENDATIONS\n\n1. To note the update.\n\n"
    b"REPORT DETAIL\n\n1. Background\n\n1.1 The strategy was presented to the Joint "
    b"Committee on 7th February 2020.\n"
)


def _administrator_of(s: Sample) -> Any:
    membership = Membership.objects.filter(
        organisation=s.period.organisation_id, role="administrator"
    ).first()
    assert membership is not None
    return membership.user


def _on_report_upload(s: Sample) -> dict[str, Any]:
    """A past report's file the administrator uploaded, waiting for its check."""
    upload = Upload.objects.create(
        organisation=s.period.organisation,
        kind=Upload.Kind.REPORT,
        filename="past-report.txt",
        content=PAST_REPORT,
        size=len(PAST_REPORT),
        uploaded_by=_administrator_of(s),
    )
    return {"token": upload.token}


def _on_imported_report(s: Sample) -> dict[str, Any]:
    """A report imported from a past report's file, which it keeps; presented in public, so
    published."""
    committee = s.report.meeting.committee
    latest = Meeting.objects.filter(committee=committee).order_by("-date").first()
    assert latest is not None
    meeting = Meeting.objects.create(committee=committee, date=latest.date + timedelta(days=7))
    report = Report.objects.create(
        meeting=meeting,
        period=s.report.period,
        kind=Report.Kind.IMPORTED,
        state=Report.State.PUBLISHED,
        published_at=s.report.published_at,
        subject_heading="A past report",
        author_name="An officer",
        slug=f"imported-{meeting.pk}-{Report.objects.count()}",
    )
    ReportSource.objects.create(
        report=report,
        filename="past-report.txt",
        content_type="text/plain; charset=utf-8",
        content=PAST_REPORT,
        size=len(PAST_REPORT),
    )
    return {"pk": report.pk, "slug": report.slug}


def _on_member(s: Sample) -> dict[str, Any]:
    member = CommitteeMember.objects.create(committee=s.report.meeting.committee, name="Chair")
    return {"member": member.pk}


def _measure(s: Sample) -> Measure:
    """A measure of the sample service, reported for the sample partner, with a target, the
    partner's figure submitted and the whole service's approved, in the sample period."""
    measure, created = Measure.objects.get_or_create(
        organisation_id=s.service.organisation_id,
        reference="SAMPLE-PI-01",
        defaults={"name": "Invoices paid within 30 days", "service": s.service},
    )
    if created:
        measure.partners.set([s.partner])
        Target.objects.create(measure=measure, year=s.period.year, value=95)
        Figure.objects.create(
            measure=measure, period=s.period, partner=s.partner, value=90, state="submitted"
        )
        Figure.objects.create(measure=measure, period=s.period, value=96, state="approved")
    return measure


def _on_measure(s: Sample) -> dict[str, Any]:
    return {"pk": _measure(s).pk}


def _on_target(s: Sample) -> dict[str, Any]:
    measure = _measure(s)
    target = measure.targets.first()
    assert target is not None
    return {"pk": measure.pk, "target": target.pk}


def _on_figure(s: Sample, partner: bool) -> dict[str, Any]:
    figures = _measure(s).figures.filter(partner__isnull=not partner)
    figure = figures.first()
    assert figure is not None
    return {"pk": figure.pk}


# The arguments each URL that takes any is requested with, by URL name (or route).
SAMPLE_KWARGS: dict[str, Callable[[Sample], dict[str, Any]]] = {
    "initiative": lambda s: {"pk": s.initiative.pk},
    "initiative_owner": lambda s: {"pk": s.initiative.pk},
    "start_return": lambda s: {"pk": s.initiative.pk},
    "accounts/confirm-email/<str:key>/": lambda s: {"key": "no-such-key"},
    "progress:period": lambda s: {"period": s.period.slug},
    "progress:close_period": lambda s: {"period": s.period.slug},
    "progress:reopen_period": lambda s: {"period": s.period.slug},
    "progress:period_deadline": lambda s: {"period": s.period.slug},
    "progress:chase_everyone": lambda s: {"period": s.period.slug},
    "progress:return": lambda s: {"pk": s.draft.pk},
    "progress:review": lambda s: {"pk": s.submitted.pk},
    "progress:period_dashboard": lambda s: {"period": s.period.slug},
    "progress:remind": lambda s: {"period": s.period.slug},
    "api:token-revoke": lambda s: {"pk": s.token.pk},
    "dataio:import_upload": lambda s: {"kind": "portfolio"},
    "dataio:import_template": lambda s: {"kind": "portfolio", "format": "xlsx"},
    "dataio:import_preview": lambda s: {"token": s.upload.token},
    "dataio:import_confirm": lambda s: {"token": s.upload.token},
    "dataio:import_status": lambda s: {"token": s.upload.token},
    "dataio:export_portfolio": lambda s: {"format": "csv"},
    "dataio:export_updates": lambda s: {"period": s.period.slug, "format": "csv"},
    "dataio:export_change_requests": lambda s: {"format": "csv"},
    "dataio:open_data": lambda s: {"slug": s.report.slug},
    "dataio:open_data_json": lambda s: {"slug": s.report.slug},
    "dataio:open_data_csv": lambda s: {"slug": s.report.slug, "name": "initiatives"},
    "committee:report": _on_report,
    "committee:edit_header": _on_report,
    "committee:check_import": _on_report_upload,
    "committee:report_original": lambda s: {"pk": _on_imported_report(s)["pk"]},
    "committee:redraft": _on_report,
    "committee:ask_for_approval": _on_report,
    "committee:approve": _on_report,
    "committee:reopen": _on_report,
    "committee:publish": _on_report,
    "committee:return_report": _on_report,
    "committee:withdraw_report": _on_report,
    "committee:generate_pack": _on_report,
    "committee:edit_paragraph": _on_paragraph,
    "committee:remove_paragraph": _on_paragraph,
    "committee:move_paragraph": _on_paragraph,
    "committee:add_paragraph": lambda s: {
        "pk": s.report.pk,
        "section": s.report.sections.get(key="background").pk,
    },
    "committee:pack": lambda s: {"pk": s.report.pk, "pack": s.pack.pk},
    "committee:pack_status": lambda s: {"pk": s.report.pk, "pack": s.pack.pk},
    "committee:redraft_progress": lambda s: {"pk": s.report.pk, "redraft": s.redraft.pk},
    "committee:redraft_status": lambda s: {"pk": s.report.pk, "redraft": s.redraft.pk},
    "dataio:export_job": lambda s: {"pk": s.export_job.pk},
    "dataio:export_job_status": lambda s: {"pk": s.export_job.pk},
    "dataio:export_job_file": lambda s: {"pk": s.export_job.pk},
    "committee:pack_file": lambda s: {"pk": s.report.pk, "pack": s.pack.pk, "name": "data.json"},
    "committee:published_report": lambda s: {"slug": s.report.slug},
    "committee:published_file": lambda s: {"slug": s.report.slug, "name": "report.pdf"},
    "committee:published_original": lambda s: {"slug": _on_imported_report(s)["slug"]},
    "roadmap:road_map": lambda s: {"year": FinancialYear(s.period.year).label},
    "roadmap:priority_map": lambda s: {"years": span_label(s.period.year, s.period.year + 1)},
    "roadmap:road_map_svg": lambda s: {"year": FinancialYear(s.period.year).label},
    "roadmap:priority_map_svg": lambda s: {"years": span_label(s.period.year, s.period.year + 1)},
    "roadmap:propose_kind": lambda s: {"kind": "deprioritise"},
    "roadmap:change_request": lambda s: {"pk": s.change_request.pk},
    "roadmap:open_consultation": lambda s: {"pk": s.change_request.pk},
    "roadmap:withdraw": lambda s: {"pk": s.change_request.pk},
    "roadmap:revise": lambda s: {"pk": s.change_request.pk},
    "roadmap:decide": lambda s: {"pk": s.change_request.pk},
    "roadmap:consultation": lambda s: {"pk": s.consultation.pk},
    "strategy_event": lambda s: {"pk": s.event.pk},
    "strategy_remove_event": lambda s: {"pk": s.event.pk},
    "strategy_priority": lambda s: {"pk": s.priority.pk},
    "strategy_move_priority": lambda s: {"pk": s.priority.pk},
    "strategy_retire_priority": lambda s: {"pk": s.priority.pk},
    "strategy_reinstate_priority": lambda s: {"pk": s.priority.pk},
    "people:person": lambda s: {"pk": s.colleague.pk},
    "people:change_role": lambda s: {"pk": s.colleague.pk},
    "people:deactivate": lambda s: {"pk": s.colleague.pk},
    "people:reactivate": lambda s: {"pk": s.colleague.pk},
    "people:send_again": lambda s: {"pk": s.colleague.pk},
    "people:reset_second_step": lambda s: {"pk": s.colleague.pk},
    "organisation:edit_change": lambda s: {"pk": s.organisational_change.pk},
    "organisation:remove_change": lambda s: {"pk": s.organisational_change.pk},
    "organisation:edit_service": lambda s: {"pk": s.service.pk},
    "organisation:remove_service": lambda s: {"pk": s.service.pk},
    "organisation:edit_partner": lambda s: {"pk": s.partner.pk},
    "organisation:remove_partner": lambda s: {"pk": s.partner.pk},
    "organisation:edit_status": lambda s: {"pk": s.draft.status_id},
    "organisation:move_status": lambda s: {"pk": s.draft.status_id},
    "organisation:remove_status": lambda s: {"pk": s.draft.status_id},
    "organisation:committee": _on_committee,
    "organisation:edit_committee": _on_committee,
    "organisation:remove_committee": _on_committee,
    "organisation:add_member": _on_committee,
    "organisation:add_meeting": _on_committee,
    "organisation:report_template": _on_committee,
    "organisation:edit_member": _on_member,
    "organisation:remove_member": _on_member,
    "organisation:edit_meeting": lambda s: {"meeting": s.report.meeting_id},
    "organisation:remove_meeting": lambda s: {"meeting": s.report.meeting_id},
    "indicators:measure": _on_measure,
    "indicators:edit_measure": _on_measure,
    "indicators:add_target": _on_measure,
    "indicators:edit_target": _on_target,
    "indicators:remove_target": _on_target,
    "indicators:figure": lambda s: {
        "pk": _measure(s).pk,
        "period": s.period.slug,
        "council": str(s.partner.pk),
    },
    "indicators:review_figure": lambda s: _on_figure(s, partner=True),
    "indicators:correct_figure": lambda s: _on_figure(s, partner=False),
    "audit:entry": lambda s: {
        "source": "initiative",
        "pk": s.initiative.history.latest("history_date").history_id,
    },
}

# URLs whose arguments name a year or a kind of change, not one of our objects: a member of
# the other organisation opening them sees their own organisation's page.
NOT_ABOUT_AN_OBJECT = {
    "roadmap:road_map",
    "roadmap:priority_map",
    "roadmap:road_map_svg",
    "roadmap:priority_map_svg",
    "roadmap:propose_kind",
    "dataio:import_upload",
    "dataio:import_template",
    "dataio:export_portfolio",
    "dataio:export_change_requests",
}


@dataclass(frozen=True)
class Route:
    key: str  # the URL's name ("progress:return"), or its route if it has none
    route: str
    callback: Callable[..., Any]
    name: str | None

    @property
    def takes_arguments(self) -> bool:
        return "<" in self.route

    def path(self, sample: Sample) -> str:
        kwargs: dict[str, Any] = {}
        if self.takes_arguments:
            make = SAMPLE_KWARGS.get(self.key)
            if make is None:
                raise LookupError(
                    f"add sample arguments for {self.key} to SAMPLE_KWARGS (headway/routes.py)"
                )
            kwargs = make(sample)
        if self.name:
            return reverse(self.name, kwargs=kwargs or None)
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), self.route)


def _is_skipped(resolver: URLResolver) -> bool:
    """The Django admin and allauth's own pages check access themselves; the REST API
    (api/v1/) answers with 401/403 JSON, and tests/api/ checks every endpoint for every role
    from its own table, which fails when an endpoint is missing from it."""
    module = getattr(resolver.urlconf_module, "__name__", "")
    return (
        resolver.namespace == "admin"
        or module.startswith("allauth")
        or str(resolver.pattern) == "v1/"
    )


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if _is_skipped(pattern):
                continue
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield Route(name or route, route, pattern.callback, name)


def finished_pack(report: Report) -> Pack:
    """A pack of the published ``report`` as if generated, with small stand-in files: the
    pages about a pack need one, not the minutes it takes to make."""
    pack = request_pack(report)
    Pack.objects.filter(pk=pack.pk).update(state=Pack.State.DONE, progress=100)
    page = b'<html lang="en"><body><main><header><h1>Report</h1></header></main></body></html>'
    PackFile.objects.bulk_create(
        PackFile.of(pack, name, page if name == "report.html" else b"{}")
        for name in ("report.html", "report.pdf", "data.json")
    )
    return pack


def work_in_hand(
    organisation: Organisation, administrator: User, report: Report
) -> tuple[Upload, ExportJob, Redraft]:
    """The administrator's background work that pages are about: a file being imported by
    the task worker, a large export written, and a redraft of ``report`` waiting. Made here
    for both the permission test and the bench, so they measure and check the same pages."""
    upload = Upload.objects.create(
        organisation=organisation,
        kind=Upload.Kind.PORTFOLIO,
        filename="portfolio.csv",
        content=b"reference,title\n",
        size=16,
        uploaded_by=administrator,
    )
    ImportJob.objects.create(upload=upload, requested_by=administrator)
    export_job = ExportJob.objects.create(
        organisation=organisation,
        format="xlsx",
        filename="portfolio.xlsx",
        content=b"PK",
        state=ExportJob.State.DONE,
        requested_by=administrator,
    )
    redraft = Redraft.objects.create(report=report, requested_by=administrator)
    return upload, export_job, redraft


def pages() -> list[Route]:
    """Every page but the Django admin's (the operator's) and allauth's own."""
    return [r for r in walk(get_resolver().url_patterns) if not r.route.startswith("admin/")]
