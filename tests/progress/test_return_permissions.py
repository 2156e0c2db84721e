"""Leads of the service, the initiative's owner and administrators edit; reviewers review."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from headway.accounts.models import Membership, Role
from headway.progress.models import ReportingPeriod, Update
from headway.progress.permissions import (
    may_edit_return,
    may_manage_periods,
    may_review_return,
    returns_editable_by,
)
from headway.progress.returns import save_return
from headway.strategy.models import Initiative, Organisation
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    ServiceFactory,
    UpdateFactory,
    UserFactory,
)
from tests.progress.conftest import good_changes


@pytest.fixture
def other_lead(org: Organisation) -> Membership:
    """A lead of another service of the same organisation."""
    return MembershipFactory.create(
        user=UserFactory.create(username="other-lead"),
        organisation=org,
        role=Role.SERVICE_LEAD,
        services=[ServiceFactory.create(organisation=org, name="ICT")],
    )


@pytest.fixture
def owner(org: Organisation, initiative: Initiative) -> Membership:
    """The initiative's owner: a viewer otherwise."""
    membership = MembershipFactory.create(
        user=UserFactory.create(username="owner"), organisation=org, role=Role.VIEWER
    )
    initiative.owner = membership.user
    initiative.save()
    return membership


@pytest.mark.parametrize(
    ("who", "may_edit", "may_review"),
    [
        ("as_lead", True, False),
        ("owner", True, False),
        ("as_admin", True, True),
        ("as_reviewer", False, True),
        ("other_lead", False, False),
        ("as_outsider", False, False),
    ],
)
def test_who_may_edit_and_who_may_review(
    draft: Update, who: str, may_edit: bool, may_review: bool, request: pytest.FixtureRequest
) -> None:
    membership = request.getfixturevalue(who)
    draft.initiative.refresh_from_db()
    assert may_edit_return(membership, draft) is may_edit
    assert may_review_return(membership, draft) is may_review


@pytest.mark.parametrize("who", ["as_reviewer", "other_lead", "as_outsider"])
def test_saving_is_refused_to_those_who_may_not_edit(
    draft: Update, org: Organisation, who: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied, match="lead of the initiative's service"):
        save_return(
            draft, good_changes(org), draft.version, request.getfixturevalue(who), submit=True
        )
    assert Update.objects.get(pk=draft.pk).version == draft.version


def test_the_owner_may_save(draft: Update, org: Organisation, owner: Membership) -> None:
    assert save_return(draft, good_changes(org), draft.version, owner, submit=True).state == (
        "submitted"
    )


def test_only_administrators_manage_periods(
    org: Organisation, as_admin: Membership, as_reviewer: Membership, as_outsider: Membership
) -> None:
    assert may_manage_periods(as_admin, org)
    assert not may_manage_periods(as_reviewer, org)
    assert not may_manage_periods(as_outsider, org)


def test_a_leads_task_list_holds_their_services_and_owned_returns(
    draft: Update,
    period: ReportingPeriod,
    org: Organisation,
    as_lead: Membership,
    as_admin: Membership,
    other_lead: Membership,
) -> None:
    ict = other_lead.services.get()
    theirs = UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, service=ict), period=period
    )
    owned = UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, service=ict, owner=as_lead.user),
        period=period,
    )
    assert set(returns_editable_by(as_lead, period)) == {draft, owned}
    assert set(returns_editable_by(other_lead, period)) == {theirs, owned}
    assert set(returns_editable_by(as_admin, period)) == {draft, theirs, owned}
