"""Child process of the scale benchmark: open the app headless, say when it is usable.

Usage: python benchmarks/warm_open.py --fd FD [--cache-dir DIR] [--query Q] PATH...

Starts :class:`tui.app.app.SeedreadApp` headless on ``PATH`` (the index already built, so
this is a warm open), and writes JSON lines to file descriptor ``FD``:

1. ``{"event": "ready", ...}`` the moment the app is no longer loading, the document list
   has its rows and the screen has been refreshed once after that (the parent times this
   from the moment it started the process, Python and Textual imports included);
2. ``{"event": "checked", ...}`` when the app is done bringing the index up to date
   (``indexing`` False: every file found unchanged, for a warm open);
3. ``{"event": "searched", ...}`` after the app has run ``--query`` through its own search
   and shown the hits: the search's wall time in the app and the resident memory (now and
   peak) of the process, which is the running app;

then exits. The hook waits on the app's public state (``loading``, ``indexing``, the document list's
``row_count``, ``hits``), so the product carries no benchmark-only code.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import memory_mb

from tui.app.app import SeedreadApp
from tui.app.widgets.document_list import DocumentList

POLL_SECONDS = 0.005


def _row_count(app: SeedreadApp) -> int:
    try:
        return int(app.query_one(DocumentList).row_count)
    except Exception:  # not mounted yet
        return 0


class BenchApp(SeedreadApp):
    """The product's app with a hook that reports, without changing what it does."""

    # A relative CSS_PATH is read beside the class that sets it: keep the product's.
    CSS_PATH = str(Path(inspect.getfile(SeedreadApp)).parent / str(SeedreadApp.CSS_PATH))

    def __init__(self, paths: Sequence[str], report: Callable[[dict], None], query: str,
                 timeout: float, **options: object) -> None:
        super().__init__(paths, **options)
        self._report = report
        self._query = query
        self._timeout = timeout
        self._started = time.perf_counter()
        self._search_started = 0.0
        self._phase = "loading"

    def on_mount(self) -> None:
        """Poll the app's public state (cheap) until each phase is over (Textual runs the
        product's own ``on_mount`` too: handlers are called along the class hierarchy)."""
        self.set_interval(POLL_SECONDS, self._poll)

    def _poll(self) -> None:
        if time.perf_counter() - self._started > self._timeout:
            self._report({"event": "timeout", "phase": self._phase})
            self.exit(return_code=3)
        elif self._phase == "loading" and not self.loading and _row_count(self) > 0:
            self._phase = "rendering"
            self.call_after_refresh(self._rendered)
        elif self._phase == "checking" and not getattr(self, "indexing", False):
            self._report({"event": "checked", "rows": _row_count(self), **memory_mb()})
            self._phase = "searching"
            self._search_started = time.perf_counter()
            self.run_search(self._query)
        elif (self._phase == "searching" and self.query == self._query
              and self.hits is not None):
            self._phase = "done"
            ms = (time.perf_counter() - self._search_started) * 1000.0
            self._report({"event": "searched", "query": self._query, "app_search_ms": ms,
                          "hits": len(self.hits), **memory_mb()})
            self.exit()

    def _rendered(self) -> None:
        self._report({"event": "ready", "rows": _row_count(self), **memory_mb()})
        if not self._query:
            self._phase = "done"
            self.exit()
            return
        self._phase = "checking"


def app_options(cache_dir: str | None) -> dict[str, object]:
    """Keyword arguments for the app: ``cache_dir`` when the app takes one."""
    accepted = inspect.signature(SeedreadApp.__init__).parameters
    options: dict[str, object] = {}
    if cache_dir and "cache_dir" in accepted:
        options["cache_dir"] = cache_dir
    return options


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app once and report on ``--fd``."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--fd", type=int, required=True, help="where to write the JSON lines")
    ap.add_argument("--cache-dir", help="the index's cache folder (if the app takes one)")
    ap.add_argument("--query", default="hilary clinton", help="searched once when ready")
    ap.add_argument("--timeout", type=float, default=900.0)
    args = ap.parse_args(argv)
    out = os.fdopen(args.fd, "w", buffering=1)

    def report(event: dict) -> None:
        out.write(json.dumps(event) + "\n")
        out.flush()

    app = BenchApp(args.paths, report, args.query, args.timeout, **app_options(args.cache_dir))
    app.run(headless=True, size=(120, 40))
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
