"""The organisation's branding form: colours, a logo and a slide template."""

from __future__ import annotations

from typing import Any

from django import forms

from headway.forms import GovukForm
from headway.strategy.models.organisation import COLOUR


class BrandingForm(GovukForm):
    colour = forms.CharField(
        max_length=7,
        validators=[COLOUR],
        error_messages={"required": "Enter the colour for slide titles and table headings"},
    )
    accent_colour = forms.CharField(
        max_length=7,
        validators=[COLOUR],
        error_messages={"required": "Enter the accent colour"},
    )
    logo = forms.FileField(
        required=False, error_messages={"empty": "The logo file is empty. Choose the picture"}
    )
    deck_template = forms.FileField(
        required=False,
        error_messages={"empty": "The template file is empty. Choose the .pptx file"},
    )
    remove_logo = forms.BooleanField(required=False)
    remove_template = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
