"""Indirect (reported) speech outside quotation marks. (Initial version: finds none.)"""

from __future__ import annotations

from tui.core.model import Quotation


def find_indirect(text: str, direct: list[Quotation]) -> list[Quotation]:
    """Reported-speech clauses not already covered by ``direct``."""
    return []
