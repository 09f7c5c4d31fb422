"""Benchmark search over the SQLite corpus index (:class:`tui.core.search.IndexSearch`).

Usage:
  python benchmarks/bench_search.py [--sizes 1000 10000] [--runs 5] [--limit N]
  python benchmarks/bench_search.py --index PATH [--queries FILE] [--runs 5]

Without ``--index``, each corpus of N documents cycles through the PolNeAR train articles
(first line = title, source and date from the file name), quotations from the engine
computed once per article, stored in an in-memory index (:mod:`tui.core.search.memory`).
With ``--index``, an existing index database (e.g. one ``CorpusIndex`` wrote, or one built
by ``--build N PATH``) is opened read-only and its rows searched in display order.

Prints the time to open (rows) and to warm the searcher (titles, and the quotation
arrays, speakers and vocabulary from the index's search cache), then per query the
median over ``--runs`` runs, the cache of resolved terms emptied before each run (the
searcher's tables keep what they learn, as in the app: each speaker's documents, the
answers for the last short prefixes and common title words; so a median is a query's
cost once the words it uses have been seen, and the first run of a one-letter query
costs more, about 70–100 ms at 100k articles): for
the default limit (as the app lists) and for the top ``--limit`` hits (as the CLI shows),
for quotations and for speakers; then p50/p95 over the queries, and over every keystroke
of the ``TYPED`` queries (the app searches as one types). ``--queries FILE`` replaces the
query list (one per line). The texts are read at run time and never stored.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from functools import partial
from pathlib import Path

from tui.core.index import searchcache
from tui.core.index.database import connect, prepare
from tui.core.index.records import insert_file
from tui.core.index.store import DocRow
from tui.core.model import Document
from tui.core.quotes import extract_quotations
from tui.core.search import DEFAULT_LIMIT, IndexSearch
from tui.core.search.memory import memory_index

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"

QUERIES = [
    "putin",
    "hilary clinton",
    "trmp",
    "health care plan",
    "emergency room",
    "t",
    "cl",
    "sanders",
    "email server",
    "muller",
    "speaker:trump kind:direct",
    '"health care"',
    "obama | clinton !trump",
    "Trump",
    "qxzvjw",
]
#: Queries timed after every keystroke, as the app searches while one types.
TYPED = ["hilary clinton", "putin speaker:trmp"]
_ROWS = ("SELECT d.id, f.path, d.record, d.title, d.date, d.source, d.place, d.quotes "
         "FROM documents d JOIN files f ON f.id = d.file_id "
         "ORDER BY (d.date IS NULL OR d.date = ''), d.date, f.path, COALESCE(d.record, 0)")


def load_articles(folder: Path) -> list[Document]:
    """One Document per article of ``folder``, quotations extracted."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        title = text.split("\n", 1)[0]
        source, date = [*path.stem.split("_"), "", ""][:2]
        doc = Document(
            path=str(path), text=text, title=title, date=date or None, source=source or None,
            body_start=min(len(title) + 1, len(text)),
        )
        doc.quotations = extract_quotations(text)
        articles.append(doc)
    return articles


def corpus(articles: list[Document], size: int) -> list[Document]:
    """``size`` documents cycling through ``articles`` (distinct objects, shared text)."""
    out = []
    for i in range(size):
        a = articles[i % len(articles)]
        out.append(Document(
            path=a.path, text=a.text, title=a.title, date=a.date, source=a.source,
            record=i + 1, body_start=a.body_start, quotations=list(a.quotations),
        ))
    return out


def build_file(articles: list[Document], size: int, path: Path) -> None:
    """Write an index database of ``size`` documents at ``path`` (replacing it)."""
    path.unlink(missing_ok=True)
    conn = connect(path)
    prepare(conn)
    conn.execute("BEGIN")
    for n, doc in enumerate(corpus(articles, size)):
        insert_file(conn, f"{doc.path}#{n}", 0, 0, [doc], [])
    conn.execute("COMMIT")
    searchcache.ensure(conn)  # as a refresh does: what the searcher loads
    conn.close()


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def timed(call, runs: int) -> tuple[float, object]:
    """Median wall time of ``runs`` calls (ms), and the last result."""
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def cold(searcher: IndexSearch, method: str, query: str, limit: int | None) -> list:
    """One search as typed fresh: the searcher's cache of resolved terms is emptied first."""
    searcher.clear_cache()
    return getattr(searcher, method)(query, limit=limit)


def measure(searcher: IndexSearch, queries: list[str], runs: int, limit: int) -> None:
    """Print the latencies of ``queries`` (see the module docstring)."""
    start = time.perf_counter()
    searcher.warm()
    print(f"  warm {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"  {'query':30} {'hits':>6} {'docs ms':>8} {'top ' + str(limit):>8} "
          f"{'quotes':>8} {'speakers':>8}")
    columns: dict[str, list[float]] = {"docs": [], "top": [], "quotes": [], "speakers": []}
    for query in queries:
        ms_all, hits = timed(partial(cold, searcher, "search", query, DEFAULT_LIMIT), runs)
        ms_top, _ = timed(partial(cold, searcher, "search", query, limit), runs)
        ms_quotes, _ = timed(partial(cold, searcher, "search_quotes", query, limit), runs)
        ms_speakers, _ = timed(partial(cold, searcher, "search_speakers", query, limit), runs)
        for name, ms in zip(columns, (ms_all, ms_top, ms_quotes, ms_speakers), strict=True):
            columns[name].append(ms)
        print(f"  {query:30} {len(hits):6} {ms_all:8.1f} {ms_top:8.1f} {ms_quotes:8.1f} "
              f"{ms_speakers:8.1f}")
    for name, values in columns.items():
        print(f"  {name:10} p50 {percentile(values, 0.5):6.1f} ms   "
              f"p95 {percentile(values, 0.95):6.1f} ms   max {max(values):6.1f} ms")
    keys = []
    for typed in TYPED:
        for end in range(1, len(typed) + 1):
            ms, _ = timed(partial(cold, searcher, "search", typed[:end], DEFAULT_LIMIT), runs)
            keys.append(ms)
    print(f"  typing {', '.join(map(repr, TYPED))} key by key, docs: "
          f"p50 {percentile(keys, 0.5):.1f} ms, p95 {percentile(keys, 0.95):.1f} ms, "
          f"max {max(keys):.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--index", type=Path, help="an existing index database to search")
    ap.add_argument("--queries", type=Path, help="a file of queries, one per line")
    ap.add_argument("--build", nargs=2, metavar=("N", "PATH"),
                    help="write an index database of N documents at PATH and exit")
    args = ap.parse_args()
    queries = QUERIES
    if args.queries:
        queries = [q for q in args.queries.read_text(encoding="utf-8").splitlines() if q.strip()]
    if args.index:
        start = time.perf_counter()
        with sqlite3.connect(f"file:{args.index.resolve()}?mode=ro", uri=True) as conn:
            rows = [DocRow(*row) for row in conn.execute(_ROWS)]
        searcher = IndexSearch(None, rows, path=args.index)
        print(f"{args.index}: {len(rows)} documents, rows read in "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        measure(searcher, queries, args.runs, args.limit)
        return 0
    if not TRAIN.exists():
        print(f"needs {TRAIN}", file=sys.stderr)
        return 2
    articles = load_articles(TRAIN)
    if args.build:
        build_file(articles, int(args.build[0]), Path(args.build[1]))
        return 0
    for size in args.sizes:
        start = time.perf_counter()
        conn, rows = memory_index(corpus(articles, size))
        print(f"\n{size} documents: stored in memory in "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        measure(IndexSearch(conn, rows), queries, args.runs, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
