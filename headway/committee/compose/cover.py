"""Draft the cover report's words from a snapshot, in the committee's structure.

The structure is the reference reports': SUMMARY; RECOMMENDATIONS; REPORT DETAIL with
1 Background (written from the strategy's events) and 2 the quarter's progress update;
the implications the committee's template asks for; and the appendices. Officers edit the
drafted paragraphs before approval; numbering follows from position, never from the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from headway.committee.compose.figures import Figures, StatusCount, milestones_due_next_quarter
from headway.committee.compose.indicators import cover_paragraph
from headway.lib.words import (
    counted,
    iso_long_date,
    join_words,
    long_date,
    number_word,
    plural,
    sentence_start,
)
from headway.roadmap.reporting import changes_paragraph

Data = dict[str, Any]
_YEARS_AT_END = re.compile(r"\s*\d{4}\s*[-/\N{EN DASH}]\s*\d{2,4}\s*$")

# Events are grouped into Background paragraphs by the phase of the strategy's life.
_PHASES = (
    ("published", "presented", "launched"),
    ("paused", "resumed"),
    ("reviewed", "revised", "agreed"),
)


@dataclass(frozen=True)
class DraftParagraph:
    """A drafted paragraph. ``key`` names what it says ("figures", "going-forward"), so a
    redraft can find the officer's copy of it wherever they have moved it."""

    text: str
    label: str = ""
    key: str = ""


@dataclass(frozen=True)
class DraftSection:
    key: str
    title: str
    numbered: bool
    paragraphs: list[DraftParagraph] = field(default_factory=list)


def strategy_name(data: Data) -> str:
    """``one source strategy``, as the reports call it in running text."""
    return f"{data['organisation']['short_name']} strategy"


def title_without_years(title: str) -> str:
    """``One Source Strategy`` from ``One Source Strategy 2020-2023``."""
    return _YEARS_AT_END.sub("", title).strip() or title


def _events_until(data: Data, last_day: str) -> list[Data]:
    return [e for e in data["events"] if e["date"] <= last_day]


def _background(data: Data) -> list[DraftParagraph]:
    period = data["period"]
    events = _events_until(data, period["end"])
    paragraphs = []
    for kinds in _PHASES:
        texts = [e["text"].strip() for e in events if e["kind"] in kinds and e["text"].strip()]
        if texts:
            paragraphs.append(DraftParagraph(" ".join(texts), key=kinds[0]))
    if not paragraphs and data["strategy"]:
        strategy = data["strategy"]
        paragraphs.append(
            DraftParagraph(
                f"Our {strategy['title']} sets out our vision and priorities for "
                f"{strategy['years_label']}, and how we will achieve them.",
                key="strategy",
            )
        )
    return paragraphs


def quarter_label(data: Data) -> str:
    """``Q3 2021-22``: the quarter with its year beside it, as running text has it."""
    period = data["period"]
    return f"Q{period['quarter']} {period['financial_year']}"


def _meaning(count: StatusCount) -> str:
    """``on track`` from ``On track, as planned``."""
    return count.meaning.split(",")[0].lower()


def _figures_paragraph(data: Data, figures: Figures) -> DraftParagraph | None:
    counts = figures.statuses
    total = figures.reported
    if total == 0:
        return None
    partial = figures.coverage.is_partial
    parts = [f"{number_word(c.count)} {_meaning(c)} ({c.label})" for c in counts if c.count]
    if total == 1:
        whose = "whose return was approved" if partial else f"reported in {quarter_label(data)}"
        only = next(c for c in counts if c.count)
        text = f"The one initiative {whose} is {_meaning(only)} ({only.label})."
    else:
        whose = "whose returns were approved" if partial else f"reported in {quarter_label(data)}"
        first = next(c for c in counts if c.count)
        parts[0] = parts[0].replace(" ", " is " if first.count == 1 else " are ", 1)
        text = f"Of the {total} initiatives {whose}, {join_words(parts)}."
    previous = data.get("previous_period")
    moved = figures.movements
    if previous and data["updates"]["previous"]:
        changes = []
        if moved.improved:
            changes.append(f"{plural(len(moved.improved), 'initiative')} improved")
        if moved.worsened:
            changes.append(f"{plural(len(moved.worsened), 'initiative')} moved to a worse status")
        if moved.newly_reported:
            changes.append(
                f"{plural(len(moved.newly_reported), 'initiative')} reported for the first time"
            )
        before = f"Q{previous['quarter']} {previous['financial_year']}"
        if changes:
            text += f" Since {before}, {join_words(changes)}."
        else:
            text += f" No initiative's status has changed since {before}."
    return DraftParagraph(text, key="figures")


def _key_projects_paragraph(data: Data) -> DraftParagraph:
    reported = {u["initiative"] for u in data["updates"]["current"]}
    key = [i["title"] for i in data["initiatives"] if i["is_key_project"] and i["id"] in reported]
    text = (
        "This progress report includes key activities from services, as well as an overview "
        "of the key projects that deliver on this strategy."
    )
    if key:
        text += f" The key projects reported this quarter are {join_words(key)}."
    return DraftParagraph(text, key="key-projects")


def _organisational_changes(data: Data) -> list[DraftParagraph]:
    period = data["period"]
    changes = [
        e
        for e in data["events"]
        if e["kind"] == "organisational_change" and period["start"] <= e["date"] <= period["end"]
    ]
    # Keyed by date (and order within the day), so an earlier change added later does not
    # take over the key of one an officer has already edited.
    paragraphs, that_day = [], Counter[str]()
    for event in changes:
        that_day[event["date"]] += 1
        key = f"change-{event['date']}-{that_day[event['date']]}"
        paragraphs.append(DraftParagraph(event["text"].strip(), key=key))
    return paragraphs


