"""Measure ``e`` in the quotations view of an indexed corpus: the whole corpus exported.

Usage::

    python benchmarks/bench_export.py PATH [--cache-dir DIR] [--out FILE]

``PATH`` should already be indexed in ``DIR``. Printed:

* ``rows on the UI thread``: what ``e`` cost before the export moved to a thread (the
  view's ``export_records()``, every row read at once, timed on the event loop's thread);
* in the app, headless: from ``enter`` in the dialog until the file is written
  (``export``); while it writes, how long the dialog takes to handle a message posted to
  it (as a key is), every 0.05 s, median and worst, against the same with nothing being
  written (the pilot's ``press`` waits for the process to be idle, so it cannot time this);
  the dialog's progress updates seen; and, in a second export, from ``esc`` at 1 s until
  the dialog is gone (``cancel``), with what is left in the folder (nothing).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from textual.widgets import Input, Static

from tui.app.app import SeedreadApp
from tui.app.screens.export import ExportScreen
from tui.app.views.base import QuoteTable
from tui.app.views.quotations import QuotationsScreen

POLL = 0.005


async def _until(pilot, test, timeout: float = 600.0) -> float:
    started = time.perf_counter()
    while not test():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the app did not get there")
        await pilot.pause(POLL)
    return time.perf_counter() - started


async def _answered(app: SeedreadApp) -> float:
    """Seconds until the app handles a message posted now (a key is one such message)."""
    handled = asyncio.Event()
    posted = time.perf_counter()
    app.screen.call_later(handled.set)
    await handled.wait()
    return time.perf_counter() - posted


async def run(path: str, cache_dir: Path | None, out: Path) -> None:
    """Print the figures (see the module docstring)."""
    app = SeedreadApp([path], cache_dir=cache_dir)
    async with app.run_test(size=(160, 45)) as pilot:
        await _until(pilot, lambda: not app.indexing)
        await app.workers.wait_for_complete()
        await pilot.press("3")
        await _until(pilot, lambda: isinstance(app.screen, QuotationsScreen)
                     and app.screen.query_one(QuoteTable).row_count > 0)
        view = app.screen
        rows = view.query_one(QuoteTable).row_count
        started = time.perf_counter()
        records = view.export_records()
        print(f"{rows:,} quotations; rows on the UI thread (before): "
              f"{time.perf_counter() - started:.1f} s for {len(records):,}")
        del records
        for attempt in ("export", "cancel"):
            out.unlink(missing_ok=True)
            started = time.perf_counter()
            await pilot.press("e")
            await _until(pilot, lambda: isinstance(app.screen, ExportScreen))
            opened = time.perf_counter() - started
            dialog = app.screen
            if attempt == "export":  # the same with nothing being written
                idle = [await _answered(app) for _ in range(20)]
                print(f"a message answered, nothing written: median "
                      f"{statistics.median(idle) * 1000:.1f} ms, worst "
                      f"{max(idle) * 1000:.1f} ms")
            dialog.query_one("#export-path", Input).value = str(out)
            started = time.perf_counter()
            await pilot.press("enter")
            latencies: list[float] = []
            late: list[float] = []  # how late the event loop woke from a 50 ms sleep
            updates: set[str] = set()
            while app.screen is dialog:
                if not dialog.writing:
                    error = dialog.query_one("#export-error", Static).render()
                    raise SystemExit(f"the export did not start: {error}")
                if attempt == "cancel" and time.perf_counter() - started > 1.0:
                    pressed = time.perf_counter()
                    await app._press_keys(["escape"])
                    await _until(pilot, lambda d=dialog: app.screen is not d)
                    print(f"cancel: esc at {pressed - started:.1f} s, dialog gone "
                          f"{(time.perf_counter() - pressed) * 1000:.0f} ms later; left in "
                          f"the folder: {sorted(p.name for p in out.parent.iterdir())}")
                    break
                latencies.append(await _answered(app))
                if app.screen is dialog:
                    updates.add(str(dialog.query_one("#export-error", Static).render()))
                slept = time.perf_counter()
                await asyncio.sleep(0.05)
                late.append(time.perf_counter() - slept - 0.05)
            if attempt == "export":
                took = time.perf_counter() - started
                size = out.stat().st_size / 1e6
                print(f"export: dialog opened in {opened * 1000:.0f} ms; {rows:,} rows, "
                      f"{size:.0f} MB written in {took:.1f} s; messages meanwhile: "
                      f"{len(latencies)}, answered in median "
                      f"{statistics.median(latencies) * 1000:.1f} ms, worst "
                      f"{max(latencies) * 1000:.1f} ms; {len(updates)} progress lines "
                      "seen; the event loop woke late by "
                      f"median {statistics.median(late) * 1000:.1f} ms, worst "
                      f"{max(late) * 1000:.1f} ms")
        out.unlink(missing_ok=True)


def main() -> None:
    """Parse the arguments and measure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/seedread-bench-export.jsonl"))
    args = parser.parse_args()
    asyncio.run(run(args.path, args.cache_dir, args.out))


if __name__ == "__main__":
    main()
