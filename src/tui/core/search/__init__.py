"""Search: fuzzy, typo-tolerant, accent-folding matching over documents, quotations and
speakers. Pure Python plus rapidfuzz; nothing here imports a UI library.

>>> from tui.core.search import fold
>>> fold("Müller")
'muller'
"""

from __future__ import annotations

from tui.core.search.fold import fold
from tui.core.search.index import DocHit, QuoteHit, SearchIndex, SpeakerHit
from tui.core.search.matcher import highlight_positions
from tui.core.search.query import Query, Term, parse_query

__all__ = [
    "DocHit",
    "Query",
    "QuoteHit",
    "SearchIndex",
    "SpeakerHit",
    "Term",
    "fold",
    "highlight_positions",
    "parse_query",
]
