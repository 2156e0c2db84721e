"""The sample report, rendered once per test session: rendering is the slow part."""

from __future__ import annotations

import pytest

from headway.committee.document import Document
from headway.committee.render.charts import Chart, ChartImages, render_charts
from headway.committee.render.docx import render_docx
from headway.committee.render.html import render_html
from headway.committee.render.pdf import render_pdf
from headway.committee.render.pptx import render_pptx
from headway.committee.sample import sample_document


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
def pdf_bytes(html: str) -> bytes:
    return render_pdf(html)
