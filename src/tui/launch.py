"""Entry point of the ``seedread`` console script and of ``python -m tui``.

Ctrl-C must end seedread quietly at any instant, also while its modules are still being
imported (a second or so on a cold disk), before :func:`tui.cli.main` can catch anything.
So this module imports nothing of seedread's until a SIGINT handler is in place that just
leaves: nothing has been drawn, written or started by then. :func:`tui.cli.main` puts
Python's own handler back once its ``except KeyboardInterrupt`` is in force, and the
handler that leaves returns for the interpreter's shutdown.
"""

from __future__ import annotations

import os
import signal

#: The exit status of a program stopped by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


def leave(signum: int, frame: object) -> None:
    """A SIGINT handler: exit at once with status 130 (no traceback, no clean-up to do)."""
    os._exit(INTERRUPTED)


def main() -> int:
    """Run ``seedread`` with the command line of this process; returns its exit code."""
    signal.signal(signal.SIGINT, leave)
    from tui.cli import main as run

    try:
        return run()
    finally:
        # Past main, only the interpreter's shutdown is left (flushing output, joining
        # helper processes): a Ctrl-C there must not print a traceback either.
        signal.signal(signal.SIGINT, leave)
