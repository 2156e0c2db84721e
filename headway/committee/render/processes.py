"""Work done in a forked process beside this one, so a pack's files render on two processors.

A forked process starts with this one's memory (the document and the drawn charts), so nothing
is copied to it but the result sent back. It must not run Typst: Typst's compiler keeps threads
that a fork does not copy, and a compile in the fork waits for them forever. The PDF (and every
chart's PNG) is therefore made here, and the fork writes the Office files.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")


class ForkFailed(RuntimeError):
    """The forked process failed or ended without its result."""


class Forked(Generic[Result]):
    """``work`` running in a forked process from the moment this is made; ``result()`` waits.

    Where fork is not available or the machine has one processor, ``work`` runs here, in
    ``result()``; so it does in a forked process itself.
    """

    def __init__(self, work: Callable[[], Result]) -> None:
        self.work = work
        self.process: Any = None
        if (
            (os.cpu_count() or 1) < 2
            or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon  # which may have no processes of its own
            or _forked
        ):
            return
        context = multiprocessing.get_context("fork")
        self.receiving, sending = context.Pipe(duplex=False)
        self.process = context.Process(target=_run, args=(work, sending), daemon=True)
        self.process.start()
        sending.close()

    def result(self) -> Result:
        if self.process is None:
            return self.work()
        try:
            outcome, value = pickle.loads(self.receiving.recv_bytes())
        except EOFError:
            outcome, value = "failed", "it ended without a result"
        finally:
            self.receiving.close()
            self.process.join()
        if outcome != "done":
            raise ForkFailed(f"The pack's Office files could not be written: {value}")
        return value


_forked = False


def in_fork() -> bool:
    """Whether this is a process ``Forked`` started (where Typst must not run)."""
    return _forked


def _run(work: Callable[[], Any], sending: Any) -> None:
    global _forked
    _forked = True
    # The objects inherited from the parent are left out of this process's garbage collections:
    # a collection would walk them all, writing to each, and so copy every page they are on.
    gc.freeze()
    try:
        message = ("done", work())
    except BaseException:
        message = ("failed", traceback.format_exc())
    sending.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    sending.close()
