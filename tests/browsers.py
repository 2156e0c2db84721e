"""Debian's Chromium driven by Playwright, shared by every test that needs a real browser.

Playwright's own browser download does not work on these machines, so the tests launch the
system's ``chromium``. Where it (or axe-core) is missing the tests are skipped with the
reason, except in CI, where they fail: CI must run them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

# Django's live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Where a failing browser test leaves a screenshot of each page it had open.
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-results"
# WCAG 2.2 A and AA: what the Public Sector Bodies Accessibility Regulations require.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# How Playwright and axe fail when the document they run in is replaced by a navigation.
NAVIGATION_SIGNS = (
    "Execution context was destroyed",
    "Cannot read properties of null (reading 'documentElement')",
    "axe is not defined",
)
NAVIGATION_RETRIES = 2
# Lighthouse's line between a good and a poor cumulative layout shift.
LAYOUT_SHIFT_LIMIT = 0.1
# Runs first in every document a test's browser opens: reports each layout shift not caused
# by the person's own input (clicks, typing) to hwLayoutShift, with the page and document.
RECORD_LAYOUT_SHIFTS = """
(() => {
  const doc = Math.random().toString(36).slice(2);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput && window.hwLayoutShift) {
        window.hwLayoutShift(location.href, doc, entry.value);
      }
    }
  }).observe({type: "layout-shift", buffered: true});
})();
"""


# Runs first in every document too: reports each Content-Security-Policy violation (an inline
# script or style, or a file from elsewhere, that the page's policy blocked) to hwCspViolation.
RECORD_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  if (window.hwCspViolation) {
    window.hwCspViolation(
      location.href,
      `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}` +
        (event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : "") +
        (event.sample ? ` (${event.sample})` : ""),
    );
  }
});
"""


class LayoutShifts:
    """The layout shifts of every page a test opened, summed per page load."""

    def __init__(self) -> None:
        self.by_load: dict[tuple[str, str], float] = {}

    def record(self, _source: Any, url: str, doc: str, value: float) -> None:
        self.by_load[(url, doc)] = self.by_load.get((url, doc), 0.0) + value

    def of(self, url: str) -> float:
        """The worst load of ``url``."""
        return max((v for (u, _), v in self.by_load.items() if u == url), default=0.0)

    def too_large(self) -> list[str]:
        return [
            f"{url}: cumulative layout shift {value:.3f}"
            for (url, _), value in self.by_load.items()
            if value > LAYOUT_SHIFT_LIMIT
        ]


# The current test's shifts; the fixtures below start a new record for each test.
SHIFTS = LayoutShifts()
# The current test's Content-Security-Policy violations, one line each.
CSP_VIOLATIONS: list[str] = []


def record_csp_violation(_source: Any, url: str, what: str) -> None:
    CSP_VIOLATIONS.append(f"{url}: {what}")


class RecordingBrowser:
    """Chromium, whose every new context records layout shifts into ``SHIFTS`` and
    Content-Security-Policy violations into ``CSP_VIOLATIONS``."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.expose_binding("hwLayoutShift", lambda *args: SHIFTS.record(*args))
        context.add_init_script(RECORD_LAYOUT_SHIFTS)
        context.expose_binding("hwCspViolation", record_csp_violation)
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(autouse=True)
def pages_stay_still() -> Iterator[LayoutShifts]:
    """Every page a browser test opens must not jump as it loads: fail the test if any
    page's cumulative layout shift is above 0.1."""
    global SHIFTS
    SHIFTS = LayoutShifts()
    yield SHIFTS
    problems = SHIFTS.too_large()
    SHIFTS = LayoutShifts()
    if problems:
        pytest.fail("Pages moved as they loaded:\n" + "\n".join(problems))


@pytest.fixture(autouse=True)
def pages_keep_their_policy() -> Iterator[list[str]]:
    """Every page a browser test opens must work under its Content-Security-Policy: fail the
    test if the browser blocked anything (an inline script or style, a file from elsewhere)."""
    CSP_VIOLATIONS.clear()
    yield CSP_VIOLATIONS
    problems = list(CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()
    if problems:
        pytest.fail("The Content-Security-Policy blocked:\n" + "\n".join(problems))


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}. CI must run the browser tests (see .ci/run).")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole run: a second sync Playwright in one thread is refused."""
    if CHROMIUM is None:
        skip_or_fail("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield RecordingBrowser(browser)
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        skip_or_fail("axe-core is not installed: run `make assets` (npm ci)")
    return AXE.read_text()


def axe_violations(page: Any, axe_source: str, extra_tags: tuple[str, ...] = ()) -> list[str]:
    """Run axe-core on the page; one readable line per violation."""
    from playwright.sync_api import Error

    for attempt in range(NAVIGATION_RETRIES + 1):
        # A click on a link returns once the navigation has started, not when the new
        # document is there: run axe on a document that has finished loading, and again if
        # the old one was swapped for the new one while axe was reading it.
        page.wait_for_load_state("load")
        try:
            result = _run_axe(page, axe_source, [*AXE_TAGS, *extra_tags])
            break
        except Error as error:
            if attempt == NAVIGATION_RETRIES or not _navigated_underneath(error):
                raise
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def _run_axe(page: Any, axe_source: str, tags: list[str]) -> Any:
    # Evaluated by the browser's tooling, which the page's policy does not govern (an inline
    # <script> tag with axe would be blocked, as it should be).
    page.evaluate(axe_source)
    return page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )


