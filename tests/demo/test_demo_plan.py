"""The demo's story is consistent before it is written: dates, milestones and returns."""

from headway.demo.catalogue import CATALOGUE, Status
from headway.demo.plan import AS_OF, REPORTED, build_plan
from headway.demo.progress import DRAFT, NOT_STARTED, OPEN_QUARTER, RETURNED, SUBMITTED


def test_it_plans_the_same_story_every_time():
    assert build_plan() == build_plan()


def test_references_are_unique_and_name_a_service():
    references = [spec.reference for spec in CATALOGUE]
    assert len(set(references)) == len(references)


def test_no_milestone_is_due_before_its_initiative_starts():
    for plan in build_plan():
        assert all(m.due >= plan.start for m in plan.milestones), plan.spec.reference
        assert 1 <= len(plan.milestones) <= 4


def test_nothing_is_completed_after_the_demo_date():
    for plan in build_plan():
        assert all(m.completed_on is None or m.completed_on <= AS_OF for m in plan.milestones)


def test_completed_initiatives_reached_every_milestone_and_end_blue():
    for plan in build_plan():
        if plan.spec.status != Status.COMPLETED:
            continue
        assert all(m.completed_on for m in plan.milestones), plan.spec.reference
        reported = list(plan.statuses.values())
        assert not reported or reported[-1] == "blue"


def test_active_initiatives_report_in_every_quarter():
    for plan in build_plan():
        if plan.spec.status in (Status.PLANNED, Status.IN_PROGRESS, Status.ON_HOLD):
            assert tuple(plan.statuses) == REPORTED, plan.spec.reference


def test_the_open_quarters_unfinished_returns_belong_to_initiatives_reporting_in_it():
    reporting = {p.spec.reference for p in build_plan() if OPEN_QUARTER in p.statuses}
    for reference in (*SUBMITTED, *RETURNED, *DRAFT, *NOT_STARTED):
        assert reference in reporting, reference
