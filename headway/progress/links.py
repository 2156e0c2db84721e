"""Addresses of the cycle's pages, for emails sent outside any request."""

from __future__ import annotations

from django.urls import reverse

from headway.site_address import absolute_url

RETURN_URL_NAME = "progress:return"


def return_path(update_id: int) -> str:
    """The path of a return's page: ``progress:return`` with the update's id."""
    return reverse(RETURN_URL_NAME, args=[update_id])


def return_url(update_id: int) -> str:
    return absolute_url(return_path(update_id))
