"""Writing a batch: a failed commit reports its own error, not the rollback's."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest

from tui.core.index.database import connect, prepare
from tui.core.index.writer import store_batch
from tui.core.model import Document


class _FailingCommit:
    """A connection whose COMMIT fails as on a full disk, ending the transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "COMMIT":
            self._conn.execute("ROLLBACK")  # SQLite has already ended it
            raise sqlite3.OperationalError("disk I/O error")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_a_failed_commit_raises_its_own_error() -> None:
    conn = connect(None)
    prepare(conn)
    state = SimpleNamespace(key="/a.txt", shown="a.txt", size=1, mtime_ns=1)
    doc = Document(path="/a.txt", text="Some text.", title="A")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        store_batch(_FailingCommit(conn), [(state, [doc], [])])  # type: ignore[arg-type]
    assert conn.execute("SELECT COUNT(*) FROM files").fetchone() == (0,)
