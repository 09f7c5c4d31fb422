"""Paragraph and sentence boundaries as character spans, with no model.

Good enough for attribution: it knows common abbreviations, initials and that a sentence
can end inside a closing quotation mark.
"""

from __future__ import annotations

import re

from tui.core.model import Span

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj pres st jr sr rev
    hon fr messrs mt ft no vs etc inc corp co ltd jan feb mar apr jun jul aug sep sept oct
    nov dec u.s u.k u.n e.g i.e a.m p.m d.c calif ariz fla mass penn wash conn ill mich
    minn tenn okla ore colo nev wis ky la md va del ind kan neb vt ala miss mo dept univ
    est approx assn bros""".split()
)

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\r\n[ \t]*\r\n\s*")
# A candidate end: terminal punctuation, optional closing quotes/brackets, then space.
_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+|$)")
_NOT_SPACE = re.compile(r"\S")


def paragraphs(text: str) -> list[Span]:
    """Spans of the paragraphs (blank-line separated; a lone newline does not split)."""
    spans: list[Span] = []
    pos = 0
    for gap in _PARAGRAPH.finditer(text):
        if gap.start() > pos:
            spans.append((pos, gap.start()))
        pos = gap.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [s for s in spans if text[s[0] : s[1]].strip()]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # An initial ("J. Smith") or a dotted acronym ("U.S.").
    return len(word.replace(".", "")) == 1 and text[start].isupper()


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans within ``text[start:end]``, paragraph breaks always ending one."""
    end = len(text) if end is None else end
    out: list[Span] = []
    if text.find("\n", start, end) == -1:
        # One line (as the engine mostly asks): one paragraph, unless it is blank.
        spans = [(0, end - start)] if _NOT_SPACE.search(text, start, end) else []
    else:
        spans = paragraphs(text[start:end])
    for p_start, p_end in spans:
        p_start += start
        p_end += start
        pos = p_start
        for match in _END.finditer(text, p_start, p_end):
            stop = match.end()
            if match.group() == "." and _is_abbreviation(text, match.start()):
                continue
            nxt = stop
            while nxt < p_end and text[nxt].isspace():
                nxt += 1
            if nxt < p_end and text[nxt].islower():
                continue
            out.append((pos, stop))
            pos = nxt
        if pos < p_end and text[pos:p_end].strip():
            out.append((pos, p_end))
    return out
