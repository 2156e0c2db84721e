"""``headway serve``: the production web server (gunicorn) for the database in DATABASE_URL."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication

from headway.lib.env import env_int, env_str
from headway.site_address import announce_serving


class HeadwayServer(BaseApplication):
    """gunicorn serving Headway's WSGI application with the options given."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)
        if "control_socket_disable" in self.cfg.settings:
            # gunicorn 24+ opens a control socket in $HOME by default: Headway does not use
            # it, and two servers on one host (or a read-only home) would trip over it.
            self.cfg.set("control_socket_disable", True)

    def load(self) -> WSGIHandler:
        from headway.wsgi import application

        return application


class Command(BaseCommand):
    help = (
        "Serve Headway in production with gunicorn: collects static files, then serves "
        "the database in DATABASE_URL. Needs DEBUG=false, SECRET_KEY and ALLOWED_HOSTS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=env_str("BIND", "0.0.0.0:8000"),
            help="Address to listen on (default: $BIND or 0.0.0.0:8000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("WEB_CONCURRENCY", 2),
            help="Worker processes (default: $WEB_CONCURRENCY or 2).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            raise CommandError(
                "headway serve is for production and will not run with DEBUG on: it would show "
                "error details to anyone. Set DEBUG=false and SECRET_KEY (a long random "
                "secret), then run it again. To try Headway on this machine, run headway demo."
            )
        if not settings.ALLOWED_HOSTS:
            raise CommandError(
                "ALLOWED_HOSTS is empty, so every request would be refused: set ALLOWED_HOSTS "
                "to the site's host names, separated by commas (for example "
                "headway.example.org)."
            )
        workers: int = options["workers"]
        if workers < 1:
            raise CommandError(f"--workers is {workers}: run at least 1 worker.")
        serving = announce_serving(options["bind"])
        if not settings.SITE_URL:
            where = serving or "the address of the request that sends them"
            self.stderr.write(
                f"SITE_URL is not set: emails will link to {where}. Set SITE_URL to the "
                "site's public address (for `headway worker` too: its reminders have no "
                "request to take an address from)."
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        # Workers are forked from this process: they must not share its connections.
        connections.close_all()
        HeadwayServer(self.gunicorn_options(options["bind"], workers)).run()

    @staticmethod
    def gunicorn_options(bind: str, workers: int) -> dict[str, Any]:
        return {
            "bind": [bind],
            "workers": workers,
            "accesslog": "-",
            "errorlog": "-",
            "proc_name": "headway",
        }
