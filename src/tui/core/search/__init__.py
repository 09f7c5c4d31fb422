"""Search: fuzzy, typo-tolerant, accent-folding matching over documents, quotations and
speakers. Pure Python plus rapidfuzz; nothing here imports a UI library.

Modules, in the order a query flows through them: :mod:`.query` parses the fzf-style
syntax into terms; :mod:`.fold` folds case and accents (same length, so offsets carry
over); :mod:`.matcher` resolves each term against a vocabulary (exact, prefix, corrected
spellings) and highlights; :mod:`.smartcase` checks the case of terms typed with capitals;
:mod:`.fts` turns resolved terms into FTS5 expressions; :mod:`.tables` is what a searcher
keeps in memory; :mod:`.sqlsearch` is :class:`IndexSearch`, the search over the SQLite
corpus index, built from :mod:`.base`, :mod:`.fields`, :mod:`.exclusions`,
:mod:`.quotefilter`, :mod:`.documents` and :mod:`.quotesearch` (bounds in :mod:`.limits`),
scoring with :mod:`.ranking` and :mod:`.topk` and returning :mod:`.hits`; :mod:`.speakers`
searches speaker names. :class:`SearchIndex` (:mod:`.index`) wraps it for documents in
memory, through an in-memory index (:mod:`.memory`).

>>> from tui.core.search import fold
>>> fold("Müller")
'muller'
"""

from __future__ import annotations

from tui.core.search.fold import fold
from tui.core.search.hits import DocHit, QuoteHit, SpeakerHit
from tui.core.search.index import SearchIndex
from tui.core.search.matcher import highlight_positions
from tui.core.search.query import Query, Term, parse_query
from tui.core.search.sqlsearch import DEFAULT_LIMIT, Cancelled, IndexSearch, SearchResult

__all__ = [
    "DEFAULT_LIMIT",
    "Cancelled",
    "DocHit",
    "IndexSearch",
    "Query",
    "QuoteHit",
    "SearchIndex",
    "SearchResult",
    "SpeakerHit",
    "Term",
    "fold",
    "highlight_positions",
    "parse_query",
]
