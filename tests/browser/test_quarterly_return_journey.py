"""The quarter's return, from the head of service's draft to the reviewer's approval, in a
real browser, with axe-core checking every page on the way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation, Service
from tests.browser.cycle_pages import (
    Browser,
    Dashboard,
    ReturnForm,
    ReviewQueue,
    SignIn,
    TaskList,
)
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    status_value,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INITIATIVE = "Replace the payroll system"
COMMENT = "Say when the build will now start, and who agreed the new date."


@pytest.fixture
def quarter(org: Organisation, service: Service, settings: Any) -> Initiative:
    """An open quarter, due in a fortnight; last quarter's approved return to start from."""
    initiative = InitiativeFactory.create(organisation=org, service=service, title=INITIATIVE)
    MilestoneFactory.create(initiative=initiative, title="Go-live", due=dt.date(2021, 11, 1))
    today = timezone.localdate()
    earlier = ReportingPeriodFactory.create(
        organisation=org, year=2020, quarter=2, state=ReportingPeriod.State.UPCOMING
    )
    last = UpdateFactory.create(
        initiative=initiative,
        period=earlier,
        status=status_value(org, "green"),
        narrative="Design agreed. The build starts in May.",
    )
    ReportingPeriod.objects.filter(pk=earlier.pk).update(state=ReportingPeriod.State.CLOSED)
    period = ReportingPeriodFactory.create(
        organisation=org, year=2020, quarter=3, deadline=today + dt.timedelta(days=14)
    )
    UpdateFactory.create(
        initiative=initiative,
        period=period,
        previous=last,
        state=Update.State.DRAFT,
        status=last.status,
        narrative=last.narrative,
    )
    return initiative


class TestAQuarterlyReturnIsWrittenReviewedAndCounted:
    """As a head of service I write my quarter's update, save it and submit it. When the
    reviewer sends it back with a comment, I see the comment, correct my text and submit it
    again; once the reviewer approves it, the performance team's dashboard counts it."""

    @pytest.fixture(autouse=True)
    def people(
        self,
        page: Any,
        browser: Any,
        live_server: Any,
        axe_source: str,
        quarter: Initiative,
        lead: User,
        reviewer: User,
    ) -> Any:
        self.lead = Browser(page, live_server.url, axe_source)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.reviewer_page = context.new_page()
        self.reviewer = Browser(self.reviewer_page, live_server.url, axe_source)
        yield
        context.close()

    def test_the_return_goes_from_draft_to_approved(self) -> None:
        self.lead_signs_in_and_sees_the_return_to_do()
        self.lead_writes_the_return_and_saves_a_draft()
        self.lead_is_asked_what_is_being_done_about_amber_then_submits()
        self.reviewer_sees_what_changed_and_returns_it_with_a_comment()
        self.lead_sees_the_comment_corrects_and_resubmits()
        self.reviewer_approves_it()
        self.the_dashboard_counts_it()

    def lead_signs_in_and_sees_the_return_to_do(self) -> None:
        SignIn(self.lead).as_("lead", then="/returns/")
        assert self.lead.heading == "Your updates"
        assert TaskList(self.lead).status_of(INITIATIVE) == "Not started"

    def lead_writes_the_return_and_saves_a_draft(self) -> None:
        form = TaskList(self.lead).open_return(INITIATIVE)
        # Last quarter's approved text is there to change, not retype.
        assert form.value_of("Progress this quarter") == "Design agreed. The build starts in May."
        form.choose_status("Amber")
        form.write("Progress this quarter", "Design agreed. The build now starts in July.")
        form.write("Achievements this quarter", "Contract signed with the supplier.")
        form.write("Next steps for the coming quarter", "Start the build.")
        form.write("Percentage complete (optional)", "30")
        form.set_date("Forecast date of Go-live", "1", "2", "2022")
        form.save_draft()
        assert f"Your draft of {INITIATIVE} has been saved." in self.lead.success

    def lead_is_asked_what_is_being_done_about_amber_then_submits(self) -> None:
        form = ReturnForm(self.lead)
        form.submit()
        assert self.lead.errors == [
            "Say what the risks are and what is being done about them: the status is Amber, "
            "which needs a mitigation."
        ]
        form.write("Risks and issues", "The supplier is short of staff; we meet weekly.")
        form.submit()
        assert self.lead.heading == "Your updates"
        assert TaskList(self.lead).status_of(INITIATIVE) == "Submitted"

    def reviewer_sees_what_changed_and_returns_it_with_a_comment(self) -> None:
        SignIn(self.reviewer).as_("reviewer", then="/review/")
        queue = ReviewQueue(self.reviewer)
        assert queue.waiting == [INITIATIVE]
        review = queue.review(INITIATIVE)
        assert review.added_in("narrative") == ["[added: now]", "[added: July.]"]
        review.return_with("")
        assert self.reviewer.errors == ["Say what needs to change."]
        review.return_with(COMMENT)
        assert f"You returned {INITIATIVE}" in self.reviewer.success
        assert ReviewQueue(self.reviewer).open().waiting == []

    def lead_sees_the_comment_corrects_and_resubmits(self) -> None:
        tasks = TaskList(self.lead).open()
        assert tasks.status_of(INITIATIVE) == "Returned"
        assert COMMENT in tasks.hint_of(INITIATIVE)
        form = tasks.open_return(INITIATIVE)
        assert form.reviewer_comment == COMMENT
        # The text is still there to correct.
        assert "now starts in July" in form.value_of("Progress this quarter")
        form.write(
            "Progress this quarter",
            "Design agreed. The build now starts on 4 July, as agreed by the project board.",
        )
        form.submit()
        assert TaskList(self.lead).status_of(INITIATIVE) == "Submitted"

    def reviewer_approves_it(self) -> None:
        review = ReviewQueue(self.reviewer).open().review(INITIATIVE)
        review.approve()
        assert f"You approved the return for {INITIATIVE}." in self.reviewer.success

    def the_dashboard_counts_it(self) -> None:
        dashboard = Dashboard(self.reviewer).open()
        assert "1 of 1 return approved, 0 submitted, 0 outstanding" in dashboard.headline
        assert dashboard.row_of("Finance") == "Finance 0 0 0 0 1 1"
        TaskList(self.lead).open()
        assert TaskList(self.lead).status_of(INITIATIVE) == "Approved"
