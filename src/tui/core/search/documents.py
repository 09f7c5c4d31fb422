"""Document search: each AND group's entries intersected, exclusions applied, scores
by classes (:mod:`.topk`), the best hits refined from their text (offsets, body bonuses).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from tui.core.search import fts, topk
from tui.core.search.fold import fold
from tui.core.search.hits import DocHit, SearchResult
from tui.core.search.limits import BODY_LIMIT, EXCLUDE_CHECKS, MARKS_LIMIT, REFINE
from tui.core.search.matcher import PREFIX_QUALITY, Highlighter, Resolved, locate, text_terms
from tui.core.search.query import EXACT, FUZZY, META, PHRASE, PREFIX, WORD, Query, Term
from tui.core.search.quotefilter import QuoteMatching, _QuoteFilter, _Scores
from tui.core.search.ranking import (
    LEDE_BONUS,
    LEDE_CHARS,
    REPEAT_BONUS,
    SECONDARY_BODY,
    TEXT_PHRASE_BONUS,
    TITLE_PHRASE_BONUS,
    WEIGHTS,
    Entry,
)

_SCORED = tuple[float, int, int, str | None, int]


class DocumentSearch(QuoteMatching):
    """Documents matching a query, scored and ranked; the best ones refined from their
    text."""

    def _search(self, parsed: Query, limit: int | None) -> SearchResult:
        tables = self.tables
        self._check()
        groups: list[list[Entry]] = []
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
            groups.append(entries)
        quotes = self._quote_constraint(parsed)
        deferred: list[str] = []  # exclusions too common to read whole: checked per hit
        phrase: str | None = None
        in_text: set[int] = set()
        if len(groups) == 1 and not parsed.excludes and quotes is None:
            # One group and nothing taken away: its matches split by value are the classes
            # (no set of every match; the count is the classes' sizes).
            ranked_classes: list[tuple[float, set[int]]] | None = topk.split(groups[0])
            total_found = sum(len(ids) for _, ids in ranked_classes)
            special = set().union(*(ids for _, f, ids in groups[0] if f == "body"))
        else:
            # Documents whose score is more than their class's: body mentions besides a
            # better field, or the query's words side by side. Few: scored one by one.
            phrase, in_text = self._adjacent_phrase(parsed)
            special = set().union(*(ids for es in groups for _, f, ids in es if f == "body"))
            special |= in_text
            if not parsed.excludes and quotes is None:
                # The classes are the groups' own splits intersected, pair by pair: they
                # make the candidates (and their count) without a set of every match.
                parts = [self._partition(parsed.groups[n], entries, n in together_quotes)
                         for n, entries in enumerate(groups)]
                ranked_classes = topk.intersected(parts)
                total_found = sum(len(ids) for _, ids in ranked_classes)
                special = set().union(*(special & ids for _, ids in ranked_classes))
            else:
                ranked_classes = None
                candidates = self._candidates(parsed, groups, quotes, deferred)
                total_found = len(candidates)
                special &= candidates
        if not total_found:
            return SearchResult([], 0, capped)
        extra = self._scores(groups, special, phrase, in_text)
        self._check()
        wanted = limit if not deferred else min(limit or EXCLUDE_CHECKS, EXCLUDE_CHECKS)
        if ranked_classes is None:
            # Documents with an extra score may leave their class: count them out of it.
            enough = None if wanted is None else wanted + len(extra)
            ranked_classes = topk.classes(groups, candidates, enough)
        ranked = topk.best(ranked_classes, extra, tables.age, wanted, tables.newest_first)
        if deferred:
            checked = len(ranked)
            ranked = self._without(ranked, deferred)
            capped |= checked < total_found
            total_found -= checked - len(ranked)
        capped |= len(ranked) < total_found
        fields = topk.fields_of(groups, [ident for _, ident in ranked])
        scored: list[_SCORED] = [(-total, tables.age[ident], ident, *fields[ident])
                                 for total, ident in ranked]
        self._check()
        in_titles = [ids for es in groups for _, f, ids in es if f == "title"]
        hits = self._doc_hits(parsed, scored, in_titles, quotes, together_quotes)
        return SearchResult(hits, total_found, capped)

    def _partition(
        self, group: tuple[Term, ...], entries: list[Entry], joined: bool
    ) -> list[tuple[float, set[int] | None]]:
        """``entries`` (of the terms ``group``) split by value (:func:`.topk.partition`),
        kept while the user types on unless they hold the whole query's matches
        (``joined``: they depend on the other words too)."""
        if joined:
            return topk.partition(entries)
        key = ("split", group)
        found = self._recall(key)
        if found is None:
            found = topk.partition(entries)
            self._remember(key, found)
        return found  # type: ignore[return-value]

    def _candidates(
        self, parsed: Query, groups: list[list[Entry]], quotes: _QuoteFilter | None,
        deferred: list[str],
    ) -> set[int]:
        """Documents matching every group, less the exclusions, with a quotation ``quotes``
        allows; exclusions too common to read whole are added to ``deferred`` instead."""
        tables = self.tables
        candidates = _matching_all(groups)
        if candidates is None:
            candidates = set(range(len(tables.rows)))
        for term in parsed.excludes:
            common = self._common_exclusion(term)
            if common is None:
                candidates -= self._excluded_docs(term)
            else:
                candidates -= self._excluded_docs(term, text=False) | common[1]
                candidates -= tables.titles_with(w.strip('"') for w in common[0])
                deferred += common[0]
        if quotes is not None:
            candidates &= quotes.docs(tables)
        return candidates

    def _scores(
        self, groups: list[list[Entry]], idents: set[int], phrase: str | None, in_text: set[int]
    ) -> dict[int, float]:
        """Whole scores of the documents ``idents``: per group the best entry's value
        (plus a share of a body match under a better field), the phrase bonus, rounded."""
        sums = topk.sums_of(groups, idents, SECONDARY_BODY)
        if phrase:
            titles = self.tables.titles
            for ident, total in sums.items():
                if phrase in titles[ident]:
                    sums[ident] = total + TITLE_PHRASE_BONUS
                elif ident in in_text:
                    sums[ident] = total + TEXT_PHRASE_BONUS
        return {ident: round(total, 6) for ident, total in sums.items()}

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

    def _adjacent_phrase(self, parsed: Query) -> tuple[str | None, set[int]]:
        """The query's words as they would read side by side, and the documents whose text
        has them so (bounded; candidates or not)."""
        if len(parsed.groups) < 2 or any(len(g) > 1 for g in parsed.groups):
            return None, set()
        terms = [g[0] for g in parsed.groups]
        if any(t.field is not None or t.mode not in (FUZZY, PREFIX, WORD, EXACT) for t in terms):
            return None, set()
        vocabulary = self.tables.vocabulary
        phrase = " ".join(self._term_resolved(t).top_word(vocabulary) for t in terms)
        rows = self._sql("SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? LIMIT ?",
                         (fts.quoted(phrase), BODY_LIMIT))
        return phrase, self.tables.docs_at(rows)

    def _doc_hits(
        self,
        parsed: Query,
        scored: list[_SCORED],
        in_titles: list[set[int]],
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
                     if n < MARKS_LIMIT and any(ident in ids for ids in in_titles) else ())
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
        tables = self.tables
        titles, rows, opens = tables.titles, tables.rows, tables.opens_with_title
        # A title hit whose text is known to open with its title is placed from the folded
        # title when no pattern can cross a line (a phrase's can) and the title has a match.
        in_title: dict[int, int] = {}
        for hit, (_, _, _, _, which) in zip(head, scored, strict=False):
            if (hit.field == "title" and which < len(by_group) and opens[hit.doc] == 1
                    and all(r.term.mode != PHRASE for r in by_group[which])):
                at = _first_match(by_group[which], titles[hit.doc], 0)
                if at is not None:
                    in_title[hit.doc] = at
        # Only the other title and body hits need their text (quotations place themselves).
        texts = dict(self._texts(h.doc for h in head if h.field == "body"
                                 or (h.field == "title" and h.doc not in in_title)))
        for doc, text in texts.items():
            title = rows[doc].title
            opens[doc] = 1 if title and text.startswith(title) else 2
        starts = self._quote_starts(head)
        refined = []
        for hit, (_, date, _, _, which) in zip(head, scored, strict=False):
            text = texts.get(hit.doc, "")
            folded: str | None = None
            score, offset = hit.score, None
            if hit.quote is not None:
                offset = starts.get((hit.doc, hit.quote))
            if hit.field == "body" and which < len(by_group):
                folded = fold(text)
                body_start = _body_start(text, rows[hit.doc].title)
                score += self._body_bonus(by_group[which], folded, body_start)
            if offset is None and hit.field in ("title", "body") and which < len(by_group):
                terms = by_group[which]
                title = rows[hit.doc].title
                if hit.doc in in_title:
                    offset = in_title[hit.doc]
                elif (hit.field == "title" and title and text.startswith(title)
                        and all(r.term.mode != PHRASE for r in terms)):
                    # The text opens with the title, and no pattern but a phrase's crosses
                    # a line: the first match is the title's, if it has one (no fold).
                    offset = _first_match(terms, titles[hit.doc], 0)
                if offset is None:
                    folded = fold(text) if folded is None else folded
                    start = _body_start(text, title)
                    offset = _first_match(terms, folded, start if hit.field == "body" else 0)
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


def _matching_all(groups: list[list[Entry]]) -> set[int] | None:
    """Documents some entry of every group holds (None without groups): the group with the
    fewest ids is united, the others only intersected with what is left."""
    if not groups:
        return None
    by_size = sorted(groups, key=lambda es: sum(len(ids) for _, _, ids in es))
    candidates = set().union(*(ids for _, _, ids in by_size[0]))
    for entries in by_size[1:]:
        if not candidates:
            break
        candidates = set().union(*(candidates & ids if len(candidates) <= len(ids)
                                   else ids & candidates for _, _, ids in entries))
    return candidates


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
