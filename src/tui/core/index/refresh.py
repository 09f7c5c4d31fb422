"""Bringing an index up to date with the files under its roots.

Files are compared by (path, size, mtime_ns): new and changed files are read and analysed
(here, or over several processes that hand Documents back), vanished ones removed, the
rest never opened. Writes go in batches, one ``BEGIN IMMEDIATE`` transaction each, so a
reader sees documents arrive, a cancel keeps what was done, and two processes refreshing
the same index at once serialise their batches instead of corrupting each other.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from tui.core.corpus import analyse_file
from tui.core.index.database import connect_read_only
from tui.core.index.processes import ignore_interrupts, pool_context
from tui.core.index.records import delete_file
from tui.core.index.writer import BatchWriter
from tui.core.loaders import discover
from tui.core.loaders.discover import os_reason
from tui.core.model import Document, Problem

BATCH_FILES = 256  # files per write transaction
BATCH_DOCUMENTS = 512  # ... or documents (a JSON lines file may hold thousands)
BATCH_SECONDS = 1.0  # ... or this long since the last commit, whichever comes first
PROGRESS_SECONDS = 0.1  # at most this often to on_progress
CHUNK_FILES = 8  # files per task sent to a worker process
QUEUED_CHUNKS = 32  # tasks per worker handed out ahead: none idles while a batch is stored


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a refresh is, in files: ``done`` of ``total`` (unchanged files count as done),
    ``indexed`` of them read this time, at ``rate`` files read per second; ``eta`` seconds
    left (None until a rate is known)."""

    done: int
    total: int
    indexed: int
    rate: float
    eta: float | None


@dataclass(slots=True)
class RefreshStats:
    """What a refresh did: files under the roots, and how many were added, changed,
    removed or left alone; documents read; seconds taken; whether it was cancelled."""

    files: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0
    seconds: float = 0.0
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class FileState:
    """A file found under the roots: as the user reaches it (``shown``), as stored (``key``,
    absolute), and its size and modification time."""

    shown: str
    key: str
    size: int
    mtime_ns: int


Analysed = tuple[FileState, list[Document], list[Problem]]


def scan(roots: Sequence[str | Path]) -> tuple[list[FileState], list[Problem]]:
    """The files under ``roots`` (as :func:`tui.core.loaders.discover` finds them) with their
    size and modification time, and the problems met."""
    paths, problems = discover(list(roots))
    found: list[FileState] = []
    for path in paths:
        shown = str(path)
        try:
            shown.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(Problem(shown, "file name is not valid UTF-8; not indexed"))
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            problems.append(Problem(shown, os_reason(exc)))
            continue
        found.append(FileState(shown, os.path.abspath(shown), info.st_size, info.st_mtime_ns))
    return found, problems


