"""Search: fuzzy, typo-tolerant, accent-folding matching over documents, quotations and
speakers. Pure Python plus rapidfuzz; nothing here imports a UI library.

Modules, in the order a query flows through them: :mod:`.query` parses the fzf-style
syntax into terms; :mod:`.fold` folds case and accents (same length, so offsets carry
over); :mod:`.matcher` resolves each term against a vocabulary (exact, prefix, corrected
spellings) and highlights; :mod:`.postings` holds the inverted lists; :mod:`.index` is the
:class:`SearchIndex` that scores with :mod:`.ranking` and returns :mod:`.hits`;
:mod:`.speakers` searches speaker names. A later on-disk index (SQLite FTS5) can reuse the
parser, folding, resolution (against FTS5's vocabulary table) and highlighting, and
replace only the postings and the scoring over them.

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