def _navigated_underneath(error: Exception) -> bool:
    """Whether axe failed because the page's document changed while it ran."""
    return any(sign in str(error) for sign in NAVIGATION_SIGNS)


def _open_pages(item: pytest.Item) -> list[Any]:
    """The Playwright pages a test has: its fixtures' and any its test class kept."""
    candidates = list(getattr(item, "funcargs", {}).values())
    instance = getattr(item, "instance", None)
    if instance is not None:
        candidates += list(vars(instance).values())
    pages = []
    for candidate in candidates:
        is_page = type(candidate).__name__ == "Page" and hasattr(candidate, "screenshot")
        if is_page and not candidate.is_closed() and candidate not in pages:
            pages.append(candidate)
    return pages


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """When a browser test fails, save what each of its pages showed under test-results/."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    pages = _open_pages(item)
    if not pages:
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", item.nodeid).strip("_")
    for number, page in enumerate(pages, start=1):
        path = SCREENSHOTS / f"{stem}-{number}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception as error:  # the page may have crashed with the test
            report.sections.append(("screenshot", f"Could not save {path}: {error}"))
            continue
        report.sections.append(("screenshot", f"Saved {path} ({page.url})"))


def sign_in(page: Any, base_url: str, username: str, password: str, then: str | None = "/") -> None:
    """Sign in through the real pages: the password, then, for someone who must take a second
    step (every administrator), the code of the authenticator app the tests give them
    (tests/second_step.py). Waits for the page ``then`` (None: whichever page comes)."""
    from headway.accounts.models import User
    from tests.second_step import code_now, enrol_if_required

    user = User.objects.get(username=username)
    enrol_if_required(user)
    page.goto(f"{base_url}/accounts/login/" + (f"?next={then}" if then not in (None, "/") else ""))
    page.get_by_label("Username or email address").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if "/accounts/2fa/authenticate/" in page.url:
        page.get_by_label("Code from your authenticator app").fill(code_now(user))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    if then is not None:
        page.wait_for_url(f"{base_url}{then}")


# The elements of the page that reach past either side of the window, or are cut off by a box
# that hides what overflows it: a reader on a phone (or at 400% zoom) could not see them. A
# table's own scrolling box (.hw-table-scroll) and a map's may be wider: they scroll (but the
# table's caption may not).
BEYOND_THE_WINDOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = ".hw-table-scroll, .hw-map-picture__scroll, .table-wrapper, .chart-wrapper";
  const hidden = (el) => {
    const style = getComputedStyle(el);
    return style.display === "none" || style.visibility === "hidden"
      || el.closest(".govuk-visually-hidden, .govuk-skip-link, [hidden]");
  };
  const name = (el) => {
    const text = (el.textContent || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}"> ${text}`;
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    // A table's caption must be read without scrolling, even in a scrolling box.
    if ((el.closest(scrolls) && el.tagName !== "CAPTION") || hidden(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) {
      found.push(`${name(el)}: from ${Math.round(box.left)} to ${Math.round(box.right)} px`);
    }
    const style = getComputedStyle(el);
    // A text box scrolls what is typed in it: not cut off.
    const field = ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
    const cuts = ["hidden", "clip"].includes(style.overflowX) && !field;
    if (cuts && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${name(el)}: cut off at ${el.clientWidth} of ${el.scrollWidth} px`);
    }
  }
  return found;
}"""


def beyond_the_window(page: Any) -> list[str]:
    """What on the page a reader would have to scroll sideways to see, or could not see at all
    (outside a table's scrolling box): one line per element, empty when nothing is."""
    found: list[str] = page.evaluate(BEYOND_THE_WINDOW)
    return found


def boxes_that_scroll(page: Any) -> list[str]:
    """The tables and maps that are wider than their scrolling box on this page, by label."""
    found: list[str] = page.evaluate(
        """() => [...document.querySelectorAll(".hw-table-scroll, .hw-map-picture__scroll")]
          .filter((box) => box.scrollWidth > box.clientWidth + 1)
          .map((box) => `${box.dataset.label}: ${box.scrollWidth} px in ${box.clientWidth} px`)"""
    )
    return found
