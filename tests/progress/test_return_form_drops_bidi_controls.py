"""A return typed on the page is stored without bidirectional controls, words kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.progress.models import Update
from headway.strategy.models import Organisation
from tests.conftest import signed_in
from tests.factories import status_value

pytestmark = pytest.mark.django_db


def test_the_page_stores_the_words_without_the_controls(
    lead: User, draft: Update, org: Organisation
) -> None:
    response = signed_in(lead).post(
        reverse("progress:return", args=[draft.pk]),
        {
            "version": str(draft.version),
            "status": str(status_value(org, "green").pk),
            "narrative": "Went live \u202eon time\u202c in November.",
            "achievements": "\u2067\u05e9\u05dc\u05d5\u05dd\u2069 team trained.",
            "next_steps": "",
            "risks": "",
            "percent_complete": "80",
            "action": "draft",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.narrative == "Went live on time in November."
    assert draft.achievements == "\u05e9\u05dc\u05d5\u05dd team trained."
