"""Every stored quotation's columns, read in one pass, for what is computed from all of them.

The search cache (:mod:`tui.core.index.searchcache`) and the speaker catalog
(:mod:`tui.core.catalog.build`) are both computed from every quotation row at the end of a
refresh that changed something. Fetching 1.9M rows (100k articles) costs 1.5–2 s, more
than half of it making Python objects, so :func:`read` fetches them once for both, as
arrays: speakers become numbers in a list of their names, and the kind one byte (in SQL).
What SQLite can compute on its own (the full-text vocabulary, the catalog's counts of
roles and mentions) runs meanwhile on a second connection (:class:`Beside`).

Speakers are numbered as the search cache has always numbered them (chunk by chunk, new
names in the order the chunk's set lists them), so its stored parts stay byte for byte
what they were. (That order follows the process's string hashing: two processes may
number them differently, as they always could.)
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import accumulate, chain, count, repeat
from operator import call, itemgetter
from typing import Any

from tui.core.index.database import connect_read_only

__all__ = ["KINDS", "NO_SPEAKER", "Beside", "QuoteRows", "doc_runs", "group_by_number", "read"]

#: Quotation kinds as stored, coded in one byte each (255: another kind).
KINDS = ("direct", "indirect", "mixed")
#: The speaker number of a quotation without one (no speaker, or an empty one).
NO_SPEAKER = 0xFFFFFFFF
_CHUNK = 100_000
_KIND_CODE = ("CASE kind " + " ".join(f"WHEN '{kind}' THEN {n}" for n, kind in enumerate(KINDS))
              + " ELSE 255 END")
_NONE_AS_EMPTY = {None: ""}


@dataclass(slots=True)
class QuoteRows:
    """The quotations in row-id order (``n`` of them), column by column.

    ``speakers`` are numbers in ``speaker_names`` (:data:`NO_SPEAKER` for None or "");
    ``empty_speakers`` the positions whose speaker is "" rather than None (the catalog
    tells them apart; none in practice). ``dates`` maps every document id to its date.
    ``spans`` are each document's ``(doc_id, first, end)`` positions in document order
    when the rows are stored document by document (as they always are, in practice), else
    None (:func:`doc_runs`).
    """

    ids: array
    doc_ids: array
    seqs: array
    kinds: bytes
    speakers: array
    speaker_names: list[str]
    empty_speakers: list[int]
    dates: dict[int, str | None]
    spans: list[tuple[int, int, int]] | None


def read(conn: sqlite3.Connection, shown: Collection[int] | None = None) -> QuoteRows:
    """The quotations stored in ``conn`` (only those of the documents ``shown`` when given)."""
    ids, doc_ids, seqs, kinds, speakers = array("q"), array("I"), array("I"), bytearray(), \
        array("I")
    number: dict[str, int] = {"": NO_SPEAKER}
    empty: list[int] = []
    cursor = conn.execute(
        f"SELECT id, doc_id, seq, {_KIND_CODE}, speaker FROM quotations ORDER BY id")
    # Column by column, mapped in C, in chunks: a Python loop over 1.9M rows takes seconds
    # and a million row tuples at once take hundreds of MB.
    while rows := cursor.fetchmany(_CHUNK):
        if shown is not None:
            rows = [r for r in rows if r[1] in shown]
        ids.extend(map(itemgetter(0), rows))
        doc_ids.extend(map(itemgetter(1), rows))
        seqs.extend(map(itemgetter(2), rows))
        kinds.extend(map(itemgetter(3), rows))
        raw = list(map(itemgetter(4), rows))
        if "" in raw:
            empty.extend(n + len(speakers) for n, name in enumerate(raw) if name == "")
        spoken = list(map(_NONE_AS_EMPTY.get, raw, raw))  # None as "": one number for both
        for name in set(spoken) - number.keys():  # (the order the search cache always had)
            number[name] = len(number) - 1
        speakers.extend(map(number.__getitem__, spoken))
    del number[""]
    return QuoteRows(ids, doc_ids, seqs, bytes(kinds), speakers, list(number), empty,
                     dict(conn.execute("SELECT id, date FROM documents")),
                     doc_runs(doc_ids))


def group_by_number(numbers: Iterable[int], size: int,
                    positions: Iterable[int] | None = None) -> tuple[array, array]:
    """``positions`` (0, 1, 2... by default) grouped by their number, keeping their order
    within each group (a stable sort by number), and where each number's group starts
    (``size + 1`` entries for the numbers ``0..size-1``, the last being the end); numbers
    past ``size - 1`` (:data:`NO_SPEAKER`) form one last group.

    A list per number filled in C: half the time of ``sorted(positions, key=...)``."""
    groups: list[list[int]] = [[] for _ in range(size + 1)]
    appends = dict(enumerate(group.append for group in groups[:size]))
    rest = groups[size].append
    deque(map(call, map(appends.get, numbers, repeat(rest)),
              count() if positions is None else positions), 0)
    order, firsts = array("I"), array("I", [0])
    for group in groups:
        order.extend(group)
    firsts.extend(accumulate(map(len, groups[:size])))
    return order, firsts


def doc_runs(doc_ids: array) -> list[tuple[int, int, int]] | None:
    """``(doc_id, first, end)`` of each document's positions in ``doc_ids``, in document
    order, if each document's are one run and the documents come in order; else None."""
    counts = Counter(doc_ids)  # in order of first appearance
    docs = list(counts)
    if any(map(int.__gt__, docs, docs[1:])):
        return None
    if array(doc_ids.typecode, chain.from_iterable(map(repeat, docs, counts.values()))) \
            != doc_ids:  # a document in several runs
        return None
    ends = list(accumulate(counts.values()))
    return list(zip(docs, [0, *ends], ends, strict=False))  # one start too many


