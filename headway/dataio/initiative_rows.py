"""One row of the Initiatives sheet, read into values or into problems.

Each column has a reader; a column the file leaves out is not read at all, so it changes
nothing. Readers take the lookups so a name is checked against the organisation's own
services, partners and priorities without a query per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from headway.dataio.cells import (
    CellError,
    key,
    parse_date,
    parse_reference,
    parse_yes_no,
    shown,
    split_list,
    text,
)
from headway.dataio.columns import INITIATIVE_COLUMNS, header_of
from headway.dataio.lookups import PortfolioLookups
from headway.dataio.problems import Problem
from headway.strategy.models import Initiative, Partner, Priority

Reader = Callable[[Any, PortfolioLookups], Any]
_NUMBERED = re.compile(r"^(\d+)\s*(?:[.):-]\s*(.*))?$")
TITLE_LENGTH = 250


def _title(value: Any, lookups: PortfolioLookups) -> str:
    title = text(value)
    if not title:
        raise CellError("The title is missing. Give every initiative a title.")
    if len(title) > TITLE_LENGTH:
        raise CellError(
            f"The title is {len(title)} characters long. Shorten it to at most {TITLE_LENGTH} "
            "characters and put the rest in the description."
        )
    return title


def _choice(value: Any, known: dict[str, str], what: str, labels: list[str]) -> str | None:
    typed = text(value)
    if not typed:
        return None
    found = known.get(key(typed))
    if found is None:
        raise CellError(f"{shown(typed)} is not a {what}. Write one of: {', '.join(labels)}.")
    return found


def _kind(value: Any, lookups: PortfolioLookups) -> str:
    labels = [str(label) for label in Initiative.Kind.labels]
    kind = _choice(value, lookups.kinds, "kind of initiative", labels)
    if kind is None:
        raise CellError(f"The kind is missing. Write one of: {', '.join(labels)}.")
    return kind


def _status(value: Any, lookups: PortfolioLookups) -> str | None:
    labels = [str(label) for label in Initiative.Status.labels]
    return _choice(value, lookups.statuses, "status", labels)


def _service(value: Any, lookups: PortfolioLookups) -> Any:
    typed = text(value)
    if not typed:
        raise CellError(
            f"The service is missing. Write one of {lookups.organisation.display_name}'s "
            f"services: {lookups.service_names()}."
        )
    service = lookups.services.get(key(typed))
    if service is None:
        raise CellError(
            f"{shown(typed)} is not one of {lookups.organisation.display_name}'s services. "
            f"They are: {lookups.service_names()}."
        )
    return service


def _priority(token: str, lookups: PortfolioLookups) -> Priority:
    strategy = lookups.strategy
    if strategy is None:
        raise CellError(
            f"{lookups.organisation.display_name} has no strategy in Headway yet, so there are "
            "no priorities to link to. Leave the column blank, or add the strategy first."
        )
    match = _NUMBERED.match(token)
    found: Priority | None = None
    if match:
        number, title = int(match.group(1)), (match.group(2) or "").strip()
        found = next((p for p in lookups.priorities if p.number == number), None)
        if found is not None and title and key(title) != key(found.title):
            raise CellError(
                f"Priority {number} of {strategy.title} is “{found.title}”, not “{title}”. "
                "Check the number or the title."
            )
    else:
        found = next((p for p in lookups.priorities if key(p.title) == key(token)), None)
    if found is None:
        raise CellError(
            f"{shown(token)} is not a priority of {strategy.title}. Its priorities are: "
            f"{lookups.priority_names()}. Write their numbers or titles, separated by ;."
        )
    return found


def _priorities(value: Any, lookups: PortfolioLookups) -> frozenset[int]:
    return frozenset(_priority(token, lookups).pk for token in split_list(value))


def _partner(token: str, lookups: PortfolioLookups) -> Partner:
    partner = lookups.partners.get(key(token))
    if partner is None:
        raise CellError(
            f"{shown(token)} is not one of {lookups.organisation.display_name}'s partner "
            f"councils. They are: {lookups.partner_names()}. Separate several with ;."
        )
    return partner


def _partners(value: Any, lookups: PortfolioLookups) -> frozenset[int]:
    return frozenset(_partner(token, lookups).pk for token in split_list(value))


def _date(value: Any, lookups: PortfolioLookups) -> date | None:
    return parse_date(value)


def _key_project(value: Any, lookups: PortfolioLookups) -> bool:
    return bool(parse_yes_no(value))


READERS: dict[str, Reader] = {
    "reference": lambda value, lookups: parse_reference(value),
    "title": _title,
    "kind": _kind,
    "service": _service,
    "priorities": _priorities,
    "partners": _partners,
    "planned_start": _date,
    "planned_end": _date,
    "status": _status,
    "is_key_project": _key_project,
    "description": lambda value, lookups: text(value),
}


def column(field: str) -> str:
    return header_of(INITIATIVE_COLUMNS, field)


def read_initiative(
    number: int, values: tuple[Any, ...], positions: dict[str, int], lookups: PortfolioLookups
) -> tuple[dict[str, Any], list[Problem]]:
    """The row's values by field (only the columns the file has), and its problems."""
    given: dict[str, Any] = {}
    problems: list[Problem] = []
    for field, position in positions.items():
        raw = values[position] if position < len(values) else None
        try:
            given[field] = READERS[field](raw, lookups)
        except CellError as error:
            problems.append(Problem(error.message, number, column(field)))
    return given, problems


def model_problems(
    instance: models.Model, number: int, headers: Callable[[str], str], sheet: str | None = None
) -> list[Problem]:
    """The model's own rules, without a query: its fields' lengths and choices, then its
    ``clean`` (dates in order, and so on).

    Cheaper than ``full_clean`` by an order of magnitude, which matters at 20,000 rows."""
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        if field.is_relation:
            continue
        value = getattr(instance, field.attname)
        if field.max_length and isinstance(value, str) and len(value) > field.max_length:
            errors.setdefault(field.name, []).append(
                f"This is {len(value)} characters long: use at most {field.max_length}."
            )
        if field.choices and value not in {choice for choice, _ in field.flatchoices}:
            errors.setdefault(field.name, []).append(f"{shown(value)} is not one of the choices.")
    try:
        instance.clean()
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            errors.setdefault(field_name, []).extend(messages)
    problems: list[Problem] = []
    for field_name, messages in errors.items():
        try:
            header: str | None = headers(field_name)
        except StopIteration:
            header = None
        problems.extend(Problem(message, number, header, sheet) for message in messages)
    return problems
