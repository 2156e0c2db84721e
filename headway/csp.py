"""What a Content-Security-Policy must allow for Headway's pages to work without inline
script: Headway's own files, and GOV.UK Frontend's one fixed inline line, by its hash.

That line, at the top of every page's body, adds ``govuk-frontend-supported`` to the body's
classes before the first paint, so the page is laid out from the start as the components
will leave it (see the service navigation in assets/scss/_components.scss). It comes from
``govuk-frontend-jinja``'s page template, so its hash is taken from the installed template
when Headway starts, and follows the package when it is upgraded.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import govuk_frontend_jinja

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
