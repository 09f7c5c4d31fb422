"""An in-memory SQLite index of loaded documents, for :class:`~.index.SearchIndex`, tests
and benchmarks: the same tables a corpus index file has (:mod:`tui.core.index.schema`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from tui.core.index.database import connect, prepare
from tui.core.index.records import insert_file
from tui.core.index.store import DocRow
from tui.core.model import Document


def memory_index(documents: Sequence[Document]) -> tuple[sqlite3.Connection, list[DocRow]]:
    """A connection to a new in-memory index of ``documents`` (quotations as given) and its
    rows in the order of ``documents``, so a hit's position is an index into them.

    Each document is stored as a file of its own (under a key made unique by its position),
    which keeps ids in input order whatever the documents' paths."""
    conn = connect(None)
    prepare(conn)
    conn.execute("BEGIN")
    for n, doc in enumerate(documents):
        insert_file(conn, f"{n}\0{doc.path}", 0, 0, [doc], [])
    conn.execute("COMMIT")
    ids = [i for (i,) in conn.execute("SELECT id FROM documents ORDER BY id")]
    rows = [DocRow(i, doc.path, doc.record, doc.title, doc.date, doc.source, doc.place,
                   len(doc.quotations)) for i, doc in zip(ids, documents, strict=True)]
    return conn, rows
