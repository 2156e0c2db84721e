"""A figure's exception note is found by its words, as its measure's, by those who may read
the figure, filtered by its measure's priority and service, and opens the measure's page."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from headway.accounts.models import User
from headway.indicators.models import Figure
from headway.search.finding import search
from headway.search.models import SearchEntry
from headway.search.sources import INDICATOR_NOTES
from tests.indicators.factories import FigureFactory, MeasureFactory
from tests.search.conftest import World, membership


@pytest.fixture
def notes(world: World) -> tuple[Figure, Figure]:
    invoices = MeasureFactory.create(
        organisation=world.org,
        service=world.finance,
        priority=world.money,
        reference="FIN-PI-01",
        name="Invoices paid within 30 days",
    )
    calls = MeasureFactory.create(
        organisation=world.org,
        service=world.ict,
        priority=world.digital,
        reference="ICT-PI-02",
        name="Calls answered",
    )
    approved = FigureFactory.create(
        measure=invoices,
        period=world.q3,
        value=Decimal(80),
        exception_why="Staff sickness in the payments team.",
        exception_action="Agency staff are clearing the sickness backlog.",
        exception_recovery="By the end of 2021-22 Q4.",
    )
    draft = FigureFactory.create(
        measure=calls,
        period=world.q3,
        value=Decimal(70),
        state=Figure.State.SUBMITTED,
        exception_why="Sickness among call handlers.",
    )
    return approved, draft


def hits(user: User, text: str = "sickness", **query: str) -> list[tuple[str, str, str]]:
    return [
        (hit.kind, hit.title, hit.href)
        for hit in search(membership(user), text, query).hits
        if hit.kind == "Indicator note"
    ]


def test_a_note_is_found_with_its_measure_as_title_and_opens_the_measure(
    notes: tuple[Figure, Figure], admin_user: User
) -> None:
    approved, draft = notes
    found = dict((title, href) for _, title, href in hits(admin_user))
    assert found == {
        "FIN-PI-01 Invoices paid within 30 days: whole service, 2021-22 Q3": reverse(
            "indicators:measure", args=[approved.measure_id]
        ),
        "ICT-PI-02 Calls answered: whole service, 2021-22 Q3": reverse(
            "indicators:measure", args=[draft.measure_id]
        ),
    }
    # Every part of the note is found, the snippet marking the word.
    assert [t for _, t, _ in hits(admin_user, "agency")] == [
        "FIN-PI-01 Invoices paid within 30 days: whole service, 2021-22 Q3"
    ]
    snippets = [h.snippet for h in search(membership(admin_user), "agency").hits]
    assert any("<mark>" in s for s in snippets)


def test_only_those_who_read_figures_in_the_cycle_find_a_note_not_yet_approved(
    notes: tuple[Figure, Figure], reviewer: User, partner_contact: User, viewer: User
) -> None:
    assert len(hits(reviewer)) == 2
    for user in (partner_contact, viewer):
        assert [t for _, t, _ in hits(user)] == [
            "FIN-PI-01 Invoices paid within 30 days: whole service, 2021-22 Q3"
        ]


def test_nobody_in_another_organisation_finds_a_note(
    notes: tuple[Figure, Figure], outsider: User
) -> None:
    assert hits(outsider) == []


def test_filters_read_the_measure_s_priority_and_service_and_the_period(
    notes: tuple[Figure, Figure], world: World, admin_user: User
) -> None:
    def titles(**query: str) -> list[str]:
        return [t.split(":")[0] for _, t, _ in hits(admin_user, **query)]

    assert titles(kind=INDICATOR_NOTES, priority=str(world.money.pk)) == [
        "FIN-PI-01 Invoices paid within 30 days"
    ]
    assert titles(service=str(world.ict.pk)) == ["ICT-PI-02 Calls answered"]
    assert titles(period="2021-22-Q2") == []
    assert sorted(titles(period="2021-22-Q3")) == [
        "FIN-PI-01 Invoices paid within 30 days",
        "ICT-PI-02 Calls answered",
    ]


def test_a_figure_back_on_target_without_a_note_is_no_longer_found(
    notes: tuple[Figure, Figure], admin_user: User
) -> None:
    approved, _ = notes
    approved.exception_why = approved.exception_action = approved.exception_recovery = ""
    approved.save()
    assert [t for _, t, _ in hits(admin_user)] == [
        "ICT-PI-02 Calls answered: whole service, 2021-22 Q3"
    ]
    assert not SearchEntry.objects.filter(source=INDICATOR_NOTES, object_id=approved.pk).exists()


def test_reindex_writes_the_notes_again(notes: tuple[Figure, Figure], admin_user: User) -> None:
    SearchEntry.objects.filter(source=INDICATOR_NOTES).delete()
    assert hits(admin_user) == []
    with open(os.devnull, "w") as quiet:
        call_command("reindex", stdout=quiet)
    assert len(hits(admin_user)) == 2
    # A figure without a note has no entry.
    assert SearchEntry.objects.filter(source=INDICATOR_NOTES).count() == 2
