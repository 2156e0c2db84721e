"""Run the pack benchmark: ``python -m headway.committee.bench`` (``make bench-pack``).

Prints, for each case, the seconds to generate the whole pack (reading the report, composing,
drawing the charts, writing the five files), each step alone (composing, the charts, and each
file from the drawn charts; processor seconds in brackets), and the floor, in seconds of the
clock and of processor time (which a machine shared with other work inflates less). Each figure
is the median of a few runs in a warm process, as the task worker is; the chart cache is emptied
before every run, so each run draws its charts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CASES = {"demo": None, "100 initiatives": 100, "1,000 initiatives": 1000}
RUNS = 3
TARGETS = {"demo": 1.0, "1,000 initiatives": 10.0}
PDF_TARGETS = {"1,000 initiatives": 4.0}
FLOOR_RATIO = 1.2
# The demo's report.pdf as WeasyPrint printed it before Typst replaced it (measured on the
# demo's 2021-22 Q3 pack, 6 December 2026); Typst's may be at most half as large again.
WEASYPRINT_DEMO_PDF = 195_429
PDF_SIZE_RATIO = 1.5


def _clock(work: Callable[[], Any], before: Callable[[], None] | None = None) -> dict[str, float]:
    walls, cpus = [], []
    for _ in range(RUNS):
        if before:
            before()
        wall, cpu = time.perf_counter(), _processor()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(_processor() - cpu)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}


def _processor() -> float:
    """Processor seconds of this process and of those it waited for."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_case(initiatives: int | None) -> dict[str, Any]:
    """Load the demo (at ``initiatives`` if given) and time its Q3 pack and the floor."""
    folder = Path(tempfile.mkdtemp(prefix="headway-bench-pack-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from headway.committee.bench.floor import floor_content, write_floor
    from headway.committee.bench.portfolios import scaled_catalogue
    from headway.committee.compose.document import compose_document, report_content
    from headway.committee.models import Report
    from headway.committee.packs import pack_files
    from headway.committee.render import draw_charts
    from headway.committee.render.charts import draw_chart
    from headway.committee.render.docx import render_docx
    from headway.committee.render.html import render_html
    from headway.committee.render.pdf import render_pdf
    from headway.committee.render.pptx import render_pptx
    from headway.demo import load_demo
    from headway.demo.catalogue import CATALOGUE

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_demo(catalogue=scaled_catalogue(initiatives) if initiatives else CATALOGUE)
    loaded = time.perf_counter() - started
    report = Report.objects.get(period__year=2021, period__quarter=3)

    first = time.perf_counter()
    files = pack_files(report)
    cold = time.perf_counter() - first
    pack = _clock(lambda: pack_files(report), before=draw_chart.cache_clear)
    content = report_content(report)
    document = compose_document(content)
    steps = {
        "compose": _clock(lambda: compose_document(report_content(report))),
        # Drawn (SVG), and painted (PNG) where the Office files show pictures, as the pack does.
        "charts": _clock(lambda: draw_charts(document), before=draw_chart.cache_clear),
    }
    charts = draw_charts(document)  # the last run's, painted: the files are timed alone
    steps["report.html"] = _clock(lambda: render_html(document, charts))
    steps["report.docx"] = _clock(lambda: render_docx(document, None, charts))
    if document.appendix is not None:
        steps["appendix.pptx"] = _clock(lambda: render_pptx(document, charts))
    steps["report.pdf"] = _clock(lambda: render_pdf(document, charts))
    floor = floor_content(document, content.snapshot)
    write_floor(floor)
    return {
        "initiatives": len(content.snapshot["initiatives"]),
        "loaded": loaded,
        "cold": cold,
        "pack": pack,
        "pdf": steps["report.pdf"],
        "steps": steps,
        "floor": _clock(lambda: write_floor(floor)),
        "sizes": {name: len(data) for name, data in files.items()},
        "slides": len(floor.slides) + 1,
    }


def _print(name: str, result: dict[str, Any]) -> list[str]:
    pack, floor = result["pack"], result["floor"]
    # Judged by the clock, as the other targets are: the pack writes its files in
    # parallel processes (as the issue asks, on 2 cores), so its processor seconds count work
    # that overlaps, and Typst's own threads count twice as well; the floor writes one file
    # after another. Processor time is printed beside it, as the steadier figure on a busy
    # machine.
    ratio = pack["wall"] / floor["wall"]
    sizes = ", ".join(f"{n} {s / 1000:,.0f} kB" for n, s in result["sizes"].items())
    steps = ", ".join(
        f"{step} {times['wall']:.2f} s ({times['cpu']:.2f})"
        for step, times in result["steps"].items()
    )
    print(
        f"{name} ({result['initiatives']:,} initiatives, {result['slides']} slides; "
        f"loaded in {result['loaded']:.1f} s)\n"
        f"  pack:  {pack['wall']:6.2f} s ({pack['cpu']:.2f} s of processor time); "
        f"the first in a new process {result['cold']:.2f} s\n"
        f"  steps: {steps}\n"
        f"  pdf:   {result['pdf']['wall']:6.2f} s for Typst to typeset the PDF alone\n"
        f"  floor: {floor['wall']:6.2f} s ({floor['cpu']:.2f} s of processor time)\n"
        f"  pack / floor: {ratio:.2f} by the clock, "
        f"{pack['cpu'] / floor['cpu']:.2f} in processor time\n"
        f"  files: {sizes}",
        flush=True,
    )
    misses = []
    target = TARGETS.get(name)
    if target and pack["wall"] >= target:
        misses.append(f"{name}: {pack['wall']:.2f} s is over the {target:.0f} s target.")
    if ratio > FLOOR_RATIO:
        misses.append(
            f"{name}: the pack takes {ratio:.2f} times the floor (at most {FLOOR_RATIO})."
        )
    pdf_target = PDF_TARGETS.get(name)
    if pdf_target and result["pdf"]["wall"] >= pdf_target:
        misses.append(f"{name}: the PDF alone takes {result['pdf']['wall']:.2f} s.")
    if name == "demo":
        size = result["sizes"]["report.pdf"] / WEASYPRINT_DEMO_PDF
        print(f"  the PDF is {size:.2f} times the size of WeasyPrint's ({PDF_SIZE_RATIO} at most)")
        if size > PDF_SIZE_RATIO:
            misses.append(f"demo: the PDF is {size:.2f} times WeasyPrint's size.")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", choices=CASES, help="Run one case and print it as JSON.")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(CASES[args.case])))
        return 0
    print(f"Median of {RUNS} runs per figure, on {os.cpu_count()} processors.\n", flush=True)
    results, misses = {}, []
    for name in CASES:
        # A process per case: each has a database of its own and starts as cold as the others.
        done = subprocess.run(
            [sys.executable, "-m", "headway.committee.bench", "--case", name],
            check=True,
            capture_output=True,
            text=True,
        )
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        misses += _print(name, results[name])
    small, large = results["100 initiatives"], results["1,000 initiatives"]
    growth = (large["pack"]["cpu"] / small["pack"]["cpu"]) / (
        large["initiatives"] / small["initiatives"]
    )
    print(
        f"\nGrowth from 100 to 1,000 initiatives: {growth:.2f} times linear "
        "(1.00 is linear; below 1, the fixed costs weigh more at 100)."
    )
    if growth > 1.2:
        misses.append(f"Growth is {growth:.2f} times linear.")
    print("\n".join(misses) if misses else "Every target is met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
