"""What a searcher keeps in memory of an index, loaded once: compact and bounded.

Per shown row: folded title, source and date rank; the titles' words with the titles
holding each. Per quotation, in compact
arrays (about 20 bytes each): its document's position, its ``seq``, its kind and its
speaker, and the orders by document, speaker and date. Speaker names with their quotation
counts; the full-text vocabulary with document counts (for spelling correction). Sets
derived from them (a speaker's documents, a kind's documents, a busy speaker's documents
newest first as a 4-byte array) are made on first use; the last answers for short
prefixes and for sets of speakers are kept (bounded: tens of MB at 100k articles).

The quotation arrays and the vocabulary are precomputed by the index
(:mod:`tui.core.index.searchcache`) and read back as blobs: at 100k articles and 1.9M
quotations loading takes well under a second, most of it the titles; without that cache
(an in-memory index) they are computed here. :class:`~tui.core.search.sqlsearch.IndexSearch`
loads once, on first use or ahead of time through ``warm()``.
"""

from __future__ import annotations

import bisect
import heapq
import re
import sqlite3
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, compress
from typing import Protocol, TypeVar

from tui.core.index import searchcache
from tui.core.index.searchcache import KINDS
from tui.core.search.fold import fold, fold_accents, words
from tui.core.search.matcher import Resolved, Vocabulary
from tui.core.search.speakers import SpeakerNames

