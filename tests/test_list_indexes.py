"""The main list queries are served by indexes on PostgreSQL: the portfolio's page of a
priority, the task list, the review queue and the API's first page of returns.

Each page's query is taken as the page ran it and explained with sequential scans priced out
(``enable_seqscan = off``): a table no index serves is still scanned, and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.accounts.models import User
from headway.strategy.models import Organisation, Service
from tests.conftest import signed_in
from tests.progress.test_page_queries import fill, setting  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="Query plans are checked on PostgreSQL (DATABASE_URL=postgres://...).",
    ),
    pytest.mark.django_db,
]


def plan_of(user: User, path: str, picks: Callable[[str], bool]) -> str:
    """The plan of the one query the page ran that ``picks`` chooses."""
    with CaptureQueriesContext(connection) as queries:
        assert signed_in(user).get(path).status_code == 200
    chosen = [q["sql"] for q in queries.captured_queries if picks(q["sql"])]
    assert len(chosen) == 1, chosen
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + chosen[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan


def _page_of(table: str) -> Callable[[str], bool]:
    return lambda sql: sql.startswith("SELECT") and f'FROM "{table}"' in sql and "LIMIT" in sql


@pytest.fixture
def filled(org: Organisation, service: Service, setting: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    fill(org, service, setting, 100)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return setting


def test_the_portfolio_page_of_a_priority(viewer: User, filled: dict[str, Any]) -> None:
    priority = filled["priorities"][0]
    plan = plan_of(
        viewer, f"{reverse('portfolio')}?priority={priority.pk}", _page_of("strategy_initiative")
    )
    print(plan)
    assert "Seq Scan" not in plan
    assert "initiative_org_title" in plan or "strategy_initiative_priorities" in plan


def test_the_task_list(admin_user: User, filled: dict[str, Any]) -> None:
    plan = plan_of(admin_user, reverse("progress:my_returns"), _page_of("progress_update"))
    print(plan)
    assert "Seq Scan" not in plan


def test_the_review_queue(reviewer: User, filled: dict[str, Any]) -> None:
    plan = plan_of(reviewer, reverse("progress:review_queue"), _page_of("progress_update"))
    print(plan)
    assert "Seq Scan" not in plan
    assert "update_queue" in plan


def test_the_api_s_first_page_of_returns(admin_user: User, filled: dict[str, Any]) -> None:
    plan = plan_of(admin_user, "/api/v1/updates/", _page_of("progress_update"))
    print(plan)
    assert "Seq Scan" not in plan
    assert "progress_update_pkey" in plan
