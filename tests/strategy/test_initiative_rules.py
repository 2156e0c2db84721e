"""An initiative belongs to its organisation's services and keeps its dates in order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from headway.strategy.models import Initiative, Organisation, Service
from tests.factories import InitiativeFactory, MilestoneFactory, ServiceFactory


def test_it_refuses_another_organisations_service(
    org: Organisation, other_org: Organisation
) -> None:
    theirs = ServiceFactory.create(organisation=other_org)
    initiative = InitiativeFactory.build(organisation=org, service=theirs)
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "organisation's own services" in str(error.value.message_dict["service"])


def test_it_refuses_an_end_before_the_start(org: Organisation, service: Service) -> None:
    initiative = InitiativeFactory.build(
        organisation=org,
        service=service,
        planned_start=dt.date(2021, 6, 1),
        planned_end=dt.date(2021, 5, 1),
    )
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "on or after the planned start" in str(error.value.message_dict["planned_end"])


def test_external_references_are_unique_within_an_organisation(
    org: Organisation, other_org: Organisation, service: Service
) -> None:
    InitiativeFactory.create(organisation=org, service=service, external_reference="FIN-001")
    InitiativeFactory.create(organisation=other_org, external_reference="FIN-001")
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeFactory.create(organisation=org, service=service, external_reference="FIN-001")


def test_many_initiatives_may_have_no_reference(org: Organisation, service: Service) -> None:
    InitiativeFactory.create(organisation=org, service=service, external_reference="")
    InitiativeFactory.create(organisation=org, service=service, external_reference="")
    assert Initiative.objects.filter(external_reference="").count() == 2


def test_only_planned_running_and_paused_initiatives_are_active() -> None:
    active = {s for s in Initiative.Status if InitiativeFactory.build(status=s).is_active}
    assert active == {
        Initiative.Status.PLANNED,
        Initiative.Status.IN_PROGRESS,
        Initiative.Status.ON_HOLD,
    }


def test_a_milestone_knows_when_it_slipped(org: Organisation, service: Service) -> None:
    initiative = InitiativeFactory.create(organisation=org, service=service)
    on_time = MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 9, 30))
    slipped = MilestoneFactory.create(
        initiative=initiative, due=dt.date(2021, 9, 30), forecast=dt.date(2021, 12, 1)
    )
    late = MilestoneFactory.create(
        initiative=initiative, due=dt.date(2021, 9, 30), completed_on=dt.date(2021, 10, 2)
    )
    assert not on_time.has_slipped
    assert slipped.has_slipped and slipped.expected == dt.date(2021, 12, 1)
    assert late.has_slipped and late.expected == dt.date(2021, 10, 2)


def test_a_milestone_cannot_be_due_before_its_initiative_starts(
    org: Organisation, service: Service
) -> None:
    initiative = InitiativeFactory.create(
        organisation=org, service=service, planned_start=dt.date(2021, 4, 1)
    )
    milestone = MilestoneFactory.build(initiative=initiative, due=dt.date(2021, 3, 1))
    with pytest.raises(ValidationError, match="before its initiative starts"):
        milestone.full_clean()


def test_changes_to_an_initiative_are_kept_in_its_history(
    org: Organisation, service: Service
) -> None:
    initiative = InitiativeFactory.create(organisation=org, service=service, title="Old title")
    initiative.title = "New title"
    initiative.save()
    assert [h.title for h in initiative.history.all()] == ["New title", "Old title"]
