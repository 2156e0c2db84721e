"""Every number the pack states agrees in every file, under the one counting rule: an
initiative counts once in totals (under its lead priority), and the priorities' own slides,
which list it under each priority it serves, say so and give the distinct total beside the sum.

The demo's 2021-22 Q3 pack is read back from all five files; generated portfolios (one or
several priorities, missing and late returns, deprioritised and completed initiatives) from
every file too."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.committee.compose import indicators
from headway.committee.compose.cover import draft_cover
from headway.committee.compose.document import (
    ContentSection,
    ReportContent,
    compose_document,
    report_content,
)
from headway.committee.compose.figures import NO_RETURN, Figures
from headway.committee.models import Report
from headway.committee.packs import open_data
from headway.committee.render import render_pack
from tests.committee.pack_reading import (
    SLIDE_REFERENCE,
    Reading,
    flat,
    pdf_text,
    read_docx,
    read_html,
    read_json,
    read_pdf,
    read_pptx,
)
from tests.committee.pack_reading import number as counted_number
from tests.committee.snapshot_data import indicators_data, initiative, snapshot_data, update

Data = dict[str, Any]


def pack_of(data: Data) -> dict[str, bytes]:
    drafted = draft_cover(data, "Joint Committee", ["Legal implications and risks"])
    content = ReportContent(
        subject_heading="One Source Strategy 2020-23 Progress Report for Q3",
        organisation="oneSource",
        committee="Joint Committee",
        meeting_date=date(2022, 3, 11),
        author_name="Assistant Director (demo)",
        author_title="Performance",
        author_contact="",
        financial_summary="Not applicable",
        sections=tuple(
            ContentSection(
                s.key, s.title, s.numbered, tuple((p.label, p.text) for p in s.paragraphs)
            )
            for s in drafted
        ),
        snapshot=data,
    )
    files = render_pack(compose_document(content))
    files["data.json"] = open_data(data)
    return files


def _table_rows(reading: Reading, start: str) -> list[list[str]]:
    """The body rows of the tables whose caption (HTML) or slide title (PowerPoint) starts so."""
    rows: list[list[str]] = []
    for key, table in reading.tables.items():
        title = key.rpartition("#")[0]
        if key.startswith("slide "):
            title = reading.slide_titles[int(key.removeprefix("slide "))]
        if title.startswith(start):
            rows += table[1:]
    return rows


def check_pack(files: dict[str, bytes], data: Data) -> None:
    figures = Figures(data)
    labels = {v["code"]: v["label"] for v in data["status_scale"]}
    by_status = {c.label: c.count for c in figures.statuses}
    stated = {label: n for label, n in by_status.items() if n}
    cover = figures.coverage
    html = read_html(files["report.html"].decode())
    pdf = read_pdf(files["report.pdf"])
    word = read_docx(files["report.docx"])
    deck = read_pptx(files["appendix.pptx"])

    # The cover report's prose, in each format that prints it.
    for reading in (html, pdf, word):
        if figures.reported:
            assert reading.reported == figures.reported, reading.name
            assert reading.by_status == stated, reading.name
        if cover.is_partial:
            assert reading.coverage == (cover.approved, cover.expected), reading.name
        else:
            assert reading.coverage is None, reading.name
    # The slides' statement of the rule, with the distinct total beside the sum.
    for reading in (html, pdf, deck):
        assert reading.entries == (figures.listed_under_priorities, figures.reported), reading.name
        if cover.is_partial:
            assert reading.coverage == (cover.approved, cover.expected), reading.name

    # The chart by lead priority: its data table (HTML), its native chart (PowerPoint) and
    # the rows printed in the PDF add up to the prose's figures.
    lead = _table_rows(html, "Data for the chart: Initiatives by status and lead priority")
    assert len(lead) == len(data["priorities"])
    header = next(
        t for c, t in html.tables.items() if c.startswith("Data for the chart: Initiatives")
    )[0]
    for column, label in enumerate(header[1:], start=1):
        total = sum(int(row[column]) for row in lead)
        assert total == (figures.reported if label == "Total" else by_status[label]), label
    pdf_numbers = flat(pdf.text)
    for row in lead:
        assert " ".join(row[1:]) in pdf_numbers, row
    chart = deck.charts["Progress at a glance"]
    assert {name: int(sum(values)) for name, values in chart.items()} == by_status
    for row, expected in zip(lead, figures.by_lead_priority, strict=True):
        assert int(row[-1]) == expected.total

    # The trend: its last quarter is this one, and returns not approved are their own series.
    if len(figures.trend) >= 2:
        trend = _table_rows(html, "Data for the chart: Returns by status")
        trend_header = next(
            t for c, t in html.tables.items() if c.startswith("Data for the chart: Returns")
        )[0]
        last = dict(zip(trend_header, trend[-1], strict=True))
        for label, count in by_status.items():
            assert int(last[label]) == count, label
        missing = cover.expected - cover.approved
        assert int(last.get(NO_RETURN, "0")) == missing
        line = deck.charts["Progress over the year"]
        assert {name: int(values[-1]) for name, values in line.items() if name != NO_RETURN} == (
            by_status
        )
        assert int(line.get(NO_RETURN, [0])[-1]) == missing

    # The priorities' own slides list an initiative under each priority it serves.
    for served in figures.by_each_priority:
        start = f"Initiatives serving priority {served.priority['number']},"
        listed = _table_rows(html, start)
        on_slides = _table_rows(deck, f"Priority {served.priority['number']}:")
        for rows in (listed, on_slides):
            assert len(rows) == served.total
            shown = {c.label: sum(1 for r in rows if r[2] == c.label) for c in served.counts}
            assert shown == {c.label: c.count for c in served.counts}

    # data.json: the same figures, consistent under the rule.
    published = read_json(files["data.json"])["figures"]
    assert published == figures.as_data()
    assert {labels[c]: n for c, n in published["by_status"].items()} == by_status
    assert published["reported"] == sum(published["by_status"].values())
    assert sum(row["total"] for row in published["by_lead_priority"]) == published["reported"]
    each = published["by_each_priority"]
    assert each["sum"] == sum(row["total"] for row in each["rows"])
    assert each["distinct"] == published["reported"] <= each["sum"]

    if "indicators" in data:
        check_indicators(files, data, html, word, deck)
    else:
        # No measures, no section: nothing in any file speaks of them.
        assert "indicators" not in published
        for reading in (html, word, deck):
            assert "performance indicator" not in reading.text.lower(), reading.name


# Performance indicators ----------------------------------------------------------------------

INDICATOR_COUNTS = re.compile(
    r"Of the (\d+) performance indicators? reported for [^,]+, (.+?)\. Each measure"
)
INDICATOR_PART = re.compile(
    r"(\w+) (?:is |are )?(off target|within tolerance|on target|with no target|with no data)"
)
NAMED = "Off target, each with an exception report in Appendix 1:"


def _indicator_counts(reading_text: str) -> dict[str, int]:
    found = INDICATOR_COUNTS.search(reading_text)
    assert found, "The cover report does not count the measures by status."
    words = {words: code for code, words in indicators.STATUS_WORDS.items()}
    shown = {}
    for part in re.split(r", | and ", found.group(2)):
        matched = INDICATOR_PART.fullmatch(part.strip())
        assert matched, part
        shown[words[matched.group(2)].value] = counted_number(matched.group(1))
    assert sum(shown.values()) == int(found.group(1))
    return shown


def _summary_rows(data: Data) -> list[tuple[str, ...]]:
    """Every row of the summary tables as a reader sees it: measure, council, value, target,
    status, short- and long-term direction, with the measure's reference first."""
    rows: list[tuple[str, ...]] = []
    for measure in indicators.measures(data):
        unit = measure["unit"]
        for index, row in enumerate(measure["rows"]):
            rows.append(
                (
                    indicators.measure_name(measure) if index == 0 else measure["reference"],
                    row["council"],
                    indicators.value_text(row["value"], unit),
                    indicators.value_text(row["target"], unit),
                    indicators.status_text(row["status"]),
                    indicators.direction_text(row["short_term"]),
                    indicators.direction_text(row["long_term"]),
                )
            )
    return rows


