"""``headway token create|revoke``: a token for a script, from the command line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from headway.accounts.models import User
from headway.api.models import ApiToken
from headway.api.tokens import find_token
from headway.strategy.models import Organisation

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_prints_the_new_token_once(lead: User, org: Organisation) -> None:
    secret = run("create", "lead", "--name", "Finance spreadsheet").strip()

    token = find_token(secret)
    assert token is not None
    assert (token.user, token.organisation, token.name) == (lead, org, "Finance spreadsheet")


def test_it_refuses_an_unknown_person(db: None) -> None:
    with pytest.raises(CommandError, match="No one has the username"):
        run("create", "nobody")


def test_it_refuses_someone_with_no_role(db: None) -> None:
    User.objects.create(username="loner")

    with pytest.raises(CommandError, match="no role"):
        run("create", "loner")


def test_it_revokes_a_token_by_its_prefix(lead: User) -> None:
    secret = run("create", "lead").strip()

    said = run("revoke", secret[:11])

    assert "Revoked" in said
    assert ApiToken.objects.get().revoked_at is not None