class Beside:
    """Queries run on a read-only connection of their own, in a thread, while the caller
    works on ``conn``: SQLite releases the GIL while it steps, so a scan of the full-text
    index costs the caller nothing on a second core.

    An in-memory database has no second connection: its queries run on ``conn`` when
    their rows are asked for. So do a file's if the second connection cannot be opened.
    Rows read beside may come from a later commit than ``conn``'s (another process
    storing files meanwhile): callers store what they compute only if ``PRAGMA
    data_version`` says nothing was committed (:func:`tui.core.index.database.replace_blobs`).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        files = [row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"]
        self._path = files[0] if files and files[0] else None
        self._pool = ThreadPoolExecutor(1, "seedread-beside") if self._path else None
        self._local = threading.local()

    def submit(self, sql: str, params: Sequence[object] = ()) -> Callable[[], list[Any]]:
        """Start ``sql``; the returned function waits for its rows and returns them."""
        if self._pool is None:
            return lambda: self._conn.execute(sql, params).fetchall()
        future = self._pool.submit(self._fetch, sql, params)

        def rows() -> list[Any]:
            found = future.result()
            return self._conn.execute(sql, params).fetchall() if found is None else found
        return rows

    def _fetch(self, sql: str, params: Sequence[object]) -> list[Any] | None:
        """The rows, on this thread's connection; None if it cannot be opened or the query
        fails there (busy, say): the caller's connection then runs it, as it would have."""
        local = self._local
        if not hasattr(local, "conn"):
            try:
                local.conn = connect_read_only(self._path, threads=False)  # type: ignore[arg-type]
            except sqlite3.Error:
                local.conn = None
        if local.conn is None:
            return None
        try:
            return local.conn.execute(sql, params).fetchall()
        except sqlite3.Error:
            return None

    def close(self) -> None:
        """Wait for what was started and close the second connection."""
        if self._pool is not None:
            self._pool.submit(self._close).result()
            self._pool.shutdown()

    def _close(self) -> None:
        if getattr(self._local, "conn", None) is not None:
            self._local.conn.close()
            self._local.conn = None

    def __enter__(self) -> Beside:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
