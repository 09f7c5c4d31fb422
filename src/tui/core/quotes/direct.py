"""Direct and mixed quotations: text inside quotation marks. (Initial version.)"""

from __future__ import annotations

import re

from tui.core.model import DIRECT, Quotation

_QUOTED = re.compile(r"[\"“«]([^\"“”«»]{2,}?)[\"”»]")


def find_direct(text: str) -> list[Quotation]:
    """Quotations in marks, content spans only (attribution is added later)."""
    return [Quotation(kind=DIRECT, spans=((m.start(1), m.end(1)),)) for m in _QUOTED.finditer(text)]
