"""An organisation's look in its committee packs: the rules for its logo and slide template,
saving them, and reading them for the renderers (``branding_for``)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from headway.committee.render.branding import Branding, TemplateProblem, check_deck_template
from headway.strategy.models import Organisation

LOGO_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}
# Pillow refuses images past this many pixels as a decompression bomb; a logo is far smaller.
LOGO_PIXELS = 4000 * 4000
TEMPLATE_BYTES = 20 * 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_logo(upload: UploadedFile) -> str:
    """The logo's file extension if it is a PNG or JPEG picture Headway can print; else say
    what to upload instead."""
    if upload.size and upload.size > LOGO_BYTES:
        raise ValidationError(
            f"The logo is {_megabytes(upload.size)}: it must be smaller than "
            f"{_megabytes(LOGO_BYTES)}. Save it at a smaller size"
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format or ""
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError("The logo must be a PNG or JPEG picture") from None
    finally:
        upload.seek(0)
    if kind not in LOGO_FORMATS:
        raise ValidationError(
            f"The logo is a {kind or 'kind of'} picture: save it as a PNG or JPEG and upload that"
        )
    if width * height > LOGO_PIXELS or width < 40 or height < 20:
        raise ValidationError(
            f"The logo is {width} by {height} pixels: use one between 40 by 20 and "
            "4,000 by 4,000 pixels"
        )
    return LOGO_FORMATS[kind]


def check_template(upload: UploadedFile) -> None:
    if upload.size and upload.size > TEMPLATE_BYTES:
        raise ValidationError(
            f"The template is {_megabytes(upload.size)}: it must be smaller than "
            f"{_megabytes(TEMPLATE_BYTES)}"
        )
    if not (upload.name or "").casefold().endswith(".pptx"):
        raise ValidationError("The template must be a PowerPoint presentation (.pptx)")
    upload.seek(0)
    try:
        check_deck_template(upload.read())
    except TemplateProblem as problem:
        raise ValidationError(str(problem)) from None
    finally:
        upload.seek(0)


@transaction.atomic
def save_branding(
    organisation: Organisation,
    *,
    colour: str,
    accent_colour: str,
    logo: UploadedFile | None = None,
    deck_template: UploadedFile | None = None,
    remove_logo: bool = False,
    remove_template: bool = False,
) -> Organisation:
    """Change the organisation's look: the files are checked first, so a bad one changes
    nothing; a replaced or removed file is deleted from storage once the change is saved."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    problems: dict[str, Any] = {}
    extension = None
    if logo is not None:
        try:
            extension = check_logo(logo)
        except ValidationError as error:
            problems["logo"] = error.messages
    if deck_template is not None:
        try:
            check_template(deck_template)
        except ValidationError as error:
            problems["deck_template"] = error.messages
    if problems:
        raise ValidationError(problems)
    old = []
    organisation.colour, organisation.accent_colour = colour.lower(), accent_colour.lower()
    if logo is not None or remove_logo:
        old.append(organisation.logo.name)
        organisation.logo = None
        if logo is not None:
            organisation.logo.save(f"logo.{extension}", logo, save=False)
    if deck_template is not None or remove_template:
        old.append(organisation.deck_template.name)
        organisation.deck_template = None
        if deck_template is not None:
            organisation.deck_template.save("deck-template.pptx", deck_template, save=False)
    organisation.full_clean()
    organisation.save()
    storage = Organisation._meta.get_field("logo").storage
    kept = {organisation.logo.name, organisation.deck_template.name}
    for name in old:
        if name and name not in kept:
            transaction.on_commit(partial(storage.delete, name))
    return organisation


def _read(field: Any) -> bytes | None:
    if not field:
        return None
    with field.open("rb") as handle:
        return bytes(handle.read())


def branding_for(organisation: Organisation) -> Branding:
    """The organisation's look as the renderers take it."""
    return Branding(
        colour=organisation.colour,
        accent=organisation.accent_colour,
        logo=_read(organisation.logo),
        deck_template=_read(organisation.deck_template),
    )
