from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from headway.accounts.models import Role

ADMIN = Role.ADMINISTRATOR
M = TypeVar("M", bound=Model)


def found_or_404(rows: QuerySet[M], pk: int, what: str) -> M:
    """One of the organisation's rows (``rows`` is already filtered to it), or 404."""
    row = rows.filter(pk=pk).first()
    if row is None:
        raise Http404(f"Your organisation has no {what} with this number.")
    return row
