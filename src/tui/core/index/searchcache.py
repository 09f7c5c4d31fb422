"""What search keeps in memory, computed when the index changes and stored as blobs.

Turning 1.9M quotation rows into arrays, sorting them by speaker, document and date, and
reading the full-text vocabulary (``doc_vocab`` scans the whole FTS index) take seconds
at 100k articles; done on every open they made the searcher's warm-up 5–15 s. They depend
only on the stored documents, so they are computed once at the end of a refresh that
changed something (:func:`ensure`) and read back as a few blobs (tens of milliseconds).

Every write of a file (:func:`tui.core.index.records.insert_file`, ``delete_file``) empties
the ``search_cache`` table (:func:`invalidate`): the cache is valid exactly when present.
A searcher given an index without one (an in-memory index, or one being refreshed) computes
the same parts itself (:func:`compute`).

Parts, quotations in row-id order (``n`` of them; positions below index these arrays):

* ``quote_ids`` (q), ``quote_doc_ids``, ``quote_seq``, ``quote_speaker`` (I; a number in
  ``speaker_names`` or :data:`NO_SPEAKER`), ``quote_kind`` (one byte, :data:`KINDS`);
* ``by_speaker`` (positions sorted by speaker number) and ``speaker_firsts``;
* ``by_doc`` (positions sorted by document id), ``run_doc_ids`` and ``run_counts`` (the
  documents with quotations, in that order, and how many each has);
* ``newest_first`` (positions by their document's date, newest first, undated last;
  ties in position order);
* ``vocab_terms`` (newline-joined, sorted) and ``vocab_docs`` (I): the words of
  ``doc_fts`` with the number of documents holding each.

And for the rows in display order (:data:`ROWS_ORDER`, as ``CorpusIndex.rows()`` lists
them): ``row_ids``; ``quote_rows`` (each quotation's row position), ``doc_first`` and
``doc_count`` (where a row's quotations are in ``by_doc``); the words of the folded titles
(``title_terms``, sorted) with ``title_counts`` and the row positions holding each, one run
per word, in ``title_rows``. A searcher given other rows maps document ids itself.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from itertools import chain, repeat, starmap
from operator import itemgetter

from tui.core.index import quoterows
from tui.core.index.database import data_version, replace_blobs
from tui.core.index.quoterows import (
    KINDS,
    NO_SPEAKER,
    QuoteRows,
    group_by_number,
)

__all__ = ["KINDS", "NO_SPEAKER", "Cache", "compute", "ensure", "invalidate", "is_current", "load",
           "store"]

#: Bumped when the parts change (an older cache is recomputed).
LAYOUT = "2"
#: The display order of ``CorpusIndex.rows()`` (tui.core.loaders.sort_key).
ROWS_ORDER = "(date IS NULL OR date = ''), date, path, COALESCE(record, 0)"
#: The full-text vocabulary: every word of ``doc_fts`` (newline-joined, sorted) and how
#: many documents hold each (comma-joined), in one row: SQLite steps once, so a thread
#: reading it beside (:class:`tui.core.index.quoterows.Beside`) seldom needs the GIL.
VOCAB_QUERY = ("SELECT group_concat(term, char(10)), group_concat(doc) "
               "FROM (SELECT term, doc FROM doc_vocab ORDER BY term)")
_ARRAYS = {
    "quote_ids": "q", "quote_doc_ids": "I", "quote_seq": "I", "quote_speaker": "I",
    "by_speaker": "I", "speaker_firsts": "I", "by_doc": "I", "run_doc_ids": "I",
    "run_counts": "I", "newest_first": "I", "vocab_docs": "I", "row_ids": "I",
    "quote_rows": "I", "doc_first": "I", "doc_count": "I", "title_counts": "I",
    "title_rows": "I",
}
_WORDS = ("vocab_terms", "title_terms")


class Cache:
    """The parts (see the module docstring) as arrays, names and words."""

    def __init__(self, parts: dict[str, object]) -> None:
        self.quote_ids: array = parts["quote_ids"]  # type: ignore[assignment]
        self.quote_doc_ids: array = parts["quote_doc_ids"]  # type: ignore[assignment]
        self.quote_seq: array = parts["quote_seq"]  # type: ignore[assignment]
        self.quote_speaker: array = parts["quote_speaker"]  # type: ignore[assignment]
        self.quote_kind: bytes = parts["quote_kind"]  # type: ignore[assignment]
        self.by_speaker: array = parts["by_speaker"]  # type: ignore[assignment]
        self.speaker_firsts: array = parts["speaker_firsts"]  # type: ignore[assignment]
        self.speaker_names: list[str] = parts["speaker_names"]  # type: ignore[assignment]
        self.by_doc: array = parts["by_doc"]  # type: ignore[assignment]
        self.run_doc_ids: array = parts["run_doc_ids"]  # type: ignore[assignment]
        self.run_counts: array = parts["run_counts"]  # type: ignore[assignment]
        self.newest_first: array = parts["newest_first"]  # type: ignore[assignment]
        self.vocab_terms: list[str] = parts["vocab_terms"]  # type: ignore[assignment]
        self.vocab_docs: array = parts["vocab_docs"]  # type: ignore[assignment]
        self.row_ids: array = parts["row_ids"]  # type: ignore[assignment]
        self.quote_rows: array = parts["quote_rows"]  # type: ignore[assignment]
        self.doc_first: array = parts["doc_first"]  # type: ignore[assignment]
        self.doc_count: array = parts["doc_count"]  # type: ignore[assignment]
        self.title_terms: list[str] = parts["title_terms"]  # type: ignore[assignment]
        self.title_counts: array = parts["title_counts"]  # type: ignore[assignment]
        self.title_rows: array = parts["title_rows"]  # type: ignore[assignment]


def invalidate(conn: sqlite3.Connection) -> None:
    """Forget the cache (the documents are changing); inside the writer's transaction."""
    conn.execute("DELETE FROM search_cache")


