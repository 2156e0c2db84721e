"""Where the audit page's entries come from, and which of them belong to an organisation.

Each source is one table Headway already keeps: a model's django-simple-history table, the
events recorded for people and reporting periods, API tokens and their use, and sign-ins.
An entry belongs to an organisation through its object, read from the history row itself
(not from the live object, which may since have been deleted): an initiative's row names its
organisation; a milestone's or return's names its initiative, which any of the
organisation's initiatives, live or deleted, may be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery

from headway.accounts.models import Membership, PersonEvent
from headway.api.models import ApiToken, TokenUse
from headway.audit.models import SignInEvent
from headway.audit.values import Names, label, shown
from headway.committee.models import Report
from headway.indicators.models import Figure, Measure, Target
from headway.organisation.models import OrganisationalChange
from headway.progress.models import PeriodEvent, ReportingPeriod, Update
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import (
    Initiative,
    Milestone,
    Organisation,
    Partner,
    Priority,
    Service,
    Strategy,
    StrategyEvent,
)


@dataclass(frozen=True)
class Change:
    """One field's value before and after, as the page writes them ("" for none)."""

    field: str
    before: str
    after: str


@dataclass
class Entry:
    """One line of the audit record."""

    source: str  # the source's key: "initiative", "sign_in", ...
    pk: int  # the row's key in its table (a history row's history_id)
    at: datetime
    who: str
    kind: str  # the kind of object: "Initiative"
    name: str  # which one: "Payroll"
    action: str  # "Changed", "Signed in", "Closed"
    detail: str = ""
    changes: list[Change] = field(default_factory=list)


