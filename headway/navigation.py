"""The service navigation: the sections of Headway a member can go to.

A feature adds its section to ``SECTIONS`` (one line); the header shows the sections the
person's role may use and marks the one they are in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from headway.accounts.access import STAFF_ROLES
from headway.accounts.models import Membership, Role
from headway.api.tokens import may_see_tokens_page
from headway.committee import permissions as committee_permissions


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    # The pages (URL names, with their namespace) inside the section, so it is marked while
    # you are on them.
    url_names: tuple[str, ...] = ()
    # The roles that see the section; empty means every member.
    roles: tuple[str, ...] = ()
    # A further rule about the member, for a section that depends on more than their role.
    shown: Callable[[Membership], bool] | None = None


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    href: str
    active: bool
    current: bool

    def as_govuk(self) -> dict[str, object]:
        """The item as GOV.UK Frontend's service navigation takes it."""
        return {
            "text": self.label,
            "href": self.href,
            "active": self.active,
            "current": self.current,
        }


SECTIONS: list[Section] = [
    Section("Portfolio", "portfolio", url_names=("portfolio", "initiative")),
    Section(
        "Strategy",
        "strategy",
        url_names=tuple(
            f"strategy_{name}"
            for name in (
                "edit",
                "add_event",
                "event",
                "remove_event",
                "priority",
                "retire_priority",
            )
        ),
    ),
    Section(
        "Measures",
        "indicators:measures",
        url_names=tuple(
            f"indicators:{name}"
            for name in (
                "measure",
                "add_measure",
                "edit_measure",
                "add_target",
                "edit_target",
                "remove_target",
                "correct_figure",
            )
        ),
    ),
    Section(
        "Your updates",
        "progress:my_returns",
        url_names=("progress:return", "indicators:figure"),
        roles=(Role.ADMINISTRATOR, Role.SERVICE_LEAD),
    ),
    Section(
        "Review",
        "progress:review_queue",
        url_names=("progress:review", "indicators:review_figure"),
        roles=(Role.ADMINISTRATOR, Role.REVIEWER),
    ),
    Section(
        "Dashboard",
        "progress:dashboard",
        url_names=("progress:period_dashboard",),
        roles=(Role.ADMINISTRATOR, Role.REVIEWER),
    ),
    Section(
        "Periods",
        "progress:periods",
        url_names=(
            "progress:open_period",
            "progress:period",
            "progress:close_period",
            "progress:reopen_period",
        ),
        roles=(Role.ADMINISTRATOR,),
    ),
    Section(
        "Import data",
        "dataio:import_start",
        url_names=(
            "dataio:import_start",
            "dataio:import_upload",
            "dataio:import_preview",
            "dataio:import_confirm",
        ),
        roles=(Role.ADMINISTRATOR,),
    ),
    Section(
        "API tokens",
        "api:tokens",
        url_names=("api:tokens", "api:token-revoke"),
        shown=may_see_tokens_page,
    ),
    Section(
        "Committee reports",
        "committee:reports",
        url_names=tuple(
            f"committee:{name}"
            for name in (
                "report",
                "edit_header",
                "edit_paragraph",
                "remove_paragraph",
                "add_paragraph",
                "pack",
            )
        ),
        roles=committee_permissions.COMPOSE,
    ),
    Section("Published reports", "committee:published"),
    Section("Search", "search:search"),
    Section(
        "Road map",
        "roadmap:road_map_now",
        url_names=("roadmap:road_map", "roadmap:versions", "roadmap:compare_versions"),
    ),
    Section("Priority map", "roadmap:priority_map_now", url_names=("roadmap:priority_map",)),
    Section(
        "Change requests",
        "roadmap:change_requests",
        url_names=(
            "roadmap:propose",
            "roadmap:propose_kind",
            "roadmap:change_request",
            "roadmap:open_consultation",
            "roadmap:withdraw",
            "roadmap:decide",
        ),
        roles=STAFF_ROLES,
    ),
    Section(
        "Settings",
        "organisation:settings",
        url_names=(
            "branding",
            *(f"audit:{name}" for name in ("record", "entry", "retention")),
            *(f"people:{name}" for name in ("people", "invite", "person", "change_role")),
            *(f"people:{name}" for name in ("deactivate", "reactivate")),
            *(
                f"organisation:{name}"
                for name in (
                    "changes",
                    "add_change",
                    "edit_change",
                    "remove_change",
                    "move_service",
                    "merge_services",
                    "services",
                    "add_service",
                    "edit_service",
                    "remove_service",
                    "partners",
                    "add_partner",
                    "edit_partner",
                    "remove_partner",
                    "status_scale",
                    "add_status",
                    "edit_status",
                    "remove_status",
                    "committees",
                    "add_committee",
                    "committee",
                    "edit_committee",
                    "remove_committee",
                    "add_member",
                    "edit_member",
                    "remove_member",
                    "add_meeting",
                    "edit_meeting",
                    "remove_meeting",
                    "report_template",
                )
            ),
        ),
        roles=(Role.ADMINISTRATOR,),
    ),
    Section(
        "Consultations",
        "roadmap:consultations",
        url_names=("roadmap:consultation",),
        roles=(Role.PARTNER_CONTACT,),
    ),
]


def navigation(request: HttpRequest, membership: Membership | None) -> list[NavItem]:
    if membership is None:
        return []
    match = getattr(request, "resolver_match", None)
    # The namespaced name ("progress:my_returns"), as sections name their pages.
    here = match.view_name if match else None
    return [
        NavItem(
            label=section.label,
            url_name=section.url_name,
            href=reverse(section.url_name),
            active=here in (section.url_name, *section.url_names),
            current=here == section.url_name,
        )
        for section in SECTIONS
        if (not section.roles or membership.role in section.roles)
        and (section.shown is None or section.shown(membership))
    ]
