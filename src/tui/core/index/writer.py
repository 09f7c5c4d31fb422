"""Storing analysed files in batches, one write transaction each.

(Storing on a thread of its own was tried: the writer's many short SQLite calls each give
up and retake the GIL, and against the engine's CPU-bound thread that convoy made a
refresh slower, not faster.)
"""

from __future__ import annotations

import contextlib
import sqlite3
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
        # A failed COMMIT (disk full, I/O error) may have ended the transaction already;
        # a ROLLBACK that fails then must not hide the error that says what went wrong.
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
