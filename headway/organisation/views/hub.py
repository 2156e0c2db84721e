"""The settings hub: one page linking every setting an administrator keeps."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from headway.accounts.access import member_required
from headway.organisation.views.common import ADMIN


@dataclass(frozen=True)
class Setting:
    title: str
    url_name: str
    description: str


# Each area adds its settings page here (one line): the hub lists them in this order.
SETTINGS = [
    Setting(
        "Strategy",
        "strategy",
        "Vision, framework and priorities, and the history the report's background is "
        "drafted from: when the strategy was presented, paused, reviewed or agreed.",
    ),
    Setting(
        "People", "people:people", "Invite colleagues, change their roles, switch accounts off."
    ),
    Setting(
        "Sign-in",
        "people:sign_in",
        "The councils' accounts people sign in with, and whether they may use a Headway "
        "password too.",
    ),
    Setting(
        "Organisational changes",
        "organisation:changes",
        "Leadership, structure and interim arrangements; move or merge services. The "
        "committee report's paragraph on change this quarter is drafted from them.",
    ),
    Setting(
        "Services", "organisation:services", "The services that own initiatives, and their leads."
    ),
    Setting(
        "Partner councils",
        "organisation:partners",
        "The councils the organisation serves and consults, and their contacts.",
    ),
    Setting(
        "Branding",
        "branding",
        "The colours, logo and slide template the committee pack is made in.",
    ),
    Setting(
        "Committees",
        "organisation:committees",
        "Committees, their members and meetings, and each one's report template: its header "
        "fields and implications sections.",
    ),
    Setting(
        "Audit record",
        "audit:record",
        "Who changed what and when, with the values before and after; sign-ins, role "
        "changes, API tokens, period closes and report approvals. Download it as CSV, and "
        "set how long it is kept.",
    ),
    Setting(
        "Import data",
        "dataio:import_start",
        "Add or update many initiatives, or submit a quarter's returns, from a spreadsheet: "
        "you see what the file will change before anything is saved.",
    ),
    Setting(
        "API tokens",
        "api:tokens",
        "Tokens that let a script or Power BI read Headway's data through its API.",
    ),
]


def available_settings() -> list[tuple[Setting, str]]:
    return [(setting, reverse(setting.url_name)) for setting in SETTINGS]


@require_safe
@member_required(ADMIN)
def settings_hub(request: HttpRequest) -> HttpResponse:
    return render(request, "organisation/settings.html", {"settings": available_settings()})
