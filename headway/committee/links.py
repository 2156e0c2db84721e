"""Addresses of the committee pages, for emails sent outside any request."""

from __future__ import annotations

from django.urls import reverse

from headway.site_address import absolute_url


def report_url(report_id: int) -> str:
    return absolute_url(reverse("committee:report", args=[report_id]))
