"""Headway's Content-Security-Policy: its pages run Headway's own files and no inline script
or style, except GOV.UK Frontend's one fixed inline line, allowed by its hash, and the
styles a page that carries its own (a committee report's web page) names by hash.

That line, at the top of every page's body, adds ``govuk-frontend-supported`` to the body's
classes before the first paint, so the page is laid out from the start as the components
will leave it (see the service navigation in assets/scss/_components.scss). It comes from
``govuk-frontend-jinja``'s page template, so its hash is taken from the installed template
when Headway starts, and follows the package when it is upgraded.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import govuk_frontend_jinja
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

PAGE_TEMPLATE = Path(govuk_frontend_jinja.__file__).parent / "templates" / "template.html"
# An inline script: one with no src. Jinja tags in the opening tag hold no ">".
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?:\s[^>]*)?>(.*?)</script>", re.DOTALL)


def script_hash(source: str) -> str:
    """The CSP source that allows an inline script with exactly this text."""
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_scripts(html: str) -> list[str]:
    return INLINE_SCRIPT.findall(html)


@cache
def inline_script_hashes() -> tuple[str, ...]:
    """The hashes a policy's script-src needs for the inline scripts of Headway's pages."""
    return tuple(script_hash(source) for source in inline_scripts(PAGE_TEMPLATE.read_text()))


# An inline style: a <style> block's text, or a style attribute's value (quoted either way).
STYLE_BLOCK = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""")


def style_blocks(page: str) -> list[str]:
    return STYLE_BLOCK.findall(page)


def style_attributes(page: str) -> list[str]:
    """Each style attribute's value as the browser reads it (entities decoded)."""
    return [html.unescape(double or single) for double, single in STYLE_ATTRIBUTE.findall(page)]


def policy(
    *,
    style_block_hashes: tuple[str, ...] = (),
    style_attribute_hashes: tuple[str, ...] = (),
    form_targets: tuple[str, ...] = (),
) -> str:
    """Headway's Content-Security-Policy: its own files only, with no inline script but
    GOV.UK Frontend's one line and no inline style but what a page names by hash.
    ``form_targets`` are other origins a form may lead to (a council's sign-in service)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *inline_script_hashes()],
        "style-src": ["'self'", *style_block_hashes],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", *form_targets],
        "frame-ancestors": ["'none'"],
    }
    if style_attribute_hashes:
        directives["style-src-attr"] = ["'unsafe-hashes'", *style_attribute_hashes]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def policy_for_own_styles(page: str) -> str:
    """The policy for a page that carries its own styles (a committee report's web page, or
    Swagger UI's): each of its <style> blocks and style attributes allowed by hash, and
    nothing else inline."""
    return policy(
        style_block_hashes=tuple(dict.fromkeys(map(script_hash, style_blocks(page)))),
        style_attribute_hashes=tuple(dict.fromkeys(map(script_hash, style_attributes(page)))),
    )


HEADER = "Content-Security-Policy"


def council_origins() -> tuple[str, ...]:
    """The origins of the councils' sign-in services (settings.SOCIALACCOUNT_PROVIDERS)."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    origins = []
    for app in apps:
        parts = urlsplit(app.get("settings", {}).get("server_url", ""))
        if parts.scheme and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return tuple(dict.fromkeys(origins))


class ContentSecurityPolicyMiddleware:
    """Sends Headway's policy with every response that has not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if HEADER not in response:
            # A council's button posts to Headway, which sends the browser on to the
            # council's sign-in service: browsers hold that redirect to form-action too.
            signing_in = request.path.startswith("/accounts/")
            response[HEADER] = policy(form_targets=council_origins() if signing_in else ())
        return response
