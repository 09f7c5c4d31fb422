"""What one query term matches in each field of a document (titles and speakers in memory,
quotations and bodies through FTS5, bounded), as scoring entries.
"""

from __future__ import annotations

from collections import defaultdict

from tui.core.search import fts
from tui.core.search.base import SearchBase
from tui.core.search.fold import WORD_RE
from tui.core.search.limits import BODY_LIMIT, CASE_LIMIT, MIN_TEXT_TERM, RANK_MAX_DOCS, SHORT_LIMIT
from tui.core.search.matcher import PREFIX_QUALITY, Resolved
from tui.core.search.query import EXACT, FUZZY, META, PHRASE, PREFIX, SUFFIX, WORD, Term
from tui.core.search.ranking import DOC_FIELDS, WEIGHTS, Entry
from tui.core.search.smartcase import found_with_case, typed_pattern
from tui.core.search.speakers import word_quality


class FieldLookups(SearchBase):
    """Entries per field: what one term matches in titles, speakers, sources, quotations and
    bodies, by quality; smart case checked on what was found (bounded)."""

    def _doc_entries(self, term: Term) -> tuple[list[Entry], bool]:
        """What ``term`` matches, as (value, field, positions) entries; and whether a
        bounded step may have left matches out."""
        key = ("doc", term)
        found = self._recall(key)
        if found is None:
            found = self._doc_entries_of(term)
            self._remember(key, found)
        return found  # type: ignore[return-value]

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
                found = self._speaker_docs(resolved, SHORT_LIMIT if short else None)
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
                # Words already matched at least as well (the word as typed) are left out:
                # their titles are in a better entry.
                better = {w for w, q in resolved.words.items() if q >= PREFIX_QUALITY}
                prefixed = [w for w in tables.title_words.prefixed(resolved.prefix)
                            if w not in better]
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
        """Speaker names ``resolved`` matches, by quality (kept while the user types: the
        document and the quotation side both ask)."""
        key = ("names", resolved.term)
        found = self._recall(key)
        if found is None:
            found = self._speaker_names_of(resolved)
            self._remember(key, found)
        return found  # type: ignore[return-value]

    def _speaker_names_of(self, resolved: Resolved) -> dict[float, list[str]]:
        speakers = self.tables.speakers
        by_quality: defaultdict[float, list[str]] = defaultdict(list)
        for n in speakers.candidates(resolved):
            name = speakers.names[n]
            quality = word_quality(resolved, speakers.name_words[n])
            if quality and (not resolved.term.case
                            or found_with_case(resolved, name, speakers.folded[n])):
                by_quality[quality].append(name)
        return by_quality

    def _speaker_docs(
        self, resolved: Resolved, newest: int | None = None
    ) -> list[tuple[float, set[int], bool]]:
        """Documents quoting a speaker ``resolved`` matches, by quality; only the
        ``newest`` of each quality when given (a prefix of a letter or two)."""
        tables = self.tables
        if newest is None:
            return [(q, tables.docs_of(names), False)
                    for q, names in self._speaker_names(resolved).items()]
        return [(q, *tables.newest_docs_of(names, newest))
                for q, names in self._speaker_names(resolved).items()]

    def _content_quotes(self, resolved: Resolved) -> list[tuple[float, set[int], bool]]:
        """Quotations whose words ``resolved`` matches (bounded), by quality (kept while the
        user types: documents and quotations both ask)."""
        key = ("quotes", resolved.term)
        found = self._recall(key)
        if found is None:
            found = self._content_quotes_of(resolved)
            self._remember(key, found)
        return found  # type: ignore[return-value]

    def _content_quotes_of(self, resolved: Resolved) -> list[tuple[float, set[int], bool]]:
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
