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
from collections.abc import Collection, Iterable
from operator import itemgetter

from tui.core.index.database import data_version, replace_blobs

__all__ = ["KINDS", "NO_SPEAKER", "Cache", "compute", "ensure", "invalidate", "load", "store"]

#: Quotation kinds as stored, coded in one byte each (255: another kind).
KINDS = ("direct", "indirect", "mixed")
NO_SPEAKER = 0xFFFFFFFF
#: Bumped when the parts change (an older cache is recomputed).
LAYOUT = "2"
#: The display order of ``CorpusIndex.rows()`` (tui.core.loaders.sort_key).
ROWS_ORDER = "(date IS NULL OR date = ''), date, path, COALESCE(record, 0)"
_CHUNK = 100_000
_ID, _DOC_ID, _SEQ, _KIND, _SPEAKER = (itemgetter(i) for i in range(5))
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
    if _is_current(conn):
        return False
    version = data_version(conn)
    return store(conn, compute(conn), version)


def _is_current(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT data FROM search_cache WHERE name = 'layout'").fetchone()
    return found is not None and found[0] == LAYOUT.encode()


def compute(conn: sqlite3.Connection, shown: Collection[int] | None = None) -> Cache:
    """The cache computed from the tables (seconds at 100k articles); only the quotations
    of the documents ``shown`` (ids) when given."""
    quote_ids, doc_ids, seqs, speakers = array("q"), array("I"), array("I"), array("I")
    kind_codes = bytearray()
    codes = defaultdict(lambda: 255, {kind: n for n, kind in enumerate(KINDS)})
    number: dict[str, int] = {"": NO_SPEAKER}
    cursor = conn.execute(
        "SELECT id, doc_id, seq, kind, coalesce(speaker, '') FROM quotations ORDER BY id")
    # Column by column, mapped in C, in chunks: a Python loop over 1.9M rows takes seconds
    # and a million row tuples at once take hundreds of MB.
    while rows := cursor.fetchmany(_CHUNK):
        if shown is not None:
            rows = [r for r in rows if r[1] in shown]
        quote_ids.extend(map(_ID, rows))
        doc_ids.extend(map(_DOC_ID, rows))
        seqs.extend(map(_SEQ, rows))
        kind_codes.extend(map(codes.__getitem__, map(_KIND, rows)))
        spoken = list(map(_SPEAKER, rows))
        for name in set(spoken) - number.keys():
            number[name] = len(number) - 1
        speakers.extend(map(number.__getitem__, spoken))
    del number[""]
    count = len(quote_ids)
    by_speaker = array("I", sorted(range(count), key=speakers.__getitem__))
    speaker_firsts = _firsts(Counter(speakers), len(number))
    by_doc = array("I", sorted(range(count), key=doc_ids.__getitem__))
    runs = sorted(Counter(doc_ids).items())
    dates = dict(conn.execute("SELECT id, date FROM documents"))
    ranks = {date: n + 1 for n, date in enumerate(sorted({d for d in dates.values() if d}))}
    age = {doc: -ranks.get(date or "", 0) for doc, date in dates.items()}
    quote_age = array("i", map(age.__getitem__, doc_ids))
    newest = array("I", sorted(range(count), key=quote_age.__getitem__))
    vocab = conn.execute("SELECT term, doc FROM doc_vocab ORDER BY term").fetchall()
    listed = conn.execute(f"SELECT id, title FROM documents ORDER BY {ROWS_ORDER}").fetchall()
    if shown is not None:
        listed = [row for row in listed if row[0] in shown]
    row_of = {doc: n for n, (doc, _) in enumerate(listed)}
    doc_first, doc_count = array("I", [0]) * len(listed), array("I", [0]) * len(listed)
    first = 0
    for doc, many in runs:
        doc_first[row_of[doc]], doc_count[row_of[doc]] = first, many
        first += many
    title_terms, title_counts, title_rows = _title_words(title for _, title in listed)
    return Cache({
        "quote_ids": quote_ids, "quote_doc_ids": doc_ids, "quote_seq": seqs,
        "quote_speaker": speakers, "quote_kind": bytes(kind_codes),
        "by_speaker": by_speaker, "speaker_firsts": speaker_firsts,
        "speaker_names": list(number), "by_doc": by_doc,
        "run_doc_ids": array("I", map(itemgetter(0), runs)),
        "run_counts": array("I", map(itemgetter(1), runs)),
        "newest_first": newest,
        "vocab_terms": [term for term, _ in vocab],
        "vocab_docs": array("I", (docs for _, docs in vocab)),
        "row_ids": array("I", map(itemgetter(0), listed)),
        "quote_rows": array("I", map(row_of.__getitem__, doc_ids)),
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


def _firsts(counts: Counter[int], size: int) -> array:
    """Where each key's run starts in an array sorted by key, for keys ``0..size-1``
    (``size + 1`` entries: the last is the end)."""
    firsts = array("I", [0])
    total = 0
    for key in range(size):
        total += counts.get(key, 0)
        firsts.append(total)
    return firsts
