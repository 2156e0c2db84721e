"""The table of every API endpoint and what each caller gets from it.

Anonymous callers get 401; a member whose role may not act gets 403; a token of the other
organisation finds nothing of this one's (404, or an empty list).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rest_framework.test import APIClient

from headway.accounts.models import Role
from headway.indicators.models import Figure, Measure, Target
from tests.api.conftest import World, today

MEMBERS = {
    "admin": Role.ADMINISTRATOR,
    "reviewer": Role.REVIEWER,
    "lead": Role.SERVICE_LEAD,
    "partner": Role.PARTNER_CONTACT,
    "viewer": Role.VIEWER,
}
CALLERS = [*MEMBERS, "anonymous", "outsider"]
STAFF = {"admin", "reviewer"}


@dataclass(frozen=True)
class Case:
    route: str
    method: str
    path: Callable[[World], str]
    # Who gets what; members not named get `others`.
    allowed: dict[str, int] = field(default_factory=dict)
    others: int = 403
    outsider: int = 404
    body: Callable[[World], dict[str, Any]] | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}"


def read_all(route: str, path: Callable[[World], str], list_view: bool = False) -> Case:
    return Case(
        route,
        "GET",
        path,
        allowed=dict.fromkeys(MEMBERS, 200),
        outsider=200 if list_view else 404,
    )


def read_staff(route: str, path: Callable[[World], str]) -> Case:
    """Drafts: administrators and reviewers see them; to others they do not exist."""
    return Case(route, "GET", path, allowed=dict.fromkeys(STAFF, 200), others=404)


def read_some(route: str, path: Callable[[World], str], readers: set[str]) -> Case:
    """Only some members may read it; to the others it does not exist."""
    return Case(route, "GET", path, allowed=dict.fromkeys(readers, 200), others=404)


def staff_write(
    route: str, method: str, path: Callable[[World], str], body: Any, code: int = 200
) -> Case:
    return Case(route, method, path, allowed=dict.fromkeys(STAFF, code), body=body)


V1 = "/api/v1"


def measure(w: World) -> Measure:
    """A measure of the lead's service, reported for the partner contact's council, with a
    target, the council's figure submitted and the whole service's approved."""
    found, made = Measure.objects.get_or_create(
        organisation=w.org,
        reference="FIN-PI-01",
        defaults={"name": "Invoices paid within 30 days", "service": w.service},
    )
    if made:
        found.partners.set([w.partner])
        Target.objects.create(measure=found, year=w.period.year, value=95)
        Figure.objects.create(
            measure=found, period=w.period, partner=w.partner, value=90, state="submitted"
        )
        Figure.objects.create(measure=found, period=w.period, value=96, state="approved")
    return found


def figure(w: World, approved: bool) -> Figure:
    found = measure(w).figures.get(partner__isnull=approved)
    return found


CASES = [
    read_all("strategy-list", lambda w: f"{V1}/strategies/", list_view=True),
    read_all(
        "strategy-detail", lambda w: f"{V1}/strategies/{w.initiative.priorities.get().strategy_id}/"
    ),
    read_all("priority-list", lambda w: f"{V1}/priorities/", list_view=True),
    read_all("priority-detail", lambda w: f"{V1}/priorities/{w.initiative.priorities.get().pk}/"),
    read_all("service-list", lambda w: f"{V1}/services/", list_view=True),
    read_all("service-detail", lambda w: f"{V1}/services/{w.service.pk}/"),
    read_all("partner-list", lambda w: f"{V1}/partners/", list_view=True),
    read_all("partner-detail", lambda w: f"{V1}/partners/{w.partner.pk}/"),
    read_all("initiative-list", lambda w: f"{V1}/initiatives/", list_view=True),
    read_all("initiative-detail", lambda w: f"{V1}/initiatives/{w.initiative.pk}/"),
    read_all("milestone-list", lambda w: f"{V1}/milestones/", list_view=True),
    read_all("milestone-detail", lambda w: f"{V1}/milestones/{w.milestone.pk}/"),
    read_all("status-list", lambda w: f"{V1}/statuses/", list_view=True),
    read_all("status-detail", lambda w: f"{V1}/statuses/green/"),
    read_all("period-list", lambda w: f"{V1}/periods/", list_view=True),
    read_all("period-detail", lambda w: f"{V1}/periods/{w.period.pk}/"),
    read_all("update-list", lambda w: f"{V1}/updates/", list_view=True),
    read_all("update-detail", lambda w: f"{V1}/updates/{w.closed_return.pk}/"),
    # A draft is for those who write and review returns, not partner contacts and viewers.
    read_some("update-detail", lambda w: f"{V1}/updates/{w.draft.pk}/", STAFF | {"lead"}),
    Case(
        "update-list",
        "POST",
        lambda w: f"{V1}/updates/",
        allowed={"admin": 201, "lead": 201},
        outsider=400,  # The initiative is not one of theirs: "choose one of yours".
        body=lambda w: {"initiative": w.new_initiative.pk, "narrative": "Started."},
    ),
    Case(
        "update-detail",
        "PATCH",
        lambda w: f"{V1}/updates/{w.draft.pk}/",
        # A reviewer reads the draft but may not write it; to partner contacts and viewers,
        # who read approved returns only, it does not exist.
        allowed={"admin": 200, "lead": 200, "reviewer": 403},
        others=404,
        body=lambda w: {"expected_version": w.draft.version, "narrative": "Going well."},
    ),
    staff_write(
        "update-approve", "POST", lambda w: f"{V1}/updates/{w.submitted.pk}/approve/", lambda w: {}
    ),
    staff_write(
        "update-return",
        "POST",
        lambda w: f"{V1}/updates/{w.submitted.pk}/return/",
        lambda w: {"comment": "Say what the risks are."},
    ),
    read_all("change-request-list", lambda w: f"{V1}/change-requests/", list_view=True),
    # Under consultation: for staff and the councils consulted; agreed, it is for everyone.
    read_some(
        "change-request-detail",
        lambda w: f"{V1}/change-requests/{w.change.pk}/",
        STAFF | {"partner"},
    ),
    read_staff("change-request-detail", lambda w: f"{V1}/change-requests/{w.draft_change.pk}/"),
    Case(
        "change-request-list",
        "POST",
        lambda w: f"{V1}/change-requests/",
        allowed=dict.fromkeys(STAFF, 201),
        outsider=400,
        body=lambda w: {
            "kind": "reschedule",
            "initiative": w.new_initiative.pk,
            "rationale": "Staff are on the payroll project until June.",
            "proposed": {"start_quarter": "2022-23 Q1", "end_quarter": "2022-23 Q4"},
        },
    ),
    staff_write(
        "change-request-detail",
        "PATCH",
        lambda w: f"{V1}/change-requests/{w.draft_change.pk}/",
        lambda w: {"rationale": "Funding moved to the network refresh."},
    ),
    staff_write(
        "change-request-consult",
        "POST",
        lambda w: f"{V1}/change-requests/{w.draft_change.pk}/consult/",
        lambda w: {"closes_on": str(today().replace(year=today().year + 1))},
    ),
    staff_write(
        "change-request-withdraw",
        "POST",
        lambda w: f"{V1}/change-requests/{w.change.pk}/withdraw/",
        lambda w: {},
    ),
    staff_write(
        "change-request-decide",
        "POST",
        lambda w: f"{V1}/change-requests/{w.change.pk}/decide/",
        lambda w: {"outcome": "rejected", "decided_on": str(today())},
    ),
    read_all("consultation-list", lambda w: f"{V1}/consultations/", list_view=True),
    read_some(
        "consultation-detail",
        lambda w: f"{V1}/consultations/{w.consultation.pk}/",
        STAFF | {"partner"},
    ),
    Case(
        "consultation-answer",
        "POST",
        lambda w: f"{V1}/consultations/{w.consultation.pk}/answer/",
        allowed={"partner": 200},
        outsider=403,  # An administrator elsewhere: the role is refused before the lookup.
        body=lambda w: {"response": "supports"},
    ),
    read_all("report-list", lambda w: f"{V1}/reports/", list_view=True),
    read_all("report-detail", lambda w: f"{V1}/reports/{w.published.pk}/"),
    read_staff("report-detail", lambda w: f"{V1}/reports/{w.draft_report.pk}/"),
    read_all("pack-list", lambda w: f"{V1}/packs/", list_view=True),
    read_all("pack-detail", lambda w: f"{V1}/packs/{w.pack.pk}/"),
    read_all("pack-file", lambda w: f"{V1}/packs/{w.pack.pk}/files/data.json/"),
    read_all("measure-list", lambda w: f"{V1}/measures/", list_view=True),
    read_all("measure-detail", lambda w: f"{V1}/measures/{measure(w).pk}/"),
    read_all("measure-readings", lambda w: f"{V1}/measures/{measure(w).pk}/readings/"),
    read_all("figure-list", lambda w: f"{V1}/figures/", list_view=True),
    read_all("figure-detail", lambda w: f"{V1}/figures/{figure(w, approved=True).pk}/"),
    # A submitted figure is for those who write and review figures, as a return is.
    read_some(
        "figure-detail", lambda w: f"{V1}/figures/{figure(w, approved=False).pk}/", STAFF | {"lead"}
    ),
    Case(
        "figure-list",
        "POST",
        lambda w: f"{V1}/figures/",
        allowed={"admin": 200, "lead": 200},
        outsider=400,  # The measure is not one of theirs: "choose one of yours".
        body=lambda w: {"measure": measure(w).pk, "partner": w.partner.pk, "value": "97"},
    ),
    staff_write(
        "figure-approve",
        "POST",
        lambda w: f"{V1}/figures/{figure(w, approved=False).pk}/approve/",
        lambda w: {},
    ),
    staff_write(
        "figure-return",
        "POST",
        lambda w: f"{V1}/figures/{figure(w, approved=False).pk}/return/",
        lambda w: {"comment": "Check the December invoices."},
    ),
    staff_write(
        "figure-correct",
        "POST",
        lambda w: f"{V1}/figures/{figure(w, approved=True).pk}/correct/",
        lambda w: {"value": "96.5", "reason": "A late batch was found."},
    ),
]
PUBLIC = [f"{V1}/schema/", f"{V1}/docs/"]


READS = [case for case in CASES if case.method == "GET"]
WRITES = [case for case in CASES if case.method != "GET"]


def expected(case: Case, caller: str) -> int:
    if caller == "anonymous":
        return 401
    if caller == "outsider":
        return case.outsider
    return case.allowed.get(caller, case.others)


def call(client: APIClient, case: Case, world: World) -> Any:
    body = case.body(world) if case.body else None
    return client.generic(
        case.method,
        case.path(world),
        data="" if body is None else json.dumps(body),
        content_type="application/json",
    )


def check(response: Any, case: Case, caller: str) -> None:
    assert response.status_code == expected(case, caller), response.content
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == response.status_code
    else:
        assert response["Content-Type"].split(";")[0] == "application/json"
    if caller == "outsider" and case.outsider == 200:
        assert response.json()["count"] == 0, "the other organisation's list must be empty"
