"""Headway's icon as an ICO file, for ``/favicon.ico``.

Browsers ask for ``/favicon.ico`` on any page that names no icon of its own, such as a
published report's page (a file from its pack, which links nothing outside itself). The
picture is the one in ``assets/favicon.svg``, drawn again here with Pillow from the same
coordinates: a teal tile with a white H whose bar climbs, as progress does.
"""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw

TEAL = "#106165"
WHITE = "#ffffff"
# The SVG's 32-unit grid: the tile's corner radius, the H's strokes and their width.
GRID = 32
RADIUS = 6
STROKES = (((9.5, 7.5), (9.5, 24.5)), ((22.5, 7.5), (22.5, 24.5)), ((9.5, 18), (22.5, 14)))
STROKE_WIDTH = 4
SIZES = (16, 32, 48)
# Drawn this many times larger, then scaled down, so the edges are smooth.
OVERSAMPLE = 8


def draw_icon(size: int) -> Image.Image:
    """The icon, ``size`` pixels square."""
    scale = size * OVERSAMPLE / GRID
    big = size * OVERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=RADIUS * scale, fill=TEAL)
    width = round(STROKE_WIDTH * scale)
    for start, end in STROKES:
        points = [(x * scale, y * scale) for x, y in (start, end)]
        pen.line(points, fill=WHITE, width=width)
        for x, y in points:  # round line caps, as the SVG's stroke-linecap
            half = width / 2
            pen.ellipse((x - half, y - half, x + half, y + half), fill=WHITE)
    return image.resize((size, size), Image.Resampling.BOX)


@cache
def favicon_ico() -> bytes:
    """The icon at 16, 32 and 48 pixels in one ICO file (made once per process)."""
    largest = max(SIZES)
    out = io.BytesIO()
    draw_icon(largest).save(
        out,
        format="ICO",
        sizes=[(size, size) for size in SIZES],
        append_images=[draw_icon(size) for size in SIZES if size != largest],
    )
    return out.getvalue()
