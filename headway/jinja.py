"""The Jinja2 environment for Headway's pages, with the GOV.UK Frontend macros."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


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
    env.globals.update({"static": static, "url": url})
    return env
