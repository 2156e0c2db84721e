"""Headway's one clock: what "today" and "now" are, for every rule and page.

The demo tells the story of oneSource's 2021-22 Q3, so ``headway demo`` sets ``DEMO_DATE``
to a day in that quarter's calendar; everything that asks what day it is asks here, so the
whole product agrees on it ("due in 4 days", not "1787 days late"). A live site never has
it: the setting is refused with ``DEBUG`` off, here as well as in the settings.

Ask here for the day a rule or page works with (deadlines, "late", "this year", default
dates) and for the moment a domain event happens that people read beside those dates
(submitted, reviewed, proposed, decided, approved, published). The machinery's own
bookkeeping keeps real time: audit history, token use, upload expiry, pack runs, task
schedules.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


def simulated_date() -> dt.date | None:
    """The demo's date, or None when Headway runs on the real calendar."""
    day: dt.date | None = getattr(settings, "DEMO_DATE", None)
    if day is not None and not settings.DEBUG:
        raise ImproperlyConfigured(
            "DEMO_DATE is set but DEBUG is off: a simulated date is for the demo only. "
            "Unset DEMO_DATE."
        )
    return day


def today() -> dt.date:
    """Today's date in the site's time zone (the demo's date, in the demo)."""
    day = simulated_date()
    return day if day is not None else timezone.localdate()


def now() -> dt.datetime:
    """The current moment, aware; in the demo, the current time of day on the demo's date."""
    real = timezone.now()
    day = simulated_date()
    if day is None:
        return real
    local = timezone.localtime(real)
    return timezone.make_aware(dt.datetime.combine(day, local.time()))
