"""The sample report, rendered once per test session (rendering is the slow part), and the
reports the page tests work on."""

from __future__ import annotations

from typing import Any

import pytest

from headway.accounts.models import User
from headway.committee import packs
from headway.committee.document import Document
from headway.committee.drafting import approve_report, draft_report, publish_report
from headway.committee.models import Report
from headway.committee.packs import PACK_FILES
from headway.committee.render.charts import Chart, ChartImages, render_charts
from headway.committee.render.docx import render_docx
from headway.committee.render.html import render_html
from headway.committee.render.pdf import render_pdf
from headway.committee.render.pptx import render_pptx
from headway.committee.sample import sample_document
from headway.strategy.models import Organisation
from tests.factories import (
    CommitteeFactory,
    MeetingFactory,
    ReportFactory,
    StrategyEventFactory,
    StrategyFactory,
)


@pytest.fixture(scope="session")
def sample() -> Document:
    return sample_document()


@pytest.fixture(scope="session")
def charts(sample: Document) -> dict[Chart, ChartImages]:
    return render_charts(sample)


@pytest.fixture(scope="session")
def docx_bytes(sample: Document, charts: dict[Chart, ChartImages]) -> bytes:
    return render_docx(sample, charts=charts)


@pytest.fixture(scope="session")
def pptx_bytes(sample: Document, charts: dict[Chart, ChartImages]) -> bytes:
    return render_pptx(sample, charts)


@pytest.fixture(scope="session")
def html(sample: Document, charts: dict[Chart, ChartImages]) -> str:
    return render_html(sample, charts)


@pytest.fixture(scope="session")
def pdf_bytes(sample: Document, charts: dict[Chart, ChartImages]) -> bytes:
    return render_pdf(sample, charts)


# The report pages ---------------------------------------------------------------------------

# A report's page has a header, like the real one, for the published page to add its links under.
REPORT_PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Report</title></head><body><main>
<header class="report-header"><h1>Report</h1></header>
<section><h2>SUMMARY</h2></section></main></body></html>"""
FAKE_FILES = {name: f"{name} of the pack\n".encode() for name in PACK_FILES}
FAKE_FILES["report.html"] = REPORT_PAGE.encode()


@pytest.fixture
def drafted(org: Organisation) -> Report:
    """A drafted report to the organisation's committee: 1 Background has three paragraphs."""
    strategy = StrategyFactory.create(organisation=org)
    StrategyEventFactory.create(strategy=strategy, text="Presented to the Committee.")
    StrategyEventFactory.create(strategy=strategy, kind="paused", text="Paused.")
    StrategyEventFactory.create(strategy=strategy, kind="reviewed", text="Reviewed.")
    committee = CommitteeFactory.create(organisation=org, name="Joint Committee")
    meeting = MeetingFactory.create(committee=committee, venue="Town Hall")
    return draft_report(ReportFactory.create(meeting=meeting, slug="joint-committee-q3"))


@pytest.fixture
def approved(drafted: Report, reviewer: User) -> Report:
    return approve_report(drafted, by=reviewer)


@pytest.fixture
def published(approved: Report) -> Report:
    return publish_report(approved)


@pytest.fixture
def quick_packs(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Packs made of small stand-in files, for tests about pages rather than rendering."""

    def files(report: Report, progress: Any = None) -> dict[str, bytes]:
        return dict(FAKE_FILES)

    monkeypatch.setattr(packs, "pack_files", files)
    return FAKE_FILES
