"""An administrator keeps the log of organisational changes on its own page, and the report
for the quarter a change falls in says it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.drafting import draft_report
from headway.organisation.models import OrganisationalChange
from headway.strategy.models import Organisation, StrategyEvent
from tests.conftest import signed_in
from tests.factories import (
    CommitteeFactory,
    MeetingFactory,
    ReportFactory,
    ReportingPeriodFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

TEXT = "The Executive Director has left, and an interim reporting structure is in place."


def record(client: Client, **fields: Any) -> Any:
    data = {
        "date-day": "1",
        "date-month": "11",
        "date-year": "2021",
        "kind": OrganisationalChange.Kind.INTERIM,
        "text": TEXT,
    }
    data.update(fields)
    return client.post(reverse("organisation:add_change"), data)


def progress_of(org: Organisation) -> list[str]:
    StrategyFactory.create(organisation=org)
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))
    report = draft_report(ReportFactory.create(meeting=meeting, period=period))
    section = report.sections.get(key="progress")
    return [p.text for p in section.paragraphs.order_by("position")]


def test_a_recorded_change_is_listed_under_its_quarter(admin_user: User) -> None:
    client = signed_in(admin_user)

    response = record(client)

    assert response.status_code == 302
    change = OrganisationalChange.objects.get()
    assert (change.date, change.recorded_by) == (date(2021, 11, 1), admin_user)
    page = client.get(reverse("organisation:changes")).content.decode()
    assert "2021-22 Q3" in page and TEXT in page


def test_the_quarters_report_drafts_its_paragraph_on_change_from_the_log(
    admin_user: User, org: Organisation
) -> None:
    record(signed_in(admin_user))
    record(signed_in(admin_user), **{"date-year": "2022", "text": "Next year's change."})

    progress = progress_of(org)

    assert TEXT in progress
    assert "Next year's change." not in progress


def test_the_strategys_events_no_longer_hold_organisational_changes() -> None:
    assert "organisational_change" not in StrategyEvent.Kind.values


def test_it_says_what_to_fix(admin_user: User) -> None:
    response = record(
        signed_in(admin_user), **{"date-month": "13", "text": "  ", "kind": "not-a-kind"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter what changed, as the report should say it" in page
    assert "Choose what kind of change it is" in page
    assert "Date must be a real date" in page
    assert not OrganisationalChange.objects.exists()


def test_correcting_a_change_keeps_its_history(admin_user: User, org: Organisation) -> None:
    client = signed_in(admin_user)
    record(client)
    change = OrganisationalChange.objects.get()

    client.post(
        reverse("organisation:edit_change", args=[change.pk]),
        {
            "date-day": "2",
            "date-month": "11",
            "date-year": "2021",
            "kind": OrganisationalChange.Kind.LEADERSHIP,
            "text": "Corrected.",
        },
    )

    change.refresh_from_db()
    assert (change.date, change.text) == (date(2021, 11, 2), "Corrected.")
    assert [h.text for h in change.history.order_by("history_id")] == [TEXT, "Corrected."]


def test_removing_a_change_takes_it_out_of_the_next_draft(
    admin_user: User, org: Organisation
) -> None:
    client = signed_in(admin_user)
    record(client)
    change = OrganisationalChange.objects.get()

    client.post(reverse("organisation:remove_change", args=[change.pk]))

    assert not OrganisationalChange.objects.exists()
    assert TEXT not in progress_of(org)


def test_the_other_organisation_cannot_correct_or_remove_our_changes(
    admin_user: User, outsider: User
) -> None:
    record(signed_in(admin_user))
    change = OrganisationalChange.objects.get()
    theirs = signed_in(outsider)

    assert theirs.post(reverse("organisation:remove_change", args=[change.pk])).status_code == 404
    assert TEXT not in theirs.get(reverse("organisation:changes")).content.decode()
    assert OrganisationalChange.objects.filter(pk=change.pk).exists()
