"""Titles made from text: the first sentence of a lead, trimmed for display."""

from __future__ import annotations

import re

#: Longest title made from a sentence; longer ones are cut at a word boundary with "…".
MAX_TITLE = 160

# Words that end with a full stop without ending the sentence.
_ABBREVIATION_WORDS = (
    """mr mrs ms dr prof sen sens rep reps gov gen col lt sgt capt cmdr adm maj pres st jr sr
    rev hon fr messrs mt ft no nos vs etc inc corp co ltd jan feb mar apr jun jul aug sep
    sept oct nov dec dept univ est approx assn bros ave blvd rd calif ariz fla mass penn
    wash conn ill mich minn tenn okla ore colo nev wis wisc ky la md va del ind kan neb vt
    ala miss mo tex pa"""
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s)")
_SCAN_LIMIT = 2000


def first_sentence(text: str, start: int = 0) -> str:
    """The first sentence of ``text[start:]``'s first paragraph, whitespace collapsed."""
    chunk = text[start : start + _SCAN_LIMIT].lstrip()
    paragraph = re.split(r"\n[ \t\r]*\n", chunk, maxsplit=1)[0]
    end = len(paragraph)
    for match in _END.finditer(paragraph):
        if paragraph[match.start()] == "." and _is_abbreviation(paragraph, match.start()):
            continue
        end = match.end()
        break
    return " ".join(paragraph[:end].split())


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'“‘(")
    if not word:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "Donald J. Trump"
        return True
    if "." in word:  # "U.S.", "D.C." — too often mid-sentence to trust
        return True
    return word.lower() in _ABBREVIATIONS


def shorten(title: str, limit: int = MAX_TITLE) -> str:
    """``title`` cut to at most ``limit`` characters at a word boundary, marked with "…"."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
