"""The strategy's page: everyone reads it; administrators record its history and look after
its priorities there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from headway.strategy.models import Priority, Strategy, StrategyEvent
from tests.conftest import signed_in
from tests.factories import (
    CommitteeFactory,
    MeetingFactory,
    ReportFactory,
    StrategyEventFactory,
)
from tests.pages import Page

pytestmark = pytest.mark.django_db


def test_it_shows_the_vision_priorities_and_history_to_every_member(viewer, strategy, priorities):
    priorities[0].owner = "Director of Customer Services"
    priorities[0].save()
    StrategyEventFactory.create(
        strategy=strategy, date=dt.date(2020, 2, 7), text="Presented to the Committee."
    )
    page = Page.of(signed_in(viewer).get(reverse("strategy")))
    assert page.h1s == ["Shared Service Strategy"]
    assert "Excellent back-office services" in page.text()
    assert page.texts("//h3[contains(@class, 'govuk-summary-card__title')]")[:3] == [
        "1. Value for money",
        "2. Customer focus",
        "3. Digital first",
    ]
    assert "Director of Customer Services" in page.text()
    assert "7 February 2020: Presented to committee" in page.text()
    # A viewer reads; they are offered nothing to change.
    assert "Add an event" not in page.text()
    assert page.count("//form[@method='post']//button[@name='direction']") == 0


def test_an_administrator_is_offered_the_changes(admin_user, strategy, priorities):
    page = Page.of(signed_in(admin_user).get(reverse("strategy")))
    links = page.links()
    assert links["Add an event"] == reverse("strategy_add_event")
    assert links["Propose a new priority"] == reverse("roadmap:propose_kind", args=["add_priority"])
    # The first priority moves only down, the last only up.
    assert page.count("//button[@value='up']") == 2
    assert page.count("//button[@value='down']") == 2
    assert page.texts("//button[@value='up']")[0] == "Move up priority 2, Customer focus"


def test_an_organisation_without_a_strategy_is_told_so(viewer):
    page = Page.of(signed_in(viewer).get(reverse("strategy")))
    assert "has no strategy in Headway yet" in page.text()


def test_an_administrator_records_an_event_at_a_meeting(admin_user, org, strategy):
    meeting = MeetingFactory.create(
        committee=CommitteeFactory.create(organisation=org, name="Joint Committee"),
        date=dt.date(2021, 4, 30),
    )
    client = signed_in(admin_user)
    response = client.post(
        reverse("strategy_add_event"),
        {
            "date-day": "30",
            "date-month": "4",
            "date-year": "2021",
            "kind": "agreed",
            "meeting": str(meeting.pk),
            "text": "  An update was agreed at the Joint Committee.  ",
        },
    )
    event = StrategyEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('strategy')}#event-{event.pk}"
    assert (event.date, event.kind, event.meeting, event.text) == (
        dt.date(2021, 4, 30),
        "agreed",
        meeting,
        "An update was agreed at the Joint Committee.",
    )
    assert event.history.get().history_user == admin_user
    page = Page.of(client.get(reverse("strategy")))
    assert "Joint Committee 30 April 2021" in page.text(f"//li[@id='event-{event.pk}']")


def test_the_meeting_links_to_its_published_report(viewer, org, strategy):
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))
    report = ReportFactory.create(meeting=meeting, state="published", slug="jc-q3")
    StrategyEventFactory.create(strategy=strategy, meeting=meeting)
    page = Page.of(signed_in(viewer).get(reverse("strategy")))
    assert page.links()[str(meeting)] == reverse("committee:published_report", args=[report.slug])


def test_an_administrator_s_meeting_links_to_its_row_on_the_committee_s_page(
    admin_user, org, strategy
):
    committee = CommitteeFactory.create(organisation=org)
    meeting = MeetingFactory.create(committee=committee)
    report = ReportFactory.create(meeting=meeting, state="published", slug="jc-q3")
    StrategyEventFactory.create(strategy=strategy, meeting=meeting)
    client = signed_in(admin_user)
    page = Page.of(client.get(reverse("strategy")))
    links = page.links()
    target = f"{reverse('organisation:committee', args=[committee.pk])}#meeting-{meeting.pk}"
    assert links[str(meeting)] == target
    assert links[f"Published report to {meeting}"] == reverse(
        "committee:published_report", args=[report.slug]
    )
    # The anchor names the meeting's row on the committee's page.
    committee_page = Page.of(client.get(target.split("#")[0]))
    assert committee_page.count(f"//tr[@id='meeting-{meeting.pk}']") == 1


def test_a_meeting_without_a_published_report_links_an_administrator_to_its_committee(
    admin_user, viewer, org, strategy
):
    committee = CommitteeFactory.create(organisation=org)
    meeting = MeetingFactory.create(committee=committee)
    StrategyEventFactory.create(strategy=strategy, meeting=meeting)
    links = Page.of(signed_in(admin_user).get(reverse("strategy"))).links()
    assert links[str(meeting)].startswith(reverse("organisation:committee", args=[committee.pk]))
    # A viewer cannot open the committee's page, so the meeting is named, not linked.
    page = Page.of(signed_in(viewer).get(reverse("strategy")))
    assert str(meeting) not in page.links()
    assert str(meeting) in page.text()


def test_a_wrong_event_is_refused_with_every_problem_and_nothing_saved(admin_user, strategy):
    response = signed_in(admin_user).post(
        reverse("strategy_add_event"),
        {"date-day": "31", "date-month": "2", "date-year": "2021", "meeting": "", "text": " "},
    )
    page = Page.of(response)
    assert response.status_code == 200
    assert page.title.startswith("Error: ")
    summary = page.links("//div[contains(@class, 'govuk-error-summary')]//a")
    assert summary == {
        "Date must be a real date": "#date-day",
        "Choose what happened to the strategy": "#kind",
        "Enter what the report should say about it, in a sentence or two": "#text",
    }
    assert not StrategyEvent.objects.exists()


def test_another_organisation_s_meeting_is_refused(admin_user, strategy, other_org):
    theirs = MeetingFactory.create(committee=CommitteeFactory.create(organisation=other_org))
    response = signed_in(admin_user).post(
        reverse("strategy_add_event"),
        {
            "date-day": "1",
            "date-month": "4",
            "date-year": "2021",
            "kind": "reviewed",
            "meeting": str(theirs.pk),
            "text": "Reviewed.",
        },
    )
    assert "Choose one of your organisation's committee meetings" in Page.of(response).text()
    assert not StrategyEvent.objects.exists()


def test_an_administrator_corrects_an_event(admin_user, strategy):
    event = StrategyEventFactory.create(strategy=strategy, text="Presnted.")
    client = signed_in(admin_user)
    page = Page.of(client.get(reverse("strategy_event", args=[event.pk])))
    assert page.tree.xpath("string(//textarea[@name='text'])") == "Presnted."
    assert page.tree.xpath("//input[@name='date-year']/@value") == ["2020"]
    client.post(
        reverse("strategy_event", args=[event.pk]),
        {
            "date-day": "7",
            "date-month": "2",
            "date-year": "2020",
            "kind": "presented",
            "meeting": "",
            "text": "Presented.",
        },
    )
    event.refresh_from_db()
    assert event.text == "Presented."
    assert [h.text for h in event.history.order_by("history_date")] == ["Presnted.", "Presented."]


def test_removing_an_event_asks_first(admin_user, strategy):
    event = StrategyEventFactory.create(strategy=strategy)
    client = signed_in(admin_user)
    page = Page.of(client.get(reverse("strategy_remove_event", args=[event.pk])))
    assert page.h1s == [
        "Remove “Presented to committee on 7 February 2020” from the strategy's history?"
    ]
    assert StrategyEvent.objects.filter(pk=event.pk).exists()
    response = client.post(reverse("strategy_remove_event", args=[event.pk]))
    assert response["Location"] == f"{reverse('strategy')}#history"
    assert not StrategyEvent.objects.filter(pk=event.pk).exists()
    assert StrategyEvent.history.filter(id=event.pk, history_type="-").exists()


def test_organisational_changes_are_not_edited_here(admin_user, strategy):
    change = StrategyEventFactory.create(strategy=strategy, kind="organisational_change")
    client = signed_in(admin_user)
    assert client.get(reverse("strategy_event", args=[change.pk])).status_code == 404
    assert "Organisational change" not in Page.of(client.get(reverse("strategy"))).text()


def test_an_administrator_renames_a_priority_and_its_earlier_name_is_shown(
    admin_user, viewer, strategy, priorities
):
    value = priorities[1]
    response = signed_in(admin_user).post(
        reverse("strategy_priority", args=[value.pk]),
        {"title": "Value for money and efficiency", "description": "Lower costs.", "owner": "CFO"},
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.title, value.description, value.owner) == (
        "Value for money and efficiency",
        "Lower costs.",
        "CFO",
    )
    page = Page.of(signed_in(viewer).get(reverse("strategy")))
    assert "“Value for money”, until" in page.text(f"//div[@id='priority-{value.pk}']")


def test_two_priorities_cannot_share_a_title(admin_user, strategy, priorities):
    response = signed_in(admin_user).post(
        reverse("strategy_priority", args=[priorities[0].pk]),
        {"title": "digital first", "description": "", "owner": ""},
    )
    assert "The strategy already has a priority called “digital first”" in Page.of(response).text()
    priorities[0].refresh_from_db()
    assert priorities[0].title == "Customer focus"


def test_an_administrator_reorders_priorities(admin_user, strategy, priorities):
    digital = priorities[2]
    client = signed_in(admin_user)
    client.post(reverse("strategy_move_priority", args=[digital.pk]), {"direction": "up"})
    numbers = dict(Priority.objects.values_list("title", "number"))
    assert numbers == {"Value for money": 1, "Digital first": 2, "Customer focus": 3}
    # The swap is kept in each priority's history, without the number it was parked on.
    assert [h.number for h in digital.history.order_by("history_date")] == [3, 2]


def test_the_first_priority_cannot_move_up(admin_user, strategy, priorities):
    client = signed_in(admin_user)
    response = client.post(
        reverse("strategy_move_priority", args=[priorities[1].pk]), {"direction": "up"}, follow=True
    )
    assert "Priority 1 is already the first." in Page.of(response).text()


def test_retiring_a_priority_keeps_it_listed_as_retired(admin_user, org, priorities):
    strategy = priorities[0].strategy
    this_year = 2026 if dt.date.today() >= dt.date(2026, 4, 1) else 2025
    Strategy.objects.filter(pk=strategy.pk).update(
        first_year=this_year - 2, last_year=this_year + 1
    )
    digital = priorities[2]
    client = signed_in(admin_user)
    page = Page.of(client.get(reverse("strategy_retire_priority", args=[digital.pk])))
    years = page.tree.xpath("//input[@name='last_year']/@value")
    assert years == [str(y) for y in range(this_year - 1, this_year + 2)]
    client.post(
        reverse("strategy_retire_priority", args=[digital.pk]), {"last_year": this_year - 1}
    )
    digital.refresh_from_db()
    assert digital.active_to == this_year - 1
    page = Page.of(client.get(reverse("strategy")))
    retired = page.text(f"//div[@id='priority-{digital.pk}']")
    assert "Retired" in retired and "Reinstate" in retired
    client.post(reverse("strategy_reinstate_priority", args=[digital.pk]))
    digital.refresh_from_db()
    assert digital.active_to is None


def test_an_administrator_writes_down_the_first_strategy(admin_user, org):
    client = signed_in(admin_user)
    page = Page.of(client.get(reverse("strategy")))
    assert page.links()["Write down your strategy"] == reverse("strategy_edit")
    response = client.post(
        reverse("strategy_edit"),
        {"title": "", "first_year": "2023-24", "last_year": "2021", "vision": "", "framework": ""},
    )
    errors = Page.of(response).links("//div[contains(@class, 'govuk-error-summary')]//a")
    assert errors == {
        "Enter the strategy's title": "#title",
        "Enter the last financial year like 2020-21": "#last_year",
    }
    assert not Strategy.objects.exists()
    client.post(
        reverse("strategy_edit"),
        {
            "title": "Shared Service Strategy 2023-2026",
            "first_year": "2023-24",
            "last_year": "2025-26",
            "vision": "Better services.",
            "framework": "",
        },
    )
    strategy = Strategy.objects.get()
    assert (strategy.organisation, strategy.first_year, strategy.last_year) == (org, 2023, 2025)


def test_an_administrator_changes_the_vision_but_not_the_years(admin_user, strategy):
    signed_in(admin_user).post(
        reverse("strategy_edit"),
        {
            "title": "Shared Service Strategy",
            "first_year": "2030-31",
            "vision": "A new vision.",
            "framework": "How we work.",
        },
    )
    strategy.refresh_from_db()
    assert (strategy.vision, strategy.framework, strategy.first_year) == (
        "A new vision.",
        "How we work.",
        2000,
    )