def load(conn: sqlite3.Connection) -> Cache | None:
    """The stored cache, or None when there is none (or of another layout)."""
    try:
        layout = conn.execute("SELECT data FROM search_cache WHERE name = 'layout'").fetchone()
        if layout is None or layout[0] != LAYOUT.encode():
            return None
        parts: dict[str, object] = {}
        # One blob at a time, turned into its array at once: the peak stays near the
        # arrays' size rather than twice it.
        for name, data in conn.execute("SELECT name, data FROM search_cache"):
            if name in _ARRAYS:
                values = array(_ARRAYS[name])
                values.frombytes(data)
                parts[name] = values
            elif name == "quote_kind":
                parts[name] = bytes(data)
            elif name == "speaker_names":
                parts[name] = json.loads(data)
            elif name in _WORDS:
                joined = data.decode("utf-8")
                parts[name] = joined.split("\n") if joined else []
            del data
    except sqlite3.OperationalError:
        return None  # an index without the table
    if not all(name in parts for name in (*_ARRAYS, *_WORDS, "quote_kind", "speaker_names")):
        return None
    return Cache(parts)


def store(conn: sqlite3.Connection, cache: Cache, version: int | None = None) -> bool:
    """Write ``cache`` (replacing any) in a write transaction of its own; when ``version``
    is given, only if ``PRAGMA data_version`` still says it (nothing committed by another
    connection since). True when written."""
    rows: list[tuple[str, bytes]] = [(name, getattr(cache, name).tobytes()) for name in _ARRAYS]
    rows += [
        ("quote_kind", cache.quote_kind),
        ("speaker_names", json.dumps(cache.speaker_names).encode()),
        *((name, "\n".join(getattr(cache, name)).encode("utf-8")) for name in _WORDS),
        ("layout", LAYOUT.encode()),
    ]
    return replace_blobs(conn, "search_cache", rows, version)