def _ids(rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows.values("id")


def _initiatives(org: int) -> Q:
    """Rows about any of the organisation's initiatives, live or deleted."""
    history: Any = Initiative.history.model
    return Q(initiative_id__in=_ids(Initiative.objects.filter(organisation_id=org))) | Q(
        initiative_id__in=_ids(history.objects.filter(organisation_id=org))
    )


def _strategies(org: int) -> Q:
    history: Any = Strategy.history.model
    return Q(strategy_id__in=_ids(Strategy.objects.filter(organisation_id=org))) | Q(
        strategy_id__in=_ids(history.objects.filter(organisation_id=org))
    )


def _own(org: int) -> Q:
    """Rows of objects that name their organisation."""
    return Q(organisation_id=org)


def _change_requests(org: int) -> Q:
    history: Any = ChangeRequest.history.model
    return Q(change_request_id__in=_ids(ChangeRequest.objects.filter(organisation_id=org))) | Q(
        change_request_id__in=_ids(history.objects.filter(organisation_id=org))
    )


def _measures(org: int) -> Q:
    """Rows about any of the organisation's measures, live or deleted."""
    history: Any = Measure.history.model
    return Q(measure_id__in=_ids(Measure.objects.filter(organisation_id=org))) | Q(
        measure_id__in=_ids(history.objects.filter(organisation_id=org))
    )


def _periods(org: int) -> Q:
    return Q(period_id__in=_ids(ReportingPeriod.objects.filter(organisation_id=org)))


class Source:
    """One table of entries. ``key`` is used in addresses and filters."""

    key: str
    label: str  # the kind of object, for the filter
    group = ""  # the filter's value, when several sources are one kind (API tokens)
    at: str  # the row's time
    person: str  # the row's actor (a user id)
    pk = "pk"

    def rows(self, org: int) -> QuerySet[Any]:
        raise NotImplementedError

    def entries(self, pks: Iterable[int], names: Names) -> dict[int, Entry]:
        """The entries for these rows, with their names looked up through ``names``."""
        raise NotImplementedError


HISTORY_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


class HistorySource(Source):
    """A model's django-simple-history table: each row the object as saved, by whom."""

    at = "history_date"
    person = "history_user_id"
    pk = "history_id"

    def __init__(
        self,
        key: str,
        model: type[models.Model],
        belongs: Callable[[int], Q],
        name: Callable[[Any, Names], str],
        names_wanted: Callable[[Any, Names], None] = lambda record, names: None,
        hidden: tuple[str, ...] = (),
        kind: str = "",
    ) -> None:
        self.key = key
        self.model = model
        self.history: Any = model.history.model  # type: ignore[attr-defined]
        self.label = kind or str(model._meta.verbose_name).capitalize()
        self.belongs = belongs
        self.name = name
        self.names_wanted = names_wanted
        # Fields the page leaves out: bookkeeping such as a version counter, or values too
        # large to show (a frozen snapshot).
        self.hidden = set(hidden)
        self.fields = {
            f.name: f
            for f in model._meta.concrete_fields
            if f.editable and not f.primary_key and f.name not in self.hidden
        }

    def rows(self, org: int) -> QuerySet[Any]:
        return self.history.objects.filter(self.belongs(org))

    def records(self, pks: Iterable[int]) -> list[Any]:
        """The history rows, each with ``audit_previous``: the row before it of the same object."""
        earlier = self.history.objects.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        previous = earlier.order_by("-history_date", "-history_id").values("history_id")[:1]
        return list(
            self.history.objects.filter(history_id__in=list(pks))
            .select_related("history_user")
            .annotate(audit_previous=Subquery(previous))
        )

    def entries(self, pks: Iterable[int], names: Names) -> dict[int, Entry]:
        records = self.records(pks)
        previous_ids = [r.audit_previous for r in records if r.audit_previous is not None]
        previous = self.history.objects.in_bulk(previous_ids, field_name="history_id")
        pairs = [(record, previous.get(record.audit_previous)) for record in records]
        for record, before in pairs:
            self.names_wanted(record, names)
            for row in (record, before):
                if row is None:
                    continue
                for f in self.fields.values():
                    if f.is_relation and f.related_model is not None:
                        names.want(f.related_model, getattr(row, f.attname))
        names.resolve()
        return {
            record.history_id: Entry(
                source=self.key,
                pk=record.history_id,
                at=record.history_date,
                who=str(record.history_user) if record.history_user else "",
                kind=self.label,
                name=self.name(record, names),
                action=HISTORY_ACTIONS.get(record.history_type, record.history_type),
                detail=record.history_change_reason or "",
                changes=self.changes(record, before, names),
            )
            for record, before in pairs
        }

    def changes(self, record: Any, before: Any, names: Names) -> list[Change]:
        if record.history_type == "-":
            return []
        if before is None:
            # Created (or its earlier rows were pruned): every value it was saved with.
            return [
                Change(label(f), "", value)
                for f in self.fields.values()
                if (value := shown(f, getattr(record, f.attname), names))
            ]
        delta = record.diff_against(before, included_fields=list(self.fields))
        changed = {change.field for change in delta.changes}
        return [
            Change(
                label(f),
                shown(f, getattr(before, f.attname), names),
                shown(f, getattr(record, f.attname), names),
            )
            for name, f in self.fields.items()
            if name in changed
        ]


def _update_name(record: Any, names: Names) -> str:
    initiative = names.name(Initiative, record.initiative_id)
    return f"{initiative}, {names.name(ReportingPeriod, record.period_id)}"


def _update_names(record: Any, names: Names) -> None:
    names.want(Initiative, record.initiative_id)
    names.want(ReportingPeriod, record.period_id)


def _milestone_name(record: Any, names: Names) -> str:
    return f"{record.title} ({names.name(Initiative, record.initiative_id)})"


def _milestone_names(record: Any, names: Names) -> None:
    names.want(Initiative, record.initiative_id)


def _target_name(record: Any, names: Names) -> str:
    council = names.name(Partner, record.partner_id) if record.partner_id else "whole service"
    quarter = f" Q{record.quarter}" if record.quarter else ""
    return f"{names.name(Measure, record.measure_id)}, {record.year}{quarter}, {council}"


def _figure_name(record: Any, names: Names) -> str:
    council = names.name(Partner, record.partner_id) if record.partner_id else "whole service"
    period = names.name(ReportingPeriod, record.period_id)
    return f"{names.name(Measure, record.measure_id)}, {period}, {council}"


def _figure_names(record: Any, names: Names) -> None:
    names.want(Measure, record.measure_id)
    names.want(ReportingPeriod, getattr(record, "period_id", None))
    names.want(Partner, record.partner_id)


def _change_request_name(record: Any, names: Names) -> str:
    kind = dict(ChangeRequest.Kind.choices).get(record.kind, record.kind)
    target = names.name(Initiative, record.initiative_id) if record.initiative_id else ""
    return f"{kind}: {target}" if target else kind


def _change_request_names(record: Any, names: Names) -> None:
    names.want(Initiative, record.initiative_id)


def _consultation_name(record: Any, names: Names) -> str:
    return f"{names.name(Partner, record.partner_id)} on change request {record.change_request_id}"


def _consultation_names(record: Any, names: Names) -> None:
    names.want(Partner, record.partner_id)


def _dated(record: Any, names: Names) -> str:
    return f"{record.date:%-d %B %Y}: {record.get_kind_display()}"


class PersonEvents(Source):
    key, label, at, person = "person", "Person and role", "at", "by_id"

    def rows(self, org: int) -> QuerySet[Any]:
        return PersonEvent.objects.filter(organisation_id=org)

    def entries(self, pks: Iterable[int], names: Names) -> dict[int, Entry]:
        events = PersonEvent.objects.filter(pk__in=list(pks)).select_related("user", "by")
        return {
            e.pk: Entry(
                self.key,
                e.pk,
                e.at,
                str(e.by or ""),
                self.label,
                str(e.user),
                e.get_kind_display(),
                e.detail,
            )
            for e in events
        }


class PeriodEvents(Source):
    key, label, at, person = "period", "Reporting period", "at", "by_id"

    def rows(self, org: int) -> QuerySet[Any]:
        return PeriodEvent.objects.filter(period__organisation_id=org)

    def entries(self, pks: Iterable[int], names: Names) -> dict[int, Entry]:
        events = PeriodEvent.objects.filter(pk__in=list(pks)).select_related("period", "by")
        result = {}
        for e in events:
            detail = e.reason
            if e.kind == PeriodEvent.Kind.CLOSED:
                outstanding = f"{e.returns_outstanding} returns not approved"
                detail = f"{detail} ({outstanding})" if detail else outstanding
            result[e.pk] = Entry(
                self.key,
                e.pk,
                e.at,
                str(e.by or ""),
                self.label,
                e.period.label,
                e.get_kind_display(),
                detail,
            )
        return result


class SignIns(Source):
    """Sign-ins of the organisation's members, and failed attempts on their accounts."""

    key, label, at, person = "sign_in", "Sign-in", "at", "user_id"

    def rows(self, org: int) -> QuerySet[Any]:
        members = Membership.objects.filter(organisation_id=org).values("user_id")
        return SignInEvent.objects.filter(user_id__in=members)

    def entries(self, pks: Iterable[int], names: Names) -> dict[int, Entry]:
        events = SignInEvent.objects.filter(pk__in=list(pks)).select_related("user")
        return {
            e.pk: Entry(
                self.key,
                e.pk,
                e.at,
                str(e.user or e.username),
                self.label,
                str(e.user or e.username),
                "Signed in" if e.succeeded else "Failed sign-in",
                f"From {e.address}" if e.address else "",
            )
            for e in events
        }


def _token_name(token: ApiToken) -> str:
    return f"{token.name} ({token.prefix}…) of {token.user}"


class TokensMade(Source):
    key, label, at, person = "token_created", "API token", "created_at", "user_id"
    group = "token"

    def rows(self, org: int) -> QuerySet[Any]:
        return ApiToken.objects.filter(organisation_id=org)

    def entries(self, pks: Iterable[int], names: Names) -> dict[int, Entry]:
        tokens = ApiToken.objects.filter(pk__in=list(pks)).select_related("user")
        return {
            t.pk: Entry(
                self.key, t.pk, t.created_at, str(t.user), self.label, _token_name(t), "Created"
            )
            for t in tokens
        }


class TokensRevoked(TokensMade):
    key, at = "token_revoked", "revoked_at"

    def rows(self, org: int) -> QuerySet[Any]:
        return ApiToken.objects.filter(organisation_id=org, revoked_at__isnull=False)

    def entries(self, pks: Iterable[int], names: Names) -> dict[int, Entry]:
        tokens = ApiToken.objects.filter(pk__in=list(pks)).select_related("user")
        return {
            t.pk: Entry(
                self.key,
                t.pk,
                t.revoked_at or t.created_at,
                str(t.user),
                self.label,
                _token_name(t),
                "Revoked",
            )
            for t in tokens
        }


class TokensUsed(Source):
    key, label, at, person = "token_used", "API token", "at", "token__user_id"
    group = "token"

    def rows(self, org: int) -> QuerySet[Any]:
        return TokenUse.objects.filter(token__organisation_id=org)

    def entries(self, pks: Iterable[int], names: Names) -> dict[int, Entry]:
        uses = TokenUse.objects.filter(pk__in=list(pks)).select_related("token__user")
        return {
            u.pk: Entry(
                self.key,
                u.pk,
                u.at,
                str(u.token.user),
                self.label,
                _token_name(u.token),
                "Used",
                f"{u.method} {u.path}",
            )
            for u in uses
        }


SOURCES: list[Source] = [
    HistorySource(
        "organisation",
        Organisation,
        lambda org: Q(id=org),
        lambda record, names: record.name,
        kind="Organisation settings",
    ),
    HistorySource(
        "strategy", Strategy, _own, lambda record, names: record.title, hidden=("organisation",)
    ),
    HistorySource(
        "service", Service, _own, lambda record, names: record.name, hidden=("organisation",)
    ),
    HistorySource(
        "partner",
        Partner,
        _own,
        lambda record, names: record.name,
        hidden=("organisation",),
        kind="Partner council",
    ),
    HistorySource(
        "initiative",
        Initiative,
        _own,
        lambda record, names: record.title,
        hidden=("organisation", "map_version"),
    ),
    HistorySource("milestone", Milestone, _initiatives, _milestone_name, _milestone_names),
    HistorySource(
        "update",
        Update,
        _initiatives,
        _update_name,
        _update_names,
        hidden=("version", "previous", "milestone_dates", "started_at", "last_edited_by"),
        kind="Quarterly return",
    ),
    HistorySource(
        "priority", Priority, _strategies, lambda record, names: f"{record.number}. {record.title}"
    ),
    HistorySource("strategy_event", StrategyEvent, _strategies, _dated),
    HistorySource(
        "organisational_change",
        OrganisationalChange,
        _own,
        _dated,
        hidden=("organisation",),
    ),
    HistorySource(
        "change_request",
        ChangeRequest,
        _own,
        _change_request_name,
        _change_request_names,
        hidden=("organisation", "current", "base_map_version"),
    ),
    HistorySource(
        "consultation", Consultation, _change_requests, _consultation_name, _consultation_names
    ),
    HistorySource(
        "report",
        Report,
        _periods,
        lambda record, names: record.subject_heading,
        hidden=("snapshot", "slug"),
        kind="Committee report",
    ),
    HistorySource(
        "measure",
        Measure,
        _own,
        lambda record, names: f"{record.reference} {record.name}",
        hidden=("organisation",),
        kind="Performance measure",
    ),
    HistorySource("target", Target, _measures, _target_name, _figure_names, kind="Target"),
    HistorySource(
        "figure",
        Figure,
        _measures,
        _figure_name,
        _figure_names,
        hidden=("version",),
        kind="Performance figure",
    ),
    PersonEvents(),
    PeriodEvents(),
    SignIns(),
    TokensMade(),
    TokensRevoked(),
    TokensUsed(),
]
BY_KEY = {source.key: source for source in SOURCES}
