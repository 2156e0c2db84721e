"""The service navigation: the sections of Headway a member can go to.

A feature adds its section to ``SECTIONS`` (one line); the header shows the sections the
person's role may use and marks the one they are in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from headway.accounts.access import STAFF_ROLES
from headway.accounts.models import Membership, Role


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    # The pages (URL names, with any namespace) inside the section, so it is marked while
    # you are on them.
    url_names: tuple[str, ...] = ()
    # The roles that see the section; empty means every member.
    roles: tuple[str, ...] = ()


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
]


def navigation(request: HttpRequest, membership: Membership | None) -> list[NavItem]:
    if membership is None:
        return []
    match = getattr(request, "resolver_match", None)
    # The full name, with its app's namespace: ``roadmap:road_map``.
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
        if not section.roles or membership.role in section.roles
    ]
