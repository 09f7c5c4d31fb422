"""Storing analysed files in batches, one write transaction each.

A batch is stored in two steps inside its transaction: the rows of ``files``,
``documents`` and ``quotations`` (many short statements, on the caller's thread), then
the full-text rows and the ``COMMIT`` (:mod:`.fulltext`: one long statement per table).
:class:`BatchWriter` runs the second step on a thread of its own, so indexing the words of
one batch overlaps reading the next; :func:`store_batch` runs both in turn.

(Storing wholly on another thread was tried: the first step's many short SQLite calls each
give up and retake the GIL, and against the engine's CPU-bound thread that convoy made a
refresh slower, not faster. The second step needs the GIL only to start and to end.)
"""

from __future__ import annotations

import contextlib
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

from tui.core.index import fulltext
from tui.core.index.records import delete_file, insert_file
from tui.core.model import Document, Problem

Batch = list[tuple["FileKey", list[Document], list[Problem]]]
Encoded = tuple[str | None, str | None]


class FileKey(Protocol):
    """What the writer needs of a file: stored path, shown path, size, mtime (see
    :class:`tui.core.index.refresh.FileState`, which has these attributes)."""

    key: str
    shown: str
    size: int
    mtime_ns: int


def store_batch(conn: sqlite3.Connection, batch: Batch) -> None:
    """Store ``batch`` in one write transaction. A file stored meanwhile by another process
    with the same size and time is left as it is; an older version is replaced."""
    _finish(conn, _begin(conn, batch))


def _begin(conn: sqlite3.Connection, batch: Batch) -> Encoded:
    """Open the batch's transaction and write its rows but the full-text ones, which are
    returned encoded (:meth:`tui.core.index.fulltext.FullText.encoded`)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = fulltext.FullText()
        for state, documents, problems in batch:
            row = conn.execute("SELECT id, size, mtime_ns FROM files WHERE path = ?",
                               (state.key,)).fetchone()
            if row is not None:
                if (row[1], row[2]) == (state.size, state.mtime_ns):
                    continue
                delete_file(conn, row[0])
            insert_file(conn, state.key, state.size, state.mtime_ns, documents, problems,
                        problem_path=state.shown, fulltext=rows)
        return rows.encoded()
    except BaseException:
        _rollback(conn)
        raise


def _finish(conn: sqlite3.Connection, encoded: Encoded) -> None:
    """Index the full-text rows and commit the transaction :func:`_begin` opened."""
    try:
        fulltext.index(conn, encoded)
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    # A failed COMMIT (disk full, I/O error) may have ended the transaction already;
    # a ROLLBACK that fails then must not hide the error that says what went wrong.
    with contextlib.suppress(sqlite3.Error):
        conn.execute("ROLLBACK")


class BatchWriter:
    """Stores batches on ``conn``, each batch's full-text rows and commit on a thread of
    its own while the caller goes on (see the module docstring).

    ``store`` waits for the previous batch's commit first (and raises its error, if it
    failed); :meth:`close` (or leaving a ``with`` block) waits for the last. Between
    ``store`` and the next ``store`` or ``close``, the connection belongs to the thread:
    the caller should not use it (SQLite would make it wait for the whole statement).
    With ``background=False`` each batch is stored at once, as :func:`store_batch` does
    (for a connection others use meanwhile, such as an in-memory index's only one).
    """

    def __init__(self, conn: sqlite3.Connection, background: bool = True) -> None:
        self.conn = conn
        self._thread = (ThreadPoolExecutor(max_workers=1, thread_name_prefix="seedread-index")
                        if background else None)
        self._running: Future[None] | None = None

    def store(self, batch: Batch) -> None:
        """Store ``batch`` (see :func:`store_batch`); its commit finishes in the background."""
        self.wait()
        encoded = _begin(self.conn, batch)
        if self._thread is None:
            _finish(self.conn, encoded)
        else:
            self._running = self._thread.submit(_finish, self.conn, encoded)

    def wait(self) -> None:
        """Wait until the last batch is committed; raise its error if it failed."""
        running = self._running
        if running is None:
            return
        try:
            running.result()
        finally:
            # Interrupted while waiting (Ctrl-C), the commit is still running: a later
            # wait (close) must wait for it again.
            if running.done():
                self._running = None

    def close(self) -> None:
        """Wait for the last batch (raising its error) and end the thread."""
        try:
            self.wait()
        finally:
            if self._thread is not None:
                self._thread.shutdown(wait=True)

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            self.close()
            return
        # Leaving on an error: wait for the commit, but the error that ended the block is
        # the one to report.
        with contextlib.suppress(Exception):
            self.close()
