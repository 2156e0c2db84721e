"""Comparing two map states is pure arithmetic over the states: checked on generated maps."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from headway.roadmap.diff import Decision, PartnerAnswer, diff_states
from headway.roadmap.state import InitiativeState, MapState, PriorityState

PRIORITY_IDS = (1, 2, 3)


def initiative(id: int, priorities: tuple[int, ...], horizon: str, position: int, end: str):
    return InitiativeState(
        id=id,
        title=f"Initiative {id}",
        reference="",
        kind="project",
        service="Finance",
        status="in_progress",
        is_key_project=False,
        horizon=horizon,
        position=position,
        planned_start="2021-04-01",
        planned_end=end,
        priorities=priorities,
        partners=(),
        quarters=(),
        milestones=(),
    )


initiatives = st.dictionaries(
    st.integers(1, 30),
    st.tuples(
        st.sets(st.sampled_from(PRIORITY_IDS), min_size=1).map(lambda s: tuple(sorted(s))),
        st.sampled_from(["now", "next", "later"]),
        st.integers(0, 3),
        st.sampled_from(["2021-12-31", "2022-03-31", "2022-09-30"]),
    ),
)


def state(items: dict[int, tuple]) -> MapState:
    built = tuple(initiative(id, *values) for id, values in sorted(items.items()))
    return MapState(
        organisation="Shared service",
        strategy_id=1,
        strategy="Strategy",
        year=2021,
        year_label="2021-22",
        priorities=tuple(
            PriorityState(p, p, f"Priority {p}", None, None, tuple(i.id for i in built))
            for p in PRIORITY_IDS
        ),
        initiatives=built,
    )


@given(initiatives)
def test_a_state_compared_with_itself_has_no_changes(items: dict[int, tuple]) -> None:
    assert diff_states(state(items), state(items)).is_empty


@given(initiatives, initiatives)
def test_every_initiative_added_or_removed_is_reported_once(
    before: dict[int, tuple], after: dict[int, tuple]
) -> None:
    diff = diff_states(state(before), state(after))
    assert {e.id for e in diff.added} == after.keys() - before.keys()
    assert {e.id for e in diff.removed} == before.keys() - after.keys()
    for entry in diff.moved + diff.rescheduled:
        assert entry.id in before.keys() & after.keys()


@given(initiatives, initiatives)
def test_a_moved_initiative_changed_priority_horizon_or_order(
    before: dict[int, tuple], after: dict[int, tuple]
) -> None:
    diff = diff_states(state(before), state(after))
    assert {e.id for e in diff.moved} == {
        i for i in before.keys() & after.keys() if before[i][:3] != after[i][:3]
    }
    assert {e.id for e in diff.rescheduled} == {
        i for i in before.keys() & after.keys() if before[i][3] != after[i][3]
    }


def test_each_change_carries_the_reason_and_answers_of_its_decision() -> None:
    before = state({1: ((1,), "now", 0, "2022-03-31")})
    after = replace(before, initiatives=(initiative(1, (2,), "now", 0, "2022-03-31"),))
    decision = Decision(
        request_id=7,
        kind="reprioritise",
        kind_label="Reprioritise",
        target="Initiative 1",
        description="",
        rationale="It fits better there.",
        outcome="North supports",
        responses=(PartnerAnswer("North", "supports", "supports", ""),),
        decided_on="2021-11-03",
        initiative_id=1,
    )
    [moved] = diff_states(before, after, [decision]).moved
    assert moved.description == "Moved from 1. Priority 1 to 2. Priority 2"
    assert (moved.reason, moved.consultation, moved.request_id) == (
        "It fits better there.",
        "North supports",
        7,
    )