def _trend_rows(measure: Data) -> list[tuple[str, ...]]:
    """The chart's data table as the snapshot gives it: a quarter's values, then targets
    (one column when every row has the same)."""
    chart = indicators.trend_chart(measure)
    return [tuple(row) for row in chart.data_table()[1]]


def check_indicators(
    files: dict[str, bytes], data: Data, html: Reading, word: Reading, deck: Reading
) -> None:
    """The indicators section agrees with the snapshot in data.json, the web page, the PDF
    (its text in the order written), the Word report's paragraph and the PowerPoint deck."""
    published = read_json(files["data.json"])
    assert published["indicators"] == data["indicators"]
    tally = indicators.counts(data)
    assert published["figures"]["indicators"] == tally.as_data()
    stated = {code: n for code, n in tally.by_status.items() if n}
    pdf_flat = flat(pdf_text(files["report.pdf"]))
    # The PDF's text in the order written, without spaces: pdftotext runs a narrow cell's
    # text into the next one's, but keeps their order.
    pdf_raw = re.sub(r"\s+", "", pdf_text(files["report.pdf"], layout=False))

    def in_pdf(cells: tuple[str, ...]) -> bool:
        return re.sub(r"\s+", "", "".join(cells)) in pdf_raw

    # The cover report's paragraph counts the measures and names those off target.
    for name, text in (("html", html.text), ("pdf", pdf_flat), ("docx", word.text)):
        assert _indicator_counts(text) == stated, name
        named = re.sub(r"-\s+", "-", text.partition(NAMED)[2])
        for measure in tally.off_target:
            assert f"{measure['reference']} " in named, (name, measure["reference"])
    # The overview: measures by status.
    overview = _table_rows(html, "Performance indicators by status")
    assert {row[0]: int(row[1]) for row in overview} == {
        indicators.status_text(code): n for code, n in tally.by_status.items()
    }

    # The summary tables, row for row, in the web page, the deck and the PDF.
    expected = _summary_rows(data)

    def by_reference(rows: list[list[str]]) -> list[tuple[str, ...]]:
        return sorted((row[0].split(" ")[0], *row[1:]) for row in rows)

    in_html = _table_rows(html, "Performance indicators for") + _table_rows(
        html, "Performance indicators not linked"
    )
    in_deck = _table_rows(deck, "Performance indicators:")
    wanted = by_reference([list(row) for row in expected])
    assert by_reference(in_html) == wanted
    assert by_reference(in_deck) == wanted
    for row in expected:
        assert in_pdf(row), row

    # An exception report for each measure off target: its chart's data, its note.
    reports = {t for t in deck.slide_titles.values() if t.startswith("Exception report:")}
    assert len({t.rpartition(" (")[0] if t.endswith(")") else t for t in reports}) == len(
        tally.off_target
    )
    for measure in tally.off_target:
        name = indicators.measure_name(measure)
        trend = _trend_rows(measure)
        assert [tuple(r) for r in _table_rows(html, f"Data for the chart: {name},")] == trend
        for row in trend:
            assert in_pdf(row), row
        chart = next(
            series
            for title, series in deck.charts.items()
            if title.startswith(f"Exception report: {name}")
        )
        for index, row in enumerate(measure["rows"]):
            values = [point["values"][index] for point in measure["trend"]]
            assert chart[row["council"]] == [v or 0.0 for v in values], row["council"]
        notes = [tuple(row) for row in indicators.note_rows(measure)]
        in_notes_html = _table_rows(html, f"Exception note: {name},")
        in_notes_deck = _table_rows(deck, f"Exception report: {name}")
        assert [tuple(r) for r in in_notes_html] == notes
        assert [tuple(r) for r in in_notes_deck] == notes
        for row in notes:
            assert in_pdf(row), row


