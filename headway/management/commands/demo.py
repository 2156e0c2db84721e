"""``headway demo``: migrate, load the demo organisation and serve it on this machine, with
the task worker beside the site so that background work (such as generating a committee
pack) runs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.demo import DEMO_PASSWORD, DemoSummary, load_demo
from headway.demo.people import SERVICE_LEADS
from headway.demo.plan import TODAY
from headway.progress.tasks import ensure_reminders_scheduled
from headway.site_address import announce_serving

SERVICE_LEAD_NAMES = frozenset(person.username for person in SERVICE_LEADS)


class Command(BaseCommand):
    help = (
        "Set up the database, load (or restore) the oneSource demo and serve the site on "
        f"http://127.0.0.1:8000/. Every demo user's password is {DEMO_PASSWORD!r} unless "
        "--password says otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help=f"Password for every demo user (default: {DEMO_PASSWORD}).",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the demo, then stop without serving."
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Serve without the task worker (when you run `headway worker` yourself).",
        )
        parser.add_argument(
            "--today",
            type=_day,
            default=TODAY,
            help=(
                "The simulated date the demo runs on, YYYY-MM-DD (default: "
                f"{TODAY.isoformat()}, the day its 2021-22 Q3 report was drafted)."
            ),
        )
        parser.add_argument(
            "--addrport",
            default="127.0.0.1:8000",
            help="Address and port to serve on (default: 127.0.0.1:8000).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            # The demo's users share a published password: never put them on a live site.
            raise CommandError(
                "headway demo creates users with a published password, so it only runs with "
                "DEBUG on. Unset DEBUG (or set DEBUG=true) and use a database of its own."
            )
        password: str = options["password"]
        if not password.strip():
            raise CommandError("--password cannot be empty: give the demo users a password.")
        simulate(options["today"])
        call_command("migrate", interactive=False, verbosity=0)
        summary = load_demo(password)
        self._print(summary, options["addrport"])
        # The daily reminders run on the task worker; queue them once (a no-op if queued).
        ensure_reminders_scheduled()
        if options["no_serve"]:
            return
        # Emails (the worker's reminders too) link to where the demo is served.
        announce_serving(options["addrport"])
        if options["no_worker"]:
            self._serve(options["addrport"])
            return
        with task_worker():
            self.stdout.write("The task worker is running beside the site.")
            self._serve(options["addrport"])

    def _serve(self, addrport: str) -> None:
        # The reloader would restart the process and load nothing new: serve once.
        call_command("runserver", addrport, use_reloader=False)

    def _print(self, summary: DemoSummary, addrport: str) -> None:
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Loaded the {summary.organisation} demo: {summary.priorities} priorities, "
                f"{summary.services} services, {summary.initiatives} initiatives, "
                f"{summary.milestones} milestones and {summary.updates} returns; "
                f"{summary.open_period} is open."
            )
        )
        host = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
        write(f"Sign in at http://{host}/ as one of these users:")
        # One user per role; the other services' leads on one line.
        by_role = [user for user in summary.users if user.username not in SERVICE_LEAD_NAMES]
        width = max(len(user.username) for user in by_role)
        for user in by_role:
            scope = f" ({user.scope})" if user.scope else ""
            write(f"  {user.username:<{width}}  {user.role}{scope}: {user.name}")
        others = ", ".join(sorted(SERVICE_LEAD_NAMES))
        write(f"Each other service has its head as its lead: {others}.")
        write(f"Password for every demo user: {summary.password}")
        today = settings.DEMO_DATE
        write(
            f"Headway runs on a simulated date, {today:%A %-d %B %Y}: every page and email "
            "counts deadlines from it."
        )


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today {value!r}: give a date as YYYY-MM-DD.") from None


def simulate(today: dt.date) -> None:
    """Run this process, and the worker it starts, on the demo's calendar (headway.clock)."""
    os.environ["DEMO_DATE"] = today.isoformat()
    settings.DEMO_DATE = today


# headway.demo_worker runs `headway worker`, and stops it if this process dies.
WORKER_COMMAND = [sys.executable, "-m", "headway.demo_worker"]
WORKER_STOP_SECONDS = 10


@contextmanager
def task_worker() -> Iterator[subprocess.Popen[bytes]]:
    """Django's database task worker as a child process, stopped when the block ends
    (when the server stops, however it stops)."""
    worker = subprocess.Popen(WORKER_COMMAND)
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=WORKER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
