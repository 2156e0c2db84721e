"""The service navigation: the few areas of Headway a member works in, and the pages of each.

The header lists the areas the person's role may use (Portfolio, Returns, Maps, Reports,
Measures, Search, Settings) and marks the one they are in; inside an area with more than one
page, a row of links under the header lists its pages. Every page is two clicks away at most.
Settings lists its pages on its own first page, so it has no row. A feature adds its page to an
area's ``sections`` (one line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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

    def shown_to(self, membership: Membership) -> bool:
        return (not self.roles or membership.role in self.roles) and (
            self.shown is None or self.shown(membership)
        )

    def holds(self, here: str | None) -> bool:
        return here in (self.url_name, *self.url_names)


@dataclass(frozen=True)
class Area:
    """A top-level item of the navigation: its sections, the first shown being where it leads."""

    label: str
    sections: tuple[Section, ...]
    # Its first page lists the others (Settings), so it needs no row of links under the header.
    lists_its_pages: bool = False
    # Pages that belong to the area without being one of its sections (Settings' own pages).
    url_names: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class Navigation:
    """What the header shows a member: the areas, and the pages of the area they are in."""

    areas: list[NavItem] = field(default_factory=list)
    # The area the page is in, when it has more than one page to list under the header.
    area: str = ""
    pages: list[NavItem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.areas)


PORTFOLIO = Area(
    "Portfolio",
    (
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
    ),
)
RETURNS = Area(
    "Returns",
    (
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
            url_names=("progress:period_dashboard", "coverage:coverage"),
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
                "progress:period_deadline",
            ),
            roles=(Role.ADMINISTRATOR,),
        ),
    ),
)
MAPS = Area(
    "Maps",
    (
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
            "Consultations",
            "roadmap:consultations",
            url_names=("roadmap:consultation",),
            roles=(Role.PARTNER_CONTACT,),
        ),
    ),
)
REPORTS = Area(
    "Reports",
    (
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
    ),
)
MEASURES = Area(
    "Measures",
    (
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
    ),
)
SEARCH = Area("Search", (Section("Search", "search:search"),))
SETTINGS = Area(
    "Settings",
    (
        Section("Settings", "organisation:settings", roles=(Role.ADMINISTRATOR,)),
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
    ),
    lists_its_pages=True,
    url_names=(
        "branding",
        *(f"audit:{name}" for name in ("record", "entry", "retention")),
        *(f"people:{name}" for name in ("people", "invite", "person", "change_role")),
        *(f"people:{name}" for name in ("deactivate", "reactivate", "send_again")),
        *(f"people:{name}" for name in ("reset_second_step", "sign_in")),
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
)
AREAS: list[Area] = [PORTFOLIO, RETURNS, MAPS, REPORTS, MEASURES, SEARCH, SETTINGS]


def navigation(request: HttpRequest, membership: Membership | None) -> Navigation:
    if membership is None:
        return Navigation()
    match = getattr(request, "resolver_match", None)
    # The namespaced name ("progress:my_returns"), as sections name their pages.
    here = match.view_name if match else None
    areas, area_label, pages = [], "", []
    for area in AREAS:
        shown = [section for section in area.sections if section.shown_to(membership)]
        if not shown:
            continue
        first = shown[0]
        inside = here in area.url_names or any(section.holds(here) for section in shown)
        # The row under the header marks the page itself; the header marks its area.
        listed = len(shown) > 1 and not area.lists_its_pages
        # An area with one page for this person is named after that page ("Your updates").
        areas.append(
            NavItem(
                label=area.label if len(shown) > 1 else first.label,
                url_name=first.url_name,
                href=reverse(first.url_name),
                active=inside,
                current=here == first.url_name and not listed,
            )
        )
        if inside and listed:
            area_label = area.label
            pages = [
                NavItem(
                    label=section.label,
                    url_name=section.url_name,
                    href=reverse(section.url_name),
                    active=section.holds(here),
                    current=here == section.url_name,
                )
                for section in shown
            ]
    return Navigation(areas=areas, area=area_label, pages=pages)
