"""A Headway of its own, served as in production: a fresh database (a SQLite file, or a
PostgreSQL database made for it) loaded with the demo, ``headway serve`` and, when asked,
``headway worker``, each a process of its own, as an operator runs them.

For tests and benchmarks: it serves plain HTTP on 127.0.0.1, so the settings that a TLS proxy
needs (secure cookies, the redirect to HTTPS) are switched off here, and only here.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from headway.site_address import SERVING_URL_VARIABLE

HEADWAY = [sys.executable, "-m", "headway.cli"]
ROOT = Path(__file__).resolve().parent.parent.parent
STOP_SECONDS = 15


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def fresh_postgres(server_url: str, prefix: str = "headway_site") -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of ``server_url``, dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@dataclass
class Site:
    """One Headway: its database, its stored files, and the address it is served on."""

    database_url: str
    media: Path
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self, debug: bool = False) -> dict[str, str]:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media),
            "DEBUG": "true" if debug else "false",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.url,
            # Plain HTTP on this machine: nothing in front terminates TLS.
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "DEMO_DATE": "",
            "DJANGO_SETTINGS_MODULE": "headway.settings",
        }
        env.pop(SERVING_URL_VARIABLE, None)
        return env

    def run(self, *args: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
        """Run a headway command against this site; raise with its output if it fails."""
        return self._run([*HEADWAY, *args], debug)

    def load_demo(self) -> None:
        """Migrate and load the demo (``headway demo`` runs with DEBUG on only)."""
        self.run("demo", "--no-serve", debug=True)

    def python(self, code: str) -> str:
        """Run Python with Django set up for this site; what it prints."""
        return self._run([sys.executable, "-c", "import django\ndjango.setup()\n" + code]).stdout

    def _run(self, argv: list[str], debug: bool = False) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            argv,
            env=self.environment(debug),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[2:])[:200]} failed:\n{result.stderr}")
        return result

    @contextmanager
    def served(self, workers: int = 2, log: Path | None = None) -> Iterator[str]:
        """``headway serve`` on this site's port until the block ends; its address."""
        command = ["serve", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)]
        with self._process(command, log) as process:
            self._wait_until_served(process)
            yield self.url

    @contextmanager
    def worker(self, log: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
        """``headway worker`` taking this site's tasks until the block ends."""
        with self._process(["worker", "--no-reload", "--interval", "0.2"], log) as process:
            yield process

    @contextmanager
    def _process(self, args: list[str], log: Path | None) -> Iterator[subprocess.Popen[bytes]]:
        output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        process = subprocess.Popen(
            [*HEADWAY, *args],
            env=self.environment(),
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if log:
                output.close()  # type: ignore[union-attr]

    def _wait_until_served(self, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"headway serve stopped with exit code {process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5):
                    return
            except urllib.error.HTTPError:
                return  # it answers: whether it is healthy is for the caller to judge
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"headway serve did not answer on {self.url} within {seconds} s")


@contextmanager
def demo_site(postgres_server_url: str | None, folder: Path) -> Iterator[Site]:
    """A site of its own loaded with the demo: on PostgreSQL (a new database on the server
    of the URL given, dropped afterwards), or in a SQLite file in ``folder``."""
    if postgres_server_url:
        with fresh_postgres(postgres_server_url) as url:
            site = Site(url, folder / "media", free_port())
            site.load_demo()
            yield site
    else:
        site = Site(f"sqlite:///{folder / 'headway.sqlite3'}", folder / "media", free_port())
        site.load_demo()
        yield site
