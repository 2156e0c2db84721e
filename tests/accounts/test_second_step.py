"""Two-step sign-in: administrators who sign in with a password must set up and take a second
step, everyone else may, an organisation can ask it of all, a council's account is not asked,
a recovery code works once, an administrator can reset a colleague's, and each event is
recorded. Signed in through the real forms, not ``force_login``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import Login
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client, RequestFactory
from django.urls import reverse

from headway.accounts import second_factor
from headway.accounts.models import PersonEvent, User
from tests.conftest import PASSWORD, signed_in
from tests.pages import Page
from tests.second_step import code_now, enrol_app, wrong_code

pytestmark = pytest.mark.django_db


def _password(client: Client, username: str, next_url: str = "") -> Any:
    path = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(path, {"login": username, "password": PASSWORD})


def _code(client: Client, code: str) -> Any:
    return client.post(reverse("mfa_authenticate"), {"code": code})


def _events(user: User, kind: str) -> list[PersonEvent]:
    return list(PersonEvent.objects.filter(user=user, kind=kind))


# Administrators must set one up.


def test_an_administrator_signing_in_with_a_password_is_sent_to_set_up_a_second_step(
    client, admin_user
):
    assert _password(client, "admin").status_code == 302

    for path in [reverse("portfolio"), reverse("people:people"), "/settings/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_index"), path
    page = Page.of(client.get(reverse("mfa_index")))
    assert page.h1s == ["Two-step sign-in"]
    assert "Set up two-step sign-in to carry on" in page.text("//main")


def test_the_api_refuses_a_session_that_has_not_taken_its_second_step(client, admin_user):
    _password(client, "admin")

    response = client.get("/api/v1/initiatives/")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "second_step_required"


def test_a_session_made_without_any_sign_in_step_is_held_too(admin_user):
    client = Client()
    client.force_login(admin_user)

    assert client.get(reverse("portfolio"))["Location"] == reverse("mfa_index")


def test_a_session_that_has_not_taken_the_step_of_an_enrolled_administrator_must_take_it(
    admin_user,
):
    enrol_app(admin_user)
    client = Client()
    client.force_login(admin_user)

    held = client.get(reverse("people:people"))

    assert held["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fpeople%2F"
    taken = client.post(held["Location"], {"code": code_now(admin_user)})
    assert taken["Location"] == reverse("people:people")
    assert client.get(reverse("people:people")).status_code == 200


# allauth tells of a new authenticator once its transaction is committed, as in production.
@pytest.mark.django_db(transaction=True)
def test_setting_up_an_authenticator_app_lets_the_administrator_in(client, admin_user):
    _password(client, "admin")
    page = Page.of(client.get(reverse("mfa_activate_totp")))
    assert page.h1s == ["Set up an authenticator app"]
    secret = page.text("//code[@id='authenticator-key']")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)

    wrong = client.post(reverse("mfa_activate_totp"), {"code": wrong_code(admin_user, secret)})
    assert wrong.status_code == 200
    assert not second_factor.enrolled(admin_user)

    done = client.post(reverse("mfa_activate_totp"), {"code": code_now(admin_user, secret)})

    assert done["Location"] == reverse("mfa_view_recovery_codes")
    codes = Page.of(client.get(reverse("mfa_view_recovery_codes")))
    assert len(codes.texts("//ul[@id='recovery-codes']/li")) == 10
    assert client.get(reverse("portfolio")).status_code == 200
    [added] = _events(admin_user, PersonEvent.Kind.SECOND_STEP_ADDED)
    assert added.detail == "(authenticator app)" and added.by == admin_user


def test_the_right_code_signs_an_enrolled_administrator_in(client, admin_user):
    enrol_app(admin_user)

    asked = _password(client, "admin")
    assert asked["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("portfolio"))["Location"].startswith(reverse("account_login"))
    page = Page.of(client.get(reverse("mfa_authenticate")))
    assert page.h1s == ["Second step"]

    signed = _code(client, code_now(admin_user))

    assert signed.status_code == 302 and signed["Location"] == "/"
    assert client.get(reverse("portfolio")).status_code == 200


def test_a_wrong_code_does_not_sign_in_and_is_recorded(client, admin_user):
    enrol_app(admin_user)
    _password(client, "admin")

    refused = _code(client, wrong_code(admin_user))

    page = Page.of(refused)
    assert refused.status_code == 200
    assert "Enter the code your authenticator app shows now" in page.text("//main")
    assert client.get(reverse("portfolio"))["Location"].startswith(reverse("account_login"))
    [failed] = _events(admin_user, PersonEvent.Kind.SECOND_STEP_FAILED)
    assert failed.detail == "(authenticator app) from 127.0.0.1"


def test_wrong_codes_count_towards_the_password_lockout(client, admin_user):
    enrol_app(admin_user)
    _password(client, "admin")
    wrong = wrong_code(admin_user)
    for _ in range(5):
        _code(client, wrong)

    again = Client()
    refused = _password(again, "admin")

    assert refused.status_code == 200
    assert "You have tried to sign in too many times" in Page.of(refused).text("//main")


def test_a_recovery_code_works_once(client, admin_user):
    enrol_app(admin_user)
    recovery = RecoveryCodes.activate(admin_user)
    code = recovery.get_unused_codes()[0]
    _password(client, "admin")

    assert _code(client, code)["Location"] == "/"
    assert client.get(reverse("portfolio")).status_code == 200
    [used] = _events(admin_user, PersonEvent.Kind.RECOVERY_CODE_USED)
    assert used.detail == "(9 left)"

    again = Client()
    _password(again, "admin")
    assert _code(again, code).status_code == 200
    assert again.get(reverse("portfolio"))["Location"].startswith(reverse("account_login"))


def test_an_administrator_cannot_remove_their_only_second_step(admin_user):
    enrol_app(admin_user)
    client = signed_in(admin_user)

    client.post(reverse("mfa_deactivate_totp"))

    assert second_factor.enrolled(admin_user)


# Everyone else may.


def test_a_viewer_signing_in_with_a_password_is_not_asked(client, viewer):
    _password(client, "viewer")

    assert client.get(reverse("portfolio")).status_code == 200
    page = Page.of(client.get(reverse("mfa_index")))
    assert "It is your choice" in page.text("//main")


def test_a_viewer_who_set_up_an_app_is_asked_for_its_code(client, viewer):
    enrol_app(viewer)
    signed = signed_in(viewer)
    assert signed.get(reverse("mfa_index")).status_code == 200

    assert _password(client, "viewer")["Location"] == reverse("mfa_authenticate")
    assert _code(client, code_now(viewer))["Location"] == "/"


def test_a_viewer_may_remove_their_app(viewer):
    enrol_app(viewer)
    client = signed_in(viewer)

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert not second_factor.enrolled(viewer)
    [removed] = _events(viewer, PersonEvent.Kind.SECOND_STEP_REMOVED)
    assert removed.detail == "(authenticator app)"


# The organisation can ask it of everyone.


def test_the_sign_in_settings_page_asks_everyone_for_a_second_step(admin_user, viewer, org):
    page = Page.of(signed_in(admin_user).get(reverse("people:sign_in")))
    assert "Ask everyone who signs in with a Headway password for a second step" in page.text(
        "//main"
    )

    saved = signed_in(admin_user).post(
        reverse("people:sign_in"),
        {"allow_local_passwords": "on", "require_second_factor": "on"},
    )

    assert saved.status_code == 302
    org.refresh_from_db()
    assert org.require_second_factor and org.allow_local_passwords
    client = Client()
    _password(client, "viewer")
    assert client.get(reverse("portfolio"))["Location"] == reverse("mfa_index")


# A council's account is not asked.


def test_a_session_signed_in_through_a_council_is_not_held(admin_user):
    client = Client()
    client.force_login(admin_user)
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)  # type: ignore[arg-type]
    request.session = client.session
    request.user = admin_user
    record_authentication(request, admin_user, "socialaccount", provider="north", uid="oid-1")
    request.session.save()

    assert second_factor.outstanding(request) is None
    assert client.get(reverse("portfolio")).status_code == 200


def test_signing_out_says_the_council_account_stays_signed_in(viewer):
    client = signed_in(viewer)
    leaving = Page.of(client.get(reverse("account_logout"))).text("//main")
    assert "council account" not in leaving

    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)  # type: ignore[arg-type]
    request.session = client.session
    request.user = viewer
    record_authentication(request, viewer, "socialaccount", provider="north", uid="oid-2")
    request.session.save()

    leaving = Page.of(client.get(reverse("account_logout"))).text("//main")
    assert "This signs you out of Headway only" in leaving
    assert "stay signed in to your council account" in leaving


def test_signing_in_through_a_council_skips_the_second_step_of_an_enrolled_person(admin_user):
    enrol_app(admin_user)
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)  # type: ignore[arg-type]
    step = second_factor.PasswordSecondStep(None, request, Login(user=admin_user))

    record_authentication(request, admin_user, "password", username="admin")
    assert step._should_handle(request)
    record_authentication(request, admin_user, "socialaccount", provider="north", uid="oid-1")
    assert not step._should_handle(request)


# An administrator resets a colleague's.


def test_an_administrator_resets_a_colleague_s_second_step_with_a_reason(admin_user, reviewer):
    enrol_app(reviewer)
    RecoveryCodes.activate(reviewer)
    colleague = reviewer.memberships.get()
    client = signed_in(admin_user)
    person = Page.of(client.get(reverse("people:person", args=[colleague.pk])))
    assert "Authenticator app" in person.text("//main")

    refused = client.post(reverse("people:reset_second_step", args=[colleague.pk]), {})
    assert refused.status_code == 400
    assert "Say why you are resetting their two-step sign-in" in Page.of(refused).text("//main")

    done = client.post(
        reverse("people:reset_second_step", args=[colleague.pk]),
        {"reason": "Lost phone, confirmed by a call"},
    )

    assert done["Location"] == reverse("people:person", args=[colleague.pk])
    assert not Authenticator.objects.filter(user=reviewer).exists()
    [reset] = _events(reviewer, PersonEvent.Kind.SECOND_STEP_RESET)
    assert reset.by == admin_user and reset.detail == "because: Lost phone, confirmed by a call"
    audit = Page.of(client.get(reverse("audit:record")))
    assert "Two-step sign-in reset" in audit.text("//main")


def test_a_reset_ends_every_session_the_colleague_has_open(client, admin_user, reviewer, viewer):
    enrol_app(reviewer)
    _password(client, "reviewer")
    assert _code(client, code_now(reviewer))["Location"] == "/"
    assert client.get("/").status_code == 200
    bystander = signed_in(viewer)

    second_factor.reset(reviewer.memberships.get(), reason="Phone stolen", by=admin_user)

    # Whoever holds the stolen phone's session is signed out; nobody else is.
    assert client.get("/")["Location"].startswith(reverse("account_login"))
    assert bystander.get("/").status_code == 200
    # Signing in again works, and the new session lasts.
    _password(client, "reviewer")
    assert client.get("/").status_code in (200, 302)
    assert not client.get("/").get("Location", "").startswith(reverse("account_login"))


def test_an_administrator_cannot_reset_their_own(admin_user):
    enrol_app(admin_user)
    me = admin_user.memberships.get()

    response = signed_in(admin_user).post(
        reverse("people:reset_second_step", args=[me.pk]), {"reason": "Testing"}
    )

    assert response.status_code == 400
    assert second_factor.enrolled(admin_user)


def test_an_administrator_cannot_reset_someone_of_another_organisation(admin_user, outsider):
    enrol_app(outsider)
    theirs = outsider.memberships.get()

    response = signed_in(admin_user).post(
        reverse("people:reset_second_step", args=[theirs.pk]), {"reason": "Testing"}
    )

    assert response.status_code == 404
    assert second_factor.enrolled(outsider)
