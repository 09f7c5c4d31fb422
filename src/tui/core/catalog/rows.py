"""Quotation rows for lists: what a row shows, read by quotation id a page at a time
(the quotation's words are stored with it, so no article text is read)."""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

_CHUNK = 500  # ids per statement (SQLite allows 32,766 variables; smaller is kinder)


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quotation as a list shows it.

    ``doc_id`` is the document's index id (``DocRow.id``), ``seq`` the quotation's place
    in ``Document.quotations``, ``start`` its first character in the text; ``text`` is the
    quotation's words (cut to the length asked for).
    """

    id: int
    doc_id: int
    seq: int
    kind: str
    speaker: str | None
    role: str | None
    text: str
    start: int
    title: str
    date: str | None
    source: str | None

    def record(self) -> dict[str, object]:
        """The row as a flat, JSON-serialisable dict."""
        return {"speaker": self.speaker, "role": self.role, "kind": self.kind,
                "date": self.date, "source": self.source, "title": self.title,
                "text": self.text, "doc": self.doc_id, "quotation": self.seq,
                "start": self.start}


def quote_rows(conn: sqlite3.Connection, ids: Sequence[int],
               length: int | None = 300) -> dict[int, QuoteRow]:
    """The rows of quotations ``ids`` (missing ones left out), their words cut to
    ``length`` characters (None: whole)."""
    words = "q.content" if length is None else f"substr(q.content, 1, {int(length)})"
    found: dict[int, QuoteRow] = {}
    for at in range(0, len(ids), _CHUNK):
        chunk = list(ids[at : at + _CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
                f"SELECT q.id, q.doc_id, q.seq, q.kind, q.speaker, q.role, {words}, q.spans, "
                "d.title, d.date, d.source FROM quotations q JOIN documents d "
                f"ON d.id = q.doc_id WHERE q.id IN ({marks})", chunk):
            spans = json.loads(row[7])
            found[row[0]] = QuoteRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                                     spans[0][0] if spans else 0, *row[8:])
    return found


def quote_ids_of(conn: sqlite3.Connection,
                 quotations: Iterable[tuple[int, int]]) -> list[int | None]:
    """The row ids of quotations given as (document id, ``seq``) pairs, in order (None for
    one not stored)."""
    wanted = list(quotations)
    docs = sorted({doc for doc, _ in wanted})
    ids: dict[tuple[int, int], int] = {}
    for at in range(0, len(docs), _CHUNK):
        chunk = docs[at : at + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for doc, seq, ident in conn.execute(
                f"SELECT doc_id, seq, id FROM quotations WHERE doc_id IN ({marks})", chunk):
            ids[(doc, seq)] = ident
    return [ids.get(pair) for pair in wanted]


class RowPages:
    """The rows of a list of quotation ids, fetched a page at a time when first asked for
    and kept (the last :data:`PAGES` pages): a list of two million quotations costs its ids
    and the pages on screen. Thread-safe (one lock around the connection)."""

    PAGE = 128
    PAGES = 64

    def __init__(self, conn: sqlite3.Connection, ids: Sequence[int],
                 lock: AbstractContextManager[object]) -> None:
        self.conn = conn
        self.ids = ids
        self._lock = lock
        self._pages: OrderedDict[int, dict[int, QuoteRow]] = OrderedDict()

    def __len__(self) -> int:
        return len(self.ids)

    def get(self, position: int) -> QuoteRow | None:
        """The row at ``position`` (None past the end, or if the quotation is gone)."""
        if not 0 <= position < len(self.ids):
            return None
        number = position // self.PAGE
        page = self._pages.get(number)
        if page is None:
            start = number * self.PAGE
            with self._lock:
                page = quote_rows(self.conn, self.ids[start : start + self.PAGE])
            self._pages[number] = page
            if len(self._pages) > self.PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self.ids[position])

    def all(self, length: int | None = None) -> list[QuoteRow]:
        """Every row, in order (whole words unless ``length``): for exporting."""
        return list(iter_quote_rows(self.conn, self.ids, self._lock, length))


def iter_quote_rows(conn: sqlite3.Connection, ids: Sequence[int],
                    lock: AbstractContextManager[object],
                    length: int | None = None) -> Iterator[QuoteRow]:
    """The rows of quotations ``ids`` in their order (missing ones left out; whole words
    unless ``length``), read :data:`_CHUNK` at a time, ``lock`` held only while each chunk
    is read: for exporting millions of rows from a thread while the UI reads pages."""
    for at in range(0, len(ids), _CHUNK):
        chunk = ids[at : at + _CHUNK]
        with lock:
            found = quote_rows(conn, chunk, length)
        for ident in chunk:
            row = found.get(ident)
            if row is not None:
                yield row
