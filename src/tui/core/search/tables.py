"""What a searcher keeps in memory of an index, loaded once: compact and bounded.

Per shown row: folded title, source, date rank and the initials of the title's words (for
one- and two-letter queries, which no index answers cheaply). Per quotation, in arrays:
its document's position, its ``seq``, its kind and its speaker. Speaker names with their
quotations; the full-text vocabulary with document counts (for spelling correction).

At 100k articles and 1.7M quotations loading takes a few seconds, dominated by reading the
vocabulary and the quotations table; :class:`~tui.core.search.sqlsearch.IndexSearch` does it
once, on first use or ahead of time through ``warm()``.
"""

from __future__ import annotations

import bisect
import heapq
import re
import sqlite3
import threading
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, compress
from operator import itemgetter
from typing import Protocol

from tui.core.search.fold import fold, fold_accents, words
from tui.core.search.matcher import Resolved, Vocabulary
from tui.core.search.speakers import SpeakerNames

#: Quotation kinds as stored, coded in one byte each.
KINDS = ("direct", "indirect", "mixed")
_NO_SPEAKER = 0xFFFFFFFF
_CHUNK = 100_000
_ID, _DOC_ID, _SEQ, _KIND, _SPEAKER = (itemgetter(i) for i in range(5))


class Row(Protocol):
    """What a searcher needs of a listed document (``tui.core.index.store.DocRow`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...


class Tables:
    """The in-memory side of a searcher (see the module docstring)."""

    def __init__(
        self, conn: sqlite3.Connection, rows: Sequence[Row], path: str | None = None
    ) -> None:
        """Load from ``conn``; given the database's ``path`` the vocabulary is read over a
        second connection in a thread meanwhile (SQLite works without the GIL)."""
        vocabulary: list[Vocabulary] = []
        reader = None
        if path is not None:
            reader = threading.Thread(target=_read_vocabulary, args=(path, vocabulary),
                                      daemon=True)
            reader.start()
        self.rows = rows
        self.position = {row.id: n for n, row in enumerate(rows)}
        self.titles = [fold(row.title) for row in rows]
        self.sources = [fold(row.source or "") for row in rows]
        self.initials = [_initials(title) for title in self.titles]
        self._title_lists: defaultdict[str, list[int]] = defaultdict(list)
        for n, title in enumerate(self.titles):
            for word in set(words(title)):
                self._title_lists[word].append(n)
        #: Title words → positions of the titles holding them.
        self.title_postings = {w: array("I", ids) for w, ids in self._title_lists.items()}
        del self._title_lists
        self.title_words = Vocabulary(self.title_postings)
        dates = sorted({row.date for row in rows if row.date})
        rank = {date: i + 1 for i, date in enumerate(dates)}
        self.date_rank = array("I", (rank.get(row.date or "", 0) for row in rows))
        #: Minus the date rank: sorts newest first.
        self.age = array("i", (-r for r in self.date_rank))
        self._by_date = sorted((row.date, n) for n, row in enumerate(rows) if row.date)
        #: Row positions, newest first (ties in row order), for scans that stop early.
        self.newest_first = sorted(range(len(rows)), key=self.age.__getitem__)
        self._by_source: defaultdict[str, list[int]] = defaultdict(list)
        for n, source in enumerate(self.sources):
            if source:
                self._by_source[source].append(n)
        self._cased = [fold_accents(row.title) for row in rows]
        self._joined = "\n".join(title.replace("\n", " ") for title in self.titles)
        self._starts = array("I", [0])
        for title in self.titles:
            self._starts.append(self._starts[-1] + len(title) + 1)
        self._load_quotations(conn)
        if reader is not None:
            reader.join()
        self.vocabulary = vocabulary[0] if vocabulary else _vocabulary(conn)

    def _load_quotations(self, conn: sqlite3.Connection) -> None:
        # Column by column, mapped in C (map, zip, sorted with C keys): a Python loop over
        # 1.7M quotations takes seconds.
        position = self.position
        self.quote_ids = array("q")  # row ids, ascending: FTS rowids map here by bisection
        self.quote_doc = array("I")
        self.quote_seq = array("I")
        kind_codes = bytearray()
        self.quote_speaker = array("I")
        codes = defaultdict(lambda: 255, {kind: n for n, kind in enumerate(KINDS)})
        number: dict[str, int] = {"": _NO_SPEAKER}
        cursor = conn.execute(
            "SELECT id, doc_id, seq, kind, coalesce(speaker, '') FROM quotations ORDER BY id")
        # In chunks, to keep the peak memory of a million row tuples away.
        while rows := cursor.fetchmany(_CHUNK):
            if not all(map(position.__contains__, map(_DOC_ID, rows))):
                rows = [r for r in rows if r[1] in position]  # rows the caller does not show
            self.quote_ids.extend(map(_ID, rows))
            self.quote_doc.extend(map(position.__getitem__, map(_DOC_ID, rows)))
            self.quote_seq.extend(map(_SEQ, rows))
            kind_codes.extend(map(codes.__getitem__, map(_KIND, rows)))
            spoken = list(map(_SPEAKER, rows))
            for name in set(spoken) - number.keys():
                number[name] = len(number) - 1
            self.quote_speaker.extend(map(number.__getitem__, spoken))
        self.quote_kind = bytes(kind_codes)
        del number[""]
        names = list(number)
        count = len(self.quote_ids)
        self._by_doc = array("I", sorted(range(count), key=self.quote_doc.__getitem__))
        self._doc_first = _firsts(Counter(self.quote_doc), len(self.rows))
        by_speaker = array("I", sorted(range(count), key=self.quote_speaker.__getitem__))
        firsts = _firsts(Counter(self.quote_speaker), len(names))
        self._speaker_quotes = [by_speaker[firsts[n] : firsts[n + 1]] for n in range(len(names))]
        doc = self.quote_doc
        self._speaker_docs = [array("I", sorted(set(map(doc.__getitem__, quotes))))
                              for quotes in self._speaker_quotes]
        self._kind_docs = [
            set(compress(doc, self.quote_kind.translate(bytes(int(k == code) for k in range(256)))))
            for code in range(len(KINDS))
        ]
        self.speaker_names = names
        self._speaker_number = number
        self.speakers = SpeakerNames(
            Counter({name: len(self._speaker_quotes[n]) for n, name in enumerate(names)}))
        self._quote_order: tuple[array, array] | None = None
        self.quote_order()

    def quotes_in(self, doc: int) -> array:
        """Positions of the quotations of document ``doc``, in ``seq`` order."""
        return self._by_doc[self._doc_first[doc] : self._doc_first[doc + 1]]

    # -- look-ups ------------------------------------------------------------------------

    def docs_at(self, rows: list[tuple[int]]) -> set[int]:
        """Positions of the documents whose ids are the single values of ``rows``."""
        found = set(map(self.position.get, chain.from_iterable(rows)))
        found.discard(None)  # type: ignore[arg-type]
        return found  # type: ignore[return-value]

    def quotes_at(self, rows: list[tuple[int]]) -> set[int]:
        """Positions of the quotations whose ids are the single values of ``rows``."""
        ids = self.quote_ids
        if ids and ids[-1] - ids[0] == len(ids) - 1:  # no gaps: positions by subtraction
            first, count = ids[0], len(ids)
            return {r - first for r in chain.from_iterable(rows) if 0 <= r - first < count}
        return {q for (r,) in rows if (q := self.quote_index(r)) is not None}

    def titles_with(self, chosen: Iterable[str]) -> set[int]:
        """Positions of titles holding any of the words ``chosen``."""
        postings = self.title_postings
        return set().union(*(postings[w] for w in chosen if w in postings))

    def quote_index(self, ident: int) -> int | None:
        """Position in the quotation arrays of quotation row ``ident`` (None if not shown)."""
        at = bisect.bisect_left(self.quote_ids, ident)
        if at < len(self.quote_ids) and self.quote_ids[at] == ident:
            return at
        return None

    def quotes_by(self, names: Iterable[str], newest: int | None = None) -> set[int]:
        """Quotations attributed to any of the speaker ``names``; only the ``newest`` ones
        (by their document's date) when given."""
        numbers = {self._speaker_number[n] for n in names if n in self._speaker_number}
        quotes = self._speaker_quotes
        total = sum(len(quotes[n]) for n in numbers)
        if newest is None or total <= newest:
            return set().union(*(quotes[n] for n in numbers))
        quote_age, order = self.quote_order()
        if total < 10 * newest:  # sparse: sort them
            return set(heapq.nsmallest(newest, chain.from_iterable(quotes[n] for n in numbers),
                                       key=quote_age.__getitem__))
        out: set[int] = set()
        speaker = self.quote_speaker
        for q in order:  # dense: the newest come early in the walk
            if speaker[q] in numbers:
                out.add(q)
                if len(out) >= newest:
                    break
        return out

    def titles_matching(self, pattern: re.Pattern[str], among: set[int]) -> set[int]:
        """Positions in ``among`` of titles ``pattern`` finds in their accent-folded text
        (case kept)."""
        cased, search = self._cased, pattern.search
        return {n for n in among if search(cased[n])}

    def titles_found(self, resolved: Resolved) -> set[int]:
        """Positions of the folded titles where ``resolved`` matches: one scan of all titles
        joined (a regex over 100k titles takes about 10 ms)."""
        joined, starts = self._joined, self._starts
        return {bisect.bisect_right(starts, m.start()) - 1 for m in resolved.finditer(joined)}

    def quote_order(self) -> tuple[array, array]:
        """Per quotation its document's age, and quotation positions newest first."""
        if self._quote_order is None:
            age = self.age
            quote_age = array("i", (age[d] for d in self.quote_doc))
            order = array("I", sorted(range(len(quote_age)), key=quote_age.__getitem__))
            self._quote_order = (quote_age, order)
        return self._quote_order

    def docs_of(self, names: Iterable[str]) -> set[int]:
        """Positions of documents quoting any of the speaker ``names``."""
        number = self._speaker_number
        return set().union(*(self._speaker_docs[number[name]] for name in names
                             if name in number))

    def kind_codes(self, value: str) -> set[int]:
        """Codes of the kinds ``value`` names (a prefix will do)."""
        return {n for n, kind in enumerate(KINDS) if kind.startswith(value)}

    def quotes_of_kinds(self, codes: set[int]) -> set[int]:
        """Positions of the quotations of the kinds ``codes`` (a scan in C)."""
        mask = self.quote_kind.translate(bytes(int(k in codes) for k in range(256)))
        return set(compress(range(len(mask)), mask))

    def docs_with_kind(self, codes: set[int]) -> set[int]:
        """Positions of documents with a quotation of one of the kinds ``codes``."""
        return set().union(*(self._kind_docs[c] for c in codes))

    def docs_dated(self, value: str) -> set[int]:
        """``date:`` semantics: a prefix (``2021-12``) or an inclusive ``a..b`` range."""
        low, dots, high = value.partition("..")
        if not dots:
            high = value
        lo = bisect.bisect_left(self._by_date, (low, -1)) if low else 0
        hi = (bisect.bisect_left(self._by_date, (high + "\U0010ffff", -1)) if high
              else len(self._by_date))
        return {n for _, n in self._by_date[lo:hi]}

    def docs_from_sources(self, matches: dict[str, float]) -> dict[int, float]:
        """Documents whose folded source has a word in ``matches`` (word → quality)."""
        out: dict[int, float] = {}
        for source, docs in self._by_source.items():
            quality = max((matches.get(w, 0.0) for w in words(source)), default=0.0)
            if quality:
                out.update(dict.fromkeys(docs, quality))
        return out

    def docs_with_source(self, test: Callable[[str], object]) -> set[int]:
        """Documents whose folded source passes ``test``."""
        return set().union(*(docs for source, docs in self._by_source.items() if test(source)))

    def source_words(self) -> set[str]:
        """Every word of every source."""
        return {w for source in self._by_source for w in words(source)}


def _firsts(counts: Counter[int], size: int) -> array:
    """Where each key's run starts in an array sorted by key, for keys ``0..size-1``
    (``size + 1`` entries: the last is the end)."""
    firsts = array("I", [0])
    total = 0
    for key in range(size):
        total += counts.get(key, 0)
        firsts.append(total)
    return firsts


def _initials(title: str) -> str:
    """`` t th c cl `` for "The climate": first one and two letters of each word, spaced."""
    parts = set()
    for word in words(title):
        parts.add(word[:1])
        parts.add(word[:2])
    return " " + " ".join(sorted(parts)) + " "


def _read_vocabulary(path: str, out: list[Vocabulary]) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            out.append(_vocabulary(conn))
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # read over the main connection instead


def _vocabulary(conn: sqlite3.Connection) -> Vocabulary:
    counts: dict[str, int] = {}
    for term, docs in conn.execute("SELECT term, doc FROM doc_vocab"):
        counts[term] = docs
    return Vocabulary(counts, counts)
