"""Two people press save at the same moment: the database, not luck, decides who is first.

These run real concurrent transactions, so they need PostgreSQL (SQLite serialises all
writes and has no row locks to test).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections

from headway.accounts.models import Membership, Role
from headway.progress.errors import EditConflict
from headway.progress.models import Reminder, ReportingPeriod, Update
from headway.progress.reminders import plan_reminders, send_planned
from headway.progress.returns import save_return
from headway.strategy.models import Organisation
from tests.factories import UserFactory
from tests.progress.conftest import good_changes

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="Row locks are tested on PostgreSQL (DATABASE_URL=postgres://...).",
    ),
    pytest.mark.django_db(transaction=True),
]


def at_once(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads released together; return each result or exception."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = action()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_one_save_wins_and_the_other_is_told(
    draft: Update, org: Organisation, as_lead: Membership
) -> None:
    colleague = Membership.objects.create(
        user=UserFactory.create(username="colleague"), organisation=org, role=Role.SERVICE_LEAD
    )
    colleague.services.set(as_lead.services.all())
    version = draft.version

    results = at_once(
        lambda: save_return(draft, good_changes(org, narrative="Mine."), version, as_lead, True),
        lambda: save_return(
            draft, good_changes(org, narrative="Theirs."), version, colleague, True
        ),
    )

    saved = [r for r in results if isinstance(r, Update)]
    conflicts = [r for r in results if isinstance(r, EditConflict)]
    assert (len(saved), len(conflicts)) == (1, 1), results
    assert Update.objects.get(pk=draft.pk).narrative == saved[0].narrative
    assert Update.objects.get(pk=draft.pk).version == version + 1


def test_two_reminder_runs_at_once_send_one_email(
    draft: Update, period: ReportingPeriod, as_lead: Membership
) -> None:
    assert period.deadline is not None
    plans = plan_reminders(period.deadline - dt.timedelta(days=period.remind_days_before))
    assert len(plans) == 1

    results = at_once(lambda: send_planned(plans), lambda: send_planned(plans))

    assert sorted(len(sent) for sent in results) == [0, 1], results
    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == 1
