"""The command line's side of the corpus index: opening it for a command, and
``seedread index`` with its progress line and summary."""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
import threading
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


def progress_printer(err: TextIO, plain: bool = True
                     ) -> tuple[Callable[[Progress], None], Callable[[], None]]:
    """A progress callback writing to ``err`` and a function ending its output: one line
    redrawn in place on a terminal, otherwise a plain line every ``PLAIN_PROGRESS_SECONDS``
    (none for a short run, or when not ``plain``)."""
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
        elif plain and now - state["last"] >= PLAIN_PROGRESS_SECONDS \
                and progress.done < progress.total:
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


class _Interrupts:
    """``with _Interrupts() as stop:`` Ctrl-C sets ``stop()`` instead of raising, so a
    refresh ends at the next file with what it stored; a second Ctrl-C raises. Until
    ``reading`` is set (files are being read), Ctrl-C raises at once: finding the files
    can take long on a large tree, and stopping it loses nothing."""

    def __init__(self) -> None:
        self.asked = False
        self.reading = False
        self._previous: object = None

    def __enter__(self) -> Callable[[], bool]:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return lambda: self.asked

    def __exit__(self, *exc_info: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: object) -> None:
        if self.asked or not self.reading:
            raise KeyboardInterrupt
        self.asked = True
        # A file can take seconds (a huge article): say that more is coming, and how not to
        # wait for it.
        sys.stderr.write("\nseedread: stopping after the file being read "
                         "(Ctrl-C again to stop at once)\n")
        sys.stderr.flush()


def refresh_for_command(index: CorpusIndex, jobs: int,
                        report: Callable[[Problem], None] | None = None,
                        plain: bool = True) -> RefreshStats:
    """Refresh ``index`` with a progress line on stderr (when it is a terminal; also every
    few seconds otherwise when ``plain``); Ctrl-C stops it, keeping what was stored."""
    show, end = progress_printer(sys.stderr, plain)
    interrupts = _Interrupts()

    def progress(state: Progress) -> None:
        interrupts.reading = True  # the first call comes as reading starts
        show(state)

    # The engine makes millions of short-lived objects, and what the command holds
    # (modules, the index) is never garbage: frozen, it is not traversed again, and the
    # youngest generation is collected less often (~3% of a cold index's time).
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(10_000, 50, 1_000)
    with interrupts as stop:
        try:
            return index.refresh(jobs=jobs, on_progress=progress, should_stop=stop,
                                 on_problem=report)
        finally:
            gc.set_threshold(*thresholds)
            end()


def run_index(paths: Sequence[str], jobs: int, cache_dir: str | None, no_cache: bool,
              report: Callable[[Problem], None], out: TextIO) -> tuple[int, list[Problem]]:
    """``seedread index``: build or refresh the index of ``paths``; print a summary.

    Returns the exit code (130 when interrupted; what was stored so far is kept) and every
    problem the index holds, those of unchanged files included (``report`` is told only
    of those met now)."""
    with open_index(paths, cache_dir, no_cache) as index:
        stats = refresh_for_command(index, jobs, report)
        out.write(one_line(summary(index, stats)) + "\n")
        problems = index.problems()
    return (130 if stats.cancelled else 0), problems
