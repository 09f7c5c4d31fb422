"""Measure the corpus-wide views on an indexed corpus: the speaker catalog's build and load,
and how long the speakers and quotations views take to open and to search in the app.

Usage::

    python benchmarks/bench_views.py PATH [--cache-dir DIR] [--runs N]

``PATH`` must already be indexed in ``DIR`` (``seedread index --cache-dir DIR PATH``); the
catalog is then stored in it. Printed, medians of ``--runs``:

* ``catalog build``: :func:`tui.core.catalog.build.compute` over the stored quotations
  (what a refresh that changed something adds at its end), and storing it;
* ``catalog load``: reading it back (what opening a view costs first);
* in the app, headless (:class:`tui.app.app.SeedreadApp` on the warm index): from pressing
  ``2`` until the speaker list has its rows and the highlighted speaker's quotations and
  timeline are drawn (``speakers view open``); likewise ``3`` until the quotation list is
  drawn (``quotations view open``); the speakers view's search (``trump``) and the
  quotations view's (``speaker:clinton kind:direct``) from the keystroke until the rows
  are shown (timed from the last keystroke); moving the cursor through 20 speakers (each
  redraws their quotations and timeline), against 20 documents in the reader as a baseline
  (the pilot's own overhead per key press is most of both).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import time
from pathlib import Path

from tui.app.app import SeedreadApp
from tui.app.views.base import QuoteTable
from tui.app.views.quotations import QuotationsScreen
from tui.app.views.speakers import SpeakersScreen, SpeakerTable
from tui.core.catalog import build, store
from tui.core.index.store import CorpusIndex

POLL = 0.002


def catalog_times(path: str, cache_dir: Path | None) -> tuple[float, float, float, int, int]:
    """Seconds to compute, store and load the catalog; entries and quotations."""
    with CorpusIndex.open([path], cache_dir) as index:
        conn = index.conn
        started = time.perf_counter()
        catalog = build.compute(conn)
        computed = time.perf_counter()
        store.create(conn)
        store.store(conn, catalog)
        stored = time.perf_counter()
        assert index.path is not None
    reader = sqlite3.connect(f"file:{index.path}?mode=ro", uri=True)
    loading = time.perf_counter()
    loaded = store.load(reader)
    done = time.perf_counter()
    reader.close()
    assert loaded is not None
    return (computed - started, stored - computed, done - loading, len(loaded.entries),
            len(loaded.newest))


async def _until(pilot, test, timeout: float = 60.0, started: float | None = None) -> float:
    """Seconds from ``started`` (default now) until ``test()`` is true (polling the app)."""
    started = time.perf_counter() if started is None else started
    while not test():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the app did not get there")
        await pilot.pause(POLL)
    return time.perf_counter() - started


async def app_times(path: str, cache_dir: Path | None) -> dict[str, float]:
    """Seconds for each step in the app (see the module docstring)."""
    app = SeedreadApp([path], cache_dir=cache_dir)
    found: dict[str, float] = {}
    async with app.run_test(size=(160, 45)) as pilot:
        await _until(pilot, lambda: not app.indexing, timeout=600)
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        for _ in range(20):
            await pilot.press("j")
        await pilot.pause()
        found["reader: 20 documents stepped through (baseline)"] = time.perf_counter() - started

        def speakers_shown() -> bool:
            screen = app.screen
            if not isinstance(screen, SpeakersScreen):
                return False
            quotes = screen.query_one("#speaker-quotes", QuoteTable)
            return screen.query_one(SpeakerTable).row_count > 0 and quotes.row_count > 0

        started = time.perf_counter()
        await pilot.press("2")
        found["speakers view open"] = await _until(pilot, speakers_shown, started=started)
        await pilot.pause()
        screen = app.screen
        started = time.perf_counter()
        for _ in range(20):
            await pilot.press("j")
        await pilot.pause()
        found["20 speakers stepped through"] = time.perf_counter() - started
        table = screen.query_one(SpeakerTable)
        before = table.row_count
        await pilot.press("slash", *"trum")
        started = time.perf_counter()
        await pilot.press("p")
        found["speakers search 'trump' (last keystroke)"] = await _until(
            pilot, lambda: table.row_count != before and screen.found is not None,
            started=started)
        await pilot.press("enter")

        def quotations_shown() -> bool:
            view = app.screen
            return isinstance(view, QuotationsScreen) and view.query_one(QuoteTable).row_count > 0

        started = time.perf_counter()
        await pilot.press("3")
        found["quotations view open"] = await _until(pilot, quotations_shown, started=started)
        view = app.screen
        quotes = view.query_one(QuoteTable)
        total = quotes.row_count
        await pilot.press("slash", *"speaker:clinton kind:direc")
        started = time.perf_counter()
        await pilot.press("t")
        found["quotations search 'speaker:clinton kind:direct' (last keystroke)"] = \
            await _until(pilot, lambda: quotes.row_count != total, started=started)
        await pilot.press("G")
        await pilot.pause()
    return found


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    builds, stores, loads = [], [], []
    for _ in range(args.runs):
        computed, stored, loaded, entries, quotations = catalog_times(args.path, args.cache_dir)
        builds.append(computed)
        stores.append(stored)
        loads.append(loaded)
    print(f"{entries:,} catalog entries, {quotations:,} quotations")
    print(f"catalog build   {statistics.median(builds):7.2f} s   (runs: "
          + ", ".join(f"{t:.2f}" for t in builds) + ")")
    print(f"catalog store   {statistics.median(stores):7.3f} s")
    print(f"catalog load    {statistics.median(loads) * 1000:7.1f} ms")
    runs = [asyncio.run(app_times(args.path, args.cache_dir)) for _ in range(args.runs)]
    for name in runs[0]:
        values = [run[name] * 1000 for run in runs]
        print(f"{name:52} {statistics.median(values):8.0f} ms   (runs: "
              + ", ".join(f"{v:.0f}" for v in values) + ")")


if __name__ == "__main__":
    main()
