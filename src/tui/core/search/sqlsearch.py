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
(:mod:`.topk`), with no set of every match when nothing is excluded; one- and two-letter
speaker prefixes keep the newest :data:`~.limits.SHORT_LIMIT` documents, like titles.
While the user types, what each term and each group matched is kept (least recently
used forgotten first); the tables keep their last answers for short prefixes and sets of
speakers. The first :data:`REFINE` hits are then refined (the texts of title and body
hits read, unless a title hit's text is known to open with its title): scroll offsets,
the quotation they were found through, and body matches near the top or repeated count
more (re-ordering within those hits). Hits further down come with ``offset=None`` (and
``quote=None``): :meth:`IndexSearch.locate` completes the one shown. Title marks come with
the first :data:`MARKS_LIMIT` hits; :meth:`IndexSearch.title_marks` gives the others.

Smart case: a term typed with a capital is checked against the original text of every
candidate (titles and names in memory; bodies and quotations read, at most
:data:`CASE_LIMIT` documents per quality tier).

Memory and start-up: :meth:`IndexSearch.warm` loads :class:`~.tables.Tables` (at 100k
articles and 1.9M quotations: about 0.5 s, read from the index's search cache; seconds
when an index has none); the first search does it otherwise. Call it in a worker right
after opening.

Modules, one job each (a chain of mixins, each building on the one before):
:mod:`.limits` (every bound), :mod:`.base` (lock, cancellation, SQL helpers, caches of
resolved terms and matches), :mod:`.fields` (what one term matches per field, smart case),
:mod:`.exclusions` (negated terms), :mod:`.quotefilter` (quotation filters and the
quotation a hit is shown at), :mod:`.documents` (document search, scoring, refining),
:mod:`.quotesearch` (quotation search); this module puts them together with the public
methods. What is kept in memory is :mod:`.tables`, loaded from the index's precomputed
:mod:`tui.core.index.searchcache`.

Exclusions: a negated word in more than :data:`~.limits.EXCLUDE_READ` documents is
checked on the best :data:`~.limits.EXCLUDE_CHECKS` hits only (one indexed look-up
each); its rarer spellings are read whole.

Threads: a searcher runs one search at a time (a lock); searches are meant for a worker
thread. Given ``path`` it opens its own read-only connection; otherwise it uses the
connection it is given (an in-memory index can be reached only through that one), which
must be opened with
``check_same_thread=False`` (as :func:`tui.core.index.database.connect` does). While
searching it installs a progress handler on that connection, so a cancelled search also
interrupts the SQLite statement it is running: do not share that connection with other
long statements meanwhile.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from tui.core.index.database import connect_read_only
from tui.core.model import Document
from tui.core.search.base import Cancelled, _never
from tui.core.search.documents import _first_match
from tui.core.search.fold import fold
from tui.core.search.hits import DocHit, SearchResult, SpeakerHit
from tui.core.search.limits import DEFAULT_LIMIT, MARKS_LIMIT, REFINE
from tui.core.search.matcher import Highlighter, Resolved, text_terms
from tui.core.search.query import Term, parse_query
from tui.core.search.quotefilter import _about_quotations
from tui.core.search.quotesearch import QuoteSearch
from tui.core.search.tables import Row, Tables


class IndexSearch(QuoteSearch):
    """Fuzzy, accent-folding, smart-case search over an SQLite corpus index.

    ``rows`` are the documents as listed (each with ``id``, ``title``, ``date``,
    ``source``, e.g. ``CorpusIndex.rows()``); a hit's ``doc`` is a position in ``rows``.
    """

    def __init__(
        self, conn: sqlite3.Connection | None, rows: Sequence[Row], path: str | Path | None = None
    ) -> None:
        if path is not None:
            conn = connect_read_only(Path(path).resolve())
        if conn is None:
            raise ValueError("IndexSearch needs a connection or a path")
        self.conn = conn
        self.rows = rows
        self._own = path is not None
        self._path = str(Path(path).resolve()) if path is not None else None
        self._tables: Tables | None = None
        self._lock = threading.RLock()
        self._resolved: dict[tuple[Term, bool], Resolved] = {}
        self._entries: dict[tuple[str, object], object] = {}
        self._stop: Callable[[], bool] = _never

    def warm(self) -> None:
        """Load what searching keeps in memory (seconds at 100k articles), if not yet done.

        Called by the first search otherwise; call it in a worker after opening so the
        first keystroke does not wait."""
        self.tables  # noqa: B018

    def close(self) -> None:
        """Close the connection this searcher opened itself (none otherwise).

        A search may be running on it in another thread (the app drops a searcher when
        the rows change while indexing): closing a connection under a running statement
        crashes the process. So a running statement is interrupted, and the connection
        is closed by a thread of its own once the search has let go of it."""
        if not self._own:
            return
        with contextlib.suppress(sqlite3.Error):
            self.conn.interrupt()
        threading.Thread(target=self._close_when_idle, name="seedread-searcher-close",
                         daemon=True).start()

    def _close_when_idle(self) -> None:
        with self._lock:
            self.conn.close()

    def clear_cache(self) -> None:
        """Forget resolved query terms and what they matched (cached while the user types)."""
        self._resolved.clear()
        self._entries.clear()

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

    def title_marks(self, query: str, position: int) -> tuple[int, ...]:
        """Offsets to highlight in the title of row ``position`` for ``query`` (hits past
        the first :data:`MARKS_LIMIT` come without them)."""
        terms = [self._term_resolved(t) for t in text_terms(parse_query(query).positive_terms())]
        return Highlighter(terms).positions(self.tables.titles[position])

    def search_speakers(self, query: str, limit: int | None = None) -> list[SpeakerHit]:
        """Speaker names (of resolved quotations) matching ``query``, best first; ties go to
        the speaker quoted most. Only word terms apply; filters are ignored."""
        return self.tables.speakers.search(
            query, limit, lambda term: self._resolve(term, speakers_only=True))


__all__ = ["DEFAULT_LIMIT", "MARKS_LIMIT", "REFINE", "Cancelled", "IndexSearch", "SearchResult"]
