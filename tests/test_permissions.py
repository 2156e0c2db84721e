"""Every page of Headway, for every role: who may open it is declared on its view and enforced.

The test walks every URL pattern of the project (except the Django admin's and allauth's
own), reads the view's declared access (``view.access``: the roles ``member_required`` lets
in, or "public") and requests the page as each role:

- a visitor who is not signed in is sent to sign in, unless the page is public;
- a role the page does not let in gets 403;
- a role it lets in does not get 403 or a server error;
- a user of the other organisation gets 404 (or 403) for a page about one of our objects.

Adding a page? If its URL takes arguments, add a row to ``SAMPLE_KWARGS`` (keyed by the
URL's name, e.g. "progress:return", or by its route if it has no name) built from the
objects in ``Sample``; add the object to ``Sample`` and ``build_sample`` if it is new.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from headway.accounts.models import Membership, Role, User
from headway.api.models import ApiToken
from headway.api.tokens import create_token
from headway.committee.drafting import approve_report, draft_report, publish_report
from headway.committee.models import Pack, PackFile, Redraft, Report, ReportParagraph
from headway.committee.models.committee import CommitteeMember
from headway.committee.packs import request_pack
from headway.dataio.models import ExportJob, Upload
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
from tests.conftest import signed_in
from tests.factories import (
    CommitteeFactory,
    InitiativeFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    PriorityFactory,
    ReportFactory,
    ReportingPeriodFactory,
    StrategyEventFactory,
    StrategyFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ROLES = [*Role.values, ANONYMOUS]


@dataclass(frozen=True)
class Sample:
    """A small dataset of our organisation: one of each object a page can be about."""

    initiative: Initiative
    period: ReportingPeriod
    draft: Update  # a return of the service lead's service, still with them
    submitted: Update  # a return waiting for review
    upload: Upload  # a file the administrator uploaded, waiting for confirmation
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


def build_sample(
    org: Organisation, service: Service, administrator: User, partner: Partner
) -> Sample:
    initiative = InitiativeFactory.create(organisation=org, service=service, title="Payroll")
    MilestoneFactory.create(initiative=initiative)
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    draft = UpdateFactory.create(initiative=initiative, period=period, state="draft")
    submitted = UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, service=service),
        period=period,
        state="submitted",
        submitted_at=timezone.now(),
    )
    upload = Upload.objects.create(
        organisation=org,
        kind=Upload.Kind.PORTFOLIO,
        filename="portfolio.csv",
        content=b"reference,title\n",
        size=16,
        uploaded_by=administrator,
    )
    export_job = ExportJob.objects.create(
        organisation=org,
        format="xlsx",
        filename="portfolio.xlsx",
        content=b"PK",
        state=ExportJob.State.DONE,
        requested_by=administrator,
    )
    token = create_token(administrator, org, "Dashboard").token
    report = _published_report(org, period)
    pack = request_pack(report)
    Pack.objects.filter(pk=pack.pk).update(state=Pack.State.DONE, progress=100)
    page = b'<html lang="en"><body><main><header><h1>Report</h1></header></main></body></html>'
    PackFile.objects.bulk_create(
        PackFile.of(pack, name, page if name == "report.html" else b"{}")
        for name in ("report.html", "report.pdf", "data.json")
    )
    redraft = Redraft.objects.create(report=report, requested_by=administrator)
    change_request = ChangeRequest.objects.create(
        organisation=org,
        kind=ChangeRequest.Kind.DEPRIORITISE,
        initiative=initiative,
        proposed={"status": "deprioritised"},
        current={"status": initiative.status},
        rationale="Savings are needed.",
        state=ChangeRequest.State.CONSULTING,
        opened_on=timezone.localdate(),
        closes_on=timezone.localdate(),
    )
    consultation = Consultation.objects.create(change_request=change_request, partner=partner)
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    priority = PriorityFactory.create(strategy=strategy, number=1)
    PriorityFactory.create(strategy=strategy, number=2)
    event = StrategyEventFactory.create(strategy=strategy)
    colleague = MembershipFactory.create(organisation=org, role=Role.VIEWER)
    organisational_change = OrganisationalChange.objects.create(
        organisation=org,
        date=timezone.localdate(),
        kind=OrganisationalChange.Kind.LEADERSHIP,
        text="The Executive Director has left.",
    )
    return Sample(
        initiative=initiative,
        period=period,
        draft=draft,
        submitted=submitted,
        upload=upload,
        export_job=export_job,
        token=token,
        report=report,
        pack=pack,
        redraft=redraft,
        change_request=change_request,
        consultation=consultation,
        priority=priority,
        event=event,
        colleague=colleague,
        organisational_change=organisational_change,
        service=service,
        partner=partner,
    )


def _published_report(org: Organisation, period: ReportingPeriod) -> Report:
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))
    report = draft_report(ReportFactory.create(meeting=meeting, period=period))
    return publish_report(approve_report(report, by=None))


def _on_report(s: Sample) -> dict[str, Any]:
    return {"pk": s.report.pk}


def _on_paragraph(s: Sample) -> dict[str, Any]:
    paragraph = ReportParagraph.objects.filter(section__report=s.report).first()
    assert paragraph is not None
    return {"pk": s.report.pk, "paragraph": paragraph.pk}


def _on_committee(s: Sample) -> dict[str, Any]:
    return {"pk": s.report.meeting.committee_id}


def _on_member(s: Sample) -> dict[str, Any]:
    member = CommitteeMember.objects.create(committee=s.report.meeting.committee, name="Chair")
    return {"member": member.pk}


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
    "progress:return": lambda s: {"pk": s.draft.pk},
    "progress:review": lambda s: {"pk": s.submitted.pk},
    "progress:period_dashboard": lambda s: {"period": s.period.slug},
    "progress:remind": lambda s: {"period": s.period.slug},
    "api:token-revoke": lambda s: {"pk": s.token.pk},
    "dataio:import_upload": lambda s: {"kind": "portfolio"},
    "dataio:import_template": lambda s: {"kind": "portfolio", "format": "xlsx"},
    "dataio:import_preview": lambda s: {"token": s.upload.token},
    "dataio:import_confirm": lambda s: {"token": s.upload.token},
    "dataio:export_job": lambda s: {"pk": s.export_job.pk},
    "dataio:export_job_status": lambda s: {"pk": s.export_job.pk},
    "dataio:export_job_file": lambda s: {"pk": s.export_job.pk},
    "dataio:export_portfolio": lambda s: {"format": "csv"},
    "dataio:export_updates": lambda s: {"period": s.period.slug, "format": "csv"},
    "dataio:export_change_requests": lambda s: {"format": "csv"},
    "dataio:open_data": lambda s: {"slug": s.report.slug},
    "dataio:open_data_json": lambda s: {"slug": s.report.slug},
    "dataio:open_data_csv": lambda s: {"slug": s.report.slug, "name": "initiatives"},
    "committee:report": _on_report,
    "committee:edit_header": _on_report,
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
    "committee:pack_file": lambda s: {"pk": s.report.pk, "pack": s.pack.pk, "name": "data.json"},
    "committee:published_report": lambda s: {"slug": s.report.slug},
    "committee:published_file": lambda s: {"slug": s.report.slug, "name": "report.pdf"},
    "roadmap:road_map": lambda s: {"year": "2021-22"},
    "roadmap:priority_map": lambda s: {"years": "2021-23"},
    "roadmap:road_map_svg": lambda s: {"year": "2021-22"},
    "roadmap:priority_map_svg": lambda s: {"years": "2021-23"},
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
                pytest.fail(f"add sample arguments for {self.key} to SAMPLE_KWARGS")
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


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if _is_skipped(pattern):
                continue
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield Route(name or route, route, pattern.callback, name)


# The admin's sign-in step is the operator's, like the rest of Django admin: members get 403
# there, the operator the admin (tests/test_operator_admin.py).
ROUTES = [r for r in _walk(get_resolver().url_patterns) if not r.route.startswith("admin/")]


def test_it_finds_the_pages_of_every_area() -> None:
    keys = {route.key for route in ROUTES}
    assert {
        "portfolio",
        "progress:return",
        "progress:dashboard",
        "roadmap:road_map",
        "roadmap:consultation",
        "accessibility",
        "strategy",
        "strategy_event",
        "strategy_edit",
        "people:person",
        "organisation:changes",
        "organisation:settings",
        "healthz",
    } <= keys
    assert not any(key.startswith("admin:") or key.startswith("account_") for key in keys)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sample(org: Organisation, service: Service, admin_user: User, partner: Partner) -> Sample:
    return build_sample(org, service, admin_user, partner)


@pytest.fixture
def clients(
    admin_user: User, reviewer: User, lead: User, partner_contact: User, viewer: User
) -> dict[str, Client]:
    return {
        Role.ADMINISTRATOR: signed_in(admin_user),
        Role.REVIEWER: signed_in(reviewer),
        Role.SERVICE_LEAD: signed_in(lead),
        Role.PARTNER_CONTACT: signed_in(partner_contact),
        Role.VIEWER: signed_in(viewer),
        ANONYMOUS: Client(),
    }


def _request(client: Client, path: str, *, post_if_get_refused: bool = True) -> Any:
    """GET the page; a form-only page (405) is POSTed to, empty, to see who it lets in."""
    response = client.get(path)
    if response.status_code == 405 and post_if_get_refused:
        response = client.post(path, {})
    return response


def _declared(route: Route) -> tuple[str, ...] | str:
    access = getattr(route.callback, "access", None)
    if access is None:
        callback = route.callback
        pytest.fail(
            f"{route.key} (/{route.route}): its view "
            f"{callback.__module__}.{callback.__qualname__} declares no access. Decorate it "
            "with member_required(...roles) or public (headway.accounts.access)."
        )
    return access


@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_every_page_lets_in_only_the_roles_it_declares(
    route: Route, sample: Sample, clients: dict[str, Client]
) -> None:
    access = _declared(route)
    path = route.path(sample)
    public = access == "public"
    allowed_statuses = []
    for role in ROLES:
        client = clients[role]
        if role == ANONYMOUS and not public:
            response = _request(client, path)
            assert response.status_code == 302, f"{path}: anonymous got {response.status_code}"
            assert response["Location"].startswith(reverse("account_login")), path
        elif public or role in access:
            response = _request(client, path, post_if_get_refused=False)
            assert response.status_code != 403, f"{path}: {role} may use it but got 403"
            assert response.status_code < 500, f"{path}: {role} got {response.status_code}"
            allowed_statuses.append(response.status_code)
        else:
            response = _request(client, path)
            assert response.status_code == 403, f"{path}: {role} got {response.status_code}"
    if not public:
        # A page every allowed role finds missing is being requested with the wrong sample.
        assert any(status != 404 for status in allowed_statuses), (
            f"{path}: every allowed role got 404: check its row in SAMPLE_KWARGS"
        )


OBJECT_ROUTES = [
    route for route in ROUTES if route.takes_arguments and route.key not in NOT_ABOUT_AN_OBJECT
]


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=[route.key for route in OBJECT_ROUTES])
def test_the_other_organisation_cannot_open_our_objects(
    route: Route, sample: Sample, outsider: User
) -> None:
    if _declared(route) == "public":
        return
    path = route.path(sample)
    response = _request(signed_in(outsider), path)
    status = response.status_code
    assert status in (403, 404), f"{path}: the other organisation got {status}"


SETTINGS_ROUTES = [
    route for route in OBJECT_ROUTES if route.key.startswith(("people:", "organisation:"))
]


@pytest.mark.parametrize("route", SETTINGS_ROUTES, ids=[route.key for route in SETTINGS_ROUTES])
def test_another_organisations_administrator_finds_none_of_our_settings(
    route: Route, sample: Sample, outsider: User
) -> None:
    """They may open settings pages, so for ours they get 404: nothing says it exists."""
    path = route.path(sample)
    assert _request(signed_in(outsider), path).status_code == 404, path
