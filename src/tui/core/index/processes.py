"""How the index starts the processes it hands work to (reading files, the end phase)."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import signal


def ignore_interrupts() -> None:
    """In a child: ignore Ctrl-C. It reaches the whole process group; the parent decides
    (stopping after the files in hand, or ending the child itself)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def pool_context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where there is one: a child never inherits the parent's threads (an
    app's) or its open database."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
