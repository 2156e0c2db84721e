"""`headway generate` adds organisations whose data keeps the models' rules and whose pages
open, the same every time for the same seed."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from headway import clock
from headway.accounts.models import User
from headway.lib.fy import Quarter, span_label
from headway.progress.models import LatestStatus, ReportingPeriod, Update
from headway.progress.models.latest import latest_rows
from headway.roadmap.models import ChangeRequest, MapVersion
from headway.scale.generate import generate
from headway.scale.portfolio import Context, build_rows
from headway.strategy.models import Initiative, Milestone, Organisation
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_it_adds_organisations_with_every_kind_of_record() -> None:
    result = generate(2, 30, 3, seed=7)
    assert result.counts["organisations"] == 2
    assert result.counts["initiatives"] == 60
    assert result.counts["returns"] == 60 * 3
    first = Organisation.objects.get(pk=result.organisations[0].id)
    assert first.initiatives.count() == 30
    assert set(first.initiatives.values_list("kind", flat=True)) == set(Initiative.Kind.values)
    periods = list(ReportingPeriod.objects.filter(organisation=first).order_by("year", "quarter"))
    assert [p.state for p in periods] == ["closed", "closed", "open"]
    assert periods[-1].as_quarter == Quarter.of(clock.today()).previous()
    open_states = Counter((u.state, u.progress) for u in Update.objects.filter(period=periods[-1]))
    for state, progress in [
        ("approved", "approved"),
        ("submitted", "submitted"),
        ("returned", "returned"),
        ("draft", "in_progress"),
        ("draft", "not_started"),
    ]:
        assert open_states[(state, progress)] >= 1, (state, progress)
    assert MapVersion.objects.filter(organisation=first).count() == 2
    assert ChangeRequest.objects.filter(organisation=first, state="consulting").count() == 1
    roles = set(first.memberships.values_list("role", flat=True))
    assert roles == {"administrator", "reviewer", "viewer", "partner_contact", "service_lead"}
    assert User.objects.get(username=result.organisations[0].administrator).check_password(
        result.password
    )


def test_its_records_keep_the_models_rules() -> None:
    result = generate(1, 30, 3, seed=8)
    organisation = Organisation.objects.get(pk=result.organisations[0].id)
    for initiative in Initiative.objects.filter(organisation=organisation):
        initiative.full_clean()
        assert initiative.priorities.exists()
    for milestone in Milestone.objects.filter(initiative__organisation=organisation):
        milestone.full_clean()
    for update in Update.objects.filter(period__organisation=organisation).select_related(
        "status", "initiative", "period"
    ):
        assert update.problems(submitting=update.state != "draft") == {}, update.pk
        assert update.initiative.organisation_id == update.period.organisation_id
        if update.state in ("approved", "returned"):
            assert update.reviewed_by_id and update.reviewed_at
        if update.previous_id:
            assert Update.objects.get(pk=update.previous_id).state == "approved"


def test_its_pages_open_for_the_administrator_and_a_service_lead() -> None:
    result = generate(2, 30, 3, seed=9)
    generated = result.organisations[0]
    organisation = Organisation.objects.get(pk=generated.id)
    period = ReportingPeriod.objects.get(organisation=organisation, state="open")
    initiative = Initiative.objects.filter(organisation=organisation).first()
    assert initiative is not None
    draft = Update.objects.filter(period=period).first()
    assert draft is not None
    year = period.as_quarter.financial_year
    pages = [
        reverse("portfolio"),
        reverse("initiative", args=[initiative.pk]),
        reverse("progress:dashboard"),
        reverse("progress:my_returns"),
        reverse("progress:review_queue"),
        reverse("progress:return", args=[draft.pk]),
        reverse("roadmap:road_map", args=[year.label]),
        reverse("roadmap:priority_map", args=[span_label(year.start, year.start + 1)]),
        reverse("roadmap:versions"),
        reverse("roadmap:change_requests"),
        reverse("strategy"),
    ]
    for username in (generated.administrator, generated.service_lead):
        client = signed_in(User.objects.get(username=username))
        for path in pages:
            response = client.get(path)
            assert response.status_code in (200, 403), f"{path} for {username}"


def test_the_same_seed_gives_the_same_rows() -> None:
    quarters = (Quarter(2025, 3), Quarter(2025, 4))
    context = Context(
        organisation_id=1,
        service_ids=(1, 2),
        service_codes=("FIN", "HR"),
        lead_ids=(10, 11),
        priority_ids=(1, 2, 3),
        partner_ids=(1, 2),
        reviewer_id=12,
        period_ids=(1, 2),
        quarters=quarters,
        deadlines=(date(2026, 1, 14), date(2026, 4, 14)),
        status_ids={"blue": 1, "green": 2, "amber": 3, "red": 4},
        today=date(2026, 5, 1),
    )

    def rows(seed: str) -> Any:
        return build_rows(
            random.Random(seed), context, 20, list(range(20)), list(range(100)), list(range(40))
        )

    assert rows("1-1") == rows("1-1")
    assert rows("1-1").updates != rows("1-2").updates


def test_a_second_run_with_the_same_seed_is_refused() -> None:
    call_command("generate", "--organisations=1", "--initiatives=3", "--quarters=1", "--seed=4")
    with pytest.raises(CommandError, match="already exist"):
        call_command("generate", "--organisations=1", "--initiatives=3", "--quarters=1", "--seed=4")


def test_it_keeps_each_initiatives_latest_approved_status() -> None:
    """COPY bypasses the models' writes, so generate recomputes the kept status afterwards."""
    generate(1, 30, 3, seed=9)
    fields = ("initiative_id", "status_id", "period_id", "update_id")
    kept = sorted(LatestStatus.objects.values_list(*fields))
    assert kept
    assert kept == sorted(tuple(row[f] for f in fields) for row in latest_rows(Update, None))
