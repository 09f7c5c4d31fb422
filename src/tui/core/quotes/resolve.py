"""Resolve speaker mentions to people's names and roles. (Initial version: as written.)"""

from __future__ import annotations

from tui.core.model import Quotation


def resolve_speakers(text: str, quotations: list[Quotation]) -> None:
    """Fill ``speaker`` and ``role`` from each quotation's ``mention``, in place."""
    for quote in quotations:
        if quote.mention and quote.speaker is None:
            quote.speaker = text[quote.mention[0] : quote.mention[1]]
