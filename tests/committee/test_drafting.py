"""Officers edit the drafted report; numbering follows position; approval locks it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from headway.committee.drafting import (
    ReportNotEditable,
    add_paragraph,
    approve_report,
    draft_report,
    edit_paragraph,
    move_paragraph,
    publish_report,
    remove_paragraph,
)
from headway.committee.models import Report, ReportSection
from headway.committee.models.report import ReportLocked
from headway.strategy.models import Organisation
from tests.factories import (
    CommitteeFactory,
    MeetingFactory,
    ReportFactory,
    StrategyEventFactory,
    StrategyFactory,
)


@pytest.fixture
def report(org: Organisation) -> Report:
    strategy = StrategyFactory.create(organisation=org)
    StrategyEventFactory.create(strategy=strategy, text="Presented to the Committee.")
    StrategyEventFactory.create(strategy=strategy, kind="paused", text="Paused.")
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))
    return draft_report(ReportFactory.create(meeting=meeting))


def texts(report: Report, key: str) -> list[str]:
    section = report.sections.get(key=key)
    return [p.text for p in section.paragraphs.order_by("position")]


def test_it_drafts_every_section_from_a_snapshot(report: Report) -> None:
    assert report.snapshot is not None
    assert list(report.sections.values_list("key", flat=True)) == [
        "summary",
        "recommendations",
        "background",
        "progress",
        "implications",
        "appendices",
    ]
    assert texts(report, "background") == ["Presented to the Committee.", "Paused."]


def test_moving_a_paragraph_renumbers_the_section(report: Report) -> None:
    background = report.sections.get(key="background")
    second = background.paragraphs.get(position=2)
    move_paragraph(second, -1)
    assert texts(report, "background") == ["Paused.", "Presented to the Committee."]


def test_adding_and_removing_paragraphs_renumbers_the_rest(report: Report) -> None:
    background = report.sections.get(key="background")
    first = background.paragraphs.get(position=1)
    added = add_paragraph(background, "A new point.", after=first)
    assert texts(report, "background") == ["Presented to the Committee.", "A new point.", "Paused."]
    remove_paragraph(first)
    assert list(background.paragraphs.values_list("position", flat=True)) == [1, 2]
    assert background.paragraphs.get(position=1) == added


def test_an_empty_paragraph_is_refused_with_what_to_do(report: Report) -> None:
    paragraph = report.sections.get(key="summary").paragraphs.first()
    assert paragraph is not None
    with pytest.raises(ValidationError, match="Enter the paragraph's text"):
        edit_paragraph(paragraph, "   ")


def test_redrafting_keeps_what_officers_wrote(report: Report) -> None:
    paragraph = report.sections.get(key="summary").paragraphs.get(position=1)
    edit_paragraph(paragraph, "Our own words.")
    redrafted = draft_report(report)
    assert texts(redrafted, "summary")[0] == "Our own words."


def test_an_approved_report_cannot_be_edited(report: Report, admin_user) -> None:
    approve_report(report, by=admin_user)
    paragraph = ReportSection.objects.get(report=report, key="summary").paragraphs.first()
    assert paragraph is not None
    with pytest.raises(ReportNotEditable, match="only a draft can be changed"):
        edit_paragraph(paragraph, "Too late.")
    with pytest.raises(ReportNotEditable):
        draft_report(report)


def test_a_published_report_cannot_be_changed_or_deleted(report: Report, admin_user) -> None:
    approve_report(report, by=admin_user)
    published = publish_report(report)
    published.subject_heading = "Changed"
    with pytest.raises(ReportLocked):
        published.save()
    with pytest.raises(ReportLocked):
        published.delete()


def test_publishing_needs_approval(report: Report) -> None:
    with pytest.raises(ReportNotEditable, match="Approve the report"):
        publish_report(report)
