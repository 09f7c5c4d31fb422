"""Direct and mixed quotations: text inside quotation marks."""

from __future__ import annotations

from tui.core.model import DIRECT, Quotation
from tui.core.quotes.marks import pair_marks


def find_direct(text: str) -> list[Quotation]:
    """Quotations in marks, content spans only (attribution is added later)."""
    return [Quotation(kind=DIRECT, spans=tuple(run.spans)) for run in pair_marks(text)]
