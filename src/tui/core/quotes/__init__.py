"""The quotation engine: text in, quotations out. Pure Python, deterministic, no UI.

>>> from tui.core.quotes import extract_quotations
>>> [q.speaker for q in extract_quotations('"We will win," Jane Smith said.')]
['Jane Smith']

The pipeline: :mod:`.direct` finds quotations in marks (with their cue and speaker
mention), :mod:`.indirect` finds reported speech outside them, and :mod:`.resolve` turns
each mention into a person's name and role.
"""

from __future__ import annotations

from tui.core.model import Quotation
from tui.core.quotes.direct import find_direct
from tui.core.quotes.indirect import find_indirect
from tui.core.quotes.resolve import resolve_speakers

#: Bumped whenever the engine's output can change, so stored results are recomputed.
ENGINE_VERSION = "1"


def extract_quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order of first appearance, speakers resolved."""
    direct = find_direct(text)
    indirect = find_indirect(text, direct)
    quotations = sorted(direct + indirect, key=lambda q: (q.start, q.end))
    resolve_speakers(text, quotations)
    return quotations


__all__ = ["ENGINE_VERSION", "extract_quotations"]
