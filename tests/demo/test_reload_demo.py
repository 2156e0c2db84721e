"""Running the demo again restores it: no duplicates, the same data, nothing rewritten."""

from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from django.db import transaction

from headway.accounts.models import User
from headway.demo import DEMO_PASSWORD, load_demo
from headway.progress.models import Update
from headway.strategy.models import Initiative, Milestone
from tests.demo.dump import demo_counts, demo_dump


class Picture(NamedTuple):
    counts: dict[str, int]
    dump: dict[str, Any]
    history: tuple[int, int, int]


def _picture() -> Picture:
    history = (Initiative.history.count(), Milestone.history.count(), Update.history.count())
    return Picture(demo_counts(), demo_dump(), history)


@pytest.fixture(scope="module")
def two_runs(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[Picture, Picture]]:
    """The database after one run of the demo and after a second."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        first = _picture()
        load_demo()
        yield first, _picture()
        transaction.set_rollback(True)


def test_it_creates_no_duplicates_when_run_twice(two_runs: tuple[Picture, Picture]):
    first, second = two_runs
    assert first.counts["Initiative"] > 0
    assert second.counts == first.counts


def test_it_loads_the_same_data_every_time(two_runs: tuple[Picture, Picture]):
    first, second = two_runs
    assert second.dump == first.dump


def test_it_writes_nothing_when_the_data_is_already_right(two_runs: tuple[Picture, Picture]):
    first, second = two_runs
    assert second.history == first.history


def test_it_puts_back_what_someone_changed_in_the_demo(db: None):
    load_demo()
    original = demo_dump()
    initiative = Initiative.objects.get(external_reference="PAY-001")
    initiative.title = "Renamed in a demo"
    initiative.save()
    initiative.priorities.clear()
    Milestone.objects.filter(initiative=initiative).first().delete()  # type: ignore[union-attr]
    Update.objects.filter(initiative=initiative, period__state="open").update(
        state=Update.State.DRAFT, narrative=""
    )
    load_demo()
    assert demo_dump() == original


def test_it_sets_the_password_it_is_given_each_run(db: None):
    load_demo()
    load_demo("another password")
    user = User.objects.get(username="reviewer")
    assert user.check_password("another password")
    assert not user.check_password(DEMO_PASSWORD)
