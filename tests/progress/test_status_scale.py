"""Each organisation rates progress on BRAG unless it defines its own scale."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from headway.progress.models import StatusValue
from headway.progress.models.status import ensure_status_scale
from headway.strategy.models import Organisation


def test_it_gives_an_organisation_the_brag_scale(org: Organisation) -> None:
    scale = ensure_status_scale(org)
    values = list(scale.values.all())
    assert [(v.label, v.meaning) for v in values] == [
        ("Blue", "Complete"),
        ("Green", "On track"),
        ("Amber", "At risk, recoverable"),
        ("Red", "Off track, needs escalation"),
    ]
    assert [v.code for v in values if v.needs_mitigation] == ["amber", "red"]
    assert [v.code for v in values if v.means_complete] == ["blue"]


def test_it_creates_the_scale_once(org: Organisation) -> None:
    first = ensure_status_scale(org)
    again = ensure_status_scale(org)
    assert first == again
    assert StatusValue.objects.filter(scale=first).count() == 4


def test_an_organisation_may_add_a_fifth_status(org: Organisation) -> None:
    scale = ensure_status_scale(org)
    StatusValue.objects.create(
        scale=scale,
        position=5,
        code="grey",
        label="Not started",
        meaning="Not yet started",
        colour="#505a5f",
        tag=StatusValue.Tag.GREY,
    )
    assert scale.values.count() == 5


def test_it_refuses_a_colour_that_is_not_hex(org: Organisation) -> None:
    value = StatusValue(
        scale=ensure_status_scale(org),
        position=6,
        code="pink",
        label="Pink",
        meaning="?",
        colour="pink",
        tag=StatusValue.Tag.RED,
    )
    with pytest.raises(ValidationError, match="hex colour"):
        value.full_clean()
