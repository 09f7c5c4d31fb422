"""Plain-text articles: a title line or a news-wire dateline, then the body.

Layouts recognised, in this order, from the first non-blank character:

1. a dateline (``MOSCOW, December 23. /TASS/.``, ``WASHINGTON (Reuters) -``, optionally
   after ``date 2021-12-23``): no title line; the title is the lead's first sentence;
2. a heading block: a short line (at most ``MAX_TITLE_LINE`` characters), perhaps with up
   to two more lines (a standfirst), then a blank line, as in PolNeAR and the BBC News
   dataset; the title is the first line and the body starts after the blank line (past a
   dateline if one opens it);
3. anything else: the title is the first sentence, the body starts at the first character.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.loaders.dateline import read_dateline
from tui.core.loaders.titles import first_sentence, shorten

#: A first line longer than this is a paragraph, not a title.
MAX_TITLE_LINE = 200
_MAX_HEADING_LINES = 3


@dataclass(slots=True)
class TextInfo:
    """What the layout of a text told: its title, where the body starts, dateline fields."""

    title: str = ""
    body_start: int = 0
    date: str | None = None
    place: str | None = None
    source: str | None = None


def analyze_text(text: str, start: int = 0, find_title: bool = True) -> TextInfo:
    """Read the title and dateline of ``text`` from offset ``start``.

    With ``find_title`` False (the title is known from elsewhere) no heading block is
    looked for, but a dateline still is.
    """
    pos = _skip_space(text, start)
    info = TextInfo(body_start=pos)
    dateline = read_dateline(text, pos)
    # A dateline without agency or date ("ST. LOUIS — ") is weak evidence: a short line
    # then a blank line ("EXCLUSIVE – Stone Says…") is a heading.
    weak = dateline is not None and dateline.source is None and dateline.date is None
    if (dateline is None or weak) and find_title:
        heading = _heading_block(text, pos)
        if heading is not None:
            info.title, pos = heading
            dateline = None
            info.body_start = pos
            dateline = read_dateline(text, pos)
    if dateline is not None:
        info.body_start = dateline.end
        info.date, info.place, info.source = dateline.date, dateline.place, dateline.source
    if find_title and not info.title:
        info.title = shorten(first_sentence(text, info.body_start))
    return info


def _skip_space(text: str, pos: int) -> int:
    end = len(text)
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _heading_block(text: str, pos: int) -> tuple[str, int] | None:
    """``(first line, body offset)`` when a short line (and at most two more, such as a
    standfirst) then a blank line open the text.

    A first line followed by more lines before the blank line must end in punctuation
    (PolNeAR's ``Title; ``): hard-wrapped prose breaks lines mid-sentence, headlines do not.
    """
    first = None
    for count in range(1, _MAX_HEADING_LINES + 1):
        newline = text.find("\n", pos)
        if newline < 0:
            return None  # no blank line follows: a one-paragraph text has no title
        line = text[pos:newline].strip()
        if first is None:
            if len(line) > MAX_TITLE_LINE:
                return None
            first = line
        pos = newline + 1
        following = text.find("\n", pos)
        if not text[pos : following if following >= 0 else len(text)].strip():
            if count > 1 and not _ends_clause(first):
                return None
            body = _skip_space(text, pos)
            return (first, body) if body < len(text) else None
    return None


def _ends_clause(line: str) -> bool:
    return line.rstrip("\"'”’)]").endswith((".", ";", ":", "!", "?"))
