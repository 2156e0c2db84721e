"""A reviewer approves or returns figures; an approved figure is corrected with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import Membership
from headway.indicators.cycle import (
    FigureEntry,
    approve_figure,
    correct_figure,
    return_figure,
    save_figure,
)
from headway.indicators.models import Figure, Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner

D = Decimal


@pytest.fixture
def submitted(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_lead: Membership
) -> Figure:
    return save_figure(invoices, q3, partner, FigureEntry(D(96), D(10)), as_lead, submit=True)


def test_a_reviewer_approves_a_submitted_figure(submitted: Figure, as_reviewer: Membership) -> None:
    approved = approve_figure(submitted, as_reviewer, expected_version=submitted.version)
    assert (approved.state, approved.reviewed_by) == ("approved", as_reviewer.user)


def test_a_lead_may_not_approve(submitted: Figure, as_lead: Membership) -> None:
    with pytest.raises(PermissionDenied):
        approve_figure(submitted, as_lead)


def test_a_returned_figure_goes_back_with_a_comment(
    submitted: Figure, as_reviewer: Membership
) -> None:
    with pytest.raises(ValidationError):
        return_figure(submitted, as_reviewer, "  ")
    returned = return_figure(submitted, as_reviewer, "Check the December invoices.")
    assert (returned.state, returned.review_comment) == ("returned", "Check the December invoices.")


def test_an_approved_figure_is_not_changed_in_the_cycle(
    submitted: Figure, as_reviewer: Membership, as_lead: Membership
) -> None:
    approve_figure(submitted, as_reviewer)
    with pytest.raises(ValidationError, match="can only be corrected"):
        save_figure(
            submitted.measure,
            submitted.period,
            submitted.partner,
            FigureEntry(D(97), D(10)),
            as_lead,
            submit=True,
        )


def test_a_correction_needs_a_reason_and_is_kept_in_the_history(
    submitted: Figure, as_reviewer: Membership, as_admin: Membership
) -> None:
    approved = approve_figure(submitted, as_reviewer)
    with pytest.raises(ValidationError) as refused:
        correct_figure(approved, FigureEntry(D("96.4"), D(10)), "", as_admin)
    assert refused.value.message_dict == {
        "reason": ["Say why the approved figure is being corrected."]
    }
    corrected = correct_figure(
        approved, FigureEntry(D("96.4"), D(10)), "December invoices were missed.", as_admin
    )
    assert (corrected.state, corrected.value) == ("approved", D("96.4"))
    latest = corrected.history.first()
    assert latest is not None
    assert latest.history_change_reason == "December invoices were missed."
    assert latest.history_user == as_admin.user
    assert latest.value == D("96.4")


def test_a_correction_off_target_needs_its_note(submitted: Figure, as_reviewer: Membership) -> None:
    approved = approve_figure(submitted, as_reviewer)
    with pytest.raises(ValidationError) as refused:
        correct_figure(approved, FigureEntry(D(80), D(10)), "Recounted.", as_reviewer)
    assert set(refused.value.message_dict) == {
        "exception_why",
        "exception_action",
        "exception_recovery",
    }


def test_the_audit_record_shows_a_correction_with_its_reason(
    submitted: Figure, as_reviewer: Membership, as_admin: Membership
) -> None:
    from tests.conftest import signed_in

    approved = approve_figure(submitted, as_reviewer)
    correct_figure(approved, FigureEntry(D("96.4"), D(10)), "Invoices were missed.", as_admin)
    page = signed_in(as_admin.user).get("/audit/").content.decode()
    assert "Performance figure" in page
    assert "FIN-01 Invoices paid within 30 days, 2021-22 Q3, North" in page
    assert "Invoices were missed." in page
