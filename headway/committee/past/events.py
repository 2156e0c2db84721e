"""The strategy's history as a past report tells it: events proposed from its sentences.

Each proposal carries the sentence it came from and a date when the text gives one ("on 7th
February 2020"), works one out ("later that month": that month's last day) or says it has
none, so the officer accepts, corrects or rejects it before anything is written.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from headway.committee.past.dates import FoundDate, find_dates
from headway.committee.past.parsing import ParsedReport
from headway.organisation.models import OrganisationalChange
from headway.strategy.models import StrategyEvent

STRATEGY = "strategy"
ORGANISATION = "organisation"

Event = StrategyEvent.Kind
Change = OrganisationalChange.Kind

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'\u2018\u201c])")


@dataclass(frozen=True)
class ProposedEvent:
    # Where it goes: the strategy's timeline or the organisation's log of changes.
    target: str
    kind: str
    day: date | None
    sentence: str
    # Where the sentence is: "paragraph 1.1".
    where: str
    # How the date was read, when it was not written in full.
    date_note: str = ""

    @property
    def kind_label(self) -> str:
        kinds = Event if self.target == STRATEGY else Change
        return str(kinds(self.kind).label)


@dataclass(frozen=True)
class _Rule:
    target: str
    kind: str
    pattern: re.Pattern[str]


_RULES = (
    _Rule(
        STRATEGY, Event.PRESENTED, re.compile(r"\bpresented to (?:the )?[\w ]*committee\b", re.I)
    ),
    _Rule(STRATEGY, Event.PUBLISHED, re.compile(r"\bpublished in\b", re.I)),
    _Rule(STRATEGY, Event.LAUNCHED, re.compile(r"\blaunched\b", re.I)),
    _Rule(STRATEGY, Event.PAUSED, re.compile(r"\b(?:put on hold|paused|on hold)\b", re.I)),
    _Rule(
        STRATEGY,
        Event.REVIEWED,
        re.compile(r"\breview(?:ing|ed)? (?:of )?the (?:[\w ]+ )?strategy\b", re.I),
    ),
    _Rule(STRATEGY, Event.AGREED, re.compile(r"\bagreed at (?:the )?[\w ]*committee\b", re.I)),
    _Rule(
        ORGANISATION,
        Change.LEADERSHIP,
        re.compile(r"\b(?:departure|resignation|retirement|appointment) of (?:the|our|a)\b", re.I),
    ),
    _Rule(
        ORGANISATION,
        Change.REVIEW,
        re.compile(r"\breview of the (?:[\w ]+ )?(?:arrangements?|model|partnership)\b", re.I),
    ),
)
# Kinds proposed only with the date the sentence gives them.
_DATED = {Event.PRESENTED, Event.PUBLISHED, Event.LAUNCHED, Event.AGREED}
_LATER_THAT_MONTH = re.compile(r"\b(?:later|earlier) (?:that|the same) month\b", re.I)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _date_for(rule: _Rule, sentence: str, start: int) -> tuple[date | None, str]:
    """The date the sentence gives the event: the first after its phrase, else the last before
    it; "later that month" is the end of the month of the date before it."""
    dates = list(find_dates(sentence))
    after = [d for d in dates if d.start >= start]
    before = [d for d in dates if d.end <= start]
    relative = _LATER_THAT_MONTH.search(sentence[start:])
    if relative and before and (not after or after[0].start > start + relative.start()):
        return _month_end(before[-1].day), (
            f"“{relative.group(0)}”: the last day of {before[-1].day:%B %Y}; correct it if "
            "you know the day"
        )
    chosen: FoundDate | None = None
    if after and (rule.kind != Event.LAUNCHED or after[0].start - start < 60):
        chosen = after[0]
    elif before and rule.kind in (Event.REVIEWED, Event.PAUSED):
        chosen = before[-1]
    if chosen is None:
        return None, "the text gives no date: enter it to accept this event"
    if chosen.month_only:
        return chosen.day, (
            f"the text gives only the month: the last day of {chosen.day:%B %Y}; "
            "correct it if you know the day"
        )
    return chosen.day, ""


def propose_events(report: ParsedReport) -> list[ProposedEvent]:
    """Every event the report's sentences tell, in the order they appear; a sentence may
    tell more than one ("presented ... and publicly launched ... later that month")."""
    return list(_proposals(report))


def _paragraphs(report: ParsedReport) -> Iterator[tuple[str, str]]:
    for section in report.sections:
        if section.key == "implications":
            continue
        for i, paragraph in enumerate(section.paragraphs, start=1):
            if section.numbered:
                where = f"paragraph {paragraph.number}"
            else:
                where = f"{section.title.lower()}, paragraph {paragraph.number or i}"
            yield where, paragraph.text


def _proposals(report: ParsedReport) -> Iterator[ProposedEvent]:
    seen: set[tuple[str, str, date | None]] = set()
    for where, text in _paragraphs(report):
        for sentence in sentences(text):
            for rule in _RULES:
                match = rule.pattern.search(sentence)
                if match is None:
                    continue
                day, note = _date_for(rule, sentence, match.start())
                if day is None and rule.kind in _DATED:
                    # "would be presented to the Committee going forward": not an event yet.
                    continue
                key = (rule.target, rule.kind, day)
                if key in seen:
                    continue
                seen.add(key)
                yield ProposedEvent(rule.target, rule.kind, day, sentence, where, note)
