"""News-wire datelines at the start of a body: where and from whom a story was filed.

Recognised forms (place kept as written)::

    date 2021-12-23 MOSCOW, December 23. /TASS/. Italy might…   (the seed corpus)
    MOSCOW, December 23. /TASS/. Italy might…
    WASHINGTON (Reuters) - The Chinese government…
    RENO, Nev. (AP) — Republican presidential hopeful…
    New York (AFP) – Oscar-winning actress…
    ST. LOUIS — Presumptive Republican presidential nominee…    (capitals needed here)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.loaders.dates import parse_date

_CAPS_WORD = r"[A-Z][A-Z.'’\-]*"
_ANY_WORD = r"[A-Z][A-Za-z.'’\-]*"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ \u00a0]{_CAPS_WORD}){{0,4}}"
_ANY_PLACE = rf"{_ANY_WORD}(?:[ \u00a0]{_ANY_WORD}){{0,4}}"
# ", Nev." / ", December 23." / ", Dec 23": a state, country or date after the place.
_EXTRA = r"(?:,[ \u00a0]+(?P<extra>[^()/\n—–]{1,40}?))?"
_DASH = r"(?:—|–|--?)"

# Capitalised words that open headlines and kickers the way a place opens a dateline.
_NOT_PLACES = frozenset(
    {
        "EXCLUSIVE", "BREAKING", "BREAKING NEWS", "UPDATE", "UPDATED", "WATCH", "LIVE",
        "VIDEO", "PHOTOS", "OPINION", "ANALYSIS", "EDITORIAL", "REVIEW", "COMMENTARY",
        "CORRECTION", "FACT CHECK", "NEWS ANALYSIS", "ABSTRACT",
    }
)
_PREFIX = re.compile(r"\s*date:?[ \t]+(\S+)[ \t]+", re.IGNORECASE)
_FORMS = (
    # MOSCOW, December 23. /TASS/.
    re.compile(rf"(?P<place>{_ANY_PLACE}){_EXTRA}\s*/(?P<agency>[A-Z][A-Za-z\-]{{1,20}})/\.?"
               rf"(?:\s*{_DASH})?\s+"),
    # WASHINGTON (Reuters) -
    re.compile(rf"(?P<place>{_ANY_PLACE}){_EXTRA}\s*"
               rf"\((?P<agency>[A-Z][A-Za-z&.\-]*(?:[ /][A-Z][A-Za-z&.\-]*){{0,3}})\)"
               rf"\s*{_DASH}\s*"),
    # ST. LOUIS —   (no agency: capitals and a space before the dash, so "SIEGEL--" fails)
    re.compile(rf"(?P<place>{_CAPS_PLACE}){_EXTRA}[ \u00a0]+{_DASH}[ \u00a0]*(?=\S)"),
)


@dataclass(slots=True, frozen=True)
class Dateline:
    """What a dateline gave: ``end`` is the offset where the story itself begins."""

    end: int
    date: str | None = None
    place: str | None = None
    source: str | None = None


def read_dateline(text: str, start: int = 0) -> Dateline | None:
    """The dateline at ``text[start:]`` (after leading space), or None if there is none."""
    pos = start
    found_date = None
    prefix = _PREFIX.match(text, pos)
    if prefix:
        found_date = parse_date(prefix.group(1))
        if found_date:
            pos = prefix.end()
    while pos < len(text) and text[pos].isspace():
        pos += 1
    for form in _FORMS:
        match = form.match(text, pos)
        if (match and len(match.group("place").rstrip(".")) >= 2
                and match.group("place").upper() not in _NOT_PLACES):
            place = match.group("place")
            extra = (match.group("extra") or "").strip()
            if extra and not any(ch.isdigit() for ch in extra):
                place = f"{place}, {extra}"  # "RENO, Nev." — a date ("December 23.") is not
            agency = match.groupdict().get("agency")
            return Dateline(match.end(), found_date, place, agency)
    if found_date:
        return Dateline(pos, found_date)
    return None
