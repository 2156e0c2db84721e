"""Every demo record obeys the models' own rules, so the demo proves them."""

from django.db import models

from headway.accounts.models import Membership, User
from headway.demo import DemoSummary
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.strategy.models import (
    Initiative,
    Milestone,
    Organisation,
    Partner,
    Priority,
    Service,
    Strategy,
    StrategyEvent,
)

MODELS: list[type[models.Model]] = [
    Organisation,
    Partner,
    Service,
    Strategy,
    Priority,
    StrategyEvent,
    Initiative,
    Milestone,
    StatusValue,
    ReportingPeriod,
    Update,
    User,
    Membership,
]


def test_every_demo_record_passes_full_clean(demo: DemoSummary, db: None):
    checked = 0
    for model in MODELS:
        for record in model._default_manager.all():
            if isinstance(record, Update) and record.period.state == ReportingPeriod.State.CLOSED:
                # A closed period refuses any change; check the content as it was written.
                record.period.state = ReportingPeriod.State.OPEN
            record.full_clean()
            checked += 1
    assert checked > 400


def test_every_amber_or_red_return_says_what_is_being_done(demo: DemoSummary, db: None):
    at_risk = Update.objects.filter(status__needs_mitigation=True)
    assert at_risk.exists()
    assert not at_risk.filter(risks="").exists()
