"""Public pages get Headway's icon: browsers ask for /favicon.ico on any page, such as a
published report's, that names no icon of its own."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from PIL import Image

from headway.lib.favicon import SIZES, draw_icon

pytestmark = pytest.mark.django_db


def test_it_serves_an_icon_to_anyone() -> None:
    response = Client().get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert set(icon.info["sizes"]) == {(size, size) for size in SIZES}


def test_it_is_the_teal_tile_with_a_white_h() -> None:
    icon = draw_icon(32).convert("RGB")

    assert icon.getpixel((16, 3)) == (0x10, 0x61, 0x65)  # the tile above the H
    assert icon.getpixel((9, 10)) == (0xFF, 0xFF, 0xFF)  # the H's left stroke
    corner = draw_icon(32).getpixel((0, 0))
    assert isinstance(corner, tuple) and corner[3] < 128  # the rounded corner is see-through
