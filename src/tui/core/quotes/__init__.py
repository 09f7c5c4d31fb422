"""The quotation engine: text in, quotations out. Pure Python, deterministic, no UI.

>>> from tui.core.quotes import extract_quotations
>>> [q.speaker for q in extract_quotations('"We will win," Jane Smith said.')]
['Jane Smith']

The pipeline has two halves. Content: :mod:`.direct` finds quotations in marks (direct,
and mixed ones whose content is a paraphrase embedding a quoted fragment), :mod:`.indirect`
finds reported speech outside them (with the cue that introduces it). Source:
:mod:`.attribution` attaches each quotation to its cue and speaker mention, and
:mod:`.resolve` turns each mention into a person's name and role.
"""

from __future__ import annotations

from tui.core.model import Quotation
from tui.core.quotes.attribution import attribute
from tui.core.quotes.direct import find_direct
from tui.core.quotes.indirect import find_indirect
from tui.core.quotes.resolve import resolve_speakers

#: Bumped whenever the engine's output can change, so stored results are recomputed.
ENGINE_VERSION = "3"


def extract_quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order of first appearance, speakers resolved."""
    direct = find_direct(text)
    indirect = find_indirect(text, direct)
    quotations = sorted(direct + indirect, key=lambda q: (q.start, q.end))
    attribute(text, quotations)
    resolve_speakers(text, quotations)
    return quotations


__all__ = ["ENGINE_VERSION", "extract_quotations"]
