"""The demo holds the oneSource story the reports tell, with enough data to try every page."""

from collections import Counter
from datetime import date

from headway.demo import DemoSummary
from headway.organisation.models import OrganisationalChange
from headway.progress.models import ReportingPeriod, StatusScale, Update
from headway.strategy.models import Initiative, Organisation, Priority, Strategy, StrategyEvent


def test_it_loads_onesource_serving_newham_and_havering(demo: DemoSummary, db: None):
    organisation = Organisation.objects.get(slug="onesource")
    assert (organisation.name, organisation.short_name) == ("oneSource", "one source")
    assert sorted(organisation.partners.values_list("short_name", "name")) == [
        ("Havering", "London Borough of Havering"),
        ("Newham", "London Borough of Newham"),
    ]
    scale = StatusScale.objects.get(organisation=organisation)
    assert list(scale.values.values_list("code", flat=True)) == ["blue", "green", "amber", "red"]


def test_it_loads_the_strategy_with_five_ordered_priorities(demo: DemoSummary, db: None):
    strategy = Strategy.objects.get(title="One Source Strategy 2020-2023")
    assert (strategy.first_year, strategy.last_year, strategy.years_label) == (
        2020,
        2022,
        "2020-23",
    )
    assert strategy.vision and strategy.framework
    priorities = list(Priority.objects.filter(strategy=strategy))
    assert [p.number for p in priorities] == [1, 2, 3, 4, 5]
    assert all(p.title and p.description for p in priorities)


def test_it_records_the_strategys_history_as_the_reports_tell_it(demo: DemoSummary, db: None):
    events = list(StrategyEvent.objects.values_list("date", "kind"))
    kinds = [kind for _, kind in events]
    assert (events[0][0].isoformat(), kinds[0]) == ("2020-02-07", StrategyEvent.Kind.PRESENTED)
    assert StrategyEvent.objects.get(kind=StrategyEvent.Kind.REVISED).date.isoformat() == (
        "2021-04-30"
    )
    assert {StrategyEvent.Kind.LAUNCHED, StrategyEvent.Kind.PAUSED} <= set(kinds)
    assert StrategyEvent.Kind.REVIEWED in kinds
    changes = OrganisationalChange.objects.all()
    assert any("Executive Director" in change.text for change in changes)
    assert any("review of the one source arrangement" in change.text for change in changes)
    # The update agreed on 30 April 2021 was agreed at that day's Joint Committee.
    revised = StrategyEvent.objects.select_related("meeting").get(kind=StrategyEvent.Kind.REVISED)
    assert revised.meeting is not None and revised.meeting.date == revised.date


def test_every_priority_has_an_owner_named_by_role(demo: DemoSummary, db: None):
    owners = list(Priority.objects.values_list("owner", flat=True))
    assert len(owners) == 5 and all(owner.endswith("(demo)") for owner in owners)


def test_it_loads_eight_to_twelve_services_each_with_a_head_of_service(demo: DemoSummary, db: None):
    organisation = Organisation.objects.get(slug="onesource")
    services = list(organisation.services.all())
    assert 8 <= len(services) <= 12
    assert all(s.head_of_service == f"Head of {s.name} (demo)" for s in services)
    assert all(s.directorate for s in services)


def test_it_loads_forty_to_eighty_initiatives_of_all_four_kinds(demo: DemoSummary, db: None):
    initiatives = Initiative.objects.all()
    assert 40 <= initiatives.count() <= 80
    assert set(initiatives.values_list("kind", flat=True)) == set(Initiative.Kind.values)
    statuses = Counter(initiatives.values_list("status", flat=True))
    assert statuses[Initiative.Status.ON_HOLD] == 1
    assert statuses[Initiative.Status.DEPRIORITISED] == 1
    assert statuses[Initiative.Status.COMPLETED] >= 3
    assert statuses[Initiative.Status.IN_PROGRESS] > initiatives.count() / 2
    assert initiatives.filter(is_key_project=True).exists()
    assert all(
        i.priorities.exists() and i.partners.exists() and i.external_reference for i in initiatives
    )
    assert initiatives.filter(priorities__number__in=[1, 2, 3, 4, 5]).distinct().count() == (
        initiatives.count()
    )


def test_it_gives_every_initiative_one_to_four_milestones_some_slipped(demo: DemoSummary, db: None):
    for initiative in Initiative.objects.prefetch_related("milestones"):
        assert 1 <= len(initiative.milestones.all()) <= 4, initiative
    milestones = [m for i in Initiative.objects.all() for m in i.milestones.all()]
    assert any(m.has_slipped for m in milestones)
    assert any(m.completed_on for m in milestones)
    assert any(m.forecast for m in milestones)


def test_it_closes_q1_and_q2_with_an_approved_return_for_every_active_initiative(
    demo: DemoSummary,
    db: None,
):
    active = Initiative.objects.filter(status__in=Initiative.ACTIVE_STATUSES)
    for quarter in (1, 2):
        period = ReportingPeriod.objects.get(year=2021, quarter=quarter)
        assert period.state == ReportingPeriod.State.CLOSED
        updates = period.updates.all()
        assert set(updates.values_list("state", flat=True)) == {Update.State.APPROVED}
        assert set(active) <= {u.initiative for u in updates}


def test_its_brag_ratings_mix_and_move_between_quarters(demo: DemoSummary, db: None):
    for quarter in (1, 2, 3):
        codes = set(
            Update.objects.filter(period__quarter=quarter, status__isnull=False).values_list(
                "status__code", flat=True
            )
        )
        assert {"green", "amber", "red"} <= codes
    trails: dict[int, list[str]] = {}
    for update in Update.objects.filter(status__isnull=False).order_by("period__quarter"):
        assert update.status is not None
        trails.setdefault(update.initiative_id, []).append(update.status.code)
    assert sum(len(set(trail)) > 1 for trail in trails.values()) >= 10


def test_it_leaves_q3_open_with_returns_in_every_state(demo: DemoSummary, db: None):
    period = ReportingPeriod.objects.get(year=2021, quarter=3)
    assert period.state == ReportingPeriod.State.OPEN
    assert period.deadline == date(2022, 1, 14)
    active = set(Initiative.objects.filter(status__in=Initiative.ACTIVE_STATUSES))
    assert active <= {u.initiative for u in period.updates.all()}
    states = Counter(period.updates.values_list("state", flat=True))
    assert states[Update.State.APPROVED] > len(active) / 2
    assert states[Update.State.SUBMITTED] >= 3
    assert states[Update.State.RETURNED] == 2
    assert states[Update.State.DRAFT] >= 3
    returned = period.updates.filter(state=Update.State.RETURNED)
    assert all(u.review_comment and u.reviewed_by for u in returned)
    # Not started: still as opening the period pre-filled it from last quarter.
    not_started = period.updates.filter(state=Update.State.DRAFT, started_at=None)
    assert not_started.count() >= 2
    assert all(u.previous is None or u.narrative == u.previous.narrative for u in not_started)
