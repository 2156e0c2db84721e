"""The pack's Office files are written in a forked process beside the one typesetting the PDF."""

from __future__ import annotations

import os
import pickle

import pytest

from headway.committee import render
from headway.committee.document import Document
from headway.committee.render import docx, pptx, render_pack
from headway.committee.render.charts import BarChart, Series, draw_chart, render_charts
from headway.committee.render.processes import Forked, ForkFailed, in_fork
from headway.committee.render.svg_charts import draw

BAR = BarChart("Bars", ("Best value",), (Series("Green", "#00703c", (2.0,)),))


def _fail() -> None:
    raise ValueError("the slide would not fit")


def test_the_forked_process_sends_back_its_result() -> None:
    pid, forked = Forked(lambda: (os.getpid(), in_fork())).result()
    assert pid != os.getpid() and forked
    assert not in_fork()


def test_a_failure_in_the_forked_process_is_raised_here_with_its_traceback() -> None:
    with pytest.raises(ForkFailed, match="the slide would not fit"):
        Forked(_fail).result()


def test_on_one_processor_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert Forked(os.getpid).result() == os.getpid()


def test_a_chart_unpainted_in_the_forked_process_fails_rather_than_waits_for_typst() -> None:
    images = draw(BAR)
    with pytest.raises(ForkFailed, match="paint it first"):
        Forked(lambda: images.png).result()


def test_chart_images_pickle_painted_or_not() -> None:
    images = draw(BAR)
    copy = pickle.loads(pickle.dumps(images))
    assert copy.svg == images.svg and copy.png == images.png


def test_the_pack_is_the_same_written_in_one_process_or_two(
    sample: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sample's deck is small enough to write in one process: fork it all the same.
    monkeypatch.setattr(render, "FORK_FROM_SLIDES", 0)
    draw_chart.cache_clear()
    two = render_pack(sample)
    # Every picture of the Office files was painted before the fork, here; none other was.
    pictured = {*docx.pictured_charts(sample), *pptx.pictured_charts(sample)}
    assert pictured and pictured != set(sample.charts())
    assert {chart for chart, images in render_charts(sample).items() if images._png} == pictured
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    draw_chart.cache_clear()
    one = render_pack(sample)
    assert (
        sorted(two)
        == sorted(one)
        == [
            "appendix.pptx",
            "report.docx",
            "report.html",
            "report.pdf",
        ]
    )
    for name in one:
        assert two[name] == one[name], name
