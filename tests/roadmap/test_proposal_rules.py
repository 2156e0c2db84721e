"""Each kind of change is checked in one place, with a message saying what to fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from headway.roadmap.models import ChangeRequest
from headway.roadmap.proposals import clean_proposal
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service
from tests.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind


def errors_of(*args: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        clean_proposal(*args)
    return error.value.message_dict


def test_a_reschedule_needs_the_end_on_or_after_the_start(
    org: Organisation, initiative: Initiative
) -> None:
    errors = errors_of(
        org,
        Kind.RESCHEDULE,
        {"planned_start": "2021-10-01", "planned_end": "2021-09-30"},
        initiative,
    )
    assert errors["planned_end"] == ["The planned end must be on or after the planned start."]


def test_a_reschedule_may_be_given_in_quarters(org: Organisation, initiative: Initiative) -> None:
    clean = clean_proposal(
        org,
        Kind.RESCHEDULE,
        {"start_quarter": "2021-22 Q2", "end_quarter": "2022-23 Q1"},
        initiative,
    )
    assert clean.proposed == {"planned_start": "2021-07-01", "planned_end": "2022-06-30"}
    assert clean.current == {"planned_start": "2021-04-01", "planned_end": "2022-03-31"}


def test_a_reschedule_keeps_the_date_it_does_not_change(
    org: Organisation, initiative: Initiative
) -> None:
    clean = clean_proposal(org, Kind.RESCHEDULE, {"planned_end": dt.date(2022, 9, 30)}, initiative)
    assert clean.proposed == {"planned_start": "2021-04-01", "planned_end": "2022-09-30"}


def test_a_reschedule_refuses_dates_that_are_not_dates(
    org: Organisation, initiative: Initiative
) -> None:
    errors = errors_of(org, Kind.RESCHEDULE, {"planned_start": "next spring"}, initiative)
    assert errors["planned_start"] == ["Enter a real date, such as 2021-09-30."]


def test_a_change_that_changes_nothing_is_refused(
    org: Organisation, initiative: Initiative
) -> None:
    errors = errors_of(org, Kind.RESCHEDULE, {"planned_end": "2022-03-31"}, initiative)
    assert "nothing would change" in errors["__all__"][0]


def test_a_reprioritise_needs_at_least_one_priority(
    org: Organisation, initiative: Initiative
) -> None:
    errors = errors_of(org, Kind.REPRIORITISE, {"priorities": []}, initiative)
    assert errors["priorities"] == ["Choose at least one priority."]


def test_a_reprioritise_stays_within_the_initiatives_strategy(
    org: Organisation, initiative: Initiative
) -> None:
    elsewhere = PriorityFactory.create(
        strategy=StrategyFactory.create(organisation=org, first_year=2023, last_year=2025)
    )
    errors = errors_of(org, Kind.REPRIORITISE, {"priorities": [elsewhere.pk]}, initiative)
    assert errors["priorities"] == ["Choose priorities of the same strategy as its current ones."]


def test_a_reprioritise_refuses_an_unknown_horizon(
    org: Organisation, initiative: Initiative
) -> None:
    errors = errors_of(org, Kind.REPRIORITISE, {"horizon": "someday"}, initiative)
    assert "horizon" in errors


def test_a_reprioritise_may_only_change_the_order(
    org: Organisation, initiative: Initiative, priorities: list[Priority]
) -> None:
    clean = clean_proposal(org, Kind.REPRIORITISE, {"map_position": "3"}, initiative)
    assert clean.proposed == {
        "priorities": [priorities[0].pk],
        "horizon": "now",
        "map_position": 3,
    }


def test_a_new_initiative_needs_a_title_a_kind_a_service_and_priorities(
    org: Organisation,
) -> None:
    errors = errors_of(org, Kind.ADD_INITIATIVE, {})
    assert errors["title"] == ["Enter the new initiative's title."]
    assert errors["kind"][0].startswith("Choose whether it is a project")
    assert errors["service"] == ["Choose the service that will deliver it."]
    assert errors["priorities"] == ["Choose at least one priority."]


def test_a_new_initiative_is_tidied_into_ids_and_dates(
    org: Organisation, service: Service, priorities: list[Priority], partner: Partner
) -> None:
    clean = clean_proposal(
        org,
        Kind.ADD_INITIATIVE,
        {
            "title": " Digital mailroom ",
            "kind": "project",
            "service": service,
            "priorities": [priorities[2].pk, priorities[1].pk],
            "partners": [partner.pk],
            "planned_start": dt.date(2021, 7, 1),
        },
    )
    assert clean.proposed["title"] == "Digital mailroom"
    assert clean.proposed["service"] == service.pk
    assert clean.proposed["priorities"] == [priorities[1].pk, priorities[2].pk]
    assert clean.proposed["partners"] == [partner.pk]
    assert clean.proposed["planned_start"] == "2021-07-01"
    assert clean.proposed["horizon"] == "now"
    assert clean.current == {}


def test_a_new_initiative_refuses_another_organisations_service(
    org: Organisation, other_org: Organisation, priorities: list[Priority]
) -> None:
    from tests.factories import ServiceFactory

    theirs = ServiceFactory.create(organisation=other_org)
    errors = errors_of(
        org,
        Kind.ADD_INITIATIVE,
        {"title": "X", "kind": "project", "service": theirs.pk, "priorities": [priorities[0].pk]},
    )
    assert errors["service"] == ["Choose the service that will deliver it."]


def test_a_new_priority_needs_a_title_not_already_used(
    org: Organisation, priorities: list[Priority]
) -> None:
    assert errors_of(org, Kind.ADD_PRIORITY, {"title": ""})["title"] == [
        "Enter the new priority's title."
    ]
    errors = errors_of(org, Kind.ADD_PRIORITY, {"title": "our PEOPLE"})
    assert "already has a priority called" in errors["title"][0]


@pytest.mark.parametrize("given", [2022, "2022", "2022-23", "2022/23"])
def test_a_new_priority_s_first_year_is_read_as_a_year_or_its_label(
    org: Organisation, priorities: list[Priority], given: Any
) -> None:
    clean = clean_proposal(org, Kind.ADD_PRIORITY, {"title": "Net zero", "active_from": given})
    assert clean.proposed["active_from"] == 2022


def test_a_new_priority_s_first_year_must_be_a_financial_year(
    org: Organisation, priorities: list[Priority]
) -> None:
    errors = errors_of(org, Kind.ADD_PRIORITY, {"title": "Net zero", "active_from": "next year"})
    assert errors["active_from"] == ["Enter the financial year it starts in, such as 2022-23."]


def test_a_new_priority_needs_a_strategy(org: Organisation) -> None:
    errors = errors_of(org, Kind.ADD_PRIORITY, {"title": "Net zero"})
    assert errors["strategy"] == ["Add a strategy before proposing a priority for it."]


def test_closing_says_whether_completed_or_cancelled(
    org: Organisation, initiative: Initiative
) -> None:
    assert errors_of(org, Kind.CLOSE, {"status": "deprioritised"}, initiative)["status"] == [
        "Say whether it was completed or cancelled."
    ]
    clean = clean_proposal(org, Kind.CLOSE, {"status": "completed"}, initiative)
    assert clean.proposed == {"status": "completed"}


def test_an_initiative_off_the_maps_cannot_be_changed(
    org: Organisation, initiative: Initiative
) -> None:
    initiative.status = Initiative.Status.COMPLETED
    initiative.save()
    errors = errors_of(org, Kind.DEPRIORITISE, {}, initiative)
    assert "no longer on the maps" in errors["initiative"][0]


def test_a_change_to_an_initiative_needs_the_initiative(org: Organisation) -> None:
    errors = errors_of(org, Kind.DEPRIORITISE, {}, None)
    assert errors["initiative"] == ["Choose one of the organisation's initiatives."]


def test_a_quarter_that_is_not_a_quarter_is_refused_where_it_was_given(
    org: Organisation, initiative: Initiative
) -> None:
    errors = errors_of(org, Kind.RESCHEDULE, {"end_quarter": "Q5"}, initiative)
    assert errors["end_quarter"] == ["'Q5' is not a quarter: write it as 2021-22 Q3 or 2021-22-Q3."]
