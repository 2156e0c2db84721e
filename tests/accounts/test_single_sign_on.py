"""The rules for signing in with a council's account, without a browser: which tenant, which
id, whom to link, what to refuse; and the operator's HEADWAY_OIDC_PROVIDERS."""

from __future__ import annotations

import json
from typing import Any

import pytest
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from headway.accounts import councils, local_passwords
from headway.accounts.models import User
from headway.accounts.single_sign_on import (
    CouncilProvider,
    Refusal,
    SocialAccountAdapter,
    check_tenant,
    person_to_link,
)
from tests.conftest import PASSWORD, signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TENANT = "tenant-north"
NORTH = {
    "id": "north",
    "name": "North Council",
    "server_url": "https://login.example.com/tenant-north/v2.0",
    "client_id": "headway",
    "secret": "not-a-secret",
    "tenant": TENANT,
    "email_domains": ["north.example"],
}


@pytest.fixture(autouse=True)
def north_configured(settings: Any) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = councils.providers_setting(
        councils.parse(json.dumps([NORTH]))
    )


def app() -> SocialApp:
    settings = councils.parse(json.dumps([NORTH]))[0].as_app()
    return SocialApp(provider="openid_connect", **settings)


def token(**claims: Any) -> dict[str, Any]:
    said = {
        "sub": "per-app-sub",
        "oid": "stable-oid",
        "tid": TENANT,
        "email": "head.of.policy@north.example",
        "given_name": "Head",
        "family_name": "Policy",
    }
    said.update(claims)
    return {"id_token": {key: value for key, value in said.items() if value is not None}}


