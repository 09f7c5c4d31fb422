"""The in-memory search index over documents, their quotations and speakers.

Built once from loaded documents. A query is parsed (:mod:`.query`), each term resolved
against the corpus vocabulary (:mod:`.matcher`: exact words, prefixes, spelling
corrections), and the resolved words looked up in per-field inverted lists
(:mod:`.postings`). Scoring works on sets of ids, tier by tier, so the per-document Python
work is a few dictionary look-ups.

Ranking (constants in :mod:`.ranking`): each AND group scores its best field match,
``weight(field) × quality`` (body matches gain up to 75% for repeated mentions, or 50% in
the first lines); groups add up; query words found next to each other add a bonus. Ties go
to newer documents, then to the original order.

``search`` may run in a worker thread: after construction the index only writes to a small
cache of resolved terms (plain dict writes, safe under the GIL).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from tui.core.model import Document
from tui.core.search.fold import fold, words
from tui.core.search.hits import DocHit, QuoteHit, SpeakerHit
from tui.core.search.matcher import (
    EXACT_QUALITY,
    Highlighter,
    Resolved,
    Vocabulary,
    locate,
    resolve,
    text_terms,
)
from tui.core.search.postings import Postings
from tui.core.search.query import EXACT, FUZZY, META, PHRASE, PREFIX, WORD, Query, Term, parse_query
from tui.core.search.ranking import (
    DOC_FIELDS,
    LEDE_BONUS,
    LEDE_CHARS,
    REPEAT_BONUS,
    SECONDARY_BODY,
    TEXT_PHRASE_BONUS,
    TITLE_PHRASE_BONUS,
    WEIGHTS,
    Best,
    Entry,
    best_per_id,
    ordered,
)
from tui.core.search.speakers import SpeakerNames

# (-score, -date rank, document, best field, index of the best group): sorts best first.
_Scored = tuple[float, int, int, str | None, int]


class _Cancelled(Exception):
    pass


class SearchIndex:
    """Fuzzy, accent-folding search over documents, quotations and speaker names."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = documents
        self._text = [fold(doc.text) for doc in documents]
        self._title = [fold(doc.title) for doc in documents]
        self._source = [fold(doc.source or "") for doc in documents]
        self._speakers_of: list[str] = []
        self._docs = {name: Postings() for name in DOC_FIELDS if name != "body"}
        self._docs["body"] = Postings(with_counts=True)
        self._lede = Postings()  # words near the start of the body
        self._quotes = {"quotation": Postings(), "speaker": Postings()}
        self._quote_doc: list[int] = []
        self._quote_base: list[int] = []
        self._quote_kind: defaultdict[str, set[int]] = defaultdict(set)
        self._speaker_count: Counter[str] = Counter()
        for ident in range(len(documents)):
            self._add(ident)
        self._quote_base.append(len(self._quote_doc))
        for postings in (*self._docs.values(), *self._quotes.values(), self._lede):
            postings.freeze()
        counts: Counter[str] = Counter()
        for postings in self._docs.values():
            counts.update({w: len(ids) for w, ids in postings.ids.items()})
        self.vocabulary = Vocabulary(counts, counts)
        self._speakers = SpeakerNames(self._speaker_count)
        self._speaker_vocabulary = self._speakers.vocabulary
        dates = sorted({doc.date for doc in documents if doc.date})
        rank = {date: i + 1 for i, date in enumerate(dates)}
        self._date_rank = [rank.get(doc.date or "", 0) for doc in documents]
        self._resolved: dict[tuple[Term, bool], Resolved] = {}

    def _add(self, ident: int) -> None:
        doc = self.documents[ident]
        text = self._text[ident]
        self._docs["title"].add(ident, set(words(self._title[ident])))
        self._docs["source"].add(ident, set(words(self._source[ident])))
        self._docs["body"].add_counted(ident, Counter(words(text)))
        start = doc.body_start
        self._lede.add(ident, set(words(text[start : start + LEDE_CHARS])))
        quoted: set[str] = set()
        speakers: set[str] = set()
        names: list[str] = []
        self._quote_base.append(len(self._quote_doc))
        for quote in doc.quotations:
            qid = len(self._quote_doc)
            self._quote_doc.append(ident)
            self._quote_kind[quote.kind].add(qid)
            content = {w for s, e in quote.spans for w in words(text[s:e])}
            self._quotes["quotation"].add(qid, content)
            quoted |= content
            if quote.speaker:
                name = fold(quote.speaker)
                names.append(name)
                spoken = set(words(name))
                self._quotes["speaker"].add(qid, spoken)
                speakers |= spoken
                self._speaker_count[quote.speaker] += 1
        self._docs["quotation"].add(ident, quoted)
        self._docs["speaker"].add(ident, speakers)
        self._speakers_of.append("\n".join(names))

    # -- resolution --------------------------------------------------------------------

    def clear_cache(self) -> None:
        """Forget resolved query terms (they are cached while the user types)."""
        self._resolved.clear()

    def _resolve(self, term: Term, speakers_only: bool = False) -> Resolved:
        key = (term, speakers_only)
        found = self._resolved.get(key)
        if found is None:
            if len(self._resolved) > 512:
                self._resolved.clear()
            vocabulary = self._speaker_vocabulary if speakers_only else self.vocabulary
            found = self._resolved[key] = resolve(term, vocabulary)
        return found

    def _term_resolved(self, term: Term) -> Resolved:
        # A speaker: term is corrected against speaker names only, so "putn" finds Putin
        # rather than some other word of the corpus.
        return self._resolve(term, speakers_only=term.field == "speaker")

    # -- documents ---------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[DocHit]:
        """Documents matching ``query``, best first (see the module docstring for ranking).

        A blank query gives ``[]`` (the caller shows everything). ``should_stop`` is polled
        between steps; when it returns True the search gives up and returns ``[]``.
        """
        parsed = parse_query(query)
        if parsed.empty:
            return []
        stop = should_stop or _never
        try:
            return self._search(parsed, limit, stop)
        except _Cancelled:
            return []

    def _search(self, parsed: Query, limit: int | None, stop: Callable[[], bool]) -> list[DocHit]:
        everything = range(len(self.documents))
        groups: list[list[Entry]] = []
        candidates: set[int] | None = None
        for group in parsed.groups:
            entries = [e for term in group for e in self._doc_entries(term)]
            _check(stop)
            matched = set().union(*(ids for _, _, ids in entries))
            candidates = matched if candidates is None else candidates & matched
            groups.append(entries)
        if candidates is None:
            candidates = set(everything)
        for term in parsed.excludes:
            candidates -= set().union(*(ids for _, _, ids in self._doc_entries(term)))
        quotes = self._quote_constraint(parsed)
        if quotes is not None:
            candidates &= {self._quote_doc[q] for q in quotes}
        if not candidates:
            return []
        _check(stop)
        best = [best_per_id(entries, candidates) for entries in groups]
        # Body mentions also count a little when a group's best match is elsewhere, so
        # among titles naming Putin the article that keeps talking about him comes first.
        body = [
            best_per_id([e for e in entries if e[1] == "body"], candidates)
            for entries in groups
        ]
        _check(stop)
        phrase = self._adjacent_phrase(parsed)
        scored: list[_Scored] = []
        titles, texts, dates = self._title, self._text, self._date_rank
        for n, ident in enumerate(candidates):
            if n & 1023 == 1023:
                _check(stop)
            total = 0.0
            top, field, which = -1.0, None, 0
            for group, (per_group, per_body) in enumerate(zip(best, body, strict=True)):
                value, where = per_group[ident]
                total += value
                if where != "body" and ident in per_body:
                    total += SECONDARY_BODY * per_body[ident][0]
                if value > top:
                    top, field, which = value, where, group
            if phrase:
                if phrase in titles[ident]:
                    total += TITLE_PHRASE_BONUS
                elif phrase in texts[ident]:
                    total += TEXT_PHRASE_BONUS
            scored.append((-round(total, 6), -dates[ident], ident, field, which))
        scored = ordered(scored, limit)
        _check(stop)
        in_titles = set().union(*(ids for es in groups for _, f, ids in es if f == "title"))
        return self._doc_hits(parsed, scored, in_titles, quotes, stop)

    def _doc_hits(
        self,
        parsed: Query,
        scored: list[_Scored],
        in_titles: set[int],
        quotes: set[int] | None,
        stop: Callable[[], bool],
    ) -> list[DocHit]:
        """Hits for scored documents: title marks (only titles known to match are scanned),
        the best quotation, and where to scroll (first match of the best group's terms)."""
        by_group = [[self._term_resolved(t) for t in text_terms(g)] for g in parsed.groups]
        highlighter = Highlighter([r for rs in by_group for r in rs])
        quote_scores: list[Best] | None = None
        hits: list[DocHit] = []
        for n, (negative, _, ident, field, which) in enumerate(scored):
            if n & 255 == 255:
                _check(stop)
            doc = self.documents[ident]
            marks = highlighter.positions(self._title[ident]) if ident in in_titles else ()
            quote = offset = None
            if field is None and quotes is not None:
                field = "quotation"
            # With quotation filters the document was found through a quotation whatever
            # matched best, so opening it should go there.
            if field in ("quotation", "speaker") or quotes is not None:
                if quote_scores is None:
                    quote_scores = self._quote_scores(parsed)
                quote, where = self._best_quote(ident, quote_scores, quotes)
                if quote is not None:
                    if field in ("quotation", "speaker"):
                        field = where or field
                    offset = doc.quotations[quote].start
            if offset is None and field in ("title", "body"):
                start = doc.body_start if field == "body" else 0
                offset = self._first_match(ident, by_group[which], start)
            hits.append(DocHit(ident, -negative, field or "body", marks, quote, offset))
        return hits

    def _first_match(self, ident: int, resolved: list[Resolved], start: int) -> int | None:
        text = self._text[ident]
        found = [at for r in resolved if (at := locate(r, text, start)) is not None]
        if not found and start:
            found = [at for r in resolved if (at := locate(r, text)) is not None]
        return min(found) if found else None

    def _adjacent_phrase(self, parsed: Query) -> str | None:
        """The query's words as they would read side by side, when that is meaningful."""
        if len(parsed.groups) < 2 or any(len(g) > 1 for g in parsed.groups):
            return None
        terms = [g[0] for g in parsed.groups]
        if any(t.field is not None or t.mode not in (FUZZY, PREFIX, WORD, EXACT) for t in terms):
            return None
        return " ".join(self._term_resolved(t).top_word(self.vocabulary) for t in terms)

    def _doc_entries(self, term: Term) -> list[Entry]:
        if term.mode == META:
            return [(0.0, None, self._meta_docs(term))]
        resolved = self._term_resolved(term)
        fields = DOC_FIELDS if term.field is None else (term.field,)
        if term.mode == PHRASE:
            return self._phrase_docs(resolved, fields)
        entries: list[Entry] = []
        vocabulary = self._speaker_vocabulary if term.field == "speaker" else self.vocabulary
        for name in fields:
            weight = WEIGHTS[name]
            postings = self._docs[name]
            if name == "body":
                for quality, bucket, ids in postings.counted_tiers(resolved, vocabulary):
                    value = weight * quality * (1 + REPEAT_BONUS * bucket)
                    entries.append((value, name, ids))
                entries.extend(
                    (weight * q * (1 + LEDE_BONUS), name, ids)
                    for q, ids in self._lede.tiers(resolved, vocabulary)
                )
            else:
                entries.extend(
                    (weight * q, name, ids) for q, ids in postings.tiers(resolved, vocabulary)
                )
        return entries

    def _phrase_docs(self, resolved: Resolved, fields: Iterable[str]) -> list[Entry]:
        phrase_words = resolved.term.words
        if resolved.pattern is None or any(w not in resolved.words for w in phrase_words):
            return []
        candidates: set[int] | None = None
        for word in phrase_words:
            ids = set().union(*(self._docs[f].union([word]) for f in DOC_FIELDS))
            candidates = ids if candidates is None else candidates & ids
        found: dict[str, set[int]] = defaultdict(set)
        for ident in candidates or ():
            doc = self.documents[ident]
            text = self._text[ident]
            if resolved.search(self._title[ident]):
                found["title"].add(ident)
            if resolved.search(self._speakers_of[ident]):
                found["speaker"].add(ident)
            if resolved.search(self._source[ident]):
                found["source"].add(ident)
            if resolved.search(text):
                found["body"].add(ident)
                spans = (span for q in doc.quotations for span in q.spans)
                if any(resolved.search(text, s, e) for s, e in spans):
                    found["quotation"].add(ident)
        return [(WEIGHTS[f] * EXACT_QUALITY, f, found[f]) for f in fields if found[f]]

    def _meta_docs(self, term: Term) -> set[int]:
        if term.field == "kind":
            ids = self._kind_quotes(term.text)
            return {self._quote_doc[q] for q in ids}
        return {i for i, doc in enumerate(self.documents) if _date_matches(doc.date, term.text)}

    def _kind_quotes(self, value: str) -> set[int]:
        kinds = [k for k in self._quote_kind if k.startswith(value)]
        return set().union(*(self._quote_kind[k] for k in kinds))

    def _quote_constraint(self, parsed: Query) -> set[int] | None:
        """Quotation ids that satisfy, together, every group made only of quotation terms
        (``speaker:``, ``quote:``, ``kind:``), so ``speaker:putin kind:direct`` means direct
        quotations by Putin, not a document with some of each. None when there are none."""
        allowed: set[int] | None = None
        for group in parsed.groups:
            if all(_about_quotations(t) for t in group):
                ids = set().union(*(i for t in group for _, _, i in self._quote_entries(t) or ()))
                allowed = ids if allowed is None else allowed & ids
        if allowed is not None:
            for term in parsed.excludes:
                if _about_quotations(term):
                    allowed -= set().union(*(i for _, _, i in self._quote_entries(term) or ()))
        return allowed

    # -- quotations ----------------------------------------------------------------------

    def _quote_entries(self, term: Term) -> list[Entry] | None:
        """Quotation ids ``term`` matches with their value; None when the term is about the
        document (title, body, source, date) rather than the quotation."""
        if term.mode == META:
            return [(0.0, None, self._kind_quotes(term.text))] if term.field == "kind" else None
        if term.field not in (None, "quotation", "speaker"):
            return None
        resolved = self._term_resolved(term)
        fields = ("quotation", "speaker") if term.field is None else (term.field,)
        if term.mode == PHRASE:
            return self._phrase_quotes(resolved, fields)
        vocabulary = self._speaker_vocabulary if term.field == "speaker" else self.vocabulary
        return [
            (WEIGHTS[name] * q, name, ids)
            for name in fields
            for q, ids in self._quotes[name].tiers(resolved, vocabulary)
        ]

    def _phrase_quotes(self, resolved: Resolved, fields: Iterable[str]) -> list[Entry]:
        if resolved.pattern is None or any(w not in resolved.words for w in resolved.term.words):
            return []
        entries: list[Entry] = []
        for name in fields:
            postings = self._quotes[name]
            candidates: set[int] | None = None
            for word in resolved.term.words:
                ids = postings.union([word])
                candidates = ids if candidates is None else candidates & ids
            found = {q for q in candidates or () if self._quote_has(q, name, resolved)}
            if found:
                entries.append((WEIGHTS[name], name, found))
        return entries

    def _quote_location(self, qid: int) -> tuple[int, int]:
        ident = self._quote_doc[qid]
        return ident, qid - self._quote_base[ident]

    def _quote_has(self, qid: int, name: str, resolved: Resolved) -> bool:
        ident, index = self._quote_location(qid)
        quote = self.documents[ident].quotations[index]
        if name == "speaker":
            return bool(quote.speaker and resolved.search(fold(quote.speaker)))
        text = self._text[ident]
        return any(resolved.search(text, s, e) for s, e in quote.spans)

    def _quote_scores(self, parsed: Query) -> list[Best]:
        scores = []
        for group in parsed.groups:
            entries = [self._quote_entries(t) for t in group]
            if any(e is None for e in entries):
                continue
            flat = [e for es in entries if es for e in es]
            ids = set().union(*(ids for _, _, ids in flat))
            scores.append(best_per_id(flat, ids))
        return scores

    def _best_quote(
        self, ident: int, scores: list[Best], allowed: set[int] | None
    ) -> tuple[int | None, str | None]:
        """The index in its document of the quotation that best matches, and through which
        field (``quotation`` or ``speaker``) it matches most."""
        base = self._quote_base[ident]
        best, best_value, best_field = None, 0.0, None
        for qid in range(base, self._quote_base[ident + 1]):
            if allowed is not None and qid not in allowed:
                continue
            value, top, field = 0.0, 0.0, None
            for per_group in scores:
                if qid in per_group:
                    part, where = per_group[qid]
                    value += part
                    if part > top:
                        top, field = part, where
            if allowed is not None:
                value += 1e-3  # an allowed quotation beats none at all
            if value > best_value:
                best, best_value, best_field = qid - base, value, field
        return best, best_field

    def search_quotes(self, query: str, limit: int | None = None) -> list[QuoteHit]:
        """Quotations matching ``query`` in their words or speaker, best first.

        Terms about the document (``title:``, ``source:``, ``date:``…) filter by the
        quotation's document. Blank query gives ``[]``.
        """
        parsed = parse_query(query)
        if parsed.empty:
            return []
        everything = range(len(self._quote_doc))
        groups: list[list[Entry]] = []
        candidates: set[int] | None = None
        for group in parsed.groups:
            entries = self._quote_group(group)
            matched = set().union(*(ids for _, _, ids in entries))
            candidates = matched if candidates is None else candidates & matched
            groups.append(entries)
        if candidates is None:
            candidates = set(everything)
        for term in parsed.excludes:
            candidates -= set().union(*(ids for _, _, ids in self._quote_group((term,))))
        best = [best_per_id(entries, candidates) for entries in groups]
        dates = self._date_rank
        scored = []
        for qid in candidates:
            total = sum(per_group[qid][0] for per_group in best)
            scored.append((-round(total, 6), -dates[self._quote_doc[qid]], qid))
        scored = ordered(scored, limit)
        resolved = [self._term_resolved(t) for t in text_terms(parsed.positive_terms())]
        highlighter = Highlighter(resolved)
        hits = []
        for negative, _, qid in scored:
            ident, index = self._quote_location(qid)
            content = self.documents[ident].quotations[index].content(
                self.documents[ident].text
            )
            hits.append(QuoteHit(ident, index, -negative, highlighter.positions(fold(content))))
        return hits

    def _quote_group(self, group: Iterable[Term]) -> list[Entry]:
        entries: list[Entry] = []
        for term in group:
            found = self._quote_entries(term)
            if found is None:  # a document-level term: lift its documents to their quotations
                docs = set().union(*(ids for _, _, ids in self._doc_entries(term)))
                bases = self._quote_base
                ids = {q for d in docs for q in range(bases[d], bases[d + 1])}
                found = [(0.0, None, ids)]
            entries.extend(found)
        return entries

    # -- speakers ------------------------------------------------------------------------

    def search_speakers(self, query: str, limit: int | None = None) -> list[SpeakerHit]:
        """Speaker names (of resolved quotations) matching ``query``, best first; ties go to
        the speaker quoted most. Only word terms apply; filters are ignored."""
        resolver = partial(self._resolve, speakers_only=True)
        return self._speakers.search(query, limit, resolver)


def _about_quotations(term: Term) -> bool:
    """True for terms that constrain a single quotation rather than a document."""
    return term.field in ("speaker", "quotation", "kind")


def _date_matches(date: str | None, value: str) -> bool:
    """``date:`` semantics: a prefix (``2021-12``) or an inclusive ``a..b`` range of prefixes."""
    if not date:
        return False
    if ".." not in value:
        return date.startswith(value)
    low, _, high = value.partition("..")
    if low and date[: len(low)] < low:
        return False
    return not (high and date[: len(high)] > high)


def _check(stop: Callable[[], bool]) -> None:
    if stop():
        raise _Cancelled


def _never() -> bool:
    return False


__all__ = ["DocHit", "QuoteHit", "SearchIndex", "SpeakerHit"]
