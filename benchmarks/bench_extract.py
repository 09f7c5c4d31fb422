"""How fast the quotation engine runs: articles/s and characters/s, medians of runs.

Usage: python benchmarks/bench_extract.py [FOLDER] [--runs 5]
FOLDER defaults to ../shared/data/polnear/train/text (840 articles). Prints three rows,
measured in one run so they compare on a shared machine:
  engine, 1 process   extract_quotations over texts already in memory
  corpus, 1 process   open_corpus: read, decode, load and extract every file
  corpus, --jobs 2    the same spread over two processes
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from tui.core.corpus import open_corpus
from tui.core.loaders import load_paths
from tui.core.quotes import extract_quotations

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def _median_seconds(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not args.folder.exists():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    texts = [doc.text for doc in load_paths([args.folder]).documents]
    articles, chars = len(texts), sum(len(t) for t in texts)
    print(f"{articles} articles, {chars:,} characters, median of {args.runs} runs")

    def engine() -> None:
        for text in texts:
            extract_quotations(text)

    rows = [
        ("engine, 1 process", _median_seconds(engine, args.runs)),
        ("corpus, 1 process", _median_seconds(lambda: open_corpus([args.folder]), args.runs)),
        ("corpus, --jobs 2",
         _median_seconds(lambda: open_corpus([args.folder], jobs=2), args.runs)),
    ]
    print(f"{'':20} {'seconds':>8} {'articles/s':>11} {'chars/s':>12}")
    for label, seconds in rows:
        print(f"{label:20} {seconds:8.3f} {articles / seconds:11.0f} {chars / seconds:12,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
