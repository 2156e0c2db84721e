"""How long the audit record is kept: the setting, and the nightly pruning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from headway.accounts.models import PersonEvent, User
from headway.api.models import TokenUse
from headway.api.tokens import create_token, record_use
from headway.audit.models import SignInEvent
from headway.audit.retention import cut_off, prune
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

YEAR = dt.timedelta(days=366)


def test_cut_off_is_whole_years_back() -> None:
    now = dt.datetime(2024, 2, 29, 12, tzinfo=dt.UTC)
    assert cut_off(7, now) == dt.datetime(2017, 2, 28, 12, tzinfo=dt.UTC)
    assert cut_off(1, dt.datetime(2022, 3, 1, tzinfo=dt.UTC)) == dt.datetime(
        2021, 3, 1, tzinfo=dt.UTC
    )


def _history_at(initiative: Initiative, when: dt.datetime, **changes: object) -> None:
    for name, value in changes.items():
        setattr(initiative, name, value)
    initiative._history_date = when  # type: ignore[attr-defined]
    initiative.save()


def test_pruning_keeps_what_is_younger_and_each_objects_last_earlier_state(
    org: Organisation, other_org: Organisation, service: Service, admin_user: User, outsider: User
) -> None:
    now = timezone.now()
    long_ago = now - 9 * YEAR
    initiative = InitiativeFactory.build(organisation=org, service=service, title="First")
    _history_at(initiative, long_ago)
    _history_at(initiative, long_ago + dt.timedelta(days=1), title="Second")
    _history_at(initiative, now - YEAR, title="Third")
    gone = InitiativeFactory.build(organisation=org, service=service, title="Gone")
    _history_at(gone, long_ago)
    gone._history_date = long_ago + dt.timedelta(days=2)  # type: ignore[attr-defined]
    gone.delete()
    SignInEvent.objects.create(user=admin_user, succeeded=True, at=long_ago)
    SignInEvent.objects.create(user=admin_user, succeeded=True, at=now - YEAR)
    SignInEvent.objects.create(username="nobody", succeeded=False, at=long_ago)
    token = create_token(admin_user, org, "Dashboard").token
    record_use(token, "GET", "/api/v1/", at=long_ago)
    record_use(token, "GET", "/api/v1/", at=now)
    PersonEvent.objects.create(organisation=org, user=admin_user, kind="invited", by=None)
    PersonEvent.objects.filter(organisation=org).update(at=long_ago)
    # The other organisation keeps its record for 10 years: its old rows stay.
    other_org.audit_retention_years = 10
    other_org.save()
    theirs = InitiativeFactory.build(
        organisation=other_org,
        service=Service.objects.create(organisation=other_org, name="Theirs"),
        title="Theirs",
    )
    _history_at(theirs, long_ago)
    _history_at(theirs, long_ago + dt.timedelta(days=1), title="Theirs renamed")
    SignInEvent.objects.create(user=outsider, succeeded=True, at=long_ago)

    counts = prune()

    assert counts == {"initiative": 3, "sign_in": 2, "token_used": 1, "person": 1}
    titles = list(
        Initiative.history.filter(id=initiative.pk)
        .order_by("history_date")
        .values_list("title", flat=True)
    )
    # "Second" is its state at the cut-off: the change to "Third" still shows its before.
    assert titles == ["Second", "Third"]
    assert not Initiative.history.filter(id=gone.pk).exists()
    assert Initiative.history.filter(id=theirs.pk).count() == 2
    assert SignInEvent.objects.filter(user=admin_user).count() == 1
    assert SignInEvent.objects.filter(user=outsider).count() == 1
    assert not SignInEvent.objects.filter(user__isnull=True).exists()
    assert TokenUse.objects.count() == 1
    assert prune() == {}

    response = signed_in(admin_user).get("/audit/export.csv", {"kind": "initiative"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert "Second" in text and "Third" in text and "First" not in text


def test_the_command_prunes_and_says_how_many(
    org: Organisation, admin_user: User, capsys: pytest.CaptureFixture[str]
) -> None:
    SignInEvent.objects.create(user=admin_user, succeeded=True, at=timezone.now() - 8 * YEAR)
    call_command("prune_audit")
    assert "Deleted 1 entries." in capsys.readouterr().out
    call_command("prune_audit")
    assert "Nothing is older" in capsys.readouterr().out


@pytest.mark.parametrize("typed", ["0", "51", "seven", ""])
def test_the_setting_refuses_what_is_out_of_range(
    org: Organisation, admin_user: User, typed: str
) -> None:
    response = signed_in(admin_user).post("/settings/audit/", {"years": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    expected = {
        "0": "Keep the audit record for between 1 and 50 years.",
        "51": "Keep the audit record for between 1 and 50 years.",
        "seven": "Enter a whole number of years, such as 7",
        "": "Enter how many years to keep the audit record",
    }[typed]
    assert expected in page
    org.refresh_from_db()
    assert org.audit_retention_years == 7


def test_an_administrator_changes_how_long_it_is_kept(org: Organisation, admin_user: User) -> None:
    client = signed_in(admin_user)
    assert 'value="7"' in client.get("/settings/audit/").content.decode()
    response = client.post("/settings/audit/", {"years": "10"})
    assert response.status_code == 302 and response["Location"] == "/audit/"
    org.refresh_from_db()
    assert org.audit_retention_years == 10
    page = client.get("/audit/").content.decode()
    assert "now kept for 10 years" in page and "Entries are kept for 10 years" in page
    # The change is itself in the record: who shortened or lengthened it, and from what.
    response = client.get("/audit/export.csv", {"kind": "organisation"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert f"{admin_user},Organisation settings,Shared Service,Changed,," in text
    assert "Keep the audit record for this many years,7,10" in text