def sign_in(data: dict[str, Any]) -> Any:
    """Headway's adapter on one council sign-in: the response it stopped with, if any."""
    request = RequestFactory().get("/accounts/oidc/north/login/callback/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    provider = CouncilProvider(request, app=app())
    login = provider.sociallogin_from_response(request, data)
    login.lookup()
    try:
        SocialAccountAdapter(request).pre_social_login(request, login)
    except ImmediateHttpResponse as stopped:
        return stopped.response
    return None


def test_the_account_is_keyed_on_oid_not_on_sub_or_the_address():
    provider = CouncilProvider(RequestFactory().get("/"), app=app())
    assert provider.extract_uid(token()) == "stable-oid"
    assert provider.extract_uid(token(oid=None)) == "per-app-sub"


def test_only_the_configured_tenant_is_accepted():
    check_tenant(app(), token()["id_token"])
    with pytest.raises(Refusal) as refused:
        check_tenant(app(), token(tid="tenant-east")["id_token"])
    assert refused.value.kind == "wrong_tenant"
    with pytest.raises(Refusal):
        check_tenant(app(), token(tid=None)["id_token"])


def test_a_first_sign_in_links_to_the_invited_person_and_takes_their_name():
    person = UserFactory.create(username="policy", email="Head.Of.Policy@north.example")
    stopped = sign_in(token())
    assert stopped is None
    linked = SocialAccount.objects.get()
    assert (linked.user, linked.provider, linked.uid) == (person, "north", "stable-oid")
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Head", "Policy")


def test_a_later_sign_in_follows_a_changed_address_by_oid():
    person = UserFactory.create(username="policy", email="head.of.policy@north.example")
    sign_in(token())
    stopped = sign_in(token(email="policy.head@north.example", given_name="Chief"))
    assert stopped is None
    person.refresh_from_db()
    assert (person.email, person.first_name) == ("policy.head@north.example", "Chief")
    assert SocialAccount.objects.count() == 1


@pytest.mark.parametrize(
    ("claims", "kind"),
    [
        ({"tid": "tenant-east"}, "wrong_tenant"),
        ({"email": "someone.else@north.example"}, "unknown_person"),
        ({"email": "head.of.policy@gmail.example"}, "other_domain"),
        ({"email": None, "preferred_username": "no address"}, "no_address"),
    ],
)
def test_what_is_refused_with_a_page(claims, kind):
    UserFactory.create(username="policy", email="head.of.policy@north.example")
    stopped = sign_in(token(**claims))
    assert stopped is not None and stopped.status_code == 403
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == 1
    with pytest.raises(Refusal) as refused:
        check_tenant(app(), token(**claims)["id_token"])
        person_to_link(app(), token(**claims)["id_token"])
    assert refused.value.kind == kind


def test_a_switched_off_person_is_not_linked():
    UserFactory.create(username="policy", email="head.of.policy@north.example", is_active=False)
    with pytest.raises(Refusal) as refused:
        person_to_link(app(), token()["id_token"])
    assert refused.value.kind == "switched_off"


def test_a_second_directory_account_cannot_take_over_a_linked_person():
    UserFactory.create(username="policy", email="head.of.policy@north.example")
    sign_in(token())
    stopped = sign_in(token(oid="another-oid", sub="another-sub"))
    assert stopped is not None
    assert list(SocialAccount.objects.values_list("uid", flat=True)) == ["stable-oid"]


def test_nobody_signs_up_through_a_council():
    request = RequestFactory().get("/")
    assert SocialAccountAdapter(request).is_open_for_signup(request, None) is False


def test_local_passwords_follow_the_organisations_setting(org, viewer, settings):
    request = RequestFactory().get("/")
    assert local_passwords.allowed_for(request, viewer)
    org.allow_local_passwords = False
    org.save()
    settings.SOCIALACCOUNT_PROVIDERS = councils.providers_setting([])
    assert local_passwords.allowed_for(request, viewer)  # no council to sign in with instead
    settings.SOCIALACCOUNT_PROVIDERS = councils.providers_setting(
        councils.parse(json.dumps([NORTH]))
    )
    assert not local_passwords.allowed_for(request, viewer)
    assert not local_passwords.offered(request)
    viewer.is_superuser = True
    assert local_passwords.allowed_for(request, viewer)


def test_the_operators_setting_is_read_and_checked(monkeypatch):
    monkeypatch.setenv("NORTH_SECRET", "from-the-environment")
    entry = {**NORTH, "secret_env": "NORTH_SECRET"}
    del entry["secret"]
    [north] = councils.parse(json.dumps([entry]))
    assert north.secret == "from-the-environment"
    assert councils.parse("") == []
    for broken, words in [
        ("{", "not JSON"),
        (json.dumps([{**NORTH, "email_domains": []}]), "no email_domains"),
        (json.dumps([{**NORTH, "server_url": "http://login.example.com"}]), "https://"),
        (json.dumps([{**NORTH, "server_url": "http://127.0.0.1.example.com"}]), "https://"),
        (json.dumps([{**NORTH, "tennant": "x"}]), "tennant"),
        (json.dumps([NORTH, NORTH]), "twice"),
        (json.dumps([{**NORTH, "secret_env": "UNSET_SECRET"}]), "not set"),
    ]:
        with pytest.raises(ImproperlyConfigured, match=words):
            councils.parse(broken)


def test_an_administrator_switches_passwords_off_only_with_a_way_in(org, admin_user, settings):
    client = signed_in(admin_user)
    page = client.get(reverse("people:sign_in"))
    assert page.status_code == 200
    assert "North Council" in page.content.decode()

    refused = client.post(reverse("people:sign_in"), {})
    assert refused.status_code == 400
    assert "Sign in once with your council" in refused.content.decode()
    org.refresh_from_db()
    assert org.allow_local_passwords

    SocialAccount.objects.create(user=admin_user, provider="north", uid="admin-oid")
    assert client.post(reverse("people:sign_in"), {}).status_code == 302
    org.refresh_from_db()
    assert not org.allow_local_passwords
    allowed = client.post(reverse("people:sign_in"), {"allow_local_passwords": "on"})
    assert allowed.status_code == 302
    org.refresh_from_db()
    assert org.allow_local_passwords

    settings.SOCIALACCOUNT_PROVIDERS = councils.providers_setting([])
    refused = client.post(reverse("people:sign_in"), {})
    assert "No council" in refused.content.decode()


def test_a_password_is_refused_where_the_organisation_switched_them_off(org, viewer):
    org.allow_local_passwords = False
    org.save()
    response = Client().post(reverse("account_login"), {"login": "viewer", "password": PASSWORD})
    assert response.status_code == 200
    assert "use your council" in response.content.decode()


def test_a_sign_in_whose_state_has_gone_says_to_start_again(client):
    response = client.get(
        "/accounts/oidc/north/login/callback/", {"code": "a-code", "state": "forgotten"}
    )
    assert response.status_code == 400
    assert "Signing in did not finish" in response.content.decode()
    confirm = client.get("/accounts/oidc/north/login/")
    assert "Sign in with North Council" in confirm.content.decode()


def test_a_password_reset_where_passwords_are_off_sends_how_to_sign_in_not_a_link(org, viewer):
    from django.core import mail

    viewer.email = "viewer@north.example"
    viewer.save()
    org.allow_local_passwords = False
    org.save()

    asked = Client().post(reverse("account_reset_password"), {"email": viewer.email})

    assert asked.status_code == 302  # the same answer as for anyone: nothing is given away
    [message] = mail.outbox
    assert message.to == [viewer.email]
    assert message.subject.endswith("Your Headway sign-in")
    assert "no Headway\npassword to reset" in message.body
    assert "http://testserver/accounts/login/" in message.body
    assert "/password/reset/key/" not in message.body


def test_a_password_reset_where_passwords_are_on_sends_the_link(org, viewer):
    from django.core import mail

    viewer.email = "viewer@north.example"
    viewer.save()

    Client().post(reverse("account_reset_password"), {"email": viewer.email})

    [message] = mail.outbox
    assert "/password/reset/key/" in message.body