def ensure(conn: sqlite3.Connection) -> bool:
    """Compute and store the cache if it is missing; True when it was stored.

    The cache is computed outside any write transaction (seconds at 100k articles) and
    stored only if no other connection committed meanwhile (``PRAGMA data_version``): a
    second process storing files would make it stale (that process stores the cache
    itself when it is done), and two processes storing at once would interleave.
    """
    if is_current(conn):
        return False
    version = data_version(conn)
    return store(conn, compute(conn), version)


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether ``conn`` holds a cache of this layout (one is valid exactly when present)."""
    found = conn.execute("SELECT data FROM search_cache WHERE name = 'layout'").fetchone()
    return found is not None and found[0] == LAYOUT.encode()


def compute(conn: sqlite3.Connection, shown: Collection[int] | None = None,
            rows: QuoteRows | None = None,
            vocab: Callable[[], list[tuple[str | None, str | None]]] | None = None,
            by_speaker: tuple[array, array] | None = None) -> Cache:
    """The cache computed from the tables (seconds at 100k articles); only the quotations
    of the documents ``shown`` (ids) when given. ``rows`` are the quotations already read
    (:func:`tui.core.index.quoterows.read`, with the same ``shown``), ``vocab`` gives the
    rows of :data:`VOCAB_QUERY` (read beside, :class:`tui.core.index.quoterows.Beside`),
    ``by_speaker`` :func:`group_by_number` of the speakers."""
    if vocab is None:
        with quoterows.Beside(conn) as beside:
            return _compute(conn, shown, rows, beside.submit(VOCAB_QUERY), by_speaker)
    return _compute(conn, shown, rows, vocab, by_speaker)


def _compute(conn: sqlite3.Connection, shown: Collection[int] | None, rows: QuoteRows | None,
             vocab: Callable[[], list[tuple[str | None, str | None]]],
             by_speaker: tuple[array, array] | None) -> Cache:
    if rows is None:
        rows = quoterows.read(conn, shown)
    quote_ids, doc_ids, speakers = rows.ids, rows.doc_ids, rows.speakers
    count = len(quote_ids)
    by_speaker, speaker_firsts = by_speaker or group_by_number(speakers, len(rows.speaker_names))
    dates = rows.dates
    ranks = {date: n + 1 for n, date in enumerate(sorted({d for d in dates.values() if d}))}
    age = {doc: -ranks.get(date or "", 0) for doc, date in dates.items()}
    listed = conn.execute(f"SELECT id, title FROM documents ORDER BY {ROWS_ORDER}").fetchall()
    if shown is not None:
        listed = [row for row in listed if row[0] in shown]
    row_of = {doc: n for n, (doc, _) in enumerate(listed)}
    spans = rows.spans
    if spans is not None:
        # Each document's quotations are one run of positions (the rows are stored document
        # by document): sorting the runs sorts the positions.
        by_doc = array("I", range(count))
        runs = [(doc, end - first) for doc, first, end in spans]
        # Newest first, undated last; a stable sort keeps a date's runs in position order.
        ages = list(map(age.__getitem__, map(itemgetter(0), spans)))
        by_age = map(spans.__getitem__, sorted(range(len(spans)), key=ages.__getitem__))
        newest = array("I", chain.from_iterable(starmap(range, map(itemgetter(1, 2), by_age))))
        quote_rows = array("I", chain.from_iterable(
            repeat(row_of[doc], end - first) for doc, first, end in spans))
    else:
        by_doc = array("I", sorted(range(count), key=doc_ids.__getitem__))
        runs = sorted(Counter(doc_ids).items())
        quote_age = array("i", map(age.__getitem__, doc_ids))
        newest = array("I", sorted(range(count), key=quote_age.__getitem__))
        quote_rows = array("I", map(row_of.__getitem__, doc_ids))
    joined_terms, joined_counts = vocab()[0]
    doc_first, doc_count = array("I", [0]) * len(listed), array("I", [0]) * len(listed)
    first = 0
    for doc, many in runs:
        doc_first[row_of[doc]], doc_count[row_of[doc]] = first, many
        first += many
    title_terms, title_counts, title_rows = _title_words(title for _, title in listed)
    return Cache({
        "quote_ids": quote_ids, "quote_doc_ids": doc_ids, "quote_seq": rows.seqs,
        "quote_speaker": speakers, "quote_kind": rows.kinds,
        "by_speaker": by_speaker, "speaker_firsts": speaker_firsts,
        "speaker_names": rows.speaker_names, "by_doc": by_doc,
        "run_doc_ids": array("I", map(itemgetter(0), runs)),
        "run_counts": array("I", map(itemgetter(1), runs)),
        "newest_first": newest,
        "vocab_terms": joined_terms.split("\n") if joined_terms else [],
        "vocab_docs": array("I", map(int, joined_counts.split(","))) if joined_counts
        else array("I"),
        "row_ids": array("I", map(itemgetter(0), listed)),
        "quote_rows": quote_rows,
        "doc_first": doc_first, "doc_count": doc_count,
        "title_terms": title_terms, "title_counts": title_counts, "title_rows": title_rows,
    })


def _title_words(titles: Iterable[str]) -> tuple[list[str], array, array]:
    """The words of the folded ``titles`` (sorted), how many titles hold each, and those
    titles' positions, word after word."""
    from tui.core.search.fold import fold, words  # the search package imports this one

    lists: defaultdict[str, list[int]] = defaultdict(list)
    for n, found in enumerate(map(set, map(words, map(fold, titles)))):
        for word in found:
            lists[word].append(n)
    terms = sorted(lists)
    counts = array("I", (len(lists[w]) for w in terms))
    positions = array("I")
    for word in terms:
        positions.extend(lists[word])
    return terms, counts, positions
