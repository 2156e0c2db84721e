"""``headway import report FILE``: the import page's steps at the command line.

It prints what it recognised, field by field, the text it could not place and the events it
proposes, numbered; the options give what the page's form gives (missing header fields,
where unplaced text goes, which events to accept and their dates). With ``--dry-run`` it
stops there; otherwise it imports, all or nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, OutputWrapper

from headway.accounts.models import Membership
from headway.committee.past import importing
from headway.committee.past.dates import parse_date
from headway.committee.past.importing import DISCARD, Decisions, Reading
from headway.lib.fy import Quarter


def add_arguments(parser: Any) -> None:
    group = parser.add_argument_group("past reports (import report FILE)")
    group.add_argument("--committee", help="The committee, if the file does not name it.")
    group.add_argument(
        "--meeting-date", help="The meeting date, e.g. 2021-09-10 or '10 September 2021'."
    )
    group.add_argument("--subject", help="The subject heading, if the file does not give it.")
    group.add_argument("--author", help="The report's author, if the file does not name them.")
    group.add_argument(
        "--exempt",
        action="store_true",
        help="The report was exempt (considered in private): administrators and reviewers "
        "only. Without it, it was presented in public and is published.",
    )
    group.add_argument(
        "--accept-events",
        default="none",
        help="Which proposed events to add to the history: 'all', 'none' (the default) or "
        "their numbers, e.g. 1,2,5.",
    )
    group.add_argument(
        "--event-date",
        action="append",
        default=[],
        metavar="N=DATE",
        help="The date of proposed event N, where the text gives none or gives it wrongly.",
    )
    group.add_argument(
        "--place",
        action="append",
        default=[],
        metavar="N=SECTION",
        help="Put unplaced text N at the end of a section (summary, recommendations, "
        "section-1, implications, appendices ...); unplaced text is otherwise discarded.",
    )


def _numbers(text: str, count: int, what: str) -> set[int]:
    if text == "all":
        return set(range(1, count + 1))
    if text in ("", "none"):
        return set()
    try:
        numbers = {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        raise CommandError(
            "--accept-events takes 'all', 'none' or numbers such as 1,2,5."
        ) from None
    wrong = sorted(n for n in numbers if not 1 <= n <= count)
    if wrong:
        raise CommandError(f"There is no {what} {wrong[0]}: there are {count}.")
    return numbers


def _pairs(values: list[str], option: str) -> dict[int, str]:
    pairs = {}
    for value in values:
        number, _, rest = value.partition("=")
        if not number.strip().isdigit() or not rest.strip():
            raise CommandError(
                f"{option} takes N=VALUE, e.g. {option} 3=2020-03-23; not {value!r}."
            )
        pairs[int(number)] = rest.strip()
    return pairs


def decisions_from(reading: Reading, options: dict[str, Any]) -> Decisions:
    decisions = importing.proposed_decisions(reading)
    changes: dict[str, Any] = {}
    if options.get("committee"):
        changes["committee"] = options["committee"]
    if options.get("meeting_date"):
        day = parse_date(options["meeting_date"])
        if day is None:
            raise CommandError(f"--meeting-date {options['meeting_date']!r} is not a date.")
        changes["meeting_date"] = day
    if options.get("subject"):
        changes["subject"] = options["subject"]
    if options.get("author"):
        name, _, title = options["author"].partition(",")
        changes["author_name"], changes["author_title"] = name.strip(), title.strip()
    if options.get("period"):
        try:
            changes["quarter"] = Quarter.parse(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
    accepted = _numbers(options.get("accept_events") or "none", len(reading.proposals), "event")
    dates = _pairs(options.get("event_date") or [], "--event-date")
    events = []
    for proposal, decision in zip(reading.proposals, decisions.events, strict=True):
        day = decision.day
        if proposal.number in dates:
            day = parse_date(dates[proposal.number])
            if day is None:
                raise CommandError(
                    f"--event-date {proposal.number}: {dates[proposal.number]!r} is not a date."
                )
        events.append(replace(decision, accept=proposal.number in accepted, day=day))
    changes["events"] = events
    places = _pairs(options.get("place") or [], "--place")
    unplaced = list(decisions.unplaced)
    for number, where in places.items():
        if not 1 <= number <= len(unplaced):
            raise CommandError(f"There is no unplaced text {number}: there are {len(unplaced)}.")
        unplaced[number - 1] = where
    changes["unplaced"] = unplaced
    changes["published"] = not options.get("exempt")
    return replace(decisions, **changes)


def describe(reading: Reading, out: OutputWrapper) -> None:
    parsed = reading.parsed
    out.write(f"{reading.filename}:")
    fields = (
        ("Committee", parsed.committee),
        ("Meeting date", f"{parsed.meeting_date:%-d %B %Y}" if parsed.meeting_date else ""),
        ("Subject heading", parsed.subject),
        ("Report author", ", ".join(p for p in (parsed.author_name, parsed.author_title) if p)),
        ("Contact details", parsed.author_contact),
        ("Financial summary", parsed.financial_summary),
        ("Quarter", parsed.quarter.label if parsed.quarter else ""),
    )
    for name, value in fields:
        out.write(f"  {name}: {value or '(not found)'}")
    for section in parsed.sections:
        heading = f"{section.number}. {section.title}" if section.number else section.title
        out.write(f"  {heading}: {len(section.paragraphs)} paragraph(s)")
        for paragraph in section.paragraphs:
            lead = paragraph.number or paragraph.label or "-"
            out.write(f"    {lead} {paragraph.text[:70]}{'…' if len(paragraph.text) > 70 else ''}")
    for i, item in enumerate(parsed.unplaced, start=1):
        out.write(f"  Unplaced text {i} ({item.where}): {item.text[:100]}")
    for proposal in reading.proposals:
        event = proposal.event
        when = f"{event.day:%-d %B %Y}" if event.day else "no date"
        note = f" [{event.date_note}]" if event.date_note else ""
        already = " (already in the history)" if proposal.already_recorded else ""
        out.write(
            f"  Event {proposal.number}: {event.kind_label}, {when}{note}{already}, from "
            f"{event.where}: {event.sentence}"
        )


def import_report(
    path: Path, membership: Membership, options: dict[str, Any], out: OutputWrapper
) -> None:
    data = path.read_bytes()
    try:
        reading = importing.read_file(membership.organisation, path.name, data)
    except importing.ReportFileRefused as refused:
        raise CommandError(f"{refused} Nothing was imported.") from None
    describe(reading, out)
    decisions = decisions_from(reading, options)
    if options.get("dry_run"):
        out.write("Dry run: nothing was saved.")
        return
    upload, _ = importing.receive(membership, path.name, data)
    try:
        report = importing.confirm(upload, membership, decisions)
    except ValidationError as error:
        upload.delete()
        problems = [f"{key}: {'; '.join(m)}" for key, m in error.message_dict.items()]
        raise CommandError(
            "Nothing was imported: "
            + " ".join(problems)
            + " (give the missing details with --committee, --meeting-date, --subject, "
            "--author, --period or --event-date)."
        ) from None
    accepted = sum(1 for d in decisions.events if d.accept)
    discarded = sum(1 for w in decisions.unplaced if w == DISCARD)
    visible = (
        "published, as it was presented in public"
        if decisions.published
        else "exempt, for administrators and reviewers only"
    )
    out.write(
        f"Imported {path.name} as the report to {report.meeting} for {report.period.label} "
        f"(report {report.pk}, {visible}); {accepted} event(s) added to the history; "
        f"{discarded} unplaced text(s) discarded."
    )
