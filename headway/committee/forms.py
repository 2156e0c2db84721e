"""The forms of the committee pages. They only read input: the rules are in drafting.py."""

from __future__ import annotations

from typing import Any

from django import forms

from headway.committee.models import Meeting, Report, ReportParagraph
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation


def _length(model: Any, name: str) -> int | None:
    length: int | None = model._meta.get_field(name).max_length
    return length


class HeaderForm(forms.Form):
    subject_heading = forms.CharField(
        label="Subject heading",
        max_length=_length(Report, "subject_heading"),
        error_messages={"required": "Enter the subject heading."},
    )
    author_name = forms.CharField(
        label="Report author",
        max_length=_length(Report, "author_name"),
        error_messages={"required": "Enter the report author's name."},
    )
    author_title = forms.CharField(
        label="Author's job title",
        max_length=_length(Report, "author_title"),
        required=False,
    )
    author_contact = forms.CharField(
        label="Contact details",
        max_length=_length(Report, "author_contact"),
        required=False,
        help_text="An email address or telephone number.",
    )
    financial_summary = forms.CharField(
        label="Financial summary",
        max_length=_length(Report, "financial_summary"),
        help_text="“Not applicable” if the report has no financial implications.",
        error_messages={"required": "Enter the financial summary, or “Not applicable”."},
    )


class ParagraphForm(forms.Form):
    text = forms.CharField(
        label="Paragraph",
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=True,
        error_messages={"required": "Enter the paragraph's text, or remove the paragraph."},
    )

    @classmethod
    def of(cls, paragraph: ReportParagraph) -> ParagraphForm:
        return cls(initial={"text": paragraph.text})


class _MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.committee}, {obj.date:%-d %B %Y}"


class StartReportForm(forms.Form):
    period = forms.ModelChoiceField(
        label="Quarter",
        queryset=ReportingPeriod.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the quarter the report covers."},
    )
    meeting = _MeetingChoice(
        label="Meeting",
        queryset=Meeting.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the meeting that will receive the report."},
    )

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        periods = ReportingPeriod.objects.filter(organisation=organisation).order_by(
            "-year", "-quarter"
        )
        meetings = (
            Meeting.objects.filter(committee__organisation=organisation)
            .select_related("committee")
            .order_by("-date", "committee__name")
        )
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        latest = periods.first()
        if latest is not None and not self.is_bound:
            following = meetings.filter(date__gt=latest.end).order_by("date").first()
            self.initial = {"period": latest.pk, "meeting": following.pk if following else None}


class ReturnReportForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=True,
        error_messages={"required": "Say what needs to change before you can approve it."},
    )


class WithdrawReportForm(forms.Form):
    reason = forms.CharField(
        label="Why is the report withdrawn?",
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=True,
        error_messages={
            "required": "Say why the report is withdrawn: readers of its page will see it."
        },
    )
