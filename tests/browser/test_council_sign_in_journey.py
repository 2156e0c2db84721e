"""I sign in with my council's own account: through North's directory and South's, each a
real OpenID Connect provider (npm's `oidc-provider`, tests/oidc/provider.mjs) on 127.0.0.1,
with Microsoft Entra ID's claims. My first sign-in links to the person my administrators
invited; someone from a third tenant, or whom nobody invited, is refused with a page that says
whom to ask; an expired session signs in again; signing out signs out; a password lockout
does not stop my council's account."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.sessions.models import Session

from headway.accounts import councils
from headway.accounts.models import Role, User
from headway.strategy.models import Organisation
from tests.browsers import axe_violations, skip_or_fail
from tests.factories import MembershipFactory, UserFactory
from tests.second_step import enrol_app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROVIDER = Path(__file__).resolve().parents[1] / "oidc" / "provider.mjs"
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules" / "oidc-provider"
NORTH_TENANT = "7f0c1d6e-north-tenant"
SOUTH_TENANT = "2b9e4a1c-south-tenant"
EAST_TENANT = "c3d2e1f0-east-tenant"


def account(oid: str, tid: str, email: str, given: str, family: str) -> dict[str, Any]:
    return {
        "oid": oid,
        "tid": tid,
        "email": email,
        "name": f"{given} {family}",
        "given_name": given,
        "family_name": family,
    }


def directories(headway: str) -> list[dict[str, Any]]:
    """North's and South's directories. North's also hands out an account of East's tenant,
    as Entra's multi-tenant endpoint would: Headway must refuse it."""
    return [
        {
            "name": "north",
            "clients": [
                {
                    "client_id": "headway-north",
                    "client_secret": "north-secret",
                    "redirect_uris": [f"{headway}/accounts/oidc/north/login/callback/"],
                }
            ],
            "accounts": {
                "reviewer@north.example": account(
                    "oid-north-reviewer", NORTH_TENANT, "reviewer@north.example", "Head", "Policy"
                ),
                "stranger@north.example": account(
                    "oid-north-stranger", NORTH_TENANT, "stranger@north.example", "Not", "Invited"
                ),
                "visitor@east.example": account(
                    "oid-east-visitor", EAST_TENANT, "reviewer@north.example", "East", "Visitor"
                ),
            },
        },
        {
            "name": "south",
            "clients": [
                {
                    "client_id": "headway-south",
                    "client_secret": "south-secret",
                    "redirect_uris": [f"{headway}/accounts/oidc/south/login/callback/"],
                }
            ],
            "accounts": {
                "officer@south.example": account(
                    "oid-south-officer", SOUTH_TENANT, "officer@south.example", "Policy", "Officer"
                ),
            },
        },
    ]


@pytest.fixture(scope="module")
def issuers(live_server: Any) -> Iterator[dict[str, str]]:
    """The providers, started for this module and stopped after it."""
    node = shutil.which("node")
    if node is None or not NODE_MODULES.exists():
        skip_or_fail("Node.js or npm's oidc-provider is missing: run `make assets` (npm ci)")
    assert node is not None
    config = json.dumps({"directories": directories(live_server.url)})
    process = subprocess.Popen(
        [node, str(PROVIDER), config],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.kill()
        _, errors = process.communicate()
        pytest.fail(f"The OpenID Connect provider did not start:\n{errors}")
    yield json.loads(line)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def council_sign_in(settings: Any, issuers: dict[str, str]) -> None:
    """Headway set up as an operator would, through HEADWAY_OIDC_PROVIDERS."""
    value = json.dumps(
        [
            {
                "id": "north",
                "name": "North Council",
                "server_url": issuers["north"],
                "client_id": "headway-north",
                "secret": "north-secret",
                "tenant": NORTH_TENANT,
                "email_domains": ["north.example"],
            },
            {
                "id": "south",
                "name": "South Council",
                "server_url": issuers["south"],
                "client_id": "headway-south",
                "secret": "south-secret",
                "tenant": SOUTH_TENANT,
                "email_domains": ["south.example"],
            },
        ]
    )
    settings.SOCIALACCOUNT_PROVIDERS = councils.providers_setting(councils.parse(value))


def invite(org: Organisation, username: str, email: str, role: str) -> User:
    user = UserFactory.create(username=username, email=email, first_name="", last_name="")
    MembershipFactory.create(user=user, organisation=org, role=role)
    return user


def sign_in_at_council(page: Any, council: str, login: str) -> None:
    """Press the council's button and sign in on its provider's pages."""
    page.get_by_role("button", name=f"Sign in with {council}").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password the directory checks")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def test_signing_in_through_north_linking_expiring_and_signing_out(
    page, live_server, axe_source, council_sign_in, org
):
    person = invite(org, "policy-head", "Reviewer@north.example", Role.REVIEWER)
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert axe_violations(page, axe_source) == []
    assert page.get_by_role("button", name="Sign in with South Council").is_visible()

    sign_in_at_council(page, "North Council", "reviewer@north.example")

    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("button", name="Sign out").is_visible()
    linked = SocialAccount.objects.get(user=person)
    assert (linked.provider, linked.uid) == ("north", "oid-north-reviewer")
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Head", "Policy")

    # The session expires: the next page asks again, and North's session brings me back
    # to the page I asked for without another password.
    Session.objects.all().delete()
    page.goto(f"{live_server.url}/strategy/")
    assert "/accounts/login/" in page.url
    page.get_by_role("button", name="Sign in with North Council").click()
    page.wait_for_url(f"{live_server.url}/strategy/")
    assert SocialAccount.objects.filter(user=person).count() == 1

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    page.goto(f"{live_server.url}/strategy/")
    assert "/accounts/login/" in page.url


