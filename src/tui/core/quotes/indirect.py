"""Indirect (reported) speech outside quotation marks: ``Smith said (that) …``."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from tui.core.model import INDIRECT, Quotation, Span
from tui.core.quotes.clauses import reported_clauses
from tui.core.quotes.marks import quoted_runs


def _quoted_spans(text: str) -> list[Span]:
    return [span for run in quoted_runs(text) for span in run.spans]


def _covered(spans: tuple[Span, ...], taken: list[Span], ends: list[int]) -> int:
    """How many characters of ``spans`` lie inside ``taken`` (sorted, non-overlapping)."""
    total = 0
    for start, end in spans:
        i = bisect_right(ends, start)
        while i < len(taken) and taken[i][0] < end:
            total += max(0, min(end, taken[i][1]) - max(start, taken[i][0]))
            i += 1
    return total


def find_indirect(text: str, direct: list[Quotation]) -> list[Quotation]:
    """Reported-speech clauses not already covered by ``direct``, each with its cue."""
    taken = _merged(span for quote in direct for span in quote.spans)
    ends = [end for _, end in taken]
    cues = {quote.cue for quote in direct if quote.cue}
    out: list[Quotation] = []
    for clause in reported_clauses(text, _quoted_spans(text)):
        if clause.cue in cues:
            continue
        size = sum(e - s for s, e in clause.spans)
        if _covered(clause.spans, taken, ends) >= 0.5 * size:
            continue
        out.append(Quotation(kind=INDIRECT, spans=clause.spans, cue=clause.cue))
    return out


def _merged(spans: Iterable[Span]) -> list[Span]:
    """``spans`` sorted, overlapping ones merged."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
