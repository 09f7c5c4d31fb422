"""How the quotation engine copes with hostile articles (issue 6): CPU seconds per case.

Usage: python benchmarks/bench_hostile_engine.py [--cases A,B] [--scale 1.0] [--runs 1]

Every text is generated here (nothing large is stored). Each case goes through
:func:`tui.core.corpus.bounded_quotations`, as ``analyse_file`` does: texts over 20,000
characters are searched in pieces, the first 1 MB only, with a 10 s CPU budget. The
columns: characters, CPU seconds (median of ``--runs``), quotations found, and how far
the search got (``all`` unless the budget stopped it, or the first 1 MB when the text is
longer). A near-linear engine shows similar seconds per MB searched across cases; run with
``--scale 0.5`` beside ``--scale 1`` to see a case's growth.

To compare two versions, run it under each (``PYTHONPATH=/old/checkout/src python …``).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from tui.core.corpus import bounded_quotations

_QUOTE = ('"We will win this one, and we will win it soon," said Jane Smith, the party\'s '
          "chair, who added that the vote was {n}.")
_PROSE = ("Smith said the plan was good and Jones told reporters that it would fail in {n} "
          'ways, while Lee called it "a disaster that will cost us all" on Tuesday ')
_SAID = "said " * 19 + "x{n} "
_CLAUSE = "Smith said the plan was good, {n} "
_MARKS = 'He said "a{n}" and '


def _repeat(unit: str, chars: int, sep: str = "") -> str:
    """``unit`` numbered 0, 1, 2, … until the text holds ``chars`` characters: no two
    pieces alike, so no cache sees the same piece twice."""
    out: list[str] = []
    size = n = 0
    while size < chars:
        out.append(unit.format(n=n))
        size += len(out[-1]) + len(sep)
        n += 1
    return sep.join(out)


MB = 1_000_000
CASES: dict[str, Callable[[float], str]] = {
    # 20,000 short paragraphs, each a quotation and its attribution (2.4 MB)
    "20000 paragraphs": lambda s: "A long article\n\n" + "\n\n".join(
        _QUOTE.format(n=k) for k in range(int(20_000 * s))),
    # one line of 10 MB: sentences, but no paragraph break
    "10 MB line": lambda s: _repeat(_QUOTE, int(10 * MB * s), " "),
    # one paragraph of 1 MB with no sentence end: cues and quotations all along
    "1 MB sentence": lambda s: _repeat(_PROSE, int(MB * s)),
    # thousands of quotation marks in one paragraph of 1 MB
    "1 MB quote marks": lambda s: _repeat(_MARKS, int(MB * s)),
    "1 MB bare marks": lambda s: '"' * int(MB * s),
    # a cue after a cue after a cue ("said said said …"), 90 kB
    "90 kB said said": lambda s: _repeat(_SAID, int(90_000 * s)),
    # paragraphs of 20,000 characters, the longest the engine is given whole
    "20 kB said said": lambda s: _repeat(_SAID, int(19_500 * s)),
    "20 kB sentence": lambda s: _repeat(_CLAUSE, int(19_500 * s)),
    "20 kB quote marks": lambda s: _repeat(_MARKS, int(19_500 * s)),
    "20 kB quotations": lambda s: _repeat(_QUOTE, int(19_500 * s), " "),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", help="comma-separated case names (default: all)")
    ap.add_argument("--scale", type=float, default=1.0, help="size factor (default 1)")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    names = args.cases.split(",") if args.cases else list(CASES)
    print(f"{'case':20} {'chars':>10} {'cpu s':>7} {'s/MB':>7} {'quotes':>7} {'searched':>10}")
    for name in names:
        text = CASES[name](args.scale)
        seconds = []
        for _ in range(args.runs):
            started = time.process_time()
            quotations, searched = bounded_quotations(text)
            seconds.append(time.process_time() - started)
        cpu = statistics.median(seconds)
        reach = "all" if searched >= min(len(text), MB) else f"{searched:,}"
        print(f"{name:20} {len(text):>10,} {cpu:>7.2f} {cpu / max(searched, 1) * MB:>7.2f} "
              f"{len(quotations):>7} {reach:>10}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
