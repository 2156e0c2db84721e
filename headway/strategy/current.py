"""Which of an organisation's strategies is the current one."""

from __future__ import annotations

from datetime import date

from headway import clock
from headway.lib.fy import FinancialYear
from headway.strategy.models import Organisation, Strategy


def current_strategy(organisation: Organisation, today: date | None = None) -> Strategy | None:
    """The strategy covering this financial year.

    Between strategies (the old one ended, the next not yet agreed) the one that ended most
    recently is still the one being delivered; before the first starts, the first.
    """
    year = FinancialYear.of(today or clock.today()).start
    strategies = list(Strategy.objects.filter(organisation=organisation))
    running = [s for s in strategies if s.first_year <= year <= s.last_year]
    if running:
        return max(running, key=lambda s: (s.first_year, s.pk))
    past = [s for s in strategies if s.last_year < year]
    if past:
        return max(past, key=lambda s: (s.last_year, s.first_year, s.pk))
    return min(strategies, key=lambda s: (s.first_year, s.pk), default=None)
