"""One clock for the whole product: the real calendar, or the demo's simulated date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from headway import clock
from tests.test_settings import load_settings

DEMO_DAY = dt.date(2022, 2, 18)
HEADWAY = Path(__file__).resolve().parent.parent / "headway"

# Where the real clock is still read, and why: the machinery's own bookkeeping, which must
# keep real time even in the demo.
REAL_TIME = {
    "clock.py": "the clock itself",
    "api/tokens.py": "when a token was used or revoked",
    "api/admin.py": "when the operator revoked a token",
    "committee/packs.py": "when a pack's generation finished",
    "committee/publication.py": "how long ago a pack failed, to retry it",
    "dataio/models.py": "when an uploaded file expires",
    "dataio/uploads.py": "when an upload was applied",
    "dataio/bulk.py": "audit history of bulk writes",
    "dataio/portfolio_apply.py": "audit history of an import",
    "progress/tasks.py": "when the daily reminders task next runs",
    "backups/archive.py": "when a backup was written",
    "health.py": "how long the oldest task has waited for a worker",
    "audit/retention.py": "how old an audit entry is, to prune it",
}
CLOCK_CALL = re.compile(
    r"timezone\.(now|localdate|localtime)\(\)|date\.today\(\)|datetime\.(now|today|utcnow)\("
)


def test_it_reads_the_real_calendar_when_no_date_is_simulated(settings: Any) -> None:
    settings.DEMO_DATE = None

    assert clock.today() == timezone.localdate()
    assert abs(clock.now() - timezone.now()) < dt.timedelta(seconds=5)
    assert clock.simulated_date() is None


def test_it_reads_the_simulated_date_in_the_demo(settings: Any) -> None:
    settings.DEBUG = True
    settings.DEMO_DATE = DEMO_DAY

    moment = clock.now()

    assert clock.today() == DEMO_DAY
    assert timezone.is_aware(moment)
    assert timezone.localdate(moment) == DEMO_DAY
    expected = timezone.make_aware(dt.datetime.combine(DEMO_DAY, timezone.localtime().time()))
    assert abs(moment - expected) < dt.timedelta(seconds=5)  # the time of day is real


def test_it_refuses_a_simulated_date_with_debug_off(settings: Any) -> None:
    settings.DEBUG = False
    settings.DEMO_DATE = DEMO_DAY

    with pytest.raises(ImproperlyConfigured, match="DEMO_DATE"):
        clock.today()


def test_the_settings_refuse_a_simulated_date_with_debug_off() -> None:
    refused = load_settings(DEBUG="false", SECRET_KEY="x" * 50, DEMO_DATE="2022-02-18")
    debug = load_settings(DEBUG="true", DEMO_DATE="2022-02-18")
    unreadable = load_settings(DEBUG="true", DEMO_DATE="18/02/2022")

    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "DEMO_DATE" in refused.stderr
    assert debug.returncode == 0, debug.stderr
    assert unreadable.returncode != 0 and "YYYY-MM-DD" in unreadable.stderr


def test_every_today_in_the_product_reads_the_one_clock() -> None:
    strays = []
    for path in sorted(HEADWAY.rglob("*.py")):
        name = path.relative_to(HEADWAY).as_posix()
        if "/migrations/" in name or name in REAL_TIME:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if CLOCK_CALL.search(line):
                strays.append(f"{name}:{number}: {line.strip()}")
    assert strays == [], "Read today and now through headway.clock:\n" + "\n".join(strays)


def test_the_real_time_exceptions_are_still_needed() -> None:
    for name in REAL_TIME:
        assert CLOCK_CALL.search((HEADWAY / name).read_text()), name
