"""``make bench-load``: many people using one Headway at once, as in a council's busiest week.

Headway is served as in production (``headway serve``, a process, on a database of its own
loaded with the demo: PostgreSQL by default). Simulated people then use it together for a
while, each with a pause between actions as a person takes:

- service leads open their returns, save drafts and submit them (pages);
- reviewers approve submitted returns or send them back with a comment (pages);
- readers browse the portfolio, strategy, maps and published reports (pages);
- API clients read returns, initiatives and reports, and save returns (tokens).

People share the demo's accounts (a person's several tabs), so two of them often save the
same return: Headway's optimistic locking refuses the second save with what changed (a form
that says so, or 409 from the API). Those refusals are expected and counted apart; an error is
a server error, a failed connection or an answer that no person should get.

After the run, every save that Headway acknowledged is looked for in the database: each must
be in the return's history, each as a version of its own. One that is missing, or two that
were stored as the same version, is a lost update.

    python -m headway.bench.load --users 50 --seconds 60 --postgres postgres://…/postgres
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import django

from headway.bench.browser import Answer, Browser
from headway.bench.site import Site, demo_site

CONFLICT_WORDS = (
    "changed this return while you were editing it",  # the return form
    "changed this return after you opened it",  # the review page
    "Only a submitted return can be reviewed",  # someone else reviewed it first
    "it can no longer be changed",  # approved while it was open
)
# Who does what, in the order people are added: any number of users gets every kind early.
ROLES = ("lead", "reviewer", "api", "reader", "lead", "reader", "lead", "api", "reviewer", "reader")
READER_PAGES = ("/", "/strategy/", "/roadmap/", "/priority-map/", "/published/")
API_READS = (
    "/api/v1/initiatives/?page_size=50",
    "/api/v1/updates/?period_state=open&page_size=50",
    "/api/v1/reports/",
    "/api/v1/priorities/",
)


@dataclass
class Kind:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    conflicts: int = 0


@dataclass
class Tally:
    """What happened, by kind of request; shared by every simulated person."""

    kinds: dict[str, Kind] = field(default_factory=lambda: defaultdict(Kind))
    saves: list[tuple[int, str]] = field(default_factory=list)  # (return, text) acknowledged
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, answer: Answer, ok: bool, conflict: bool = False) -> None:
        with self.lock:
            found = self.kinds[kind]
            found.latencies.append(answer.seconds)
            if conflict:
                found.conflicts += 1
            elif not ok:
                found.errors += 1
                if len(self.problems) < 20:
                    self.problems.append(f"{kind}: {answer.status} {answer.text[:300]!r}")

    def failed(self, kind: str, error: Exception) -> None:
        with self.lock:
            self.kinds[kind].errors += 1
            if len(self.problems) < 20:
                self.problems.append(f"{kind}: {type(error).__name__}: {error}")

    def saved(self, update: int, text: str) -> None:
        with self.lock:
            self.saves.append((update, text))

    @property
    def errors(self) -> int:
        return sum(kind.errors for kind in self.kinds.values())


_texts = itertools.count(1)
_texts_lock = threading.Lock()


def _save_text(run: str) -> str:
    with _texts_lock:
        return f"Progress recorded by the load test (run {run}, save {next(_texts)})."


def _refused_for_a_conflict(answer: Answer) -> bool:
    return any(words in answer.text for words in CONFLICT_WORDS)


def _ids(answer: Answer, pattern: str) -> list[int]:
    return sorted({int(found) for found in re.findall(pattern, answer.text)})


class Person:
    """One simulated person: a browser (or API client) and what they do, again and again."""

    def __init__(self, browser: Browser, tally: Tally, run: str, seed: int, think: float) -> None:
        self.browser, self.tally, self.run = browser, tally, run
        self.random = random.Random(seed)
        self.think = think

    def pause(self) -> None:
        time.sleep(self.random.uniform(0.2, 1.0) * self.think)

    def page(self, kind: str, path: str) -> Answer:
        answer = self.browser.get(path)
        self.tally.record(kind, answer, answer.status == 200)
        return answer

    def act(self, role: str) -> None:
        getattr(self, role)()

    def lead(self) -> None:
        returns = _ids(self.page("lead: my returns", "/returns/"), r'href="/returns/(\d+)/"')
        if not returns:
            return
        update = self.random.choice(returns)
        page = self.page("lead: open a return", f"/returns/{update}/")
        if 'name="version"' not in page.text:
            return  # submitted or approved: nothing to edit
        self.pause()
        form = page.form("//main//form[.//input[@name='version']]")
        text = _save_text(self.run)
        submit = self.random.random() < 0.3
        kind = "lead: submit a return" if submit else "lead: save a draft"
        fields = {**form.values, "narrative": text, "action": "submit" if submit else "draft"}
        answer = self.browser.post(f"/returns/{update}/", fields, follow=False)
        if answer.status == 302:
            self.tally.saved(update, text)
            self.tally.record(kind, answer, True)
            self.browser.get(answer.headers["Location"])  # the page it shows next
        else:
            conflict = answer.status == 200 and _refused_for_a_conflict(answer)
            self.tally.record(kind, answer, False, conflict=conflict)

    def reviewer(self) -> None:
        waiting = _ids(self.page("reviewer: queue", "/review/"), r'href="/review/(\d+)/"')
        if not waiting:
            return
        update = self.random.choice(waiting)
        page = self.page("reviewer: open a return", f"/review/{update}/")
        if 'value="approve"' not in page.text:
            return
        self.pause()
        form = page.form("//main//form[.//input[@name='version']]")
        approve = self.random.random() < 0.5
        fields = {**form.values, "action": "approve" if approve else "return"}
        if not approve:
            fields["comment"] = "Say more about the risks, please."
        answer = self.browser.post(f"/review/{update}/", fields)
        done = "You approved the return" in answer.text or "to its owners with your comment" in (
            answer.text
        )
        conflict = not done and _refused_for_a_conflict(answer)
        self.tally.record("reviewer: approve or return", answer, done, conflict=conflict)

    def reader(self) -> None:
        path = self.random.choice(READER_PAGES)
        answer = self.page("reader: browse", path)
        initiatives = _ids(answer, r'href="/initiatives/(\d+)/"')
        if initiatives:
            self.pause()
            self.page("reader: an initiative", f"/initiatives/{self.random.choice(initiatives)}/")

    def api(self) -> None:
        if self.random.random() < 0.7:
            answer = self.browser.api("GET", self.random.choice(API_READS))
            self.tally.record("api: read", answer, answer.status == 200)
            return
        listing = self.browser.api(
            "GET", "/api/v1/updates/?period_state=open&editable=true&page_size=100"
        )
        self.tally.record("api: read", listing, listing.status == 200)
        if listing.status != 200:
            return
        drafts = [u for u in listing.json()["results"] if u["state"] in ("draft", "returned")]
        if not drafts:
            return
        chosen = self.random.choice(drafts)
        text = _save_text(self.run)
        answer = self.browser.api(
            "PATCH",
            f"/api/v1/updates/{chosen['id']}/",
            {"narrative": text, "expected_version": chosen["version"]},
        )
        if answer.status == 200:
            self.tally.saved(chosen["id"], text)
        self.tally.record("api: save a return", answer, answer.status == 200, answer.status == 409)


def _people_accounts(site: Site, users: int) -> list[tuple[str, Browser]]:
    """Each simulated person's role and browser; the demo's accounts are signed in once
    each and shared (a person's tabs), the API clients hold a token each."""
    from headway.demo import DEMO_PASSWORD
    from headway.demo.people import SERVICE_LEADS

    leads = ["lead", *(person.username for person in SERVICE_LEADS)]
    # The demo's administrator must set up a second step at their first sign-in (README),
    # which a simulated person does not do: the reviewers' work is the reviewer's.
    accounts = {
        "reviewer": ["reviewer"],
        "reader": ["viewer", "partner", "partner-havering"],
    }
    signed_in: dict[str, Browser] = {}
    tokens: dict[str, str] = {}
    people = []
    for number in range(users):
        role = ROLES[number % len(ROLES)]
        turn = number // len(ROLES)
        if role == "api":
            username = leads[turn % len(leads)]
            if username not in tokens:
                made = site.run("token", "create", username, "--name", "Load test")
                tokens[username] = made.stdout.strip()
            people.append((role, Browser(site.url, bearer=tokens[username])))
            continue
        choices = leads if role == "lead" else accounts[role]
        username = choices[(turn + number) % len(choices)]
        if username not in signed_in:
            signed_in[username] = Browser(site.url)
            signed_in[username].sign_in(username, DEMO_PASSWORD)
        people.append((role, signed_in[username].beside()))
    return people


def drive(site: Site, users: int, seconds: float, think: float = 1.0) -> Tally:
    """``users`` simulated people using the served site for ``seconds``."""
    tally = Tally()
    run = time.strftime("%H%M%S")
    people = _people_accounts(site, users)
    stop = time.monotonic() + seconds

    def live(role: str, browser: Browser, seed: int) -> None:
        person = Person(browser, tally, run, seed, think)
        while time.monotonic() < stop:
            try:
                person.act(role)
            except Exception as error:  # a failed connection, a page without its form
                tally.failed(f"{role}: failed", error)
            person.pause()
        browser.close()

    threads = [
        threading.Thread(target=live, args=(role, browser, seed), name=f"{role}-{seed}")
        for seed, (role, browser) in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


HISTORY = """
import json
from headway.progress.models import Update
ids = json.loads({ids!r})
history = {{}}
for pk, version, narrative in Update.history.filter(id__in=ids).order_by("history_id").values_list(
    "id", "version", "narrative"
):
    history.setdefault(str(pk), []).append([version, narrative])
print(json.dumps(history))
"""


@dataclass
class Check:
    acknowledged: int
    found: int
    lost: list[str]


def check_saves(site: Site, saves: list[tuple[int, str]]) -> Check:
    """Look for every acknowledged save in its return's history, each as its own version."""
    ids = sorted({update for update, _ in saves})
    history: dict[str, list[list[object]]] = json.loads(
        site.python(HISTORY.format(ids=json.dumps(ids)))
    )
    lost, found = [], 0
    versions_used: defaultdict[int, set[object]] = defaultdict(set)
    for update, text in saves:
        versions = [v for v, narrative in history.get(str(update), []) if narrative == text]
        if not versions:
            lost.append(f"return {update}: the save {text!r} is not in its history")
            continue
        found += 1
        first = versions[0]
        if first in versions_used[update]:
            lost.append(f"return {update}: two acknowledged saves were stored as version {first}")
        versions_used[update].add(first)
    return Check(len(saves), found, lost)


def report(
    tally: Tally, check: Check, seconds: float, users: int, out: Callable[[str], None]
) -> None:
    out(f"{users} simulated people for {seconds:g} s")
    out(f"{'kind':<30} {'requests':>8} {'errors':>6} {'conflicts':>9} {'p50 ms':>7} {'p95 ms':>7}")
    total = errors = conflicts = 0
    for name in sorted(tally.kinds):
        kind = tally.kinds[name]
        times = sorted(kind.latencies)
        p50 = times[len(times) // 2] * 1000 if times else 0
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))] * 1000 if times else 0
        out(
            f"{name:<30} {len(times):>8} {kind.errors:>6} {kind.conflicts:>9} "
            f"{p50:>7.0f} {p95:>7.0f}"
        )
        total, errors, conflicts = (
            total + len(times),
            errors + kind.errors,
            conflicts + kind.conflicts,
        )
    out(f"{'all':<30} {total:>8} {errors:>6} {conflicts:>9}")
    out(f"{total / seconds:.1f} requests a second")
    out(
        f"Saves acknowledged: {check.acknowledged}; found in the database: {check.found}; "
        f"lost updates: {len(check.lost)}"
    )
    for problem in [*tally.problems, *check.lost][:20]:
        out(f"  {problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=50, help="Simulated people (default 50).")
    parser.add_argument("--seconds", type=float, default=60, help="How long (default 60).")
    parser.add_argument("--workers", type=int, default=4, help="Web processes (default 4).")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="A PostgreSQL server (any database on it) where the bench makes a database of "
        "its own and drops it afterwards. Without it, a SQLite file.",
    )
    parser.add_argument("--think", type=float, default=1.0, help="Scale people's pauses.")
    options = parser.parse_args(argv)
    # Only to read the demo's accounts: the site itself runs in processes of its own.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    django.setup()
    with tempfile.TemporaryDirectory(prefix="headway-load-") as folder:
        print("Loading the demo into a database of its own…", flush=True)
        with demo_site(options.postgres, Path(folder)) as site:
            with site.served(workers=options.workers, log=Path(folder) / "serve.log"):
                print(f"Serving on {site.url}; {options.users} people start.", flush=True)
                tally = drive(site, options.users, options.seconds, options.think)
            check = check_saves(site, tally.saves)
    report(tally, check, options.seconds, options.users, print)
    load = os.getloadavg()[0]
    print(f"Machine load at the end (1 minute average): {load:.1f} on {os.cpu_count()} processors")
    return 1 if tally.errors or check.lost else 0


if __name__ == "__main__":
    sys.exit(main())
