"""The strategy page's forms (an event of its history, a priority's wording, retiring one)
and the organisation's branding form (colours, a logo and a slide template)."""

from __future__ import annotations

from typing import Any

from django import forms

from headway.committee.models import Meeting
from headway.forms import DateField, GovukForm
from headway.lib.fy import FinancialYear
from headway.strategy.history import KIND_HINTS, TIMELINE_KINDS, EventDetails
from headway.strategy.models import Strategy, StrategyEvent
from headway.strategy.models.organisation import COLOUR


def meetings_of(strategy: Strategy) -> list[Meeting]:
    return list(
        Meeting.objects.filter(committee__organisation_id=strategy.organisation_id)
        .select_related("committee")
        .order_by("-date", "committee__name")
    )


class EventForm(GovukForm):
    date = DateField(label="Date", error_messages={"required": "Enter the date it happened"})
    kind = forms.ChoiceField(
        label="What happened",
        choices=[(k.value, k.label) for k in TIMELINE_KINDS],
        error_messages={
            "required": "Choose what happened to the strategy",
            "invalid_choice": "Choose what happened to the strategy",
        },
    )
    meeting = forms.TypedChoiceField(
        label="Meeting", required=False, coerce=int, empty_value=None, choices=[]
    )
    text = forms.CharField(
        label="Note",
        max_length=2000,
        error_messages={
            "required": "Enter what the report should say about it, in a sentence or two",
            "max_length": "The note must be 2,000 characters or fewer",
        },
    )

    def __init__(self, strategy: Strategy, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings_of(strategy)}
        meeting_field = self.fields["meeting"]
        assert isinstance(meeting_field, forms.TypedChoiceField)
        meeting_field.choices = [("", "Not at a meeting")] + [
            (pk, str(m)) for pk, m in self.meetings.items()
        ]
        meeting_field.error_messages["invalid_choice"] = (
            "Choose one of your organisation's committee meetings, or “Not at a meeting”"
        )

    @staticmethod
    def initial_for(event: StrategyEvent) -> dict[str, Any]:
        return {
            "date": event.date,
            "kind": event.kind,
            "meeting": event.meeting_id,
            "text": event.text,
        }

    def kind_choices(self) -> list[dict[str, str]]:
        return [{"value": k.value, "text": k.label, "hint": KIND_HINTS[k]} for k in TIMELINE_KINDS]

    def details(self) -> EventDetails:
        data = self.cleaned_data
        meeting_id = data.get("meeting")
        return EventDetails(
            day=data["date"],
            kind=data["kind"],
            text=data["text"],
            meeting=self.meetings.get(meeting_id) if meeting_id else None,
        )


class PriorityForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the priority's title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    description = forms.CharField(label="Description", required=False, max_length=4000)
    owner = forms.CharField(
        label="Owner",
        required=False,
        max_length=200,
        error_messages={"max_length": "The owner must be 200 characters or fewer"},
    )


class RetireForm(GovukForm):
    last_year = forms.TypedChoiceField(
        label="Last financial year it applies to",
        coerce=int,
        choices=[],
        error_messages={
            "required": "Choose the last financial year the priority applies to",
            "invalid_choice": "Choose one of the strategy's financial years",
        },
    )

    def __init__(self, years: list[int], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["last_year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(year, FinancialYear(year).label) for year in years]


class StrategyForm(GovukForm):
    # save_strategy() says what is missing, every problem at once.
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=200,
        error_messages={"max_length": "The title must be 200 characters or fewer"},
    )
    first_year = forms.CharField(label="First financial year", required=False, max_length=9)
    last_year = forms.CharField(label="Last financial year", required=False, max_length=9)
    vision = forms.CharField(label="Vision", required=False, max_length=4000)
    framework = forms.CharField(label="Strategic framework", required=False, max_length=8000)


class OwnerForm(GovukForm):
    SERVICE_LEADS = "service-leads"

    owner = forms.ChoiceField(
        label="Who writes its return?",
        error_messages={
            "required": "Choose who writes the return",
            "invalid_choice": "Choose one of the people listed, or the service's leads",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(self.SERVICE_LEADS, "The service's leads"), *choices]


class BrandingForm(GovukForm):
    colour = forms.CharField(
        max_length=7,
        validators=[COLOUR],
        error_messages={"required": "Enter the colour for slide titles and table headings"},
    )
    accent_colour = forms.CharField(
        max_length=7,
        validators=[COLOUR],
        error_messages={"required": "Enter the accent colour"},
    )
    logo = forms.FileField(
        required=False, error_messages={"empty": "The logo file is empty. Choose the picture"}
    )
    deck_template = forms.FileField(
        required=False,
        error_messages={"empty": "The template file is empty. Choose the .pptx file"},
    )
    remove_logo = forms.BooleanField(required=False)
    remove_template = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