def test_signing_in_through_south(page, live_server, council_sign_in, org):
    person = invite(org, "policy-officer", "officer@south.example", Role.VIEWER)
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in_at_council(page, "South Council", "officer@south.example")
    page.wait_for_url(f"{live_server.url}/")
    linked = SocialAccount.objects.get(user=person)
    assert (linked.provider, linked.uid) == ("south", "oid-south-officer")


def test_an_account_from_a_third_tenant_is_refused(
    page, live_server, axe_source, council_sign_in, org
):
    # The visitor's token even carries an invited person's address: the tenant decides.
    person = invite(org, "policy-head", "reviewer@north.example", Role.REVIEWER)
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in_at_council(page, "North Council", "visitor@east.example")
    heading = page.get_by_role("heading", name="You cannot sign in with this account")
    heading.wait_for()
    assert "belongs to another organisation" in page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    assert not SocialAccount.objects.filter(user=person).exists()
    page.goto(f"{live_server.url}/strategy/")
    assert "/accounts/login/" in page.url


def test_someone_nobody_invited_is_told_whom_to_ask(page, live_server, council_sign_in, org):
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in_at_council(page, "North Council", "stranger@north.example")
    page.get_by_role("heading", name="You cannot sign in with this account").wait_for()
    text = page.inner_text("main")
    assert "Headway has no account for stranger@north.example" in text
    assert "Headway administrators" in text
    assert not User.objects.filter(email="stranger@north.example").exists()
    assert not SocialAccount.objects.exists()


def test_a_password_lockout_leaves_the_council_account_working(
    page, live_server, council_sign_in, org
):
    person = invite(org, "policy-head", "reviewer@north.example", Role.REVIEWER)
    page.goto(f"{live_server.url}/accounts/login/")
    for _attempt in range(6):
        page.get_by_label("Username or email address").fill("policy-head")
        page.get_by_label("Password", exact=True).fill("a wrong guess")
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_selector(".govuk-error-summary")
    assert "tried to sign in too many times" in page.inner_text(".govuk-error-summary")

    sign_in_at_council(page, "North Council", "reviewer@north.example")
    page.wait_for_url(f"{live_server.url}/")
    assert SocialAccount.objects.filter(user=person).exists()


def test_an_administrator_switches_local_passwords_off(
    page, live_server, axe_source, council_sign_in, org
):
    officer = invite(org, "performance-officer", "reviewer@north.example", Role.ADMINISTRATOR)
    # With an authenticator app too: signing in through the council is not asked for its
    # code, nor held to set one up (the council's own service asks for a second step).
    enrol_app(officer)
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in_at_council(page, "North Council", "reviewer@north.example")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Sign-in", exact=True).click()
    assert axe_violations(page, axe_source) == []
    page.get_by_label("sign in with a Headway password").uncheck()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner")
    assert axe_violations(page, axe_source) == []
    org.refresh_from_db()
    assert not org.allow_local_passwords

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_role("button", name="Sign in with North Council").is_visible()
    assert page.get_by_label("Password", exact=True).count() == 0
