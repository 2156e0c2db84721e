"""An administrator sets the organisation's look: colours, a logo and a slide template,
each checked with a message that says what to upload instead."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from headway.accounts.models import User
from headway.strategy.models import Organisation
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db
URL = reverse("branding")


@pytest.fixture(autouse=True)
def media(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def picture(kind: str = "PNG", size: tuple[int, int] = (600, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#005a9c").save(out, kind)
    return out.getvalue()


def deck(width: float = 13.333, height: float = 7.5) -> bytes:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(width), Inches(height)
    presentation.slides.add_slide(presentation.slide_layouts[0]).shapes.title.text = "Sample"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def post(client: Client, **fields: object) -> Any:
    data: dict[str, object] = {"colour": "#005A9C", "accent_colour": "#00703c", **fields}
    return client.post(URL, data)


def test_an_administrator_saves_colours_a_logo_and_a_template(
    admin_user: User, org: Organisation
) -> None:
    client = signed_in(admin_user)
    response = post(
        client,
        logo=SimpleUploadedFile("crest.png", picture(), "image/png"),
        deck_template=SimpleUploadedFile("council.pptx", deck()),
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.colour, org.accent_colour) == ("#005a9c", "#00703c")
    assert str(org.logo.name).endswith(".png")
    assert str(org.deck_template.name).endswith(".pptx")
    page = Page.of(client.get(URL))
    assert "Branding saved" in page.text()


def test_it_removes_the_logo_and_goes_back_to_the_plain_template(
    admin_user: User, org: Organisation, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in(admin_user)
    post(
        client,
        logo=SimpleUploadedFile("crest.png", picture(), "image/png"),
        deck_template=SimpleUploadedFile("council.pptx", deck()),
    )
    org.refresh_from_db()
    stored = media / str(org.logo.name)
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, remove_logo="on", remove_template="on")
    org.refresh_from_db()
    assert not org.logo and not org.deck_template
    assert not stored.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"colour": "blue"}, "Enter a colour as a # and six hexadecimal digits"),
        (
            {"logo": SimpleUploadedFile("crest.png", b"not a picture", "image/png")},
            "The logo must be a PNG or JPEG picture",
        ),
        (
            {"logo": SimpleUploadedFile("crest.gif", picture("GIF"), "image/gif")},
            "save it as a PNG or JPEG",
        ),
        (
            {"logo": SimpleUploadedFile("dot.png", picture(size=(10, 10)), "image/png")},
            "The logo is 10 by 10 pixels",
        ),
        (
            {"logo": SimpleUploadedFile("big.png", b"x" * (1024 * 1024 + 1), "image/png")},
            "it must be smaller than 1.0 MB",
        ),
        (
            {"deck_template": SimpleUploadedFile("council.pptx", b"PK not really")},
            "The file is not a PowerPoint presentation",
        ),
        (
            {"deck_template": SimpleUploadedFile("council.docx", deck())},
            "The template must be a PowerPoint presentation (.pptx)",
        ),
        (
            {"deck_template": SimpleUploadedFile("old.pptx", deck(10, 7.5))},
            "not widescreen (16:9)",
        ),
    ],
)
def test_it_says_what_to_fix_and_saves_nothing(
    admin_user: User, org: Organisation, fields: dict[str, object], message: str
) -> None:
    # A good logo beside the bad field: it is not saved either.
    good = {"logo": SimpleUploadedFile("crest.png", picture(), "image/png")}
    response = post(signed_in(admin_user), **{**good, **fields})
    assert response.status_code == 400
    page = Page.of(response)
    assert "There is a problem" in page.text()
    assert message in page.text()
    org.refresh_from_db()
    assert (org.colour, bool(org.logo), bool(org.deck_template)) == ("#0b0c0c", False, False)
