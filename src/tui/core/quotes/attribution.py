"""Attach each quotation to its cue and speaker mention. (Initial version: none.)"""

from __future__ import annotations

from tui.core.model import Quotation


def attribute(text: str, quotations: list[Quotation]) -> None:
    """Fill ``cue`` and ``mention`` of each quotation that lacks them, in place."""
