"""The quarter's steps, from returns to publication: each status as the data makes it."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.accounts.models import Membership, User
from headway.committee.drafting import (
    approve_report,
    draft_report,
    publish_report,
    return_report,
    withdraw_report,
)
from headway.committee.models import Pack, Redraft, Report
from headway.committee.packs import request_pack
from headway.committee.quarter_end import approve_and_start_pack, close_quarter
from headway.committee.quarter_steps import QuarterSteps, Status, quarter_steps
from headway.committee.redrafting import request_redraft
from headway.progress.models import PeriodEvent, ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation, Service
from tests.factories import (
    CommitteeFactory,
    InitiativeFactory,
    MeetingFactory,
    ReportingPeriodFactory,
    StrategyEventFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)

pytestmark = pytest.mark.django_db

LATE = dt.date(2022, 1, 20)  # six days after the returns were due


@pytest.fixture
def q3(org: Organisation, service: Service) -> ReportingPeriod:
    """2021-22 Q3, open, due 14 January 2022: one return approved, one still a draft."""
    strategy = StrategyFactory.create(organisation=org, first_year=2020, last_year=2022)
    StrategyEventFactory.create(strategy=strategy, text="Presented to the Committee.")
    period = ReportingPeriodFactory.create(organisation=org)
    for title, state in (("Payroll", "approved"), ("Audit plan", "draft")):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=service, title=title),
            period=period,
            state=state,
            status=status_value(org, "green"),
        )
    return period


@pytest.fixture
def committee(org: Organisation) -> None:
    MeetingFactory.create(committee=CommitteeFactory.create(organisation=org), venue="Hall")


@pytest.fixture
def as_admin(admin_user: User, org: Organisation) -> Membership:
    return Membership.objects.get(user=admin_user, organisation=org)


def steps(period: ReportingPeriod) -> QuarterSteps:
    period.refresh_from_db()
    return quarter_steps(period, today=LATE)


def status(period: ReportingPeriod, key: str) -> Status:
    return steps(period).step(key).status


def approve_all(period: ReportingPeriod) -> None:
    Update.objects.filter(period=period).update(state=Update.State.APPROVED)


@pytest.fixture
def closed(q3: ReportingPeriod, committee: None, as_admin: Membership) -> Report:
    """Closed with a reason; its report drafted by the close."""
    result = close_quarter(q3, by=as_admin, force_reason="The papers are due.")
    assert result.report is not None
    return Report.objects.get(pk=result.report.pk)


# Returns in ------------------------------------------------------------------------------------


def test_returns_cannot_start_before_the_period_opens(org: Organisation) -> None:
    upcoming = ReportingPeriodFactory.create(organisation=org, state="upcoming")
    assert status(upcoming, "returns") == Status.CANNOT_START


def test_returns_are_in_progress_with_counts_and_overdue(q3: ReportingPeriod) -> None:
    step = steps(q3).step("returns")
    assert step.status == Status.IN_PROGRESS
    assert step.summary == "1 of 2 returns approved, 1 overdue."
    assert step.details == ("Waiting for 1 to be sent by their owners.",)
    assert steps(q3).may_chase


def test_returns_are_in_when_every_one_is_approved(q3: ReportingPeriod) -> None:
    approve_all(q3)
    step = steps(q3).step("returns")
    assert (step.status, step.summary) == (Status.COMPLETED, "All 2 of 2 returns approved.")
    assert not steps(q3).may_chase


def test_after_the_close_returns_not_approved_are_left_out(closed: Report) -> None:
    step = steps(closed.period).step("returns")
    assert step.status == Status.COMPLETED
    assert "1 return left out of the figures" in step.summary


# Close -----------------------------------------------------------------------------------------


def test_closing_lists_the_returns_it_would_leave_out(q3: ReportingPeriod) -> None:
    step = steps(q3).step("close")
    assert step.status == Status.NOT_STARTED
    assert "Closing freezes every return" in step.summary
    assert "1 return not approved would be left out of the figures" in step.summary
    assert step.details == ("Not approved: Audit plan.",)
    assert step.href == f"/periods/{q3.slug}/close/"


def test_closing_is_ready_when_every_return_is_approved(q3: ReportingPeriod) -> None:
    approve_all(q3)
    step = steps(q3).step("close")
    assert step.status == Status.NOT_STARTED
    assert step.summary.startswith("Every return is approved.")


def test_closing_cannot_start_before_the_period_opens(org: Organisation) -> None:
    upcoming = ReportingPeriodFactory.create(organisation=org, state="upcoming")
    assert status(upcoming, "close") == Status.CANNOT_START


def test_the_close_says_who_closed_it_and_why(closed: Report) -> None:
    step = steps(closed.period).step("close")
    assert step.status == Status.COMPLETED
    assert step.summary.startswith("Closed by admin at ")
    assert step.details == ("Reason: The papers are due.",)


# The report ------------------------------------------------------------------------------------


def test_the_report_waits_for_the_close(q3: ReportingPeriod, committee: None) -> None:
    step = steps(q3).step("report")
    assert step.status == Status.CANNOT_START
    assert step.href is None


def test_closing_drafts_the_report_for_the_next_meeting(closed: Report) -> None:
    step = steps(closed.period).step("report")
    assert step.status == Status.COMPLETED
    assert step.summary.startswith("For the Joint Committee 11 March 2022 meeting, from figures")
    assert closed.snapshot is not None
    assert closed.snapshot.data["period"]["state"] == "closed"


def test_without_a_meeting_the_report_is_a_problem(
    q3: ReportingPeriod, as_admin: Membership
) -> None:
    result = close_quarter(q3, by=as_admin, force_reason="Due.")
    assert result.report is None
    assert "has no committee yet" in result.message
    step = steps(q3).step("report")
    assert step.status == Status.PROBLEM
    assert "has no committee yet" in step.summary


def test_a_draft_from_before_the_close_is_out_of_date(
    q3: ReportingPeriod, committee: None, as_admin: Membership, monkeypatch: pytest.MonkeyPatch
) -> None:
    from headway.committee import quarter_end

    # Closing without the redraft: the draft keeps the open period's figures.
    report = quarter_end.find_or_start_report(q3, quarter_end.find_committee(q3))
    draft_report(report)
    monkeypatch.setattr(quarter_end, "queue_redraft", lambda report, by: None)
    close_quarter(q3, by=as_admin, force_reason="Due.")
    step = steps(q3).step("report")
    assert step.status == Status.OUT_OF_DATE
    assert "before the quarter closed" in step.summary


def test_a_change_to_what_the_report_uses_makes_it_out_of_date(
    closed: Report, org: Organisation
) -> None:
    Initiative.objects.filter(title="Payroll").update(title="Payroll and pensions")
    step = steps(closed.period).step("report")
    assert step.status == Status.OUT_OF_DATE
    assert "something it uses has changed" in step.summary


def test_a_redraft_under_way_shows_its_progress(closed: Report) -> None:
    redraft = request_redraft(closed)
    Redraft.objects.filter(pk=redraft.pk).update(state="running", progress=40)
    step = steps(closed.period).step("report")
    assert step.status == Status.IN_PROGRESS
    assert step.work is not None and step.work.progress == 40
    assert steps(closed.period).working


def test_a_failed_redraft_is_a_problem(closed: Report) -> None:
    redraft = request_redraft(closed)
    Redraft.objects.filter(pk=redraft.pk).update(state="failed", error="Out of paper")
    step = steps(closed.period).step("report")
    assert (step.status, step.details) == (Status.PROBLEM, ("Out of paper",))


def test_a_report_never_drafted_is_not_started(
    q3: ReportingPeriod, committee: None, as_admin: Membership, monkeypatch: pytest.MonkeyPatch
) -> None:
    from headway.committee import quarter_end

    monkeypatch.setattr(quarter_end, "queue_redraft", lambda report, by: None)
    close_quarter(q3, by=as_admin, force_reason="Due.")
    assert status(q3, "report") == Status.NOT_STARTED


# Approval --------------------------------------------------------------------------------------


def test_approval_waits_for_the_draft(q3: ReportingPeriod) -> None:
    assert status(q3, "approval") == Status.CANNOT_START


def test_approval_is_asked_for_from_the_page(closed: Report) -> None:
    quarter = steps(closed.period)
    assert quarter.step("approval").status == Status.NOT_STARTED
    assert quarter.may_ask_for_approval
    assert quarter.next_step is not None and quarter.next_step.key == "approval"


def test_approval_says_who_it_is_with_and_since_when(
    closed: Report, as_admin: Membership, reviewer: User
) -> None:
    from headway.committee.approval import ask_for_approval

    ask_for_approval(closed, as_admin)
    quarter = steps(closed.period)
    step = quarter.step("approval")
    assert step.status == Status.IN_PROGRESS
    assert step.summary.startswith("With the reviewers since ")
    assert "Asked Rita Reviewer to approve" in step.summary or "Asked reviewer" in step.summary
    assert not quarter.may_ask_for_approval


def test_a_returned_report_shows_the_reviewer_s_comments(
    closed: Report, as_admin: Membership, reviewer: User
) -> None:
    from headway.committee.approval import ask_for_approval

    ask_for_approval(closed, as_admin)
    return_report(closed, by=reviewer, comment="Say more about Havering.")
    quarter = steps(closed.period)
    step = quarter.step("approval")
    assert step.status == Status.IN_PROGRESS
    assert step.summary.startswith(f"Returned by {reviewer} at ")
    assert step.details == ("Say more about Havering.",)
    assert quarter.may_ask_for_approval


def test_approval_is_completed_with_who_approved(closed: Report, reviewer: User) -> None:
    approve_report(closed, by=reviewer)
    step = steps(closed.period).step("approval")
    assert step.status == Status.COMPLETED
    assert step.summary.startswith(f"Approved by {reviewer} at ")


# The pack --------------------------------------------------------------------------------------


def test_the_pack_waits_for_approval(closed: Report) -> None:
    assert status(closed.period, "pack") == Status.CANNOT_START


def test_approving_starts_the_pack(closed: Report, reviewer: User, quick_packs: object) -> None:
    result = approve_and_start_pack(closed, by=reviewer)
    assert result.pack.state == Pack.State.DONE
    step = steps(closed.period).step("pack")
    assert step.status == Status.COMPLETED
    assert step.href == f"/reports/{closed.pk}/packs/{result.pack.pk}/"


def test_a_pack_not_asked_for_since_approval_is_not_started(closed: Report, reviewer: User) -> None:
    approve_report(closed, by=reviewer)
    assert status(closed.period, "pack") == Status.NOT_STARTED


def test_a_pack_being_generated_shows_its_progress(closed: Report, reviewer: User) -> None:
    approve_report(closed, by=reviewer)
    pack = request_pack(Report.objects.get(pk=closed.pk))
    Pack.objects.filter(pk=pack.pk).update(state="running", progress=60, step="Writing the PDF")
    step = steps(closed.period).step("pack")
    assert step.status == Status.IN_PROGRESS
    assert step.summary == "Being generated: Writing the PDF."
    assert step.status_url == f"/reports/{closed.pk}/packs/{pack.pk}/status/"


def test_a_failed_pack_is_a_problem(closed: Report, reviewer: User) -> None:
    approve_report(closed, by=reviewer)
    pack = request_pack(Report.objects.get(pk=closed.pk))
    Pack.objects.filter(pk=pack.pk).update(state="failed", error="No fonts")
    step = steps(closed.period).step("pack")
    assert (step.status, step.details) == (Status.PROBLEM, ("No fonts",))


# Publication -----------------------------------------------------------------------------------


def test_publication_waits_for_approval(closed: Report) -> None:
    assert status(closed.period, "publication") == Status.CANNOT_START


def test_an_approved_report_is_ready_to_publish(
    closed: Report, reviewer: User, quick_packs: object
) -> None:
    approve_and_start_pack(closed, by=reviewer)
    step = steps(closed.period).step("publication")
    assert (step.status, step.summary) == (Status.NOT_STARTED, "Approved and ready to publish.")
    assert step.href == f"/reports/{closed.pk}/publish/?from=quarter"


def test_a_published_report_gives_its_public_address(
    closed: Report, reviewer: User, admin_user: User, quick_packs: object
) -> None:
    approve_and_start_pack(closed, by=reviewer)
    publish_report(closed, by=admin_user)
    quarter = steps(closed.period)
    assert quarter.step("publication").status == Status.COMPLETED
    assert quarter.public_address == f"/published/{closed.slug}/"
    assert quarter.next_step is None
    # The published report is the public record: its figures are no longer checked.
    assert quarter.step("report").status == Status.COMPLETED


def test_a_withdrawn_report_says_so(
    closed: Report, reviewer: User, admin_user: User, quick_packs: object
) -> None:
    approve_and_start_pack(closed, by=reviewer)
    publish_report(closed, by=admin_user)
    withdraw_report(closed, by=admin_user, reason="Wrong figures.")
    step = steps(closed.period).step("publication")
    assert (step.status, step.details) == (Status.WITHDRAWN, ("Wrong figures.",))


# The period's history --------------------------------------------------------------------------


def test_every_step_keeps_its_record_in_the_period_s_history(
    closed: Report, as_admin: Membership, reviewer: User, admin_user: User, quick_packs: object
) -> None:
    from headway.committee.approval import ask_for_approval

    ask_for_approval(closed, as_admin)
    return_report(closed, by=reviewer, comment="Say more.")
    ask_for_approval(closed, as_admin)
    approve_and_start_pack(closed, by=reviewer)
    publish_report(closed, by=admin_user)
    events = list(closed.period.events.values_list("kind", "by__username"))
    assert events == [
        ("closed", "admin"),
        ("drafted", "admin"),
        ("asked", "admin"),
        ("returned", "reviewer"),
        ("asked", "admin"),
        ("approved", "reviewer"),
        ("pack", "reviewer"),
        ("published", "admin"),
    ]
    returned = closed.period.events.get(kind=PeriodEvent.Kind.RETURNED)
    assert returned.reason == "Say more."
    published = closed.period.events.get(kind=PeriodEvent.Kind.PUBLISHED)
    assert published.reason.endswith(f"/published/{closed.slug}/")