def stored_states(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """``{path: (size, mtime_ns)}`` of every stored file."""
    return {path: (size, mtime) for path, size, mtime in
            conn.execute("SELECT path, size, mtime_ns FROM files")}


def _analyse_chunk(states: list[FileState]) -> list[Analysed]:
    return [(state, *analyse_file(Path(state.shown))) for state in states]


class Refresher:
    """One refresh of one connection; see :func:`refresh`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        on_progress: Callable[[Progress], None] | None,
        should_stop: Callable[[], bool] | None,
        on_problem: Callable[[Problem], None] | None,
    ) -> None:
        self.conn = conn
        self.on_progress = on_progress
        self.should_stop = should_stop or (lambda: False)
        self.on_problem = on_problem
        self.stats = RefreshStats()
        self.total = 0
        self.done = 0
        self.indexed = 0
        self.started = time.monotonic()
        self._last_progress = 0.0
        self._pending: list[Analysed] = []
        self._pending_documents = 0
        self._last_commit = time.monotonic()
        self._writer: BatchWriter | None = None
        self._lookup = conn

    def run(self, states: list[FileState], jobs: int) -> RefreshStats:
        """Remove vanished files, then read and store new and changed ones."""
        stored = stored_states(self.conn)
        present = {state.key for state in states}
        vanished = [path for path in stored if path not in present]
        todo = [s for s in states if stored.get(s.key) != (s.size, s.mtime_ns)]
        self.total = self.stats.files = len(states)
        self.done = self.stats.unchanged = len(states) - len(todo)
        self.stats.changed = sum(1 for s in todo if s.key in stored)
        self.stats.added = len(todo) - self.stats.changed
        lookup = _second_connection(self.conn)
        # A file's index has this connection to itself: each batch's full-text rows are
        # indexed in the background while the next files are read; files are looked up
        # meanwhile on the second connection. An in-memory index's one connection is the
        # reader's too: its batches are stored at once.
        with _bulk_load(self.conn), BatchWriter(self.conn, background=lookup is not None) \
                as self._writer:
            self._lookup = lookup or self.conn
            try:
                self._remove(vanished)
                self._progress(force=True)
                try:
                    self._index(todo, jobs)
                finally:
                    self._flush()
            finally:
                if lookup is not None:
                    lookup.close()
                self._lookup = self.conn
        self._progress(force=True)
        self.stats.seconds = time.monotonic() - self.started
        return self.stats

    def _index(self, todo: list[FileState], jobs: int) -> None:
        if not self.should_stop():
            for result in self._analysed(todo, jobs):
                self._pending.append(result)
                self.done += 1
                self.indexed += 1
                self.stats.documents += len(result[1])
                if self.on_problem is not None:
                    for problem in result[2]:
                        self.on_problem(problem)
                self._pending_documents += len(result[1])
                if (len(self._pending) >= BATCH_FILES
                        or self._pending_documents >= BATCH_DOCUMENTS
                        or time.monotonic() - self._last_commit >= BATCH_SECONDS):
                    self._flush()
                self._progress()
                if self.should_stop():
                    self.stats.cancelled = True
                    break
        else:
            self.stats.cancelled = True

    def _remove(self, paths: list[str]) -> None:
        conn = self.conn
        for start in range(0, len(paths), BATCH_FILES):
            with _write(conn):
                for path in paths[start : start + BATCH_FILES]:
                    row = conn.execute("SELECT id FROM files WHERE path = ?",
                                       (path,)).fetchone()
                    if row is not None:
                        delete_file(conn, row[0])
                        self.stats.removed += 1

    def _needed(self, state: FileState) -> bool:
        """Whether ``state`` still needs reading (another process may have stored it)."""
        row = self._lookup.execute("SELECT size, mtime_ns FROM files WHERE path = ?",
                                (state.key,)).fetchone()
        return row is None or tuple(row) != (state.size, state.mtime_ns)

    def _analysed(self, todo: list[FileState], jobs: int) -> Iterator[Analysed]:
        if jobs <= 1 or len(todo) < 2 * CHUNK_FILES:
            for state in todo:
                if self._needed(state):
                    documents, problems = analyse_file(Path(state.shown))
                    yield state, documents, problems
                else:
                    yield state, [], []  # stored meanwhile by another process
            return
        chunks = [todo[i : i + CHUNK_FILES] for i in range(0, len(todo), CHUNK_FILES)]
        chunks.reverse()  # popped from the end
        running: set[Future[list[Analysed]]] = set()
        with ProcessPoolExecutor(max_workers=jobs, mp_context=pool_context(),
                                 initializer=ignore_interrupts) as pool:
            try:
                while chunks or running:
                    while chunks and len(running) < QUEUED_CHUNKS * jobs:
                        chunk = chunks.pop()
                        needed = [state for state in chunk if self._needed(state)]
                        for state in chunk:
                            if state not in needed:
                                yield state, [], []
                        if needed:
                            running.add(pool.submit(_analyse_chunk, needed))
                    finished, running = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        yield from future.result()
            finally:
                for future in running:
                    future.cancel()

    def _flush(self) -> None:
        if self._pending:
            assert self._writer is not None
            self._writer.store(self._pending)
            self._pending = []
            self._pending_documents = 0
        self._last_commit = time.monotonic()

    def _progress(self, force: bool = False) -> None:
        if self.on_progress is None:
            return
        now = time.monotonic()
        if not force and now - self._last_progress < PROGRESS_SECONDS:
            return
        self._last_progress = now
        elapsed = now - self.started
        rate = self.indexed / elapsed if elapsed > 0 else 0.0
        left = self.total - self.done
        eta = (left / rate if rate > 0 else None) if left else 0.0
        self.on_progress(Progress(self.done, self.total, self.indexed, rate, eta))


def _second_connection(conn: sqlite3.Connection) -> sqlite3.Connection | None:
    """A read-only connection to ``conn``'s database file (None for one in memory)."""
    file = conn.execute("PRAGMA database_list").fetchone()[2]
    if not file:
        return None
    return connect_read_only(file)


class _bulk_load:
    """``with _bulk_load(conn):`` settings for a refresh's writes, restored after: no fsync
    at checkpoints, and a larger page cache.

    The index is a cache of the files: a database damaged by an operating-system crash
    in the middle of a refresh is detected and rebuilt (a crash of seedread itself
    cannot damage it), while waiting for the disk at every checkpoint of a large refresh
    costs seconds on a busy machine.
    """

    PAGE_CACHE_KB = 32_768

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.saved: list[tuple[str, object]] = []

    def __enter__(self) -> None:
        for name, value in (("synchronous", 0), ("cache_size", -self.PAGE_CACHE_KB)):
            self.saved.append((name, self.conn.execute(f"PRAGMA {name}").fetchone()[0]))
            self.conn.execute(f"PRAGMA {name} = {value}")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        # Never hide the error that ended the refresh (a disk full, a closed database).
        with contextlib.suppress(sqlite3.Error):
            for name, saved in self.saved:
                self.conn.execute(f"PRAGMA {name} = {saved}")


class _write:
    """``with _write(conn):`` one write transaction, taken at once (``BEGIN IMMEDIATE``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
