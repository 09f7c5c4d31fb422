"""Search over the SQLite corpus index (:mod:`tui.core.index.schema`).

:class:`IndexSearch` answers the query language of :mod:`.query` with the hits of
:mod:`.hits`, from an SQLite connection plus the rows the UI lists. A query is parsed, each
term resolved against the index's vocabulary (:mod:`.matcher`: exact words, prefixes,
corrected spellings: ``trmp`` → trump, ``hilary`` → hillary), and each field asked in its
cheapest way:

* titles: a word index in memory; one- and two-letter words begin the words of the newest
  :data:`SHORT_LIMIT` titles (from the word index when rare, else a walk newest first);
* speakers, sources, dates, kinds: in memory (:mod:`.tables`);
* quotations and bodies: FTS5, every query ``LIMIT``-ed (:data:`BODY_LIMIT`), bodies ranked
  by bm25 when their words are rare enough for that to be quick, long prefixes sent as the
  words they begin (:mod:`.fts`); words under three letters are not asked of them. A
  query of several words also asks FTS5 for their conjunction, so documents that have them
  all only in the body are found.

Scoring (constants in :mod:`.ranking`): per AND group the best field's
``weight × quality``, groups added, a bonus when the query's words stand side by side; ties
go to newer documents, then to row order; computed by classes of equal score
(:mod:`.topk`). The first :data:`REFINE` hits then have their text read: scroll offsets,
the quotation they were found through, and body matches near the top or repeated count
more (re-ordering within those hits). Hits further down come with ``offset=None`` (and
``quote=None``): :meth:`IndexSearch.locate` completes the one shown. Title marks come with
the first :data:`MARKS_LIMIT` hits; :meth:`IndexSearch.title_marks` gives the others.

Smart case: a term typed with a capital is checked against the original text of every
candidate (titles and names in memory; bodies and quotations read, at most
:data:`CASE_LIMIT` documents per quality tier).

Memory and start-up: :meth:`IndexSearch.warm` loads :class:`~.tables.Tables` (at 100k
articles and 1.7M quotations: 5–10 s on two busy cores, about 240 MB); the first search
does it otherwise. Call it in a worker right after opening.

Threads: a searcher runs one search at a time (a lock); searches are meant for a worker
thread. Given ``path`` it opens its own read-only connection (and reads the vocabulary over
a second one while warming); otherwise it uses the connection it is given (an in-memory
index can be reached only through that one), which must be opened with
``check_same_thread=False`` (as :func:`tui.core.index.database.connect` does). While
searching it installs a progress handler on that connection, so a cancelled search also
interrupts the SQLite statement it is running: do not share that connection with other
long statements meanwhile.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import compress
from pathlib import Path

from tui.core.index.records import unpack_text
from tui.core.model import Document
from tui.core.search import fts, topk
from tui.core.search.fold import WORD_RE, fold
from tui.core.search.hits import DocHit, QuoteHit, SpeakerHit
from tui.core.search.matcher import (
    PREFIX_QUALITY,
    Highlighter,
    Resolved,
    locate,
    resolve,
    text_terms,
)
from tui.core.search.query import (
    EXACT,
    FUZZY,
    META,
    PHRASE,
    PREFIX,
    SUFFIX,
    WORD,
    Query,
    Term,
    parse_query,
)
from tui.core.search.ranking import (
    DOC_FIELDS,
    LEDE_BONUS,
    LEDE_CHARS,
    REPEAT_BONUS,
    SECONDARY_BODY,
    TEXT_PHRASE_BONUS,
    TITLE_PHRASE_BONUS,
    WEIGHTS,
    Entry,
    best_per_id,
)
from tui.core.search.smartcase import found_with_case, typed_pattern
from tui.core.search.speakers import word_quality
from tui.core.search.tables import Row, Tables

#: Hits returned by :meth:`IndexSearch.search` when no limit is given.
DEFAULT_LIMIT = 1000
#: Rows one FTS query on quotations or bodies returns at most.
BODY_LIMIT = 500
#: Body matches are ordered by bm25 when their words are in at most this many documents
#: (bm25 must score every match); otherwise the first ones found are taken.
RANK_MAX_DOCS = 2000
#: Body matches and quotations checked for smart case, per query (their text is read).
CASE_LIMIT = 100
#: One- and two-letter title matches kept (newest first); they all score alike.
SHORT_LIMIT = 5000
#: Hits whose title marks are computed (the rest: :meth:`IndexSearch.title_marks`).
MARKS_LIMIT = 200
#: Best hits whose text is read to place the offset and weigh body matches.
REFINE = 50
#: A negated term's words in more documents than this are not read whole: the ranked hits
#: are checked one by one instead, at most :data:`EXCLUDE_CHECKS` of them (the rest are cut).
EXCLUDE_READ = 10_000
EXCLUDE_CHECKS = 200
#: Shortest term asked of quotations and bodies.
MIN_TEXT_TERM = 3
_PROGRESS_STEPS = 2000

_SCORED = tuple[float, int, int, str | None, int]
_Scores = tuple[dict[int, tuple[float, str | None]], list[Entry]]
_NOTHING: tuple[float, str | None] = (0.0, None)
#: Entries up to this size are merged into a dict to score quotations by.
_SMALL = 5000
#: Terms whose matches are kept from one search to the next.
_REMEMBERED = 16


class Cancelled(Exception):
    """A search gave up because ``should_stop()`` said so (:meth:`IndexSearch.find`)."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits of :meth:`IndexSearch.find`, best first, and whether more matched than shown.

    ``capped`` is True when ``hits`` was cut to the limit or when a bounded step (a ``LIMIT``
    on bodies or quotations) may have left matches out; ``total`` is the number of matching
    documents found before the cut (a lower bound when capped).
    """

    hits: list[DocHit]
    total: int
    capped: bool


class IndexSearch:
    """Fuzzy, accent-folding, smart-case search over an SQLite corpus index.

    ``rows`` are the documents as listed (each with ``id``, ``title``, ``date``,
    ``source``, e.g. ``CorpusIndex.rows()``); a hit's ``doc`` is a position in ``rows``.
    """

    def __init__(
        self, conn: sqlite3.Connection | None, rows: Sequence[Row], path: str | Path | None = None
    ) -> None:
        if path is not None:
            conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True,
                                   check_same_thread=False)
        if conn is None:
            raise ValueError("IndexSearch needs a connection or a path")
        self.conn = conn
        self.rows = rows
        self._own = path is not None
        self._path = str(Path(path).resolve()) if path is not None else None
        self._tables: Tables | None = None
        self._lock = threading.RLock()
        self._resolved: dict[tuple[Term, bool], Resolved] = {}
        self._entries: dict[tuple[str, Term], object] = {}
        self._stop: Callable[[], bool] = _never

    # -- setup -----------------------------------------------------------------------------

    def warm(self) -> None:
        """Load what searching keeps in memory (seconds at 100k articles), if not yet done.

        Called by the first search otherwise; call it in a worker after opening so the
        first keystroke does not wait."""
        self.tables  # noqa: B018

    @property
    def tables(self) -> Tables:
        """The in-memory side (loaded on first use)."""
        if self._tables is not None:
            return self._tables
        with self._lock:
            if self._tables is None:
                self._tables = Tables(self.conn, self.rows, self._path)
            return self._tables

    def close(self) -> None:
        """Close the connection this searcher opened itself (none otherwise)."""
        if self._own:
            self.conn.close()

    def clear_cache(self) -> None:
        """Forget resolved query terms and what they matched (cached while the user types)."""
        self._resolved.clear()
        self._entries.clear()

    # -- documents ------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int | None = DEFAULT_LIMIT,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[DocHit]:
        """Documents matching ``query``, best first, at most ``limit`` (None: every match
        the bounded steps found). Blank query: ``[]`` (the caller shows everything).
        When ``should_stop()`` turns True the search gives up and returns ``[]``."""
        try:
            return self.find(query, limit, should_stop).hits
        except Cancelled:
            return []

    def find(
        self,
        query: str,
        limit: int | None = DEFAULT_LIMIT,
        should_stop: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Like :meth:`search`, with the count and whether it was capped; raises
        :class:`Cancelled` when ``should_stop()`` turns True (polled between steps and
        inside SQLite statements)."""
        parsed = parse_query(query)
        if parsed.empty:
            return SearchResult([], 0, False)
        with self._searching(should_stop):
            return self._search(parsed, limit)

    def locate(self, query: str, hit: DocHit, document: Document) -> DocHit:
        """``hit`` (found for ``query``) completed from its ``document``: the quotation it
        was found through, when the search left that to this call (hits past the first
        :data:`REFINE`), and the ``offset`` to scroll to: the start of its quotation, else
        the first match of the query in the body (in the title when the body has none).
        Unchanged when it has an offset. Finding a quotation waits for a running search."""
        if hit.offset is not None:
            return hit
        parsed = parse_query(query)
        about_quotes = hit.field in ("quotation", "speaker") or any(
            all(_about_quotations(t) for t in group) for group in parsed.groups)
        if hit.quote is None and about_quotes and hit.doc < len(self.rows):
            with self._searching(None):
                hit = self._with_quote(parsed, hit)
        if hit.quote is not None and hit.quote < len(document.quotations):
            return replace(hit, offset=document.quotations[hit.quote].start)
        if hit.field not in ("title", "body"):
            return hit
        terms = [self._term_resolved(t) for t in text_terms(parsed.positive_terms())]
        start = document.body_start if hit.field == "body" else 0
        return replace(hit, offset=_first_match(terms, fold(document.text), start))

    def _with_quote(self, parsed: Query, hit: DocHit) -> DocHit:
        """``hit`` with the quotation that best matches ``parsed``, if it is about one."""
        quotes = self._quote_constraint(parsed)
        if hit.field not in ("quotation", "speaker") and quotes is None:
            return hit
        q, where = self._best_quote(hit.doc, self._quote_scores(parsed, {}), quotes)
        if q is None:
            return hit
        field = (where or hit.field) if hit.field in ("quotation", "speaker") else hit.field
        return replace(hit, quote=self.tables.quote_seq[q], field=field)

    def title_marks(self, query: str, position: int) -> tuple[int, ...]:
        """Offsets to highlight in the title of row ``position`` for ``query`` (hits past
        the first :data:`MARKS_LIMIT` come without them)."""
        terms = [self._term_resolved(t) for t in text_terms(parse_query(query).positive_terms())]
        return Highlighter(terms).positions(self.tables.titles[position])

    # -- internals: searching ---------------------------------------------------------------

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

    def _search(self, parsed: Query, limit: int | None) -> SearchResult:
        tables = self.tables
        self._check()
        groups: list[list[Entry]] = []
        candidates: set[int] | None = None
        capped = False
        together_docs, together_quotes, cut = self._together(parsed)
        capped |= cut
        for n, group in enumerate(parsed.groups):
            entries: list[Entry] = []
            for term in group:
                found, cut = self._doc_entries(term)
                entries += found
                capped |= cut
            if n in together_quotes:
                entries.append((WEIGHTS["body"] * PREFIX_QUALITY, "body", together_docs))
                quote_docs = {tables.quote_doc[q] for q in together_quotes[n]}
                entries.append((WEIGHTS["quotation"] * PREFIX_QUALITY, "quotation", quote_docs))
            self._check()
            matched = set().union(*(ids for _, _, ids in entries))
            candidates = matched if candidates is None else candidates & matched
            groups.append(entries)
        if candidates is None:
            candidates = set(range(len(tables.rows)))
        deferred: list[str] = []  # exclusions too common to read whole: checked per hit
        for term in parsed.excludes:
            common = self._common_exclusion(term)
            if common is None:
                candidates -= self._excluded_docs(term)
            else:
                candidates -= self._excluded_docs(term, text=False) | common[1]
                candidates -= tables.titles_with(w.strip('"') for w in common[0])
                deferred += common[0]
        quotes = self._quote_constraint(parsed)
        if quotes is not None:
            candidates &= quotes.docs(tables)
        if not candidates:
            return SearchResult([], 0, capped)
        self._check()
        phrase, in_text = self._adjacent_phrase(parsed, candidates)
        # Documents whose score is more than their class's: body mentions besides a better
        # field, or the query's words side by side. Few: scored one by one.
        bodies = [set().union(*(ids for _, f, ids in es if f == "body")) for es in groups]
        special = (set().union(*bodies) | in_text) & candidates
        extra = {ident: self._score(groups, ident, phrase, in_text)[0] for ident in special}
        self._check()
        wanted = limit if not deferred else min(limit or EXCLUDE_CHECKS, EXCLUDE_CHECKS)
        ranked = topk.best(topk.classes(groups, candidates), extra, tables.age, wanted,
                           tables.newest_first)
        total_found = len(candidates)
        if deferred:
            checked = len(ranked)
            ranked = self._without(ranked, deferred)
            total_found -= checked - len(ranked)
            capped |= checked < len(candidates)
        capped |= len(ranked) < total_found
        scored: list[_SCORED] = []
        for total, ident in ranked:
            _, field, which = self._score(groups, ident, None, set())
            scored.append((-total, tables.age[ident], ident, field, which))
        self._check()
        in_titles = set().union(*(ids for es in groups for _, f, ids in es if f == "title"))
        hits = self._doc_hits(parsed, scored, in_titles, quotes, together_quotes)
        return SearchResult(hits, total_found, capped)

    def _score(
        self, groups: list[list[Entry]], ident: int, phrase: str | None, in_text: set[int]
    ) -> tuple[float, str | None, int]:
        """Score of document ``ident``, the field of its best match and that match's group."""
        total, top, field, which = 0.0, -1.0, None, 0
        for group, entries in enumerate(groups):
            value, where, body = 0.0, None, 0.0
            for v, f, ids in entries:
                if ident in ids:
                    if v > value:
                        value, where = v, f
                    if f == "body" and v > body:
                        body = v
            total += value
            if where != "body":
                total += SECONDARY_BODY * body
            if value > top:
                top, field, which = value, where, group
        if phrase:
            if phrase in self.tables.titles[ident]:
                total += TITLE_PHRASE_BONUS
            elif ident in in_text:
                total += TEXT_PHRASE_BONUS
        return round(total, 6), field, which

    def _together(self, parsed: Query) -> tuple[set[int], dict[int, set[int]], bool]:
        """Documents, and quotations, whose text matches every word group at once.

        Each term's own queries are bounded, so a document matching two common words only
        in its body could fall out of their intersection; one FTS5 ``AND`` query per table
        finds such documents (bounded too, but over the conjunction). Returns the documents,
        the quotations per group index, and whether a bound was hit."""
        parts: dict[int, str] = {}
        for n, group in enumerate(parsed.groups):
            if any(t.mode == META or t.field not in (None, "body", "quotation") or t.case
                   for t in group):
                continue  # filters are not text; smart case needs each match checked
            vocabulary = self.tables.vocabulary
            expr = fts.either([fts.anything(self._term_resolved(t), vocabulary) for t in group])
            if expr:
                parts[n] = expr
        if len(parts) < 2:
            return set(), {}, False
        tables = self.tables
        expr = " AND ".join(parts.values())
        rows = self._sql("SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? LIMIT ?",
                         (expr, BODY_LIMIT))
        docs = tables.docs_at(rows)
        quoted = self._sql("SELECT rowid FROM quote_fts WHERE quote_fts MATCH ? LIMIT ?",
                           (fts.in_columns(f"({expr})", ("content",)), BODY_LIMIT))
        quotes = tables.quotes_at(quoted)
        cut = len(rows) >= BODY_LIMIT or len(quoted) >= BODY_LIMIT
        return docs, dict.fromkeys(parts, quotes), cut

    # -- entries per field --------------------------------------------------------------------

    def _doc_entries(self, term: Term) -> tuple[list[Entry], bool]:
        """What ``term`` matches, as (value, field, positions) entries; and whether a
        bounded step may have left matches out."""
        key = ("doc", term)
        if key not in self._entries:
            self._remember(key, self._doc_entries_of(term))
        return self._entries[key]  # type: ignore[return-value]

    def _doc_entries_of(self, term: Term) -> tuple[list[Entry], bool]:
        tables = self.tables
        if term.mode == META:
            if term.field == "kind":
                return [(0.0, None, tables.docs_with_kind(tables.kind_codes(term.text)))], False
            return [(0.0, None, tables.docs_dated(term.text))], False
        resolved = self._term_resolved(term)
        fields = DOC_FIELDS if term.field is None else (term.field,)
        short = term.mode in (FUZZY, PREFIX) and len(term.text) < MIN_TEXT_TERM
        entries: list[Entry] = []
        capped = False
        for name in fields:
            weight = WEIGHTS[name]
            if name == "title":
                found = self._short_titles(term) if short else self._title_docs(resolved)
            elif name == "speaker":
                found = self._speaker_docs(resolved)
            elif name == "source":
                found = self._source_docs(resolved)
            elif short:
                continue
            elif name == "quotation":
                found = self._quote_docs(resolved)
            else:
                found = self._fts_docs(resolved, None, BODY_LIMIT)
            for quality, ids, cut in found:
                capped |= cut
                if ids:
                    entries.append((weight * quality, name, ids))
        return entries, capped

    def _fts_docs(
        self,
        resolved: Resolved,
        columns: tuple[str, ...] | None,
        limit: int | None,
        check_case: bool = True,
    ) -> list[tuple[float, set[int], bool]]:
        tables = self.tables
        counts = tables.vocabulary.counts
        cased = check_case and bool(resolved.term.case)
        if cased and limit is not None:
            limit = min(limit, CASE_LIMIT)
        out = []
        for quality, expr, tier_words in fts.tiers(resolved, tables.vocabulary):
            sql = "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?"
            if limit is not None:
                # bm25 scores every match: only worth it (and quick) for rarer words.
                rare = tier_words and sum(counts.get(w, 0) for w in tier_words) <= RANK_MAX_DOCS
                sql += (" ORDER BY rank" if rare else "") + f" LIMIT {limit}"
            rows = self._sql(sql, (fts.in_columns(expr, columns),))
            out.append((quality, tables.docs_at(rows), limit is not None and len(rows) >= limit))
        if cased:  # every text read once, whatever its tiers
            kept = self._cased_docs(resolved, set().union(*(ids for _, ids, _ in out)))
            out = [(quality, ids & kept, cut) for quality, ids, cut in out]
        return out

    def _title_docs(self, resolved: Resolved) -> list[tuple[float, set[int], bool]]:
        """Titles ``resolved`` matches, by quality, from the titles' words in memory."""
        tables = self.tables
        term = resolved.term
        if term.mode == PHRASE:
            candidates: set[int] | None = None
            for word in term.words:
                ids = tables.titles_with([word])
                candidates = ids if candidates is None else candidates & ids
            candidates = candidates or set()
            if len(candidates) > 2000:
                ids = tables.titles_found(resolved) & candidates
            else:
                ids = {n for n in candidates if resolved.search(tables.titles[n])}
            found = [(1.0, ids, False)]
        else:
            postings = tables.title_postings
            by_quality: defaultdict[float, list[str]] = defaultdict(list)
            for word, quality in resolved.words.items():
                if word in postings:
                    by_quality[quality].append(word)
            found = [(q, tables.titles_with(ws), False) for q, ws in by_quality.items()]
            if resolved.prefix is not None:
                prefixed = tables.title_words.prefixed(resolved.prefix)
                found.append((PREFIX_QUALITY, tables.titles_with(prefixed), False))
        if term.case:
            cased = self._cased_titles(resolved, set().union(*(ids for _, ids, _ in found)))
            found = [(q, ids & cased, cut) for q, ids, cut in found]
        return found

    def _cased_titles(self, resolved: Resolved, ids: set[int]) -> set[int]:
        tables = self.tables
        kept = tables.titles_matching(typed_pattern(resolved.term), ids)
        if any(word != resolved.term.text for word in resolved.words):
            # Corrected spellings: checked title by title, only where the fast check
            # (the spelling as typed) found nothing.
            rows = tables.rows
            kept |= {n for n in ids - kept if found_with_case(resolved, rows[n].title)}
        return kept

    def _short_titles(self, term: Term) -> list[tuple[float, set[int], bool]]:
        """Titles with a word beginning with a one- or two-letter term: the newest
        :data:`SHORT_LIMIT` (all score alike, and ties go to newer documents)."""
        tables = self.tables
        resolved = self._term_resolved(term)
        if not WORD_RE.fullmatch(term.text):  # no word begins with it
            return [(PREFIX_QUALITY, set(), False)]
        rows, titles = tables.rows, tables.titles
        test = None
        if term.case:
            def test(n: int) -> bool:
                return found_with_case(resolved, rows[n].title, titles[n])
        ids, capped = tables.titles_starting(term.text, SHORT_LIMIT, test)
        return [(PREFIX_QUALITY, ids, capped)]

    def _source_docs(self, resolved: Resolved) -> list[tuple[float, set[int], bool]]:
        tables = self.tables
        if resolved.term.mode == PHRASE:
            return [(1.0, tables.docs_with_source(resolved.search), False)]
        wanted = dict(resolved.words)
        for word in tables.source_words():
            quality = _word_quality(resolved, word)
            if quality > wanted.get(word, 0.0):
                wanted[word] = quality
        by_quality: defaultdict[float, set[int]] = defaultdict(set)
        for doc, quality in tables.docs_from_sources(wanted).items():
            if not resolved.term.case or found_with_case(resolved, tables.rows[doc].source or ""):
                by_quality[quality].add(doc)
        return [(q, ids, False) for q, ids in by_quality.items()]

    def _speaker_names(self, resolved: Resolved) -> dict[float, list[str]]:
        """Speaker names ``resolved`` matches, by quality."""
        speakers = self.tables.speakers
        by_quality: defaultdict[float, list[str]] = defaultdict(list)
        for n in speakers.candidates(resolved):
            name = speakers.names[n]
            quality = word_quality(resolved, speakers.name_words[n])
            if quality and (not resolved.term.case
                            or found_with_case(resolved, name, speakers.folded[n])):
                by_quality[quality].append(name)
        return by_quality

    def _speaker_docs(self, resolved: Resolved) -> list[tuple[float, set[int], bool]]:
        return [(q, self.tables.docs_of(names), False)
                for q, names in self._speaker_names(resolved).items()]

    def _content_quotes(self, resolved: Resolved) -> list[tuple[float, set[int], bool]]:
        """Quotations whose words ``resolved`` matches (bounded), by quality."""
        tables = self.tables
        limit = CASE_LIMIT if resolved.term.case else BODY_LIMIT  # cased: each one is read
        out = []
        for quality, expr, _ in fts.tiers(resolved, tables.vocabulary):
            rows = self._sql("SELECT rowid FROM quote_fts WHERE quote_fts MATCH ? LIMIT ?",
                             (fts.in_columns(expr, ("content",)), limit))
            out.append((quality, tables.quotes_at(rows), len(rows) >= limit))
        if resolved.term.case:  # every quotation read once, whatever its tiers
            kept = self._cased_quotes(resolved, set().union(*(ids for _, ids, _ in out)))
            out = [(quality, ids & kept, cut) for quality, ids, cut in out]
        return out

    def _quote_docs(self, resolved: Resolved) -> list[tuple[float, set[int], bool]]:
        doc = self.tables.quote_doc
        return [(q, set(map(doc.__getitem__, ids)), cut)
                for q, ids, cut in self._content_quotes(resolved)]

    def _common_exclusion(self, term: Term) -> tuple[list[str], set[int]] | None:
        """For a negated text term using words in more than :data:`EXCLUDE_READ` documents
        each (reading them would cost tens of ms): those words, to check per hit, and the
        documents its other words match (read whole). None for other terms."""
        if term.mode == META or term.field not in (None, "body", "quotation"):
            return None
        tables = self.tables
        counts = tables.vocabulary.counts
        resolved = self._term_resolved(term)
        common = sorted(w for w in resolved.words if counts.get(w, 0) > EXCLUDE_READ)
        if not common:
            return None
        rest = [fts.quoted(w) for w in resolved.words if w not in common]
        for _, expr, words in fts.tiers(resolved, tables.vocabulary):
            if not words:  # a prefix sent as a prefix
                rest.append(expr)
            else:
                rest += [fts.quoted(w) for w in words
                         if w not in resolved.words and w not in common]
        docs: set[int] = set()
        if rest:
            docs = tables.docs_at(self._sql("SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?",
                                            (fts.either(rest),)))
        return [fts.quoted(w) for w in common], docs

    def _without(self, ranked: list[tuple[float, int]], exprs: list[str]
                 ) -> list[tuple[float, int]]:
        """``ranked`` less the documents whose text matches one of ``exprs`` (single words):
        one indexed look-up per document and word (about 0.05 ms), so only the ranked few
        are checked."""
        rows = self.tables.rows
        kept = []
        for n, item in enumerate(ranked):
            if n & 31 == 31:
                self._check()
            ident = rows[item[1]].id
            if not any(self._sql("SELECT 1 FROM doc_fts WHERE doc_fts MATCH ? AND rowid = ?",
                                 (expr, ident)) for expr in exprs):
                kept.append(item)
        return kept

    def _excluded_docs(self, term: Term, text: bool = True) -> set[int]:
        """Every document ``term`` (negated) matches: not bounded, or it would leak.
        ``text=False`` leaves out bodies and quotations (the caller checks them per hit)."""
        if term.mode == META:
            entries, _ = self._doc_entries(term)
            return set().union(*(ids for _, _, ids in entries))
        resolved = self._term_resolved(term)
        out: set[int] = set()
        if term.field in (None, "speaker"):
            out |= set().union(*(ids for _, ids, _ in self._speaker_docs(resolved)))
        if term.field in (None, "source"):
            out |= set().union(*(ids for _, ids, _ in self._source_docs(resolved)))
        if term.field == "title":
            out |= set().union(*(ids for _, ids, _ in self._title_docs(resolved)))
        elif term.field in (None, "body", "quotation") and text:
            # Not checked for case: that would read every text holding the word.
            found = self._fts_docs(resolved, None, None, check_case=False)
            out |= set().union(*(ids for _, ids, _ in found))
        return out

    # -- smart case ---------------------------------------------------------------------------

    def _cased_docs(self, resolved: Resolved, ids: set[int]) -> set[int]:
        kept = set()
        for n, text in self._texts(ids):
            if found_with_case(resolved, text):
                kept.add(n)
        return kept

    def _cased_quotes(self, resolved: Resolved, ids: set[int]) -> set[int]:
        tables = self.tables
        by_row = {tables.quote_ids[q]: q for q in ids}
        kept = set()
        for row_id, content in self._in("SELECT id, content FROM quotations WHERE id IN",
                                        list(by_row)):
            if found_with_case(resolved, content):
                kept.add(by_row[row_id])
        return kept

    def _texts(self, positions: Iterable[int]) -> list[tuple[int, str]]:
        """(position, text) of documents, read from the index."""
        rows = self.tables.rows
        by_id = {rows[n].id: n for n in positions}
        return [(by_id[i], unpack_text(blob))
                for i, blob in self._in("SELECT id, text FROM documents WHERE id IN",
                                        list(by_id))]

    def _in(self, sql: str, values: list[int]) -> list[tuple]:
        out: list[tuple] = []
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            out += self._sql(f"{sql} ({','.join('?' * len(chunk))})", chunk)
        return out

    # -- quotations as filters --------------------------------------------------------------

    def _quote_entries(self, term: Term) -> list[Entry] | None:
        """Quotation positions ``term`` matches with their value; None when the term is
        about the document (title, body, source, date) rather than the quotation."""
        key = ("quote", term)
        if key not in self._entries:
            self._remember(key, self._quote_entries_of(term))
        return self._entries[key]  # type: ignore[return-value]

    def _remember(self, key: tuple[str, Term], value: object) -> None:
        """Keep what a term matched while the user types on (the last few terms)."""
        self._entries[key] = value
        while len(self._entries) > _REMEMBERED:
            del self._entries[next(iter(self._entries))]

    def _quote_entries_of(self, term: Term) -> list[Entry] | None:
        if term.mode == META:
            return None
        if term.field not in (None, "quotation", "speaker"):
            return None
        resolved = self._term_resolved(term)
        entries: list[Entry] = []
        short = term.mode in (FUZZY, PREFIX) and len(term.text) < MIN_TEXT_TERM
        if term.field in (None, "speaker"):
            for quality, names in self._speaker_names(resolved).items():
                # One or two letters match the quotations of many speakers: the newest.
                ids = self.tables.quotes_by(names, SHORT_LIMIT if short else None)
                entries.append((WEIGHTS["speaker"] * quality, "speaker", ids))
        if term.field in (None, "quotation") and not short:
            entries += [(WEIGHTS["quotation"] * q, "quotation", ids)
                        for q, ids, _ in self._content_quotes(resolved)]
        return entries

    def _quote_constraint(self, parsed: Query) -> _QuoteFilter | None:
        """The quotations that satisfy, together, every group made only of quotation terms
        (``speaker:``, ``quote:``, ``kind:``): ``speaker:putin kind:direct`` means direct
        quotations by Putin. None when there are no such groups."""
        found: _QuoteFilter | None = None
        for group in parsed.groups:
            if not all(_about_quotations(t) for t in group):
                continue
            found = found or _QuoteFilter()
            if all(t.mode == META for t in group):
                codes = set().union(*(self.tables.kind_codes(t.text) for t in group))
                found.kinds = codes if found.kinds is None else found.kinds & codes
                continue
            ids: set[int] = set()
            for term in group:
                if term.mode == META:
                    ids |= self.tables.quotes_of_kinds(self.tables.kind_codes(term.text))
                else:
                    ids |= set().union(*(i for _, _, i in self._quote_entries(term) or ()))
            found.ids = ids if found.ids is None else found.ids & ids
        if found is not None:
            for term in parsed.excludes:
                if _about_quotations(term) and term.mode != META:
                    found.excluded |= set().union(
                        *(i for _, _, i in self._quote_entries(term) or ()))
        return found

    def _quote_scores(self, parsed: Query, together: dict[int, set[int]]) -> list[_Scores]:
        """Per group about quotations: the best value of each quotation in its smaller
        entries (a dict), and its large entries (a speaker's every quotation) to test."""
        scores = []
        for n, group in enumerate(parsed.groups):
            entries = [self._quote_entries(t) for t in group]
            if any(e is None for e in entries):
                continue
            flat = [e for es in entries if es for e in es]
            if n in together:
                flat.append((WEIGHTS["quotation"] * PREFIX_QUALITY, "quotation", together[n]))
            small = [e for e in flat if len(e[2]) <= _SMALL]
            large = sorted((e for e in flat if len(e[2]) > _SMALL), key=lambda e: -e[0])
            scores.append((best_per_id(small, set().union(*(e[2] for e in small))), large))
        return scores

    def _best_quote(
        self, ident: int, scores: list[_Scores], allowed: _QuoteFilter | None
    ) -> tuple[int | None, str | None]:
        """The quotation (position) of document ``ident`` that best matches the groups
        scored in ``scores``, among those ``allowed``, and its best field."""
        tables = self.tables
        best, best_value, best_field = None, 0.0, None
        for q in tables.quotes_in(ident):
            if allowed is not None and not allowed.allows(q, tables):
                continue
            value, top, field = 0.0, 0.0, None
            for small, large in scores:
                part, where = small.get(q, _NOTHING)
                for v, f, ids in large:
                    if v > part and q in ids:
                        part, where = v, f
                value += part
                if part > top:
                    top, field = part, where
            if allowed is not None:
                value += 1e-3  # an allowed quotation beats none at all
            if value > best_value:
                best, best_value, best_field = q, value, field
        return best, best_field

    # -- hits ---------------------------------------------------------------------------------

    def _doc_hits(
        self,
        parsed: Query,
        scored: list[_SCORED],
        in_titles: set[int],
        quotes: _QuoteFilter | None,
        together: dict[int, set[int]],
    ) -> list[DocHit]:
        tables = self.tables
        by_group = [[self._term_resolved(t) for t in text_terms(g)] for g in parsed.groups]
        highlighter = Highlighter([r for rs in by_group for r in rs])
        quote_scores: list[_Scores] | None = None
        hits: list[DocHit] = []
        for n, (negative, _, ident, field, _which) in enumerate(scored):
            if n & 255 == 255:
                self._check()
            marks = (highlighter.positions(tables.titles[ident])
                     if n < MARKS_LIMIT and ident in in_titles else ())
            quote = None
            if field is None and quotes is not None:
                field = "quotation"
            # Past the first hits the quotation is found on demand (locate).
            if n < REFINE and (field in ("quotation", "speaker") or quotes is not None):
                if quote_scores is None:
                    quote_scores = self._quote_scores(parsed, together)
                q, where = self._best_quote(ident, quote_scores, quotes)
                if q is not None:
                    quote = tables.quote_seq[q]
                    if field in ("quotation", "speaker"):
                        field = where or field
            hits.append(DocHit(ident, -negative, field or "body", marks, quote, None))
        return self._refine(hits, scored, by_group)

    def _refine(
        self, hits: list[DocHit], scored: list[_SCORED], by_group: list[list[Resolved]]
    ) -> list[DocHit]:
        """Read the text of the first :data:`REFINE` hits: offsets, and body matches near
        the top or repeated count more (re-ordering within those hits)."""
        head = hits[:REFINE]
        if not head:
            return hits
        texts = dict(self._texts(h.doc for h in head))
        starts = self._quote_starts(head)
        refined = []
        for hit, (_, date, _, _, which) in zip(head, scored, strict=False):
            text = texts.get(hit.doc, "")
            folded = fold(text)
            score, offset = hit.score, None
            if hit.quote is not None:
                offset = starts.get((hit.doc, hit.quote))
            if hit.field == "body" and which < len(by_group):
                body_start = _body_start(text, self.tables.rows[hit.doc].title)
                score += self._body_bonus(by_group[which], folded, body_start)
            if offset is None and hit.field in ("title", "body") and which < len(by_group):
                start = _body_start(text, self.tables.rows[hit.doc].title)
                offset = _first_match(by_group[which], folded,
                                      start if hit.field == "body" else 0)
            refined.append((-round(score, 6), date, hit.doc,
                            replace(hit, score=score, offset=offset)))
        refined.sort(key=lambda item: item[:3])
        return [item[3] for item in refined] + hits[REFINE:]

    def _body_bonus(self, resolved: list[Resolved], folded: str, body_start: int) -> float:
        """Extra value of a body match: more mentions, or a mention in the first lines."""
        value = WEIGHTS["body"] * max((r.words.get(r.term.text, PREFIX_QUALITY)
                                       for r in resolved), default=0.0)
        count = sum(1 for r in resolved for _ in r.finditer(folded, body_start))
        lede = any(r.search(folded, body_start, body_start + LEDE_CHARS) for r in resolved)
        repeat = REPEAT_BONUS * (min(count, 8).bit_length() - 1) if count else 0.0
        return value * max(repeat, LEDE_BONUS if lede else 0.0)

    def _quote_starts(self, hits: list[DocHit]) -> dict[tuple[int, int], int]:
        rows = self.tables.rows
        wanted = {(rows[h.doc].id, h.quote): h.doc for h in hits if h.quote is not None}
        if not wanted:
            return {}
        out = {}
        doc_ids = sorted({d for d, _ in wanted})
        for doc_id, seq, spans in self._in(
                "SELECT doc_id, seq, spans FROM quotations WHERE doc_id IN", doc_ids):
            if (doc_id, seq) in wanted:
                out[(wanted[(doc_id, seq)], seq)] = json.loads(spans)[0][0]
        return out

    def _adjacent_phrase(self, parsed: Query, candidates: set[int]) -> tuple[str | None, set[int]]:
        """The query's words as they would read side by side, and the candidates whose text
        has them so (bounded)."""
        if len(parsed.groups) < 2 or any(len(g) > 1 for g in parsed.groups):
            return None, set()
        terms = [g[0] for g in parsed.groups]
        if any(t.field is not None or t.mode not in (FUZZY, PREFIX, WORD, EXACT) for t in terms):
            return None, set()
        vocabulary = self.tables.vocabulary
        phrase = " ".join(self._term_resolved(t).top_word(vocabulary) for t in terms)
        rows = self._sql("SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? LIMIT ?",
                         (fts.quoted(phrase), BODY_LIMIT))
        return phrase, self.tables.docs_at(rows) & candidates

    # -- quotations and speakers ------------------------------------------------------------

    def search_quotes(
        self,
        query: str,
        limit: int | None = DEFAULT_LIMIT,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[QuoteHit]:
        """Quotations matching ``query`` in their words or speaker, best first.

        Terms about the document (``title:``, ``source:``, ``date:``…) filter by the
        quotation's document. Blank query gives ``[]``; so does a search that
        ``should_stop()`` cancels."""
        parsed = parse_query(query)
        if parsed.empty:
            return []
        try:
            with self._searching(should_stop):
                return self._search_quotes(parsed, limit)
        except Cancelled:
            return []

    def _search_quotes(self, parsed: Query, limit: int | None) -> list[QuoteHit]:
        tables = self.tables
        groups: list[list[Entry]] = []
        candidates: set[int] | None = None
        kinds: set[int] | None = None
        for group in parsed.groups:
            self._check()
            if all(t.mode == META and t.field == "kind" for t in group):
                # A filter on each candidate, not a set of a million quotations.
                codes = set().union(*(tables.kind_codes(t.text) for t in group))
                kinds = codes if kinds is None else kinds & codes
                continue
            entries = self._quote_group(group)
            matched = set().union(*(ids for _, _, ids in entries))
            candidates = matched if candidates is None else candidates & matched
            groups.append(entries)
        if candidates is None:
            candidates = (tables.quotes_of_kinds(kinds) if kinds is not None
                          else set(range(len(tables.quote_ids))))
        elif kinds is not None:
            kind = tables.quote_kind
            candidates = {q for q in candidates if kind[q] in kinds}
        deferred: list[str] = []  # words too common to read whole: checked per hit
        for term in parsed.excludes:
            common = self._common_exclusion(term) if term.field is None else None
            if term.field in ("speaker", "quotation"):
                excluded = self._quote_entries(term) or []
                candidates -= set().union(*(ids for _, _, ids in excluded))
            else:
                if common is None:
                    docs = self._excluded_docs(term)
                else:
                    docs = self._excluded_docs(term, text=False) | common[1]
                    deferred += common[0]
                candidates = {q for q in candidates if tables.quote_doc[q] not in docs}
        quote_age, order = tables.quote_order()
        wanted = limit if not deferred else min(limit or EXCLUDE_CHECKS, EXCLUDE_CHECKS)
        ranked = topk.best(topk.classes(groups, candidates), {}, quote_age, wanted, order)
        if deferred:
            doc = tables.quote_doc
            kept = {d for _, d in self._without([(0.0, d) for d in
                                                 dict.fromkeys(doc[q] for _, q in ranked)],
                                                deferred)}
            ranked = [item for item in ranked if doc[item[1]] in kept]
        scored = [(-score, 0, q) for score, q in ranked]
        resolved = [self._term_resolved(t) for t in text_terms(parsed.positive_terms())]
        highlighter = Highlighter(resolved)
        contents = dict(self._in("SELECT id, content FROM quotations WHERE id IN",
                                 [tables.quote_ids[q] for _, _, q in scored]))
        return [
            QuoteHit(tables.quote_doc[q], tables.quote_seq[q], -negative,
                     highlighter.positions(fold(contents.get(tables.quote_ids[q], ""))))
            for negative, _, q in scored
        ]

    def _quote_group(self, group: Iterable[Term]) -> list[Entry]:
        tables = self.tables
        entries: list[Entry] = []
        for term in group:
            if term.mode == META and term.field == "kind":
                entries.append((0.0, None, tables.quotes_of_kinds(tables.kind_codes(term.text))))
                continue
            found = self._quote_entries(term)
            if found is None:  # a document-level term: lift its documents to their quotations
                docs = set().union(*(ids for _, _, ids in self._doc_entries(term)[0]))
                ids = {q for d in docs for q in tables.quotes_in(d)}
                found = [(0.0, None, ids)]
            entries.extend(found)
        return entries

    def search_speakers(self, query: str, limit: int | None = None) -> list[SpeakerHit]:
        """Speaker names (of resolved quotations) matching ``query``, best first; ties go to
        the speaker quoted most. Only word terms apply; filters are ignored."""
        return self.tables.speakers.search(
            query, limit, lambda term: self._resolve(term, speakers_only=True))


class _Session:
    """One search: the lock, the stop test and the SQLite progress handler."""

    def __init__(self, searcher: IndexSearch, stop: Callable[[], bool]) -> None:
        self._searcher = searcher
        self._stop = stop

    def __enter__(self) -> None:
        searcher = self._searcher
        searcher._lock.acquire()
        searcher._stop = self._stop
        stop = self._stop
        searcher.conn.set_progress_handler(lambda: 1 if stop() else 0, _PROGRESS_STEPS)

    def __exit__(self, *exc_info: object) -> None:
        searcher = self._searcher
        searcher.conn.set_progress_handler(None, 0)
        searcher._stop = _never
        searcher._lock.release()


@dataclass
class _QuoteFilter:
    """Quotations allowed by quotation-only groups: in ``ids`` (None: any), of one of the
    ``kinds`` (None: any), not in ``excluded``."""

    ids: set[int] | None = None
    kinds: set[int] | None = None
    excluded: set[int] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.excluded is None:
            self.excluded = set()

    def allows(self, q: int, tables: Tables) -> bool:
        """True when quotation position ``q`` passes."""
        if self.ids is not None and q not in self.ids:
            return False
        if self.kinds is not None and tables.quote_kind[q] not in self.kinds:
            return False
        return q not in self.excluded

    def docs(self, tables: Tables) -> set[int]:
        """Positions of documents with an allowed quotation."""
        if self.ids is None and not self.excluded:
            return tables.docs_with_kind(self.kinds) if self.kinds is not None else set()
        pool: Iterable[int] = self.ids if self.ids is not None else range(len(tables.quote_kind))
        if self.kinds is not None:  # tested in C: a byte table per kind code
            wanted = bytes(int(k in self.kinds) for k in range(256))
            pool = list(pool)
            pool = list(compress(pool, map(wanted.__getitem__,
                                           map(tables.quote_kind.__getitem__, pool))))
        if self.excluded:
            pool = set(pool) - self.excluded
        return set(map(tables.quote_doc.__getitem__, pool))


def _about_quotations(term: Term) -> bool:
    """True for terms that constrain a single quotation rather than a document."""
    return term.field in ("speaker", "quotation", "kind")


def _word_quality(resolved: Resolved, word: str) -> float:
    """How well ``resolved`` matches one ``word`` outside the vocabulary (a source's)."""
    term = resolved.term
    if word in resolved.words:
        return resolved.words[word]
    if resolved.prefix is not None and word.startswith(resolved.prefix):
        return 1.0 if word == resolved.prefix else PREFIX_QUALITY
    if term.mode == EXACT and term.text in word:
        return 1.0 if word == term.text else PREFIX_QUALITY
    if term.mode == WORD and word == term.text:
        return 1.0
    if term.mode == SUFFIX and word.endswith(term.text):
        return 1.0 if word == term.text else PREFIX_QUALITY
    return 0.0


def _first_match(resolved: list[Resolved], folded: str, start: int) -> int | None:
    found = [at for r in resolved if (at := locate(r, folded, start)) is not None]
    if not found and start:
        found = [at for r in resolved if (at := locate(r, folded)) is not None]
    return min(found) if found else None


_LINE = re.compile(r"[^\n]*\n")


def _body_start(text: str, title: str) -> int:
    """Where the body starts: after the title when the text begins with it, else 0."""
    if title and text.startswith(title):
        line = _LINE.match(text)
        return line.end() if line else len(title)
    return 0


def _never() -> bool:
    return False


__all__ = ["DEFAULT_LIMIT", "Cancelled", "IndexSearch", "SearchResult"]
