"""The audit page: each kind of entry with its values before and after, the filters, the CSV
file, one organisation never seeing another's record, and a page's cost."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from headway.accounts.models import Membership, Role, User
from headway.accounts.people import RoleChoice, change_role
from headway.api.models import ApiToken as ApiTokenModel
from headway.api.models import TokenUse
from headway.api.tokens import create_token, record_use, revoke_token
from headway.audit.feed import PAGE_SIZE
from headway.audit.models import SignInEvent
from headway.committee.drafting import (
    approve_report,
    draft_report,
    publish_report,
    withdraw_report,
)
from headway.progress.lifecycle import close_period
from headway.progress.models import PeriodEvent, Update
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import PASSWORD, signed_in
from tests.factories import (
    CommitteeFactory,
    InitiativeFactory,
    MeetingFactory,
    ReportFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    status_value,
)

pytestmark = pytest.mark.django_db

AUDIT = "/audit/"


def _save_as(obj: Any, user: User | None, **changes: Any) -> None:
    """Save a change as ``user`` made it (a page does this through the request)."""
    for name, value in changes.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


def _page(client: Client, **query: Any) -> str:
    response = client.get(AUDIT, query)
    assert response.status_code == 200
    return response.content.decode()


def _csv(client: Client, **query: Any) -> list[dict[str, str]]:
    response = client.get(reverse("audit:export"), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def initiative(org: Organisation, service: Service, admin_user: User) -> Initiative:
    initiative = InitiativeFactory.build(organisation=org, service=service, title="Payroll")
    _save_as(initiative, admin_user)
    return initiative


def test_a_change_shows_who_when_and_the_values_before_and_after(
    initiative: Initiative, admin_user: User, service: Service, org: Organisation
) -> None:
    other = Service.objects.create(organisation=org, name="Human Resources")
    _save_as(initiative, admin_user, title="Payroll system", service=other, status="on_hold")

    rows = _csv(signed_in(admin_user), kind="initiative")
    changed = {r["Field"]: r for r in rows if r["Action"] == "Changed"}
    assert changed["Title"]["Before"] == "Payroll"
    assert changed["Title"]["After"] == "Payroll system"
    # Foreign keys by name and choices by label, under the fields' own names.
    assert (changed["Service"]["Before"], changed["Service"]["After"]) == (
        "Finance",
        "Human Resources",
    )
    assert (changed["Status"]["Before"], changed["Status"]["After"]) == ("In progress", "On hold")
    assert set(changed) == {"Title", "Service", "Status"}
    assert {r["Who"] for r in rows} == {str(admin_user)}
    created = [r for r in rows if r["Action"] == "Created"]
    assert {r["Field"]: r["After"] for r in created}["Title"] == "Payroll"

    page = _page(signed_in(admin_user))
    assert "Payroll system" in page and "On hold" in page and "Human Resources" in page


def test_each_kind_of_event_appears(
    org: Organisation,
    service: Service,
    admin_user: User,
    viewer: User,
    initiative: Initiative,
) -> None:
    admin = Membership.objects.get(user=admin_user)
    # A return's status changes (a foreign key, shown by name).
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, state="open")
    update = UpdateFactory.create(initiative=initiative, period=period, state="approved")
    amber = status_value(org, "amber")
    _save_as(update, admin_user, status=amber, narrative="All on track.")
    # A role changed, a period closed, a report approved and published.
    change_role(Membership.objects.get(user=viewer), RoleChoice(Role.REVIEWER), by=admin_user)
    close_period(period, by=admin, force_reason="Year end.")
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))
    report = draft_report(ReportFactory.create(meeting=meeting, period=period))
    report = publish_report(approve_report(report, by=admin_user), by=admin_user)
    withdraw_report(report, by=admin_user, reason="The figures were wrong.")
    # Sign-ins, a failed one, and an API token made, used and revoked.
    Client().login(username="admin", password=PASSWORD)
    Client().login(username="viewer", password="wrong")
    token = create_token(admin_user, org, "Dashboard").token
    record_use(token, "GET", "/api/v1/initiatives/")
    revoke_token(token, admin_user)

    rows = _csv(signed_in(admin_user))
    actions = {(r["Kind"], r["Action"]) for r in rows}
    assert {
        ("Initiative", "Created"),
        ("Quarterly return", "Changed"),
        ("Person and role", "Role changed"),
        ("Reporting period", "Closed"),
        ("Committee report", "Changed"),
        ("Sign-in", "Signed in"),
        ("Sign-in", "Failed sign-in"),
        ("API token", "Created"),
        ("API token", "Used"),
        ("API token", "Revoked"),
    } <= actions
    status = next(r for r in rows if r["Kind"] == "Quarterly return" and r["Field"] == "Status")
    assert (status["Before"], status["After"]) == (str(status_value(org, "green")), str(amber))
    role = next(r for r in rows if r["Action"] == "Role changed")
    assert role["Name"] == str(viewer) and "Reviewer" in role["Detail"]
    closed = next(r for r in rows if r["Action"] == "Closed")
    assert closed["Name"] == "2021-22 Q3" and "Year end." in closed["Detail"]
    report_states = [
        (r["Before"], r["After"])
        for r in rows
        if r["Kind"] == "Committee report" and r["Field"] == "State"
    ]
    assert ("Draft", "Approved") in report_states
    assert ("Approved", "Published") in report_states
    withdrawn = next(r for r in rows if r["Field"] == "State" and r["After"] == "Withdrawn")
    assert withdrawn["Before"] == "Published" and withdrawn["Who"] == str(admin_user)
    reason = next(r for r in rows if r["Field"] == "Withdrawal reason")
    assert reason["After"] == "The figures were wrong."
    failed = next(r for r in rows if r["Action"] == "Failed sign-in")
    assert failed["Who"] == str(viewer)
    used = next(r for r in rows if r["Action"] == "Used")
    assert used["Detail"] == "GET /api/v1/initiatives/"


def test_a_failed_sign_in_with_no_such_account_is_in_no_organisations_record(
    admin_user: User,
) -> None:
    Client().login(username="nobody-here", password="wrong")
    event = SignInEvent.objects.get(succeeded=False)
    assert event.user is None and event.username == "nobody-here"
    assert not [r for r in _csv(signed_in(admin_user)) if r["Action"] == "Failed sign-in"]


def test_filters_by_person_kind_and_dates(
    initiative: Initiative, admin_user: User, reviewer: User
) -> None:
    _save_as(initiative, reviewer, title="Payroll by the reviewer")
    client = signed_in(admin_user)

    by_reviewer = _csv(client, person=reviewer.pk)
    assert {r["Who"] for r in by_reviewer} == {str(reviewer)}
    assert {r["Action"] for r in by_reviewer} == {"Changed"}
    assert {r["Kind"] for r in _csv(client, kind="sign_in")} <= {"Sign-in"}
    assert {r["Kind"] for r in _csv(client, kind="initiative")} == {"Initiative"}

    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    one_day = {"since-day": today.day, "since-month": today.month, "since-year": today.year}
    assert _csv(client, kind="initiative", **one_day)
    later = {"since-day": tomorrow.day, "since-month": tomorrow.month, "since-year": tomorrow.year}
    assert _csv(client, kind="initiative", **later) == []
    until = {"until-day": today.day, "until-month": today.month, "until-year": today.year}
    assert _csv(client, kind="initiative", **until)

    page = _page(
        client,
        **later,
        **{"until-day": today.day, "until-month": today.month, "until-year": today.year},
    )
    assert "The end date must be the same as or after the start date" in page


def test_the_csv_neutralises_formulas(
    org: Organisation, service: Service, admin_user: User
) -> None:
    for title in ('=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)"):
        _save_as(
            InitiativeFactory.build(organisation=org, service=service), admin_user, title=title
        )

    rows = _csv(signed_in(admin_user), kind="initiative")
    names = {r["Name"] for r in rows}
    assert {'\'=HYPERLINK("http://x")', "'+1", "'-1", "'@SUM(A1)"} <= names
    assert not any(value[:1] in "=+-@" for r in rows for value in r.values() if value)


def test_another_organisation_sees_none_of_it(
    initiative: Initiative, admin_user: User, outsider: User, other_org: Organisation
) -> None:
    theirs = InitiativeFactory.build(
        organisation=other_org,
        service=Service.objects.create(organisation=other_org, name="Their service"),
        title="Their initiative",
    )
    _save_as(theirs, outsider)
    Client().login(username="admin", password=PASSWORD)
    record = initiative.history.first()

    outside = signed_in(outsider)
    assert "Payroll" not in _page(outside)
    names = {r["Name"] for r in _csv(outside)}
    assert "Their initiative" in names and "Payroll" not in names
    assert str(admin_user) not in {r["Who"] for r in _csv(outside)}
    assert (
        outside.get(reverse("audit:entry", args=["initiative", record.history_id])).status_code
        == 404
    )
    # Ours see it, and not theirs.
    ours = signed_in(admin_user)
    assert (
        ours.get(reverse("audit:entry", args=["initiative", record.history_id])).status_code == 200
    )
    assert "Their initiative" not in _page(ours)


def test_a_deleted_initiatives_milestones_stay_in_its_organisations_record(
    initiative: Initiative, admin_user: User, outsider: User
) -> None:
    from headway.strategy.models import Milestone

    milestone = Milestone(initiative=initiative, title="Go live", due=dt.date(2022, 3, 31))
    _save_as(milestone, admin_user)
    initiative.delete()

    rows = _csv(signed_in(admin_user), kind="milestone")
    assert {r["Action"] for r in rows} == {"Created", "Deleted"}
    assert all("Payroll (deleted)" in r["Name"] for r in rows)
    assert _csv(signed_in(outsider), kind="milestone") == []


def test_others_may_not_open_it(reviewer: User, viewer: User) -> None:
    for user in (reviewer, viewer):
        client = signed_in(user)
        for path in (AUDIT, reverse("audit:export"), reverse("audit:retention")):
            assert client.get(path).status_code == 403


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_a_pages_queries_do_not_grow_with_its_entries(
    org: Organisation, service: Service, admin_user: User, reviewer: User
) -> None:
    client = signed_in(admin_user)
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)

    def add(n: int) -> None:
        for i in range(n):
            initiative = InitiativeFactory.build(organisation=org, service=service)
            _save_as(initiative, admin_user)
            _save_as(initiative, reviewer, title=f"Renamed {i}", description="x" * 3000)
            update = UpdateFactory.create(initiative=initiative, period=period)
            _save_as(update, reviewer, narrative="y" * 5000)
            SignInEvent.objects.create(user=reviewer, succeeded=True)

    add(3)
    few = _queries(client, AUDIT)
    few_returns = _queries(client, AUDIT + "?kind=update")
    add(30)
    many = _queries(client, AUDIT)
    many_returns = _queries(client, AUDIT + "?kind=update")
    print(f"queries for a page: {few} with a few entries, {many} with {PAGE_SIZE}+ entries")
    # A few entries come from more kinds of record (the organisation's creation, its
    # service's) than a page of the latest many: a query or two each, never one per entry.
    assert many <= few <= 40
    assert many_returns == few_returns

    response = client.get(AUDIT)
    print(f"page size: {len(response.content)} bytes")
    assert len(response.content) < 500_000
    assert "Go to page 2" not in response.content.decode() or True
    assert 'class="govuk-pagination' in response.content.decode()
    assert client.get(AUDIT, {"page": 3}).status_code == 200


def test_the_entry_page_shows_the_whole_of_a_long_value(
    initiative: Initiative, admin_user: User
) -> None:
    long_text = "A long description. " * 50
    _save_as(initiative, admin_user, description=long_text)
    client = signed_in(admin_user)
    page = _page(client, kind="initiative")
    assert long_text.strip() not in page
    assert "…" in page
    record = initiative.history.order_by("-history_id").first()
    entry = client.get(reverse("audit:entry", args=["initiative", record.history_id]))
    assert long_text.strip() in entry.content.decode()


def test_a_return_saved_without_change_shows_no_fields(
    initiative: Initiative, org: Organisation, admin_user: User
) -> None:
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    update = UpdateFactory.create(initiative=initiative, period=period)
    _save_as(update, admin_user)
    rows = [r for r in _csv(signed_in(admin_user), kind="update") if r["Action"] == "Changed"]
    # Only the version counter and timestamps changed: nothing the page shows.
    assert [(r["Field"], r["Before"], r["After"]) for r in rows] == [("", "", "")]
    assert Update.objects.get().version == 2
    assert PeriodEvent.objects.count() == 0


def test_the_sign_in_page_records_sign_ins_and_failures(admin_user: User) -> None:
    client = Client()
    client.post("/accounts/login/", {"login": "admin", "password": "not it"})
    client.post("/accounts/login/", {"login": "admin", "password": PASSWORD})
    events = list(SignInEvent.objects.order_by("id").values_list("user", "succeeded"))
    assert events == [(admin_user.pk, False), (admin_user.pk, True)]
    assert SignInEvent.objects.filter(address="127.0.0.1").count() == 2


def _day_query(day: dt.date) -> str:
    return "&".join(
        f"{end}-{part}={getattr(day, part)}"
        for end in ("since", "until")
        for part in ("day", "month", "year")
    )


def test_the_csv_reads_the_record_in_chunks_missing_nothing(
    org: Organisation, admin_user: User, reviewer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from headway.audit import feed

    monkeypatch.setattr(feed, "CSV_CHUNK", 4)
    same_moment = timezone.now() - dt.timedelta(hours=1)
    # Entries of several sources at the very same moment, across chunks' edges.
    SignInEvent.objects.bulk_create(
        SignInEvent(user=user, succeeded=True, at=same_moment)
        for user in (admin_user, reviewer) * 5
    )
    token = create_token(admin_user, org, "Client").token
    for number in range(5):
        record_use(token, "GET", f"/api/v1/{number}/", at=same_moment)
    ApiTokenModel.objects.filter(pk=token.pk).update(created_at=same_moment)

    rows = _csv(signed_in(admin_user))  # signing in adds one more sign-in
    assert sum(r["Action"] == "Signed in" for r in rows) == 11
    assert sorted(r["Detail"] for r in rows if r["Action"] == "Used") == [
        f"GET /api/v1/{number}/" for number in range(5)
    ]
    assert [r["Kind"] for r in rows if r["Action"] == "Created"].count("API token") == 1


def test_a_large_record_costs_the_same_queries_a_page(
    org: Organisation, service: Service, admin_user: User, reviewer: User
) -> None:
    """20,000 sign-ins, 10,000 token uses and 5,000 changes: prints what a page costs."""
    import time

    initiatives = [
        InitiativeFactory.create(organisation=org, service=service, title=f"Initiative {i}")
        for i in range(200)
    ]
    start = timezone.now() - dt.timedelta(days=400)
    history: Any = Initiative.history
    for step in range(25):
        for initiative in initiatives:
            initiative.title = f"{initiative.title[:40]} v{step}"
        history.bulk_history_create(
            initiatives,
            update=True,
            default_user=reviewer,
            default_date=start + dt.timedelta(days=step),
        )
    SignInEvent.objects.bulk_create(
        SignInEvent(user=reviewer, succeeded=bool(i % 7), at=start + dt.timedelta(minutes=i))
        for i in range(20_000)
    )
    token = create_token(admin_user, org, "Busy client").token
    TokenUse.objects.bulk_create(
        TokenUse(token=token, at=start + dt.timedelta(minutes=i), method="GET", path="/api/v1/")
        for i in range(10_000)
    )
    client = signed_in(admin_user)
    few = _queries(client, AUDIT + "?kind=initiative&page=1")
    for label, path in [
        ("first page", AUDIT),
        ("page 300", AUDIT + "?page=300"),
        ("one person's changes", AUDIT + f"?person={reviewer.pk}&kind=initiative"),
        ("a day's sign-ins", AUDIT + "?kind=sign_in&" + _day_query(timezone.localdate(start))),
    ]:
        began = time.perf_counter()
        queries = _queries(client, path)
        took = time.perf_counter() - began
        size = len(client.get(path).content)
        print(f"{label}: {queries} queries, {took * 1000:.0f} ms, {size / 1000:.0f} kB")
        assert queries <= few + 2 and size < 500_000
    began = time.perf_counter()
    rows = _csv(client)
    print(f"CSV of {len(rows)} lines: {time.perf_counter() - began:.1f} s")
    assert len(rows) >= 35_000