@pytest.fixture(scope="module")
def demo_pack(demo: Any, django_db_blocker: Any) -> tuple[dict[str, bytes], Data]:
    with django_db_blocker.unblock():
        report = Report.objects.get(period__year=2021, period__quarter=3)
        content = report_content(report)
    files = render_pack(compose_document(content))
    files["data.json"] = open_data(content.snapshot)
    return files, content.snapshot


def test_every_figure_of_the_demo_s_pack_agrees_in_every_file(
    demo_pack: tuple[dict[str, bytes], Data],
) -> None:
    check_pack(*demo_pack)


def test_the_demo_s_pack_says_its_open_quarter_covers_40_of_its_returns(
    demo_pack: tuple[dict[str, bytes], Data],
) -> None:
    files, data = demo_pack
    cover = Figures(data).coverage
    assert (cover.approved, cover.period_open) == (40, True)
    assert cover.expected > cover.approved
    statement = (
        f"Figures for 2021-22 Q3 cover the 40 of {cover.expected} initiatives whose returns "
        "were approved by 18 February 2022"
    )
    for name in ("report.html",):
        assert statement in flat(files[name].decode())
    assert statement in flat(read_pdf(files["report.pdf"]).text)
    assert statement in read_pptx(files["appendix.pptx"]).text


def test_every_indicator_figure_agrees_in_every_file() -> None:
    check_pack(pack_of(indicators_data()), indicators_data())


# Generated portfolios ------------------------------------------------------------------------

STATUSES = ("blue", "green", "amber", "red")


