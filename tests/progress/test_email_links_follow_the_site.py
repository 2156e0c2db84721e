"""With SITE_URL unset, an email sent while answering a request links to the address the
request was made to, not to a default the site may not be serving on."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative
from tests.conftest import signed_in
from tests.factories import UpdateFactory

# Committed for real, so the email goes at commit, while the request is being answered.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def submitted(initiative: Initiative, period: ReportingPeriod) -> Update:
    return UpdateFactory.create(
        initiative=initiative, period=period, state="submitted", submitted_at=timezone.now()
    )


def test_a_returned_returns_email_links_to_the_address_the_reviewer_used(
    reviewer: User, lead: User, submitted: Update, settings: Any
) -> None:
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["headway.council.example"]

    signed_in(reviewer).post(
        reverse("progress:review", args=[submitted.pk]),
        {"action": "return", "comment": "Add the figures.", "version": str(submitted.version)},
        HTTP_HOST="headway.council.example:8443",
        secure=True,
    )

    [email] = mail.outbox
    path = reverse("progress:return", args=[submitted.pk])
    assert f"https://headway.council.example:8443{path}" in email.body
