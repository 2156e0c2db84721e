"""The return form: a service lead saves a draft, submits it, and is told what to fix."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from headway.accounts.models import Role, User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    MilestoneFactory,
    ServiceFactory,
    UpdateFactory,
    UserFactory,
    status_value,
)
from tests.pages import Page, titled
from tests.progress.conftest import today

pytestmark = pytest.mark.django_db


def _path(update: Update) -> str:
    return reverse("progress:return", args=[update.pk])


def _form(update: Update, org: Organisation, **overrides: str) -> dict[str, str]:
    data = {
        "version": str(update.version),
        "status": str(status_value(org, "green").pk),
        "narrative": "The new payroll went live in November.",
        "achievements": "Go-live on time.",
        "next_steps": "Close the old system.",
        "risks": "",
        "percent_complete": "80",
        "action": "draft",
    }
    data.update(overrides)
    return data


def test_it_shows_the_return_pre_filled(lead: User, draft: Update, org: Organisation) -> None:
    Update.objects.filter(pk=draft.pk).update(narrative="Last quarter's text.")
    page = Page.of(signed_in(lead).get(_path(draft)))
    assert page.h1s == ["Payroll system"]
    assert page.title == titled(f"Payroll system: {draft.period.label} return")
    assert page.texts("//textarea[@name='narrative']") == ["Last quarter's text."]
    labels = page.texts("//input[@name='status']/following-sibling::label")
    assert labels == ["Blue", "Green", "Amber", "Red"]
    hints = page.texts("//div[contains(@class, 'govuk-radios__hint')]")
    assert hints == ["Complete", "On track", "At risk, recoverable", "Off track, needs escalation"]


def test_amber_and_red_ask_what_is_being_done(lead: User, draft: Update) -> None:
    page = Page.of(signed_in(lead).get(_path(draft)))
    assert page.texts("//div[@id='risks-hint']") == [
        "If the status is Amber or Red, say what the risks are and what is being done about them."
    ]


def test_it_says_the_completion_date_goes_with_the_status_that_means_complete(
    lead: User, draft: Update
) -> None:
    page = Page.of(signed_in(lead).get(_path(draft)))
    assert page.texts("//div[@id='completed_on-hint']") == [
        "Needed if the status is Blue: the day the initiative was finished. For example, 30 11 2021"
    ]


def test_saving_a_draft_keeps_it_and_says_so(lead: User, draft: Update, org: Organisation) -> None:
    client = signed_in(lead)
    response = client.post(_path(draft), _form(draft, org))
    assert response.status_code == 302
    assert response["Location"] == _path(draft)
    draft.refresh_from_db()
    assert (draft.state, draft.narrative, draft.percent_complete) == (
        "draft",
        "The new payroll went live in November.",
        80,
    )
    assert (
        "Your draft of Payroll system has been saved." in Page.of(client.get(_path(draft))).text()
    )


def test_submitting_sends_it_for_review_and_goes_back_to_the_task_list(
    lead: User, draft: Update, org: Organisation
) -> None:
    response = signed_in(lead).post(_path(draft), _form(draft, org, action="submit"))
    assert response["Location"] == reverse("progress:my_returns")
    draft.refresh_from_db()
    assert draft.state == "submitted"
    assert draft.submitted_by == lead


def test_it_says_what_to_fix_at_the_top_and_beside_each_field(
    lead: User, draft: Update, org: Organisation
) -> None:
    data = _form(draft, org, action="submit", narrative="", status=str(status_value(org, "red").pk))
    response = signed_in(lead).post(_path(draft), data)
    assert response.status_code == 200
    page = Page.of(response)
    assert page.title.startswith("Error: ")
    summary = page.links("//div[contains(@class, 'govuk-error-summary')]//a")
    assert summary == {
        "Describe the progress made this quarter.": "#narrative",
        "Say what the risks are and what is being done about them: the status is Red, which "
        "needs a mitigation.": "#risks",
    }
    assert "Describe the progress made this quarter." in page.text("//p[@id='narrative-error']")
    # What was typed is still there.
    assert page.tree.xpath("//input[@name='status'][@checked]/@value") == [data["status"]]
    assert page.texts("//textarea[@name='achievements']") == ["Go-live on time."]
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_it_explains_a_percentage_it_cannot_read(
    lead: User, draft: Update, org: Organisation
) -> None:
    page = Page.of(signed_in(lead).post(_path(draft), _form(draft, org, percent_complete="lots")))
    assert page.links("//div[contains(@class, 'govuk-error-summary')]//a") == {
        "Enter the percentage complete as a whole number, like 80": "#percent_complete"
    }


def test_a_complete_status_needs_its_date(lead: User, draft: Update, org: Organisation) -> None:
    blue = str(status_value(org, "blue").pk)
    page = Page.of(
        signed_in(lead).post(_path(draft), _form(draft, org, status=blue, action="submit"))
    )
    assert page.links("//div[contains(@class, 'govuk-error-summary')]//a") == {
        "Enter the date the initiative was completed: the status is Blue, which means it is "
        "complete.": "#completed_on-day"
    }

    done = {"completed_on-day": "30", "completed_on-month": "11", "completed_on-year": "2021"}
    signed_in(lead).post(_path(draft), _form(draft, org, status=blue, action="submit", **done))
    draft.refresh_from_db()
    assert (draft.state, draft.completed_on) == ("submitted", dt.date(2021, 11, 30))


def test_it_updates_the_milestones_dates(
    lead: User, draft: Update, initiative: Initiative, org: Organisation
) -> None:
    go_live = MilestoneFactory.create(
        initiative=initiative, title="Go-live", due=dt.date(2021, 11, 1)
    )
    page = Page.of(signed_in(lead).get(_path(draft)))
    assert "Go-live" in page.texts("//h3")
    name = f"milestone_{go_live.pk}_forecast"
    dates = {f"{name}-day": "1", f"{name}-month": "Feb", f"{name}-year": "2022"}
    signed_in(lead).post(_path(draft), _form(draft, org, **dates))
    go_live.refresh_from_db()
    assert go_live.forecast == dt.date(2022, 2, 1)


def test_a_half_typed_milestone_date_is_marked_where_it_is_wrong(
    lead: User, draft: Update, initiative: Initiative, org: Organisation
) -> None:
    go_live = MilestoneFactory.create(initiative=initiative, title="Go-live")
    name = f"milestone_{go_live.pk}_completed_on"
    page = Page.of(signed_in(lead).post(_path(draft), _form(draft, org, **{f"{name}-day": "3"})))
    assert page.links("//div[contains(@class, 'govuk-error-summary')]//a") == {
        "Completion date of “Go-live” must include a month and a year": f"#{name}-month"
    }
    marked = page.tree.xpath("//input[contains(@class, 'govuk-input--error')]/@name")
    assert marked == [f"{name}-month", f"{name}-year"]


def test_a_returned_return_shows_the_reviewer_s_comment_at_the_top(
    lead: User, draft: Update, reviewer: User
) -> None:
    Update.objects.filter(pk=draft.pk).update(
        state="returned", review_comment="Say when the pilot ends.", reviewed_by=reviewer
    )
    page = Page.of(signed_in(lead).get(_path(draft)))
    banner = page.text("//div[contains(@class, 'govuk-notification-banner')]")
    assert "Returned for changes" in banner
    assert "Say when the pilot ends." in banner


def test_a_late_return_is_marked_and_the_lead_is_told(
    lead: User, draft: Update, org: Organisation
) -> None:
    ReportingPeriod.objects.filter(pk=draft.period_id).update(deadline=today() - dt.timedelta(1))
    page = Page.of(signed_in(lead).get(_path(draft)))
    assert "You can still submit this return: it will be marked late." in page.text()
    signed_in(lead).post(_path(draft), _form(draft, org, action="submit"))
    draft.refresh_from_db()
    assert draft.is_late
    assert "Late" in Page.of(signed_in(lead).get(_path(draft))).texts("//strong")


def test_a_closed_period_s_return_is_read_only(
    lead: User, draft: Update, org: Organisation
) -> None:
    ReportingPeriod.objects.filter(pk=draft.period_id).update(state="closed")
    client = signed_in(lead)
    page = Page.of(client.get(_path(draft)))
    assert page.count("//form[@method='post']//textarea") == 0
    assert "is closed, so its returns can no longer be changed" in page.text("//*[@id='read-only']")
    response = client.post(_path(draft), _form(draft, org, narrative="Sneaked in."))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.narrative == ""


def test_an_approved_return_is_read_only(lead: User, draft: Update) -> None:
    Update.objects.filter(pk=draft.pk).update(state="approved")
    page = Page.of(signed_in(lead).get(_path(draft)))
    assert "has been approved, so it can no longer be changed" in page.text()
    assert page.count("//textarea") == 0


def test_a_lead_of_another_service_may_not_open_it(org: Organisation, draft: Update) -> None:
    other = UserFactory.create(username="ict-lead")
    MembershipFactory.create(
        user=other,
        organisation=org,
        role=Role.SERVICE_LEAD,
        services=[ServiceFactory.create(organisation=org, name="ICT")],
    )
    assert signed_in(other).get(_path(draft)).status_code == 403


def test_the_other_organisation_gets_not_found(outsider: User, draft: Update) -> None:
    assert signed_in(outsider).get(_path(draft)).status_code == 404


def test_the_initiative_owner_may_edit_it_as_a_lead(
    org: Organisation, period: ReportingPeriod
) -> None:
    owner = UserFactory.create(username="owner")
    MembershipFactory.create(user=owner, organisation=org, role=Role.SERVICE_LEAD)
    update = UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, owner=owner),
        period=period,
        state="draft",
    )
    assert signed_in(owner).get(_path(update)).status_code == 200


def test_reviewers_and_viewers_may_not_edit_returns(
    reviewer: User, viewer: User, draft: Update
) -> None:
    for user in (reviewer, viewer):
        assert signed_in(user).get(_path(draft)).status_code == 403
    assert Client().get(_path(draft)).status_code == 302
