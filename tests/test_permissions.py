"""Every page of Headway, for every role: who may open it is written by hand in
tests/permissions_table.py, and each page is requested as each role to check it.

The test walks every URL pattern of the project (except the Django admin's, allauth's own and
the REST API's, which have tests of their own), finds the page's line in the table (a page
missing from it fails) and requests the page as each role:

- a visitor who is not signed in is sent to sign in, unless the page is public;
- a role the table does not let in gets 403;
- a role it lets in (everyone, for a public page) gets neither 403, nor sent to sign in, nor
  a server error;
- a user of the other organisation gets 404 (or 403) for a page about one of our objects.

Adding a page? Add its line to tests/permissions_table.py. If its URL takes arguments, add a
row to ``SAMPLE_KWARGS`` in headway/routes.py (keyed by the URL's name, e.g. "progress:return",
or by its route if it has no name) built from the objects in ``Sample``; add the object to
``Sample`` there and to ``build_sample`` here if it is new.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from headway.accounts.models import Role, User
from headway.api.tokens import create_token
from headway.committee.drafting import approve_report, draft_report, publish_report
from headway.committee.models import Report
from headway.organisation.models import OrganisationalChange
from headway.progress.models import ReportingPeriod
from headway.roadmap.models import ChangeRequest, Consultation
from headway.routes import NOT_ABOUT_AN_OBJECT, Route, Sample, finished_pack, pages, work_in_hand
from headway.strategy.models import (
    Organisation,
    Partner,
    Service,
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
from tests.permissions_table import NONE, PAGES, PUBLIC, ROLE_LETTERS

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ROLES = [*Role.values, ANONYMOUS]


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
    token = create_token(administrator, org, "Dashboard").token
    report = _published_report(org, period)
    pack = finished_pack(report)
    upload, export_job, redraft = work_in_hand(org, administrator, report)
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


# The admin's sign-in step is the operator's, like the rest of Django admin: members get 403
# there, the operator the admin (tests/test_operator_admin.py).
ROUTES = pages()


def test_the_table_has_a_letter_for_each_role_and_nothing_else() -> None:
    assert sorted(ROLE_LETTERS.values()) == sorted(Role.values)


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
        "audit:record",
        "audit:export",
        "healthz",
    } <= keys
    assert not any(key.startswith("admin:") or key.startswith("account_") for key in keys)


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


def _expected(route: Route) -> str:
    """The page's line in the hand-written table: "public", "none" or its roles' letters."""
    expected = PAGES.get(route.key)
    if expected is None:
        pytest.fail(
            f"{route.key} (/{route.route}) is not in tests/permissions_table.py: add a line "
            "saying who may open it."
        )
    return expected


def _allowed_roles(expected: str) -> set[str]:
    if expected == PUBLIC:
        return set(ROLES)
    if expected == NONE:
        return set()
    letters = expected.split()
    unknown = [letter for letter in letters if letter not in ROLE_LETTERS]
    assert not unknown, f"{expected!r}: {unknown} are not role letters ({' '.join(ROLE_LETTERS)})"
    return {ROLE_LETTERS[letter] for letter in letters}


def test_the_table_lists_only_pages_that_exist() -> None:
    gone = sorted(set(PAGES) - {route.key for route in ROUTES})
    assert not gone, f"tests/permissions_table.py lists pages that no longer exist: {gone}"


@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_every_view_declares_who_may_open_it(route: Route) -> None:
    """Pages say who they let in with member_required(...roles) or public, so that a view
    written without either is caught here rather than left open."""
    if getattr(route.callback, "access", None) is None:
        callback = route.callback
        pytest.fail(
            f"{route.key} (/{route.route}): its view "
            f"{callback.__module__}.{callback.__qualname__} declares no access. Decorate it "
            "with member_required(...roles) or public (headway.accounts.access)."
        )


def _sent_to_sign_in(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_every_page_lets_in_only_the_roles_the_table_gives(
    route: Route, sample: Sample, clients: dict[str, Client]
) -> None:
    expected = _expected(route)
    allowed = _allowed_roles(expected)
    path = route.path(sample)
    allowed_statuses = []
    for role in ROLES:
        client = clients[role]
        if expected == NONE:
            response = _request(client, path)
            assert response.status_code == 404, f"{path}: {role} got {response.status_code}"
        elif role in allowed:
            response = _request(client, path, post_if_get_refused=False)
            status = response.status_code
            assert status != 403, f"{path}: {role} may use it but got 403"
            assert not _sent_to_sign_in(response), (
                f"{path}: {role} may use it but was sent to sign in"
            )
            assert status < 500, f"{path}: {role} got {status}"
            allowed_statuses.append(status)
        elif role == ANONYMOUS:
            response = _request(client, path)
            assert _sent_to_sign_in(response), f"{path}: anonymous got {response.status_code}"
        else:
            response = _request(client, path)
            assert response.status_code == 403, f"{path}: {role} got {response.status_code}"
    if allowed:
        # A page every allowed role finds missing is being requested with the wrong sample.
        assert any(status != 404 for status in allowed_statuses), (
            f"{path}: every allowed role got 404: check its row in SAMPLE_KWARGS"
        )


# A public page (or one no one may open) is the same for everyone: not about our objects.
OBJECT_ROUTES = [
    route
    for route in ROUTES
    if route.takes_arguments
    and route.key not in NOT_ABOUT_AN_OBJECT
    and PAGES.get(route.key) not in (PUBLIC, NONE)
]


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=[route.key for route in OBJECT_ROUTES])
def test_the_other_organisation_cannot_open_our_objects(
    route: Route, sample: Sample, outsider: User
) -> None:
    path = route.path(sample)
    response = _request(signed_in(outsider), path)
    status = response.status_code
    assert status in (403, 404), f"{path}: the other organisation got {status}"


SETTINGS_ROUTES = [
    route for route in OBJECT_ROUTES if route.key.startswith(("people:", "organisation:", "audit:"))
]


@pytest.mark.parametrize("route", SETTINGS_ROUTES, ids=[route.key for route in SETTINGS_ROUTES])
def test_another_organisations_administrator_finds_none_of_our_settings(
    route: Route, sample: Sample, outsider: User
) -> None:
    """They may open settings pages, so for ours they get 404: nothing says it exists."""
    path = route.path(sample)
    assert _request(signed_in(outsider), path).status_code == 404, path


@pytest.mark.parametrize("path", ["/audit/", "/audit/export.csv"])
def test_another_organisations_administrator_reads_only_their_own_audit_record(
    path: str, sample: Sample, outsider: User, admin_user: User
) -> None:
    """The audit pages take no object: the other organisation's administrator may open them,
    and finds nothing of ours in them, not even our people's sign-ins."""
    signed_in(admin_user)  # one of our sign-ins, in our record
    response = signed_in(outsider).get(path)
    assert response.status_code == 200
    body = response.getvalue().decode("utf-8-sig")
    assert "outsider" in body  # their own sign-in
    for ours in ("Payroll", sample.organisational_change.text, sample.token.prefix):
        assert ours not in body, f"{path}: {ours!r} of our organisation is in theirs"
