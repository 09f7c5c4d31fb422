"""Indirect (reported) speech outside quotation marks: ``Smith said (that) …``."""

from __future__ import annotations

from tui.core.model import INDIRECT, Quotation
from tui.core.quotes.clauses import reported_clauses
from tui.core.quotes.marks import quoted_runs


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [span for run in quoted_runs(text) for span in run.spans]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def find_indirect(text: str, direct: list[Quotation]) -> list[Quotation]:
    """Reported-speech clauses not already covered by ``direct``, each with its cue."""
    taken = sorted(span for quote in direct for span in quote.spans)
    cues = {quote.cue for quote in direct if quote.cue}
    out: list[Quotation] = []
    for clause in reported_clauses(text, _quoted_spans(text)):
        if clause.cue in cues:
            continue
        size = sum(e - s for s, e in clause.spans)
        covered = sum(_overlap(a, b) for a in clause.spans for b in taken)
        if covered >= 0.5 * size:
            continue
        out.append(Quotation(kind=INDIRECT, spans=clause.spans, cue=clause.cue))
    return out