@st.composite
def portfolios(draw: st.DrawFn) -> Data:
    """One to five priorities; initiatives serving one or several; returns approved, missing
    or late (expected but not approved); some deprioritised or completed."""
    priorities = draw(st.integers(1, 5))
    count = draw(st.integers(1, 14))
    initiatives, current, previous, expected = [], [], [], []
    for k in range(1, count + 1):
        served = draw(st.sets(st.integers(1, priorities), min_size=1, max_size=priorities))
        state = draw(st.sampled_from(("in_progress", "in_progress", "deprioritised", "completed")))
        initiatives.append(
            initiative(
                k,
                f"Initiative {k}",
                priorities=sorted(served),
                status=state,
                milestones=[
                    {
                        "title": "Go live",
                        "due": "2022-02-28",
                        "forecast": None,
                        "completed_on": None,
                    }
                ],
            )
        )
        returned = draw(st.sampled_from(("approved", "approved", "missing", "late")))
        if (returned != "missing" and state == "in_progress") or returned == "approved":
            expected.append(k)
        if returned == "approved":
            current.append(update(k, draw(st.sampled_from(STATUSES))))
        if draw(st.booleans()):
            previous.append(update(k, draw(st.sampled_from(STATUSES))))
    state = draw(st.sampled_from(("open", "closed")))
    data = snapshot_data(
        initiatives=initiatives,
        updates={"current": current, "previous": previous},
        returns={"expected": expected, "approved": [u["initiative"] for u in current]},
    )
    data["priorities"] = data["priorities"][:priorities]
    data["period"] = {**data["period"], "state": state}
    approved = {u["initiative"] for u in current}
    counts: dict[str, int] = {}
    for u in current:
        counts[u["status"]] = counts.get(u["status"], 0) + 1
    data["trend"] = [
        {"label": "2021-22 Q2", "counts": {"green": len(previous)}, "expected": len(previous)},
        {"label": "2021-22 Q3", "counts": counts, "expected": len(set(expected) | approved)},
    ]
    return data


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(portfolios())
def test_every_figure_of_any_portfolio_s_pack_agrees_in_every_file(data: Data) -> None:
    check_pack(pack_of(data), data)


def _finished_portfolio() -> Data:
    milestone = [{"title": "Go live", "due": "2022-02-28", "forecast": None, "completed_on": None}]
    initiatives = [
        initiative(1, "Still going", milestones=milestone),
        initiative(2, "Dropped", status="deprioritised", milestones=milestone),
        initiative(3, "Done", status="completed", milestones=milestone),
        initiative(4, "Finished", milestones=milestone),
    ]
    return snapshot_data(
        initiatives=initiatives,
        updates={"current": [update(1, "green"), update(4, "blue")], "previous": []},
    )


# Slide references ---------------------------------------------------------------------------


def check_slide_references(files: dict[str, bytes]) -> None:
    """Every "Slide N" in any format names slide N of the PowerPoint deck (the title slide is
    1, a picture's data slides count), by the title that follows it."""
    deck = read_pptx(files["appendix.pptx"]).slide_titles
    html = read_html(files["report.html"].decode())
    pdf = read_pdf(files["report.pdf"])
    word = read_docx(files["report.docx"])
    assert html.slide_titles, "The HTML shows no slide numbers."
    assert pdf.slide_titles, "The PDF shows no slide numbers."
    for reading in (html, pdf):
        for number, title in reading.slide_titles.items():
            # pdftotext may wrap a long title: what it gives must begin the deck's title.
            assert number in deck, f"{reading.name}: Slide {number} is not in the deck"
            assert deck[number].startswith(title), (reading.name, number, title, deck[number])
    for reading in (html, pdf, word):
        for found in SLIDE_REFERENCE.finditer(reading.text):
            number, after = int(found.group(1)), found.group(2)
            assert number in deck, f"{reading.name}: Slide {number} is not in the deck"
            title = deck[number]
            assert after.startswith(title[: len(after)][:40]), (reading.name, number, after)


def test_every_slide_reference_names_the_deck_s_slide_in_every_format(
    demo_pack: tuple[dict[str, bytes], Data],
) -> None:
    files, _ = demo_pack
    check_slide_references(files)
    deck = read_pptx(files["appendix.pptx"]).slide_titles
    html = read_html(files["report.html"].decode()).slide_titles
    # The title slide and the road map's data slides count, as PowerPoint counts them.
    assert 1 not in html
    data_slides = [n for n, title in deck.items() if ": the data" in title]
    assert data_slides and not set(data_slides) & set(html)
    assert set(html) | set(data_slides) | {1} == set(deck)


def test_a_generated_portfolio_s_slide_references_name_the_deck_s_slides() -> None:
    check_slide_references(pack_of(_finished_portfolio()))
