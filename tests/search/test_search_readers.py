"""The columns an entry stores about who reads it say exactly what its source's own rule says.

For each source, every member (one of each role, a service's lead, a partner contact of a
council consulted and of one not, one with no council, a viewer who owns an initiative)
finds through the stored columns exactly the entries whose object the source's rule
(``Source.readable``, what the search asked for each entry before) lets them read: as
written, after the changes that decide who reads them (a report published then withdrawn, a
return and a figure approved, a change agreed, an owner named, a contact's council changed),
and once ``headway reindex`` or ``headway migrate`` has filled them again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from headway.accounts.models import Membership, Role, User
from headway.committee.drafting import publish_report, withdraw_report
from headway.indicators.cycle import approve_figure
from headway.indicators.models import Figure
from headway.progress.models import Update
from headway.progress.review import approve
from headway.roadmap.models import ChangeRequest, Consultation
from headway.search.audience import ROLE_FIELDS, fill_unread
from headway.search.finding import readable_entries
from headway.search.models import SearchEntry
from headway.search.registry import SOURCES
from headway.strategy.models import Partner
from tests.factories import InitiativeFactory, MembershipFactory, UpdateFactory, UserFactory
from tests.indicators.factories import FigureFactory, MeasureFactory
from tests.search.conftest import World

SOURCE_NAMES = list(SOURCES)


@pytest.fixture
def members(
    world: World,
    admin_user: User,
    reviewer: User,
    lead: User,
    partner_contact: User,
    viewer: User,
    other_partner: Partner,
) -> list[Membership]:
    """One member of each role, and those whose own circumstances widen what they read."""
    org = world.org
    south = MembershipFactory.create(
        user=UserFactory.create(username="south"),
        organisation=org,
        role=Role.PARTNER_CONTACT,
        partner=other_partner,
    )
    # The form refuses a partner contact without a council; the rules still answer for one.
    unattached = MembershipFactory.create(
        user=UserFactory.create(username="unattached"), organisation=org, role=Role.PARTNER_CONTACT
    )
    owner = MembershipFactory.create(
        user=UserFactory.create(username="owner"), organisation=org, role=Role.VIEWER
    )
    owned = InitiativeFactory.create(
        organisation=org, service=world.ict, title="Renew the phones", owner=owner.user
    )
    UpdateFactory.create(
        initiative=owned, period=world.q3, state=Update.State.DRAFT, narrative="Handsets ordered."
    )
    users = [admin_user, reviewer, lead, partner_contact, viewer]
    listed = [Membership.objects.get(user=user) for user in users] + [south, unattached, owner]
    return [_fresh(m) for m in listed]


@pytest.fixture
def figures(world: World) -> tuple[Figure, Figure]:
    """An approved figure's note and a submitted one's."""
    measure = MeasureFactory.create(
        organisation=world.org, service=world.finance, priority=world.money, reference="FIN-1"
    )
    approved = FigureFactory.create(
        measure=measure, period=world.q3, value=Decimal(80), exception_why="Staff sickness."
    )
    other = MeasureFactory.create(
        organisation=world.org, service=world.ict, priority=world.digital, reference="ICT-2"
    )
    submitted = FigureFactory.create(
        measure=other,
        period=world.q3,
        value=Decimal(70),
        state=Figure.State.SUBMITTED,
        exception_why="Sickness among call handlers.",
    )
    return approved, submitted


def _fresh(membership: Membership) -> Membership:
    return Membership.objects.select_related("organisation", "partner").get(pk=membership.pk)


def by_columns(membership: Membership, source: str) -> set[int]:
    """What the search reads: the stored columns."""
    found = readable_entries(membership).filter(source=source)
    return set(found.values_list("object_id", flat=True))


def by_rule(membership: Membership, source: str) -> set[int]:
    """What the source's rule lets the member read, of its objects that have an entry."""
    indexed = SearchEntry.objects.filter(source=source, organisation=membership.organisation)
    rule = SOURCES[source].readable(membership).values_list("pk", flat=True)
    return set(indexed.values_list("object_id", flat=True)) & set(rule)


