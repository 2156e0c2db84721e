"""The demo's task worker: ``headway worker``, which stops when the demo's server stops.

``headway demo`` starts it as a child process and stops it when the server returns. Should
the server's process end without cleaning up (runserver leaves with ``os._exit`` when its
port is taken, and a killed process runs nothing), the worker sees within a second that its
parent has gone and shuts down as it would on Ctrl+C: it finishes the task in hand first.
"""

from __future__ import annotations

import os
import signal
import threading
import time

from headway import cli

WORKER_ARGS = ["worker", "--no-reload", "--no-startup-delay", "--interval", "1"]


def watch_parent(parent: int, interval: float = 1.0) -> None:
    """Wait while ``parent`` is this process's parent; then ask this process to stop."""
    while os.getppid() == parent:
        time.sleep(interval)
    os.kill(os.getpid(), signal.SIGTERM)


def main() -> None:
    watcher = threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True)
    watcher.start()
    cli.main(WORKER_ARGS)


if __name__ == "__main__":
    main()
