"""A batch's full-text rows, indexed in one SQLite statement per table.

Adding rows to the FTS5 tables (tokenising every article, three entries per word with
the prefix tables, merging segments) is most of what storing costs. Handed to SQLite as
one JSON array per table, each table's rows go in by a single ``INSERT … SELECT … FROM
json_each(?)``: one statement, during which Python's ``sqlite3`` lets go of the GIL, so
:class:`tui.core.index.writer.BatchWriter` can run it on a thread of its own while the
engine reads the next files. (One ``executemany`` per table would retake the GIL after
every row, each time waiting for the engine's thread to give it up.)
"""

from __future__ import annotations

import json
import sqlite3

_DOC_INSERT = ("INSERT INTO doc_fts(rowid, title, body) "
               "SELECT value->>0, value->>1, value->>2 FROM json_each(?)")
_QUOTE_INSERT = ("INSERT INTO quote_fts(rowid, content) "
                 "SELECT value->>0, value->>1 FROM json_each(?)")


def _tokenised(text: str) -> str:
    # SQLite's JSON functions end a string at an escaped NUL ("\u0000"); to the tokenizer
    # a NUL is a separator like a space, so a space gives the same words, and the
    # 'delete' command given the stored text (NULs and all) removes exactly them.
    return text.replace("\0", " ") if "\0" in text else text


class FullText:
    """The full-text rows of one batch: documents' titles and texts, quotations' words,
    by the row ids of ``documents`` and ``quotations``. Values must be text
    SQLite can store (:func:`tui.core.index.records.sql_text`)."""

    __slots__ = ("documents", "quotations")

    def __init__(self) -> None:
        self.documents: list[tuple[int, str, str]] = []
        self.quotations: list[tuple[int, str]] = []

    def add_document(self, doc_id: int, title: str, text: str) -> None:
        """Queue document ``doc_id`` for ``doc_fts``."""
        self.documents.append((doc_id, _tokenised(title), _tokenised(text)))

    def add_quotation(self, quote_id: int, content: str) -> None:
        """Queue quotation ``quote_id``'s words for ``quote_fts``."""
        self.quotations.append((quote_id, _tokenised(content)))

    def encoded(self) -> tuple[str | None, str | None]:
        """The two JSON arrays :func:`index` takes (None for a table with no rows).

        Encoding needs the GIL; doing it before handing the rows to another thread keeps
        that thread's part to SQLite alone. (ASCII with escapes: twice as quick to make as
        UTF-8, and SQLite reads the escapes, surrogate pairs included, on that thread.)"""
        return (json.dumps(self.documents) if self.documents else None,
                json.dumps(self.quotations) if self.quotations else None)


def index(conn: sqlite3.Connection, encoded: tuple[str | None, str | None]) -> None:
    """Insert the rows :meth:`FullText.encoded` gave into the full-text tables, in the
    caller's transaction."""
    documents, quotations = encoded
    if documents is not None:
        conn.execute(_DOC_INSERT, (documents,))
    if quotations is not None:
        conn.execute(_QUOTE_INSERT, (quotations,))