def differences(members: list[Membership], source: str) -> dict[str, tuple[set[int], set[int]]]:
    """For each member the columns and the rule disagree about: (columns, rule)."""
    found = {}
    for member in (_fresh(m) for m in members):
        stored, ruled = by_columns(member, source), by_rule(member, source)
        if stored != ruled:
            found[f"{member.user.username} ({member.role})"] = (stored, ruled)
    return found


def _decide_everything(world: World, members: list[Membership], submitted: Figure) -> None:
    """Every change that decides who reads an entry, made as Headway makes it."""
    admin = next(m for m in members if m.role == Role.ADMINISTRATOR)
    drafted = world.drafted
    drafted.state = drafted.State.APPROVED
    drafted.save(update_fields=["state"])
    publish_report(drafted, by=admin.user)
    withdraw_report(world.published, by=admin.user, reason="Superseded.")
    world.draft.state = Update.State.SUBMITTED
    world.draft.save()
    approve(world.draft, by=admin)
    approve_figure(submitted, by=admin)
    # As ``headway.roadmap.decisions.decide`` saves it (the fixture's change proposes nothing
    # to apply to the maps).
    world.change.state = ChangeRequest.State.AGREED
    world.change.decided_on = dt.date(2021, 11, 20)
    world.change.save()
    # A new change, South asked about it; North's contact moves to South; a viewer is named
    # the network's owner.
    change = ChangeRequest.objects.create(
        organisation=world.org,
        kind=ChangeRequest.Kind.RESCHEDULE,
        initiative=world.ledger,
        rationale="The ledger's go-live moves a quarter.",
        state=ChangeRequest.State.CONSULTING,
        proposed_at=timezone.make_aware(dt.datetime(2021, 12, 1, 10)),
    )
    south = Partner.objects.exclude(pk=world.consultation.partner_id).get(organisation=world.org)
    Consultation.objects.create(change_request=change, partner=south, comment="South objects.")
    north = next(m for m in members if m.partner_id == world.consultation.partner_id)
    north.partner = south
    north.save()
    viewer = next(m for m in members if m.user.username == "viewer")
    world.network.owner = viewer.user
    world.network.save()


@pytest.mark.parametrize("source", SOURCE_NAMES)
def test_the_columns_read_what_the_rule_reads(
    source: str, members: list[Membership], figures: tuple[Figure, Figure]
) -> None:
    assert differences(members, source) == {}
    # Not only because everyone reads everything, or nobody anything.
    read = [by_rule(m, source) for m in members]
    assert any(read)
    assert len({frozenset(r) for r in read}) > 1


@pytest.mark.parametrize("source", SOURCE_NAMES)
def test_the_columns_follow_the_changes_that_decide_who_reads(
    source: str, world: World, members: list[Membership], figures: tuple[Figure, Figure]
) -> None:
    _decide_everything(world, members, figures[1])
    assert differences(members, source) == {}


def _forget_readers() -> None:
    SearchEntry.objects.update(**dict.fromkeys(ROLE_FIELDS.values(), False))


@pytest.mark.parametrize("source", SOURCE_NAMES)
def test_reindex_fills_the_columns(
    source: str, world: World, members: list[Membership], figures: tuple[Figure, Figure]
) -> None:
    _decide_everything(world, members, figures[1])
    _forget_readers()
    call_command("reindex", stdout=StringIO())
    assert differences(members, source) == {}


def test_migrate_fills_the_columns_of_entries_already_there(
    world: World, members: list[Membership], figures: tuple[Figure, Figure]
) -> None:
    _forget_readers()
    call_command("migrate", verbosity=0)
    for source in SOURCE_NAMES:
        assert differences(members, source) == {}, source


def test_every_role_has_a_column() -> None:
    assert set(ROLE_FIELDS) == set(Role.values)
    fields = {f.name for f in SearchEntry._meta.get_fields()}
    assert set(ROLE_FIELDS.values()) <= fields


def test_migrate_part_of_the_way_leaves_the_entries_alone(world: World) -> None:
    """Migrated back to before the columns (their state has none), the fill asks nothing."""
    _forget_readers()
    before = MigrationLoader(connection).project_state(("search", "0001_initial")).apps
    assert fill_unread(using="default", apps=before) == 0
    assert not SearchEntry.objects.filter(for_administrators=True).exists()
    # Migrated all the way, the same entries are filled.
    assert fill_unread(using="default", apps=apps) > 0
