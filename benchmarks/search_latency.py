"""Child process of the scale benchmark: search latency per keystroke over a built index.

Usage: python benchmarks/search_latency.py PATH... [--cache-dir DIR] [--runs N]
       [--lines-dir DIR]

Opens the corpus the way the app does (the persistent index in ``--cache-dir``, already
built) and times, in this process, each query of :data:`QUERIES` (the cache of resolved
terms emptied first, as when a query is typed afresh) and each keystroke of
:data:`TYPED` in turn (the cache kept between keystrokes, as while typing), ``--runs``
times, for two scopes: ``all`` (the app's search: titles, bodies, quotations, speakers)
and ``titles+speakers`` (every word restricted to titles or speaker names). Prints one
JSON object: timings per label and scope, hit counts, what was searched with, and the
resident memory of this process. With ``--lines-dir`` it also writes the titles,
quotations and speaker names as line files for the fzf reference.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fzf_reference import lines_from_index, write_lines
from measure import Latencies, memory_mb, time_ms

#: Realistic queries: names, misspelt names, short prefixes, phrases, one with no match.
QUERIES = ["putin", "hilary clinton", "trmp", "health care plan", "emergency room", "t", "cl",
           "sanders", "email server", "xqzvwk"]
#: Queries timed keystroke by keystroke, as typed.
TYPED = ["hilary clinton"]
SCOPES = ("all", "titles+speakers")


def keystrokes(query: str) -> list[str]:
    """What the search box holds after each keystroke of ``query``."""
    return [query[:i] for i in range(1, len(query) + 1)]


def typed_label(text: str) -> str:
    """The label of one keystroke's timing (distinct from the fixed queries)."""
    return f"typed:{text}"


def titles_and_speakers(query: str) -> str:
    """``query`` with every word restricted to titles or speaker names, in the query
    syntax (``title:w | speaker:w`` for each word ``w``)."""
    return " ".join(f"title:{w} | speaker:{w}" for w in query.split())


@dataclass(slots=True)
class Searcher:
    """What the benchmark needs of a search engine, whatever its API is today."""

    label: str
    search: Callable[[str], list]
    clear: Callable[[], None]
    documents: int
    titles: list[str]
    quotes: list[str]
    speakers: list[str]
    open_seconds: float


def open_searcher(paths: Sequence[str], cache_dir: str | None) -> Searcher:
    """The app's search over the corpus at ``paths``, as the app makes it.

    :class:`tui.core.search.IndexSearch` over the persistent index (read-only connection,
    the index's rows, ``find`` with its default limit, as the app calls it), warmed first
    (the app pays that once, on its first search; ``open_seconds`` includes it). Before
    search moved onto the index: the in-memory :class:`tui.core.search.SearchIndex`.
    """
    start = time.perf_counter()
    from tui.core.index.store import CorpusIndex

    index = CorpusIndex.open(list(paths), Path(cache_dir) if cache_dir else None)
    rows = index.rows()
    if not rows:
        raise SystemExit(f"no built index of {', '.join(paths)} in {cache_dir}")
    try:
        from tui.core.search import IndexSearch
    except ImportError:
        return _in_memory(index, start)
    searcher = IndexSearch(None, rows, path=index.path)
    searcher.warm()
    seconds = time.perf_counter() - start
    titles, quotes, speakers = lines_from_index(index.path)
    return Searcher("IndexSearch over the SQLite index (find, default limit)",
                    lambda q: searcher.find(q).hits, searcher.clear_cache, len(rows),
                    titles, quotes, speakers, seconds)


def _in_memory(index: object, start: float) -> Searcher:
    """The in-memory engine over the index's documents (before search used the index)."""
    from tui.core.search import SearchIndex

    documents = [index.document(row.id) for row in index.rows()]  # type: ignore[attr-defined]
    engine = SearchIndex(documents)
    seconds = time.perf_counter() - start
    quotes = [q.content(d.text) for d in documents for q in d.quotations]
    speakers = [q.speaker for d in documents for q in d.quotations if q.speaker]
    return Searcher("in-memory SearchIndex over the index's documents",
                    lambda q: engine.search(q), engine.clear_cache, len(documents),
                    [d.title for d in documents], quotes, speakers, seconds)


def measure(searcher: Searcher, runs: int) -> dict:
    """Timings (ms) by scope and label over ``runs`` rounds, and hits by scope and label."""
    timings = {scope: Latencies() for scope in SCOPES}
    hits: dict[str, dict[str, int]] = {scope: {} for scope in SCOPES}
    shape = {"all": lambda q: q, "titles+speakers": titles_and_speakers}
    for _ in range(runs):
        for scope in SCOPES:
            for query in QUERIES:
                searcher.clear()
                shaped = shape[scope](query)
                ms, found = time_ms(lambda q=shaped: searcher.search(q))
                timings[scope].add(query, ms)
                hits[scope][query] = len(found)
            for query in TYPED:
                searcher.clear()
                for text in keystrokes(query):
                    shaped = shape[scope](text)
                    ms, found = time_ms(lambda q=shaped: searcher.search(q))
                    timings[scope].add(typed_label(text), ms)
                    hits[scope][typed_label(text)] = len(found)
    return {"samples": {scope: t.samples for scope, t in timings.items()}, "hits": hits}


def main(argv: Sequence[str] | None = None) -> int:
    """Open, measure, print one JSON object."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--cache-dir")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lines-dir", type=Path)
    args = ap.parse_args(argv)
    searcher = open_searcher(args.paths, args.cache_dir)
    result = {"engine": searcher.label, "documents": searcher.documents,
              "open_seconds": round(searcher.open_seconds, 3),
              **measure(searcher, args.runs), **memory_mb()}
    if args.lines_dir is not None:
        result["lines"] = write_lines(args.lines_dir, searcher.titles, searcher.quotes,
                                      searcher.speakers)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
