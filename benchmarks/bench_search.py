"""Benchmark the in-memory search index on PolNeAR news text repeated to size.

Usage: python benchmarks/bench_search.py [--sizes 1000 10000] [--runs 5] [--limit N]

Each corpus of N documents cycles through the PolNeAR train articles (first line = title,
source and date from the file name), with quotations from the engine, computed once per
article. Prints the index build time, then per query the median over ``--runs`` runs of its
latency, the cache of resolved terms emptied before each run: for the full result list (as
the app filters) and for the top ``--limit`` hits (as the CLI shows); then p50/p95 over the
queries. The texts are read at run time and never stored.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from functools import partial
from pathlib import Path

from tui.core.model import Document
from tui.core.quotes import extract_quotations
from tui.core.search import SearchIndex

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
    "qxzvjw",
]
#: Queries timed after every keystroke, as the app searches while one types.
TYPED = ["hilary clinton", "putin speaker:trmp"]


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


def cold_search(index: SearchIndex, query: str, limit: int | None) -> list:
    """One search as typed fresh: the index's cache of resolved terms is emptied first."""
    index.clear_cache()
    return index.search(query, limit=limit)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=50)
    args = ap.parse_args()
    if not TRAIN.exists():
        print(f"needs {TRAIN}", file=sys.stderr)
        return 2
    articles = load_articles(TRAIN)
    for size in args.sizes:
        docs = corpus(articles, size)
        build, index = timed(lambda docs=docs: SearchIndex(docs), max(1, args.runs // 2))
        print(f"\n{size} documents: build {build:.0f} ms (median)")
        print(f"  {'query':30} {'hits':>6} {'all ms':>8} {'top ' + str(args.limit):>8}")
        full, top = [], []
        for query in QUERIES:
            ms_all, hits = timed(partial(cold_search, index, query, None), args.runs)
            ms_top, _ = timed(partial(cold_search, index, query, args.limit), args.runs)
            full.append(ms_all)
            top.append(ms_top)
            print(f"  {query:30} {len(hits):6} {ms_all:8.1f} {ms_top:8.1f}")
        for name, values in (("all hits", full), (f"top {args.limit}", top)):
            print(f"  {name:10} p50 {percentile(values, 0.5):6.1f} ms   "
                  f"p95 {percentile(values, 0.95):6.1f} ms")
        keys = []
        for typed in TYPED:
            for end in range(1, len(typed) + 1):
                ms, _ = timed(partial(cold_search, index, typed[:end], None), args.runs)
                keys.append(ms)
        print(f"  typing {', '.join(map(repr, TYPED))} key by key, all hits: "
              f"p50 {percentile(keys, 0.5):.1f} ms, p95 {percentile(keys, 0.95):.1f} ms, "
              f"max {max(keys):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
