"""Pages work under a Content-Security-Policy with no 'unsafe-inline': their only inline
script is GOV.UK Frontend's fixed line, allowed by the hash Headway computes at start-up."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.csp import inline_script_hashes, inline_scripts, script_hash
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
