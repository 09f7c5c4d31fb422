"""When served (``seedread --serve``), each browser tab has its own reader process; this
makes sure one never outlives the server that started it.

The server starts the reader as its own child (``exec``), so the reader's parent changes
when the server goes. A thread watches for that, because the app's own timers may sit
behind a long queue of screen updates nobody will see: it asks the app to quit, and ends
the process if the app has not within a few seconds.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time

from textual.app import App

_EVERY = 1.0  # seconds between checks
_GRACE = 5.0  # seconds the app has to quit by itself


def _ask_to_exit(app: App[object]) -> None:
    with contextlib.suppress(RuntimeError):  # the app's loop has already stopped
        app.call_from_thread(app.exit)


def is_served() -> bool:
    """Whether this process was started by textual-serve (it picks the web driver)."""
    return "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")


def watch_server(app: App[object]) -> threading.Thread:
    """Start watching the parent process of ``app``'s process; returns the thread.

    Started with the app, not on mount: a reader flooded with resize events by a
    vanished browser may not reach its mount for a long time."""
    server = os.getppid()

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(_EVERY)
        # call_from_thread waits for the answer, which a busy loop may never give: ask
        # from a thread of its own, and wait here only so long.
        threading.Thread(target=_ask_to_exit, args=(app,), daemon=True).start()
        time.sleep(_GRACE)
        os._exit(0)  # still here: nothing can see this reader any more

    thread = threading.Thread(target=watch, name="seedread-server-watch", daemon=True)
    thread.start()
    return thread
