"""Addresses of the committee pages, for emails sent outside any request."""

from __future__ import annotations

from django.urls import reverse

from headway.site_address import absolute_url


def report_url(report_id: int) -> str:
    return absolute_url(reverse("committee:report", args=[report_id]))


def published_url(slug: str) -> str:
    """A published report's stable public address."""
    return absolute_url(reverse("committee:published_report", args=[slug]))
