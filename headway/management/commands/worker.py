"""``headway worker``: the task worker, with the committee pack's renderers loaded as it starts.

It is django-tasks-db's ``db_worker``, with the same options; while it waits for its first task,
it loads the Office writers, the charts' font measures and the PDF's fonts, so the first
"Generate pack" after a start is as quick as the next.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from headway.committee.render import warm_up

logger = logging.getLogger(__name__)


def _warm_up() -> None:
    try:
        warm_up()
    except Exception:  # the first pack loads what it needs anyway
        logger.exception("Could not load the pack renderers ahead of the first pack")


class Command(DatabaseWorker):
    help = "Run background tasks (reminders, committee packs), with the pack renderers loaded."

    def handle(self, *args: Any, **options: Any) -> None:
        # Not for a worker that empties the queue and stops, nor in the reloader's watching
        # process, which runs no task: only where tasks run.
        reloading = options["reload"] and not options["batch"]
        if not options["batch"] and (not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV)):
            threading.Thread(target=_warm_up, name="headway-warm-up", daemon=True).start()
        super().handle(*args, **options)
