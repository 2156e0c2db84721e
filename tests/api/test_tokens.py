"""Tokens: stored only as a hash, refused once revoked, and every use recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from headway.accounts.models import Membership, User
from headway.api.models import ApiToken, TokenUse
from headway.api.tokens import create_token, hash_secret, revoke_token
from headway.strategy.models import Organisation

pytestmark = pytest.mark.django_db

URL = "/api/v1/services/"


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_it_stores_only_a_hash_of_the_secret(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Power BI refresh")

    stored = ApiToken.objects.get()
    assert new.secret.startswith("hw_") and len(new.secret) > 40
    assert stored.secret_hash == hash_secret(new.secret)
    assert new.secret not in {getattr(stored, f.attname) for f in ApiToken._meta.fields}
    assert stored.prefix == new.secret[:11]


def test_it_lets_a_token_in(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Script")

    assert bearer(new.secret).get(URL).status_code == 200


def test_it_records_every_use_with_its_time_and_path(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Script")
    before = timezone.now()

    bearer(new.secret).get(URL)
    bearer(new.secret).get(f"{URL}?ordering=name")

    uses = list(TokenUse.objects.order_by("at", "id"))
    assert [(u.method, u.path) for u in uses] == [("GET", URL), ("GET", f"{URL}?ordering=name")]
    assert all(use.at >= before for use in uses)
    new.token.refresh_from_db()
    assert new.token.last_used_at == uses[-1].at


def test_it_refuses_a_revoked_token_with_401(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Script")
    revoke_token(new.token, by=viewer)

    response = bearer(new.secret).get(URL)

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    assert response.json()["code"] == "authentication_failed"
    assert not TokenUse.objects.exists()


def test_it_refuses_an_unknown_token(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Script")

    response = bearer(new.secret[:-1] + ("A" if new.secret[-1] != "A" else "B")).get(URL)

    assert response.status_code == 401
    assert "not known" in response.json()["detail"]


def test_it_asks_anonymous_callers_for_a_token(db: None) -> None:
    response = APIClient().get(URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] == "not_authenticated"


def test_it_refuses_a_token_whose_owner_has_left(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Script")
    Membership.objects.filter(user=viewer).delete()

    assert bearer(new.secret).get(URL).status_code == 401


def test_it_refuses_a_token_whose_owner_cannot_sign_in(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Script")
    viewer.is_active = False
    viewer.save()

    assert bearer(new.secret).get(URL).status_code == 401


def test_it_needs_a_name(viewer: User, org: Organisation) -> None:
    with pytest.raises(ValidationError, match="Enter a name"):
        create_token(viewer, org, "   ")


def test_it_makes_tokens_only_for_members(viewer: User, other_org: Organisation) -> None:
    with pytest.raises(PermissionDenied, match="not a member"):
        create_token(viewer, other_org, "Script")


def test_only_the_owner_revokes_a_token(viewer: User, reviewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Script")

    with pytest.raises(PermissionDenied, match="Only the person who made"):
        revoke_token(new.token, by=reviewer)
    new.token.refresh_from_db()
    assert new.token.revoked_at is None
