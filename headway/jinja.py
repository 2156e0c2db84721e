"""The Jinja2 environment for Headway's pages, with the GOV.UK Frontend macros."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader
from markupsafe import Markup

from headway.indicators.units import format_value

DATE_FORMATS = {"long": "%-d %B %Y", "short": "%-d %b %Y"}


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def format_date(value: date | None, style: str = "long", empty: str = "") -> str:
    """A date as GOV.UK writes it: ``7 February 2020`` (long) or ``7 Feb 2020`` (short)."""
    if value is None:
        return empty
    return value.strftime(DATE_FORMATS[style])


def format_moment(value: datetime | None, empty: str = "") -> str:
    """A moment as GOV.UK writes it, in local time: ``9:05am on 18 February 2022``."""
    if value is None:
        return empty
    local = timezone.localtime(value)
    minutes = f":{local:%M}" if local.minute else ""
    return f"{local:%-I}{minutes}{local:%p}".lower() + f" on {local:%-d %B %Y}"


def isodate(value: str | None) -> date | None:
    """A date kept as ISO text (in snapshots and map states) as a date, for ``date``."""
    return date.fromisoformat(value) if value else None


def local_time(value: datetime | None, style: str = "%-d %B %Y", empty: str = "") -> str:
    """A moment in the site's time zone (settings.TIME_ZONE): ``14:05 on 7 January 2022``."""
    if value is None:
        return empty
    return timezone.localtime(value).strftime(style)


def in_uk_time(value: datetime | None) -> datetime | None:
    """A stored moment in the UK's time (GMT or BST), to show it as people read clocks."""
    return timezone.localtime(value) if value is not None else None


def tag_class(colour: str | None) -> str:
    """The GOV.UK tag modifier for a colour. Blue is the tag's default, so it has none."""
    if not colour or colour == "blue":
        return "govuk-tag"
    return f"govuk-tag govuk-tag--{colour}"


def prose(text: str | None) -> Markup:
    """Text a person typed, escaped, with its paragraphs and line breaks kept."""
    html = linebreaks(text or "", autoescape=True)
    return Markup(html.replace("<p>", '<p class="govuk-body">'))


def _progress_tag(progress: str) -> dict[str, str]:
    # Imported when first used: the models are not ready when the environment is built.
    from headway.progress.tags import progress_tag

    return progress_tag(progress)


def _sign_in_choices(request: Any) -> dict[str, Any]:
    """For the sign-in page: each council's sign-in service, and whether passwords are offered."""
    from headway.accounts import local_passwords
    from headway.accounts.single_sign_on import councils_offered

    return {
        "councils": councils_offered(request),
        "local_passwords": local_passwords.offered(request),
    }


def environment(**options: Any) -> Environment:
    loader = options.pop("loader", None)
    template_dirs = [str(path) for path in settings.TEMPLATES[0]["DIRS"]]
    options["loader"] = ChoiceLoader(
        [
            loader or FileSystemLoader(template_dirs),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = Environment(**options)
    env.globals.update(
        {
            "static": static,
            "url": url,
            "progress_tag": _progress_tag,
            "sign_in_choices": _sign_in_choices,
        }
    )
    env.filters.update(
        {
            "date": format_date,
            "isodate": isodate,
            "localtime": local_time,
            "in_uk_time": in_uk_time,
            "moment": format_moment,
            "tag_class": tag_class,
            "prose": prose,
            "indicator": format_value,
        }
    )
    return env
