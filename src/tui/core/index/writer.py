"""Storing analysed files in batches, one write transaction each, optionally on a thread.

SQLite does its work (full-text tokenising, B-tree inserts) without holding the GIL, so a
writer thread stores one batch while the engine analyses the next files: on two cores a
single refresh runs close to the engine's own speed.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from typing import Protocol

from tui.core.index.records import delete_file, insert_file
from tui.core.model import Document, Problem

Batch = list[tuple["FileKey", list[Document], list[Problem]]]


class FileKey(Protocol):
    """What the writer needs of a file: stored path, shown path, size, mtime (see
    :class:`tui.core.index.refresh.FileState`, which has these attributes)."""

    key: str
    shown: str
    size: int
    mtime_ns: int


class BatchWriter:
    """Stores batches through ``conn``: at once, or on a thread when ``threaded``.

    An error met on the thread is raised by the next :meth:`put` or by :meth:`close`;
    batches after it are dropped.
    """

    def __init__(self, conn: sqlite3.Connection, threaded: bool) -> None:
        self.conn = conn
        self._error: BaseException | None = None
        self._queue: queue.Queue[Batch | None] | None = None
        self._thread: threading.Thread | None = None
        if threaded:
            self._queue = queue.Queue(maxsize=2)  # bounds the documents held in memory
            self._thread = threading.Thread(target=self._loop, name="seedread-index-writer",
                                            daemon=True)
            self._thread.start()

    def put(self, batch: Batch) -> None:
        """Store ``batch`` (now, or soon on the thread)."""
        self._raise()
        if self._queue is None:
            store_batch(self.conn, batch)
        else:
            self._queue.put(batch)

    def close(self) -> None:
        """Wait until every batch is stored; raise what went wrong, if anything."""
        if self._queue is not None and self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._queue = self._thread = None
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _loop(self) -> None:
        assert self._queue is not None
        while (batch := self._queue.get()) is not None:
            if self._error is None:
                try:
                    store_batch(self.conn, batch)
                except BaseException as exc:  # handed to the refreshing thread
                    self._error = exc


def store_batch(conn: sqlite3.Connection, batch: Batch) -> None:
    """Store ``batch`` in one write transaction. A file stored meanwhile by another process
    with the same size and time is left as it is; an older version is replaced."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for state, documents, problems in batch:
            row = conn.execute("SELECT id, size, mtime_ns FROM files WHERE path = ?",
                               (state.key,)).fetchone()
            if row is not None:
                if (row[1], row[2]) == (state.size, state.mtime_ns):
                    continue
                delete_file(conn, row[0])
            insert_file(conn, state.key, state.size, state.mtime_ns, documents, problems,
                        problem_path=state.shown)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
