"""``headway reindex`` names one organisation by its slug, as ``headway import`` does."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from headway.strategy.models import Organisation

pytestmark = pytest.mark.django_db


def test_it_rebuilds_one_organisation_named_by_its_slug(org: Organisation) -> None:
    out = StringIO()
    call_command("reindex", "--organisation", org.slug, stdout=out)
    assert out.getvalue().startswith(f"{org.name}: ")


def test_an_unknown_slug_is_refused_with_the_ones_there_are(org: Organisation) -> None:
    with pytest.raises(CommandError, match=f"There are: {org.slug}."):
        call_command("reindex", "--organisation", "nowhere", stdout=StringIO())
