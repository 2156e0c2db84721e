"""What every page needs to know about the person looking at it."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.http import HttpRequest

from headway import clock
from headway.accounts.access import current_membership
from headway.navigation import navigation


def headway(request: HttpRequest) -> dict[str, object]:
    """The membership the person works under, their navigation and any messages for them.

    Jinja pages get these as ``membership``, ``navigation`` and ``messages`` (and
    ``simulated_today``, the demo's date); views must not use those names for anything else.
    """
    membership = current_membership(request)
    return {
        "membership": membership,
        "navigation": navigation(request, membership),
        "messages": get_messages(request),
        "simulated_today": clock.simulated_date(),
    }