_NO_ROW = 0xFFFFFFFF
_T = TypeVar("_T")
#: Speakers with at least this many quotations keep their documents' places (newest first,
#: made on first use); the quotations of the others are mapped each time (a few each).
_BUSY = 20
#: Unions of several speakers' documents kept (least recently used forgotten first).
_UNIONS = 12
#: A title word in this many titles has its set kept (the last _COMMON_WORDS of them:
#: about 2 MB each for a word in 20k titles).
_COMMON_TITLE_WORD = 2000
_COMMON_WORDS = 12
#: Answers for short prefixes kept (at most SHORT_LIMIT documents each: about 10 MB).
_RECENT = 32


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
        """Load from ``conn``: the titles from ``rows``, the rest from the index's
        precomputed :mod:`~tui.core.index.searchcache` (computed here when it has none).
        ``path`` is accepted for compatibility and not used."""
        self.rows = rows
        self.position = {row.id: n for n, row in enumerate(rows)}
        self.titles = [fold(row.title) for row in rows]
        self.sources = [fold(row.source or "") for row in rows]
        dates = sorted({row.date for row in rows if row.date})
        rank = {date: i + 1 for i, date in enumerate(dates)}
        self.date_rank = array("I", (rank.get(row.date or "", 0) for row in rows))
        #: Minus the date rank: sorts newest first.
        self.age = array("i", (-r for r in self.date_rank))
        self._by_date = sorted((row.date, n) for n, row in enumerate(rows) if row.date)
        #: Row positions, newest first (ties in row order), for scans that stop early.
        self.newest_first = sorted(range(len(rows)), key=self.age.__getitem__)
        #: Per row position, its place in ``newest_first``.
        self.newest_rank = array("I", bytes(4 * len(rows)))
        for place, n in enumerate(self.newest_first):
            self.newest_rank[n] = place
        #: Per row position, whether its text opens with its title, as learnt when read
        #: (0 not known, 1 yes, 2 no).
        self.opens_with_title = bytearray(len(rows))
        self._by_source: defaultdict[str, list[int]] = defaultdict(list)
        for n, source in enumerate(self.sources):
            if source:
                self._by_source[source].append(n)
        self._cased = [fold_accents(row.title) for row in rows]  # as long as the titles
        self._joined = "\n".join(title.replace("\n", " ") for title in self.titles)
        self._starts = array("I", accumulate((len(t) + 1 for t in self.titles), initial=0))
        cache = searchcache.load(conn)
        if cache is None or not self._load_quotations(cache):
            # No cache (an in-memory index, or one being refreshed), or rows that leave
            # documents out: computed for these rows (seconds at 100k articles).
            cache = searchcache.compute(conn, set(self.position))
            self._load_quotations(cache)
        if self._listed_as_cached:
            #: Title words → positions of the titles holding them.
            self.title_postings: dict[str, array] = {}
            at, runs = 0, cache.title_rows
            for word, count in zip(cache.title_terms, cache.title_counts, strict=True):
                self.title_postings[word] = runs[at : at + count]
                at += count
            self.title_words = Vocabulary.from_sorted(
                cache.title_terms, dict(zip(cache.title_terms, cache.title_counts, strict=True)))
        else:
            lists: defaultdict[str, list[int]] = defaultdict(list)
            for n, found in enumerate(map(set, map(words, self.titles))):
                for word in found:
                    lists[word].append(n)
            self.title_postings = {w: array("I", ids) for w, ids in lists.items()}
            self.title_words = Vocabulary(self.title_postings)
        terms = cache.vocab_terms
        self.vocabulary = Vocabulary.from_sorted(terms, dict(zip(terms, cache.vocab_docs,
                                                                 strict=True)))

    def _load_quotations(self, cache: searchcache.Cache) -> bool:
        """Take the quotation arrays of ``cache``, mapping document ids to row positions
        (in C); False when a quotation's document is not among the rows."""
        rows = self.rows
        self._listed_as_cached = cache.row_ids == array("I", (row.id for row in rows))
        if self._listed_as_cached:  # the same rows: positions as stored
            self.quote_doc = cache.quote_rows
            self._doc_first, self._doc_count = cache.doc_first, cache.doc_count
        else:
            top = max(max((row.id for row in rows), default=0),
                      max(cache.run_doc_ids, default=0))
            position = array("I", [_NO_ROW]) * (top + 1)
            for n, row in enumerate(rows):
                position[row.id] = n
            self.quote_doc = array("I", map(position.__getitem__, cache.quote_doc_ids))
            if _NO_ROW in self.quote_doc:
                return False
            self._doc_first = array("I", [0]) * len(rows)
            self._doc_count = array("I", [0]) * len(rows)
            first = 0
            for doc_id, count in zip(cache.run_doc_ids, cache.run_counts, strict=True):
                doc = position[doc_id]
                self._doc_first[doc] = first
                self._doc_count[doc] = count
                first += count
        self.quote_ids = cache.quote_ids  # row ids, ascending: FTS rowids map by bisection
        self.quote_seq = cache.quote_seq
        self.quote_kind = cache.quote_kind
        self.quote_speaker = cache.quote_speaker
        self._by_doc = cache.by_doc
        self._by_speaker = cache.by_speaker
        self._speaker_firsts = cache.speaker_firsts
        names = cache.speaker_names
        firsts = cache.speaker_firsts
        self.speaker_names = names
        self._speaker_number = {name: n for n, name in enumerate(names)}
        self._speaker_docs: dict[int, set[int]] = {}
        self._speaker_newest: dict[int, array] = {}
        self._speaker_unions: dict[frozenset[int], set[int]] = {}
        self._recent = _Recent(_RECENT)
        self._common_words = _Recent(_COMMON_WORDS)
        self._kind_docs: dict[int, set[int]] = {}
        self.speakers = SpeakerNames(
            Counter({name: firsts[n + 1] - firsts[n] for n, name in enumerate(names)}))
        self._newest_quotes = cache.newest_first
        self._quote_order: tuple[array, array] | None = None
        return True

    def quotes_in(self, doc: int) -> array:
        """Positions of the quotations of document ``doc``, in ``seq`` order."""
        first = self._doc_first[doc]
        return self._by_doc[first : first + self._doc_count[doc]]

    def _quotes_of(self, speaker: int) -> array:
        """Positions of the quotations of speaker number ``speaker``."""
        firsts = self._speaker_firsts
        return self._by_speaker[firsts[speaker] : firsts[speaker + 1]]

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
        """Positions of titles holding any of the words ``chosen``. One word in many titles
        is answered from the sets kept for the last few such words (typing a second word
        asks for the first one's again). Shared: do not change the set."""
        postings = self.title_postings
        present = [w for w in chosen if w in postings]
        if len(present) == 1 and len(postings[present[0]]) >= _COMMON_TITLE_WORD:
            word = present[0]
            return self._common_words.get(word, lambda: set(postings[word]))
        return set().union(*(postings[w] for w in present))

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
        quotes = {n: self._quotes_of(n) for n in numbers}
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

    def titles_starting(
        self, prefix: str, limit: int, test: Callable[[int], object] | None = None
    ) -> tuple[set[int], bool]:
        """The newest ``limit`` titles (ties in row order) with a word beginning with
        ``prefix`` (and passing ``test``, given a position), and whether there were more.

        A rare prefix is answered from the word index; a common one (a letter or two) by
        walking the titles newest first, which stops after ``limit`` finds. Without a
        ``test`` the answers to the last few prefixes are kept (a letter or two recurs
        with every word typed). Shared: do not change the set."""
        if test is not None:
            return self._titles_starting(prefix, limit, test)
        return self._recent.get(("titles", prefix, limit),
                                lambda: self._titles_starting(prefix, limit))

    def _titles_starting(
        self, prefix: str, limit: int, test: Callable[[int], object] | None = None
    ) -> tuple[set[int], bool]:
        postings = self.title_postings
        chosen = self.title_words.prefixed(prefix)
        total = sum(len(postings[w]) for w in chosen)
        # Reading the postings costs about one step per entry; the walk about fifteen per
        # title passed, and it passes limit / share of the titles.
        share = min(1.0, total / max(len(self.rows), 1))
        if total <= (15 * limit / share if share else float("inf")):
            found = set().union(*(postings[w] for w in chosen))
            if test is not None:
                found = {n for n in found if test(n)}
            if len(found) <= limit:
                return found, False
            return set(sorted(found, key=self.newest_rank.__getitem__)[:limit]), True
        search = re.compile(r"(?<!\w)" + re.escape(prefix)).search
        titles = self.titles
        out: list[int] = []
        for n in self.newest_first:
            if search(titles[n]) and (test is None or test(n)):
                out.append(n)
                if len(out) >= limit:
                    return set(out), True
        return set(out), False

    def titles_matching(self, pattern: re.Pattern[str], among: set[int]) -> set[int]:
        """Positions in ``among`` of titles ``pattern`` finds in their accent-folded text
        (case kept)."""
        ids = list(among)  # tested in C: map, compress
        return set(compress(ids, map(pattern.search, map(self._cased.__getitem__, ids))))

    def titles_found(self, resolved: Resolved) -> set[int]:
        """Positions of the folded titles where ``resolved`` matches: one scan of all titles
        joined (a regex over 100k titles takes about 10 ms)."""
        joined, starts = self._joined, self._starts
        return {bisect.bisect_right(starts, m.start()) - 1 for m in resolved.finditer(joined)}

    def quote_order(self) -> tuple[array, array]:
        """Per quotation its document's age, and quotation positions newest first."""
        if self._quote_order is None:
            quote_age = array("i", map(self.age.__getitem__, self.quote_doc))
            self._quote_order = (quote_age, self._newest_quotes)
        return self._quote_order

    def docs_of(self, names: Iterable[str]) -> set[int]:
        """Positions of documents quoting any of the speaker ``names`` (per speaker,
        computed on first use; the unions of the last few sets of names kept, as a word
        being typed names the same speakers keystroke after keystroke). Shared: do not
        change it."""
        number, cached, doc = self._speaker_number, self._speaker_docs, self.quote_doc
        numbers = frozenset(number[name] for name in names if name in number)
        unions = self._speaker_unions
        found = unions.pop(numbers, None)
        if found is None:
            for n in numbers - cached.keys():
                cached[n] = set(map(doc.__getitem__, self._quotes_of(n)))
            found = (cached[next(iter(numbers))] if len(numbers) == 1
                     else set().union(*(cached[n] for n in numbers)))
            while len(unions) >= _UNIONS:
                del unions[next(iter(unions))]
        unions[numbers] = found
        return found

    def speaker_numbers(self, names: Iterable[str]) -> set[int]:
        """The numbers of the speaker ``names`` (those quoted)."""
        number = self._speaker_number
        return {number[name] for name in names if name in number}

    def newest_docs_of(self, names: Iterable[str], limit: int) -> tuple[set[int], bool]:
        """The newest ``limit`` documents (ties in row order) quoting any of the speaker
        ``names``, and whether there were more (the answers for the last few sets of names
        kept; shared: do not change the set)."""
        chosen = frozenset(names)
        return self._recent.get(("speakers", chosen, limit),
                                lambda: self._newest_docs_of(chosen, limit))

    def _newest_docs_of(self, names: Iterable[str], limit: int) -> tuple[set[int], bool]:
        """:meth:`newest_docs_of`, computed. A speaker quoted often keeps its documents
        as places in :attr:`newest_first`, ascending, so a one-letter prefix naming
        hundreds of speakers takes only the places before the first ``limit`` of its
        busiest one; the rarely quoted's few quotations are mapped to places as they come."""
        number, firsts = self._speaker_number, self._speaker_firsts
        busy: list[array] = []
        rare: list[array] = []
        for name in names:
            n = number.get(name)
            if n is None:
                continue
            if firsts[n + 1] - firsts[n] >= _BUSY:
                busy.append(self._newest_places(n))
            else:
                rare.append(self._quotes_of(n))
        rank, doc = self.newest_rank, self.quote_doc
        others = set(map(rank.__getitem__, map(doc.__getitem__, chain.from_iterable(rare))))
        # No more than `limit` places come before the limit-th place of any one speaker.
        bound = min((places[limit - 1] for places in busy if len(places) >= limit),
                    default=None)
        if bound is None:
            places = others.union(*busy)
            more = False
        else:
            places = {r for r in others if r <= bound}
            more = len(places) < len(others) or any(p[-1] > bound for p in busy)
            places = places.union(*(p[: bisect.bisect_right(p, bound)] for p in busy))
        if len(places) > limit:
            places = sorted(places)[:limit]
            more = True
        return set(map(self.newest_first.__getitem__, places)), more

    def _newest_places(self, speaker: int) -> array:
        """Places in :attr:`newest_first` of the documents quoting speaker number
        ``speaker``, ascending (computed on first use; 4 bytes a document)."""
        found = self._speaker_newest.get(speaker)
        if found is None:
            rank, doc = self.newest_rank, self.quote_doc
            found = self._speaker_newest[speaker] = array(
                "I", sorted(set(map(rank.__getitem__, map(doc.__getitem__,
                                                          self._quotes_of(speaker))))))
        return found

    def kind_codes(self, value: str) -> set[int]:
        """Codes of the kinds ``value`` names (a prefix will do)."""
        return {n for n, kind in enumerate(KINDS) if kind.startswith(value)}

    def quotes_of_kinds(self, codes: set[int]) -> set[int]:
        """Positions of the quotations of the kinds ``codes`` (a scan in C)."""
        mask = self.quote_kind.translate(bytes(int(k in codes) for k in range(256)))
        return set(compress(range(len(mask)), mask))

    def docs_with_kind(self, codes: set[int]) -> set[int]:
        """Positions of documents with a quotation of one of the kinds ``codes``."""
        cached = self._kind_docs
        for code in set(codes) - cached.keys():
            mask = self.quote_kind.translate(bytes(int(k == code) for k in range(256)))
            cached[code] = set(compress(self.quote_doc, mask))
        return set().union(*(cached[c] for c in codes))

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


class _Recent:
    """The last few answers of pure look-ups, least recently used forgotten first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._kept: dict[object, object] = {}

    def get(self, key: object, make: Callable[[], _T]) -> _T:
        """The answer kept for ``key``, else ``make()`` (then kept)."""
        kept = self._kept
        found = kept.pop(key, _MISSING)
        if found is _MISSING:
            found = make()
            while len(kept) >= self._size:
                del kept[next(iter(kept))]
        kept[key] = found
        return found  # type: ignore[return-value]


_MISSING = object()
