"""The import page's forms: the file, then the officer's decisions on what it holds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from headway.committee.past.events import STRATEGY
from headway.committee.past.importing import DISCARD, Decisions, EventDecision, Reading
from headway.committee.past.reading import EXTENSIONS, MAX_BYTES
from headway.forms import DateField, GovukForm
from headway.lib.fy import Quarter
from headway.organisation.models import OrganisationalChange
from headway.strategy.history import TIMELINE_KINDS
from headway.strategy.models import StrategyEvent

ACCEPT, REJECT = "accept", "reject"
PUBLIC, EXEMPT = "public", "exempt"
PUBLICATION = [
    (PUBLIC, "Yes, it was presented in public at the meeting"),
    (EXEMPT, "No, it was exempt: considered in private"),
]


class PastReportFileForm(GovukForm):
    file = forms.FileField(
        error_messages={
            "required": "Choose the report's file",
            "empty": "The file is empty: choose the report's Word document, PDF or text file",
            "invalid": "Choose the report's file",
        }
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if not file.name.casefold().endswith(EXTENSIONS):
            raise ValidationError(
                "The file must be a Word document (.docx), a PDF (.pdf) or a text file (.txt)"
            )
        if file.size > MAX_BYTES:
            raise ValidationError(
                f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: choose a smaller one"
            )
        return file


def event_kinds(target: str) -> list[tuple[str, str]]:
    if target == STRATEGY:
        return [(str(k), str(StrategyEvent.Kind(k).label)) for k in TIMELINE_KINDS]
    return [(str(k), str(k.label)) for k in OrganisationalChange.Kind]


class DecisionsForm(GovukForm):
    """The header as the file gives it, to correct or complete; where each unplaced text
    goes; and, for each proposed event, accept or reject with its kind, date and words."""

    committee = forms.CharField(
        max_length=200, required=False, error_messages={"max_length": "Use 200 characters or fewer"}
    )
    meeting_date = DateField(label="The meeting date", required=False)
    quarter = forms.CharField(max_length=20, required=False)
    subject = forms.CharField(max_length=250, required=False)
    author_name = forms.CharField(max_length=200, required=False)
    author_title = forms.CharField(max_length=200, required=False)
    author_contact = forms.CharField(max_length=200, required=False)
    financial_summary = forms.CharField(max_length=500, required=False)
    published = forms.ChoiceField(
        choices=PUBLICATION,
        error_messages={"required": "Say whether the report was presented in public"},
    )

    def __init__(self, reading: Reading, proposed: Decisions, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reading = reading
        self.initial.update(
            {
                "committee": proposed.committee,
                "meeting_date": proposed.meeting_date,
                "quarter": proposed.quarter.label if proposed.quarter else "",
                "subject": proposed.subject,
                "author_name": proposed.author_name,
                "author_title": proposed.author_title,
                "author_contact": proposed.author_contact,
                "financial_summary": proposed.financial_summary,
                "published": PUBLIC if proposed.published else EXEMPT,
            }
        )
        sections = [(DISCARD, "Discard it")] + [
            (key, f"Add it at the end of {title}") for key, title in reading.section_choices
        ]
        for i, where in enumerate(proposed.unplaced, start=1):
            self.fields[f"unplaced-{i}"] = forms.ChoiceField(choices=sections)
            self.initial[f"unplaced-{i}"] = where
        for proposal, decision in zip(reading.proposals, proposed.events, strict=True):
            name = f"event-{proposal.number}"
            self.fields[name] = forms.ChoiceField(
                choices=[(ACCEPT, "Accept"), (REJECT, "Reject")],
                error_messages={"required": "Accept or reject this event"},
            )
            self.fields[f"{name}-kind"] = forms.ChoiceField(
                choices=event_kinds(proposal.event.target)
            )
            self.fields[f"{name}-date"] = DateField(label="The date", required=False)
            self.fields[f"{name}-text"] = forms.CharField(required=False, max_length=2000)
            self.initial.update(
                {
                    name: ACCEPT if decision.accept else REJECT,
                    f"{name}-kind": decision.kind,
                    f"{name}-date": decision.day,
                    f"{name}-text": decision.text,
                }
            )

    def clean_quarter(self) -> Quarter | None:
        text = self.cleaned_data["quarter"].strip()
        if not text:
            return None
        try:
            return Quarter.parse(text)
        except ValueError:
            raise ValidationError(
                "Enter the quarter as a financial year and quarter, for example 2021-22 Q3"
            ) from None

    def decisions(self) -> Decisions:
        data = self.cleaned_data
        return Decisions(
            committee=data["committee"],
            meeting_date=data["meeting_date"],
            subject=data["subject"],
            author_name=data["author_name"],
            author_title=data["author_title"],
            author_contact=data["author_contact"],
            financial_summary=data["financial_summary"],
            quarter=data["quarter"],
            unplaced=[
                data[f"unplaced-{i}"] for i in range(1, len(self.reading.parsed.unplaced) + 1)
            ],
            events=[
                EventDecision(
                    accept=data[f"event-{p.number}"] == ACCEPT,
                    kind=data[f"event-{p.number}-kind"],
                    day=data[f"event-{p.number}-date"],
                    text=data[f"event-{p.number}-text"],
                )
                for p in self.reading.proposals
            ],
            published=data["published"] == PUBLIC,
        )