# How many of a rule's subjects the paragraph names; more are counted only.
NAMED_GAPS = 3
PLURALS = {"priority": "priorities"}


def coverage_check_paragraph(data: Data) -> DraftParagraph | None:
    """What the coverage check found when the figures were frozen (``headway.coverage``)."""
    check = data.get("coverage_check")
    if not check:
        return None
    day = iso_long_date(check["as_of"])
    found = []
    for rule in check["rules"]:
        subjects = rule["subjects"]
        if not subjects:
            continue
        count = plural(len(subjects), rule["noun"], PLURALS.get(rule["noun"]))
        named = f" ({join_words(subjects)})" if len(subjects) <= NAMED_GAPS else ""
        found.append(f"{count} {rule['phrase']}{named}")
    if not found:
        return DraftParagraph(
            f"The coverage check on {day} found every priority delivered by at least one "
            "active initiative, and every initiative with a priority, an owner, a milestone in "
            "the coming year and its returns.",
            key="coverage-check",
        )
    return DraftParagraph(
        f"The coverage check on {day}, which asks whether every priority is still being "
        f"delivered and everything that delivers it is owned, scheduled and reported on, "
        f"found {join_words(found)}.",
        key="coverage-check",
    )


def draft_cover(data: Data, committee: str, implications: list[str]) -> list[DraftSection]:
    """The cover report's sections and paragraphs, drafted from snapshot data."""
    period = data["period"]
    name = strategy_name(data)
    short = data["organisation"]["short_name"]
    strategy = data["strategy"] or {"title": name, "years_label": ""}
    quarter = f"Q{period['quarter']}"
    figures = Figures(data)
    coverage = figures.coverage.statement
    priorities = number_word(len(data["priorities"]))
    has_changes = bool(_organisational_changes(data))
    title = f"{name} {period['financial_year']} progress update for {quarter}"

    summary = [
        DraftParagraph(
            f"The {strategy['title']} set out the priorities for {short} over the life of the "
            f"strategy, and identified the {priorities} strategic priorities for the organisation. "
            "These priorities are delivered in a number of ways, through service planning, "
            "through projects and activities, and via BAU.",
            key="strategy",
        ),
        DraftParagraph(
            f"This report, and the presentation attached in Appendix 1, provides an update on "
            f"progress over {quarter_label(data)} ({period['months']}) and outlines "
            f"the key actions that have contributed to delivering the {name}. This includes key "
            "activities from services, as well as an overview of the key projects that deliver "
            "this strategy."
            + (
                f" The report also discusses the changes that have taken place in {short} over "
                "the last few months."
                if has_changes
                else ""
            ),
            key="this-report",
        ),
    ]
    if coverage:
        summary.append(DraftParagraph(coverage, key="coverage"))
    progress = [
        DraftParagraph(
            f"The {title} outlines the key activities and actions that {short} has undertaken in "
            f"the previous three months that contribute to delivering the {name} and the "
            f"{priorities} {short} strategic priorities.",
            key="outline",
        ),
        _key_projects_paragraph(data),
    ]
    figures_paragraph = _figures_paragraph(data, figures)
    if figures_paragraph:
        progress.append(figures_paragraph)
    indicators = cover_paragraph(data, quarter_label(data))
    if indicators:
        progress.append(DraftParagraph(indicators, key="indicators"))
    map_changes = changes_paragraph(data.get("map_changes") or [])
    if map_changes:
        progress.append(DraftParagraph(map_changes))
    progress.extend(_organisational_changes(data))
    due_next = len(figures.due_next_quarter)
    going_forward = (
        f"Going forward, the {name} remains in place and we continue to deliver the activities "
        "and projects that support this. These are outlined in the presentation."
    )
    if due_next:
        going_forward += (
            f" {sentence_start(counted(due_next, 'milestone'))} "
            f"{'falls' if due_next == 1 else 'fall'} due in the coming quarter."
        )
    progress.append(DraftParagraph(going_forward, key="going-forward"))
    coverage_check = coverage_check_paragraph(data)
    if coverage_check:
        progress.append(coverage_check)
    progress.append(
        DraftParagraph(
            f"Progress with the {name} for {quarter_label(data)} ({period['months']}) is now "
            "attached at Appendix 1.",
            key="attached",
        )
    )
    return [
        DraftSection("summary", "Summary", False, summary),
        DraftSection(
            "recommendations",
            "Recommendations",
            False,
            [
                DraftParagraph(
                    f"To note the {title} ({period['months']}) presented in Appendix 1.",
                    key="to-note",
                )
            ],
        ),
        DraftSection("background", "Background", True, _background(data)),
        DraftSection("progress", title, True, progress),
        DraftSection(
            "implications",
            "Implications and risks",
            False,
            [
                DraftParagraph("Not applicable", label=label, key=slugify(label))
                for label in implications
            ],
        ),
        DraftSection(
            "appendices",
            "Appendices",
            False,
            [
                DraftParagraph(
                    f"{title_without_years(strategy['title'])} {period['financial_year']} "
                    f"progress \N{EN DASH} {quarter}",
                    key="appendix-1",
                )
            ],
        ),
    ]


__all__ = [
    "DraftParagraph",
    "DraftSection",
    "draft_cover",
    "long_date",
    "milestones_due_next_quarter",
    "strategy_name",
]
