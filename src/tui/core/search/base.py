"""The ground every part of :class:`~.sqlsearch.IndexSearch` stands on: one search at a time
(a lock), cancellation (a stop test polled between steps and by an SQLite progress
handler), SQL helpers, resolved terms and what they matched, kept while the user types.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence

from tui.core.index.records import unpack_text
from tui.core.search.limits import PROGRESS_STEPS, REMEMBERED
from tui.core.search.matcher import Resolved, resolve
from tui.core.search.query import Term
from tui.core.search.tables import Row, Tables


class Cancelled(Exception):
    """A search gave up because ``should_stop()`` said so (:meth:`IndexSearch.find`)."""


class SearchBase:
    """What every part of a search shares: the connection, the in-memory tables, the
    cache of resolved terms and matches, the stop test; SQL helpers that honour it."""

    conn: sqlite3.Connection
    rows: Sequence[Row]
    _tables: Tables | None
    _path: str | None
    _lock: threading.RLock
    _resolved: dict[tuple[Term, bool], Resolved]
    _entries: dict[tuple[str, object], object]
    _stop: Callable[[], bool]

    @property
    def tables(self) -> Tables:
        """The in-memory side (loaded on first use)."""
        if self._tables is not None:
            return self._tables
        with self._lock:
            if self._tables is None:
                self._tables = Tables(self.conn, self.rows, self._path)
            return self._tables

    def _searching(self, should_stop: Callable[[], bool] | None) -> _Session:
        return _Session(self, should_stop or _never)

    def _check(self) -> None:
        if self._stop():
            raise Cancelled

    def _sql(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if self._stop() or "interrupted" in str(exc):
                raise Cancelled from exc
            raise

    def _in(self, sql: str, values: list[int]) -> list[tuple]:
        out: list[tuple] = []
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            out += self._sql(f"{sql} ({','.join('?' * len(chunk))})", chunk)
        return out

    def _texts(self, positions: Iterable[int]) -> list[tuple[int, str]]:
        """(position, text) of documents, read from the index."""
        rows = self.tables.rows
        by_id = {rows[n].id: n for n in positions}
        return [(by_id[i], unpack_text(blob))
                for i, blob in self._in("SELECT id, text FROM documents WHERE id IN",
                                        list(by_id))]

    def _resolve(self, term: Term, speakers_only: bool = False) -> Resolved:
        key = (term, speakers_only)
        found = self._resolved.get(key)
        if found is None:
            if len(self._resolved) > 512:
                self._resolved.clear()
            tables = self.tables
            vocabulary = tables.speakers.vocabulary if speakers_only else tables.vocabulary
            found = self._resolved[key] = resolve(term, vocabulary)
        return found

    def _term_resolved(self, term: Term) -> Resolved:
        # A speaker: term is corrected against speaker names only (putn → Putin).
        return self._resolve(term, speakers_only=term.field == "speaker")

    def _remember(self, key: tuple[str, object], value: object) -> None:
        """Keep what a term matched while the user types on (the last few terms)."""
        self._entries[key] = value
        while len(self._entries) > REMEMBERED:
            del self._entries[next(iter(self._entries))]

    def _recall(self, key: tuple[str, object]) -> object | None:
        """What :meth:`_remember` kept under ``key`` (None if nothing), now the most
        recently used: the words typed first stay remembered while later ones change."""
        found = self._entries.pop(key, None)
        if found is not None:
            self._entries[key] = found
        return found


class _Session:
    """One search: the lock, the stop test and the SQLite progress handler."""

    def __init__(self, searcher: SearchBase, stop: Callable[[], bool]) -> None:
        self._searcher = searcher
        self._stop = stop

    def __enter__(self) -> None:
        searcher = self._searcher
        searcher._lock.acquire()
        searcher._stop = self._stop
        stop = self._stop
        searcher.conn.set_progress_handler(lambda: 1 if stop() else 0, PROGRESS_STEPS)

    def __exit__(self, *exc_info: object) -> None:
        searcher = self._searcher
        searcher.conn.set_progress_handler(None, 0)
        searcher._stop = _never
        searcher._lock.release()


def _never() -> bool:
    return False
