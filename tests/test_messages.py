"""The banners that tell a person what just happened: markup of our own, their words escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.api.tokens import create_token
from headway.strategy.models import Organisation
from tests.conftest import signed_in
from tests.pages import Page, has_class

pytestmark = pytest.mark.django_db

BANNER = f"//div[{has_class('govuk-notification-banner')}]"
HEADING = f"{BANNER}//p[{has_class('govuk-notification-banner__heading')}]"


def test_a_success_banner_shows_its_message_as_a_heading_not_as_markup(
    viewer: User, org: Organisation
) -> None:
    new = create_token(viewer, org, "Power BI refresh")

    done = signed_in(viewer).post(reverse("api:token-revoke", args=[new.token.pk]), follow=True)

    page = Page.of(done)
    assert page.texts(HEADING) == ["Token “Power BI refresh” revoked: it no longer works."]
    assert "govuk-notification-banner__heading" not in page.text("//div[@role='alert']")


def test_markup_a_person_typed_is_shown_as_text_in_the_banner(
    viewer: User, org: Organisation
) -> None:
    new = create_token(viewer, org, '<b id="typed">Power BI</b>')

    done = signed_in(viewer).post(reverse("api:token-revoke", args=[new.token.pk]), follow=True)

    page = Page.of(done)
    assert page.count("//b[@id='typed']") == 0
    assert page.texts(HEADING) == [
        'Token “<b id="typed">Power BI</b>” revoked: it no longer works.'
    ]
