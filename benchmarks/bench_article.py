"""Measure how a multi-megabyte article affects the reader: from highlighting it until
the list answers the next key.

Usage::

    python benchmarks/bench_article.py [--mb 4] [--runs 3] [--sync]

Makes a folder with a small article, one of ``--mb`` megabytes (paragraphs, a quotation in
every tenth) and another small one, opens the reader on it headless, and with the cursor
on the first article posts ``j`` (to the big one), then, once the cursor is on it, ``j``
again, timing
from the first key until the list's cursor is on the third article (``list answered``)
and until the big article's layout is shown (``laid out``; with the list moved on, the
layout is dropped, so it is timed apart by going back to it). ``--sync`` lays every
article out on the UI thread, as before the thread worker (the old behaviour, to
compare). Keys are posted as messages: the pilot's ``press`` waits for the process to be
idle, which a layout thread never is.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual import events

from tui.app.app import SeedreadApp
from tui.app.widgets import article_view
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.document_list import DocumentList

POLL = 0.002


def make_corpus(folder: Path, megabytes: float) -> None:
    """Three articles; the middle one ``megabytes`` long."""
    (folder / "2016-01-01 small.txt").write_text(
        'Small one\n\n"We are ready," said Anna Smith.\n', encoding="utf-8")
    paragraphs, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        line = (f'"This is paragraph {n} of a long speech," the senator said.' if n % 10 == 0
                else f"Paragraph {n} goes on about the budget, the roads and the schools.")
        paragraphs.append(line)
        size += len(line) + 2
        n += 1
    (folder / "2016-01-02 big.txt").write_text("A long article\n\n" + "\n\n".join(paragraphs),
                                               encoding="utf-8")
    (folder / "2016-01-03 other.txt").write_text(
        'Other one\n\n"Not now," said Bob Jones.\n', encoding="utf-8")


async def _until(pilot, test, timeout: float = 60.0) -> float:
    started = time.perf_counter()
    while not test():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the app did not get there")
        await pilot.pause(POLL)
    return time.perf_counter() - started


async def once(folder: Path) -> tuple[float, float]:
    """(list answered, laid out) in seconds."""
    app = SeedreadApp([folder], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: not app.indexing)
        await app.workers.wait_for_complete()
        await pilot.pause()
        documents = app.query_one(DocumentList)
        article = app.query_one(ArticleView)
        documents.focus()
        assert documents.cursor == 0
        started = time.perf_counter()
        app.post_message(events.Key("j", "j"))
        await _until(pilot, lambda: documents.cursor == 1)  # highlighted: being shown
        app.post_message(events.Key("j", "j"))
        await _until(pilot, lambda: documents.cursor == 2)
        answered = time.perf_counter() - started
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        app.post_message(events.Key("k", "k"))
        await _until(pilot, lambda: article.layout_lines is not None
                     and article.document is not None
                     and article.document.title == "A long article")
        laid_out = time.perf_counter() - started
    return answered, laid_out


def main() -> None:
    """Print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sync", action="store_true")
    args = parser.parse_args()
    if args.sync:
        article_view.LAYOUT_IN_THREAD = 1 << 62
    with tempfile.TemporaryDirectory() as name:
        make_corpus(Path(name), args.mb)
        runs = [asyncio.run(once(Path(name))) for _ in range(args.runs)]
    how = "on the UI thread" if args.sync else "in a thread"
    for number, label in enumerate(("list answered", "laid out")):
        values = [run[number] * 1000 for run in runs]
        print(f"{args.mb:g} MB article laid out {how}: {label:14} "
              f"{statistics.median(values):6.0f} ms (runs: "
              + ", ".join(f"{v:.0f}" for v in values) + ")")


if __name__ == "__main__":
    main()
