"""Pages are sent with a Content-Security-Policy with no 'unsafe-inline': their only inline
script is GOV.UK Frontend's fixed line, allowed by the hash Headway computes at start-up, and
only a page that carries its own styles (a report's web page) has those allowed, by hash."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.csp import (
    HEADER,
    inline_script_hashes,
    inline_scripts,
    policy_for_own_styles,
    script_hash,
    style_attributes,
    style_blocks,
)
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_the_template_s_one_inline_script_sets_the_supported_class_by_hash() -> None:
    [allowed] = inline_script_hashes()

    assert allowed.startswith("'sha256-") and allowed.endswith("='")


@pytest.mark.parametrize("name", ["portfolio", "progress:dashboard", "accessibility"])
def test_every_inline_script_on_a_page_is_allowed_by_its_hash(admin_user: User, name: str) -> None:
    html = signed_in(admin_user).get(reverse(name)).content.decode()

    scripts = inline_scripts(html)

    assert len(scripts) == 1 and "govuk-frontend-supported" in scripts[0]
    assert {script_hash(source) for source in scripts} <= set(inline_script_hashes())
    # It runs at the very top of the body, before anything is painted.
    body = html[html.index("<body") :]
    assert body.index("govuk-frontend-supported") < body.index("govuk-service-navigation")


def test_an_external_script_is_not_counted_as_inline() -> None:
    assert inline_scripts('<script type="module" src="/static/x.js"></script>') == []


def test_every_page_is_sent_with_a_policy_that_allows_no_inline_code(admin_user: User) -> None:
    response = signed_in(admin_user).get(reverse("portfolio"))

    header = response[HEADER]
    directives = dict(d.strip().split(" ", 1) for d in header.split(";"))
    assert directives["script-src"] == " ".join(["'self'", *inline_script_hashes()])
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "style-src-attr" not in directives


def test_headway_s_own_templates_hold_no_inline_script_or_style() -> None:
    templates = Path(__file__).resolve().parents[1] / "headway" / "templates"
    found = [
        f"{path.relative_to(templates)}: {problem}"
        for path in templates.rglob("*.html")
        for problem in (
            *(["inline script"] if inline_scripts(path.read_text()) else []),
            *(["<style> block"] if style_blocks(path.read_text()) else []),
            *(["style attribute"] if style_attributes(path.read_text()) else []),
        )
    ]
    assert found == []


def test_a_page_with_its_own_styles_is_allowed_exactly_those_by_hash() -> None:
    page = (
        "<style>body { margin: 0 }</style>"
        '<col style="width: 40%"><span class="status" style=\'color: &quot;red&quot;\'>x</span>'
    )

    header = policy_for_own_styles(page)

    directives = dict(d.strip().split(" ", 1) for d in header.split(";"))
    assert directives["style-src"] == f"'self' {script_hash('body { margin: 0 }')}"
    quoted = script_hash('color: "red"')
    assert directives["style-src-attr"] == f"'unsafe-hashes' {script_hash('width: 40%')} {quoted}"
    assert "unsafe-inline" not in header
