"""Quotation search: quotations matching a query in their words or speaker, filtered by
their document's terms, ranked newest first among equals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import compress
from operator import not_

from tui.core.search import topk
from tui.core.search.base import Cancelled
from tui.core.search.documents import DocumentSearch
from tui.core.search.fold import fold
from tui.core.search.hits import QuoteHit
from tui.core.search.limits import DEFAULT_LIMIT, EXCLUDE_CHECKS
from tui.core.search.matcher import Highlighter, text_terms
from tui.core.search.query import META, Query, Term, parse_query
from tui.core.search.ranking import Entry


class QuoteSearch(DocumentSearch):
    """Quotations matching a query, best first."""

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
                pool = list(candidates)  # tested in C: map, compress
                candidates = set(compress(pool, map(not_, map(docs.__contains__, map(
                    tables.quote_doc.__getitem__, pool)))))
        quote_age, order = tables.quote_order()
        wanted = limit if not deferred else min(limit or EXCLUDE_CHECKS, EXCLUDE_CHECKS)
        ranked = topk.best(topk.classes(groups, candidates, wanted), {}, quote_age, wanted, order)
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
