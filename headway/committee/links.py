"""Addresses of the committee pages, for emails sent outside any request."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def report_url(report_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("committee:report", args=[report_id])
