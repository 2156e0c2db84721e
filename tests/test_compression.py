"""Pages are sent compressed to browsers that accept it, except a page showing a secret."""

from __future__ import annotations

import gzip

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from headway.accounts.models import User
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_is_sent_gzipped(admin_user: User) -> None:
    client = signed_in(admin_user)

    plain = client.get(reverse("portfolio"))
    packed = client.get(reverse("portfolio"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "<h1" in html and "</html>" in html
    assert len(packed.content) < len(plain.content) / 3


def test_a_public_page_is_sent_gzipped() -> None:
    response = Client().get(reverse("accessibility"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"


def test_the_page_showing_a_new_api_token_is_not_compressed(lead: User) -> None:
    response = signed_in(lead).post(
        reverse("api:tokens"), {"name": "Power BI refresh"}, HTTP_ACCEPT_ENCODING="gzip"
    )

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "Your token" in response.content.decode()


def test_each_page_carries_a_differently_masked_csrf_token(admin_user: User) -> None:
    """Django masks the CSRF token anew in every response, so compressed pages give BREACH
    no fixed secret to converge on."""
    client = signed_in(admin_user)

    first = client.get(reverse("portfolio")).content.decode()
    second = client.get(reverse("portfolio")).content.decode()

    def token(html: str) -> str:
        start = html.index('name="csrfmiddlewaretoken" value="') + 34
        return html[start : html.index('"', start)]

    assert token(first) != token(second)
    assert "headway.compression.CompressionMiddleware" in settings.MIDDLEWARE
