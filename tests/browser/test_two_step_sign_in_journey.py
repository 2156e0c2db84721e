"""I am an administrator who signs in with a Headway password. The first time, Headway sends me
to set up two-step sign-in before anything else; I add my authenticator app, keep my recovery
codes, and from then on sign in with my password and the app's code. I can add a security key
instead (Chromium's virtual authenticator stands in for one). Every page passes axe-core and
runs under the Content-Security-Policy, and my administrator can reset my two-step sign-in."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator

from headway.accounts.models import PersonEvent, User
from tests.browsers import axe_violations
from tests.conftest import PASSWORD
from tests.second_step import code_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password(page: Any, site: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username or email address").fill("admin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def _check(page: Any, axe_source: str) -> None:
    assert axe_violations(page, axe_source) == [], page.url


def _sign_out(page: Any, site: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{site}/accounts/login/")


def test_setting_up_an_authenticator_app_then_signing_in_with_its_code(
    page: Any, live_server: Any, axe_source: str, admin_user: User
) -> None:
    site = live_server.url
    _password(page, site)
    # Whatever I ask for, I am sent to set up two-step sign-in first.
    page.goto(f"{site}/settings/")
    page.wait_for_url(f"{site}/accounts/2fa/")
    assert page.get_by_text("Set up two-step sign-in to carry on").is_visible()
    _check(page, axe_source)

    page.get_by_role("link", name="Set up an authenticator app").click()
    page.wait_for_url(f"{site}/accounts/2fa/totp/activate/")
    _check(page, axe_source)
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#authenticator-key").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.wait_for_selector(".govuk-error-summary")
    _check(page, axe_source)
    page.get_by_label("Code from your authenticator app").fill(code_now(admin_user, secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()

    page.wait_for_url(f"{site}/accounts/2fa/recovery-codes/")
    assert page.locator("#recovery-codes li").count() == 10
    _check(page, axe_source)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/accounts/2fa/")
    assert "On" in page.locator(".govuk-summary-list").inner_text()
    _check(page, axe_source)

    _sign_out(page, site)
    _password(page, site)
    page.wait_for_url(f"{site}/accounts/2fa/authenticate/")
    _check(page, axe_source)
    page.get_by_label("Code from your authenticator app").fill(code_now(admin_user, secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{site}/")
    assert PersonEvent.objects.filter(
        user=admin_user, kind=PersonEvent.Kind.SECOND_STEP_ADDED
    ).exists()


def _virtual_security_key(page: Any) -> None:
    """A security key in Chromium (the DevTools protocol's virtual authenticator), which
    answers at once as if touched."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_adding_a_security_key_then_signing_in_with_it(
    page: Any, live_server: Any, axe_source: str, admin_user: User, settings: Any
) -> None:
    # The live server speaks plain HTTP, which security keys accept only when allowed (it is
    # whenever DEBUG is on, as on a developer's machine).
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    # A security key checks the site's name, and an IP address is not one: use localhost.
    site = live_server.url.replace("127.0.0.1", "localhost")
    _virtual_security_key(page)
    _password(page, site)
    page.goto(f"{site}/accounts/2fa/")
    page.get_by_role("link", name="Add a security key").click()
    page.wait_for_url(f"{site}/accounts/2fa/webauthn/add/")
    _check(page, axe_source)
    page.get_by_label("Name").fill("Blue key")
    page.get_by_role("button", name="Add security key").click()
    page.wait_for_url(f"{site}/accounts/2fa/recovery-codes/")
    [key] = Authenticator.objects.filter(user=admin_user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Blue key"
    page.goto(f"{site}/accounts/2fa/webauthn/")
    assert "Blue key" in page.locator("table").inner_text()
    _check(page, axe_source)

    _sign_out(page, site)
    _password(page, site)
    page.wait_for_url(f"{site}/accounts/2fa/authenticate/")
    page.get_by_role("button", name="Use your security key").click()
    page.wait_for_url(f"{site}/")


def test_an_administrator_resets_a_colleague_s_two_step_sign_in(
    page: Any, live_server: Any, axe_source: str, admin_user: User, reviewer: User
) -> None:
    from tests.browsers import sign_in
    from tests.second_step import enrol_app

    enrol_app(reviewer)
    colleague = reviewer.memberships.get()
    sign_in(page, live_server.url, "admin", PASSWORD)
    page.goto(f"{live_server.url}/people/{colleague.pk}/")
    page.get_by_role("link", name="Reset two-step sign-in").click()
    _check(page, axe_source)
    page.get_by_role("button", name="Reset two-step sign-in").click()
    page.wait_for_selector(".govuk-error-summary")
    _check(page, axe_source)
    page.get_by_label("Why are you resetting it?").fill("Lost phone, confirmed by a call")
    page.get_by_role("button", name="Reset two-step sign-in").click()
    page.wait_for_url(f"{live_server.url}/people/{colleague.pk}/")
    assert "Two-step sign-in reset because: Lost phone" in page.locator("#record").inner_text()
    assert not Authenticator.objects.filter(user=reviewer).exists()
