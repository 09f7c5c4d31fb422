"""``SearchIndex(documents)``: search over documents already in memory.

A convenience over :class:`~.sqlsearch.IndexSearch`: the documents are stored in an
in-memory SQLite index (:mod:`.memory`) and searched there, the one search backend; since
the documents are at hand, every hit gets its scroll offset (:meth:`IndexSearch.locate`).
Building costs what storing the documents costs (1–2 s per 1,000 articles with their
quotations); for a corpus on disk use the corpus index and :class:`IndexSearch` directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from tui.core.model import Document
from tui.core.search.hits import DocHit, QuoteHit, SpeakerHit
from tui.core.search.memory import memory_index
from tui.core.search.sqlsearch import MARKS_LIMIT, IndexSearch, SearchResult


class SearchIndex:
    """Fuzzy, accent-folding, smart-case search over ``documents`` (hits index into it)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = documents
        conn, rows = memory_index(documents)
        self.searcher = IndexSearch(conn, rows)

    def clear_cache(self) -> None:
        """Forget resolved query terms (they are cached while the user types)."""
        self.searcher.clear_cache()

    def search(
        self,
        query: str,
        limit: int | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[DocHit]:
        """Documents matching ``query``, best first, each with its offset; see
        :meth:`IndexSearch.search` (here ``limit=None`` means every match found)."""
        return self._complete(query, self.searcher.search(query, limit, should_stop))

    def find(
        self,
        query: str,
        limit: int | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """As :meth:`IndexSearch.find`, each hit with its offset."""
        result = self.searcher.find(query, limit, should_stop)
        return SearchResult(self._complete(query, result.hits), result.total, result.capped)

    def _complete(self, query: str, hits: list[DocHit]) -> list[DocHit]:
        """Hits with their offsets and, past the first ones, title marks."""
        searcher = self.searcher
        out = []
        for n, hit in enumerate(hits):
            if n >= MARKS_LIMIT and not hit.title_marks:
                hit = replace(hit, title_marks=searcher.title_marks(query, hit.doc))
            out.append(searcher.locate(query, hit, self.documents[hit.doc]))
        return out

    def search_quotes(
        self,
        query: str,
        limit: int | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[QuoteHit]:
        """Quotations matching ``query``; see :meth:`IndexSearch.search_quotes`."""
        return self.searcher.search_quotes(query, limit, should_stop)

    def search_speakers(self, query: str, limit: int | None = None) -> list[SpeakerHit]:
        """Speaker names matching ``query``; see :meth:`IndexSearch.search_speakers`."""
        return self.searcher.search_speakers(query, limit)


__all__ = ["DocHit", "QuoteHit", "SearchIndex", "SpeakerHit"]
