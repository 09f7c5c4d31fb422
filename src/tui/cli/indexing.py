"""The command line's side of the corpus index: opening it for a command, and
``seedread index`` with its progress line and summary."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from tui.core.index import CorpusIndex, Progress, RefreshStats
from tui.core.model import Document, Problem
from tui.core.textsafe import one_line

PLAIN_PROGRESS_SECONDS = 10.0  # how often a progress line is printed when stderr is no TTY


def notice(message: str) -> None:
    """Tell the user something about the index, on stderr."""
    print(f"seedread: {one_line(message)}", file=sys.stderr)


def open_index(paths: Sequence[str], cache_dir: str | None, no_cache: bool) -> CorpusIndex:
    """The index of ``paths`` as the options ask: in the cache directory, or in memory."""
    return CorpusIndex.open(paths, Path(cache_dir) if cache_dir else None,
                            in_memory=no_cache, on_notice=notice)


def documents_of(index: CorpusIndex) -> Iterator[Document]:
    """Every document of ``index`` in display order, read back one at a time."""
    for row in index.rows():
        yield index.document(row.id)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def progress_line(progress: Progress) -> str:
    """``412/840 files  205.3 files/s  0:02 left`` (count, rate, time left)."""
    eta = "?" if progress.eta is None else _clock(progress.eta)
    return (f"{progress.done}/{progress.total} files  {progress.rate:.1f} files/s  "
            f"{eta} left")


def progress_printer(err: TextIO) -> tuple[Callable[[Progress], None], Callable[[], None]]:
    """A progress callback writing to ``err`` and a function ending its output: one line
    redrawn in place on a terminal, otherwise a plain line every ``PLAIN_PROGRESS_SECONDS``
    (none for a short run: the summary says it all)."""
    tty = err.isatty()
    state = {"last": time.monotonic(), "drawn": 0}

    def show(progress: Progress) -> None:
        now = time.monotonic()
        line = progress_line(progress)
        if tty:
            padding = " " * max(state["drawn"] - len(line), 0)
            err.write(f"\r{line}{padding}")
            err.flush()
            state["drawn"] = len(line)
        elif now - state["last"] >= PLAIN_PROGRESS_SECONDS and progress.done < progress.total:
            state["last"] = now
            err.write(f"seedread: {line}\n")

    def end() -> None:
        if tty and state["drawn"]:
            err.write("\r" + " " * int(state["drawn"]) + "\r")
            err.flush()

    return show, end


def _size(path: Path | None) -> str:
    if path is None:
        return "in memory"
    total = 0
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):
            total += path.with_name(path.name + suffix).stat().st_size
    return f"{path} ({total / 1e6:.1f} MB)"


def summary(index: CorpusIndex, stats: RefreshStats) -> str:
    """One line: what was indexed, how fast, and where the index is."""
    files, documents, quotations = index.counts()
    rate = stats.documents / stats.seconds if stats.seconds > 0 else 0.0
    changes = (f"{stats.added} new, {stats.changed} changed, {stats.removed} removed, "
               f"{stats.unchanged} unchanged")
    state = "cancelled: " if stats.cancelled else ""
    return (f"{state}{files} files ({changes}), {documents} documents, {quotations} "
            f"quotations; {stats.documents} articles read in {stats.seconds:.1f} s "
            f"({rate:.0f} articles/s); index {_size(index.path)}")


def run_index(paths: Sequence[str], jobs: int, cache_dir: str | None, no_cache: bool,
              report: Callable[[Problem], None], out: TextIO) -> int:
    """``seedread index``: build or refresh the index of ``paths``; print a summary."""
    show, end = progress_printer(sys.stderr)
    with open_index(paths, cache_dir, no_cache) as index:
        try:
            stats = index.refresh(jobs=jobs, on_progress=show, on_problem=report)
        finally:
            end()
        out.write(summary(index, stats) + "\n")
    return 0
