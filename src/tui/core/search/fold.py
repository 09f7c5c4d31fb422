"""Case and accent folding that keeps every character where it was.

``fold(text)`` has exactly ``len(text)`` characters and ``fold(text)[i]`` is the folded form
of ``text[i]``, so an offset found in folded text is an offset in the original. That is what
lets the index store only folded text and still highlight and scroll in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

#: A word in folded text: letters, digits and underscores (Unicode-aware).
WORD_RE = re.compile(r"\w+")

_NON_ASCII = re.compile(r"[^\x00-\x7f]")

# Characters with no decomposition that readers still type as a plain letter, plus
# typographic punctuation that should match its keyboard form.
_EXTRA = {
    "ß": "s", "ẞ": "s", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ð": "d", "Ð": "d", "ı": "i", "þ": "t", "Þ": "t", "ħ": "h", "Ħ": "h",
    "‘": "'", "’": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"',
}


@cache
def fold_char(char: str) -> str:
    """The folded form of one character: one character, lower case, and a fixed point.

    ``fold_char(fold_char(c)) == fold_char(c)``, so replacements can be applied in any order.
    """
    folded = _fold_once(char)
    for _ in range(3):
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


def _fold_once(char: str) -> str:
    if char in _EXTRA:
        return _EXTRA[char]
    decomposed = unicodedata.normalize("NFKD", char)
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        decomposed = decomposed[0]
    for candidate in (decomposed, char):
        if len(candidate) != 1:
            continue
        for folded in (candidate.casefold(), candidate.lower(), candidate):
            # lower() must leave the result alone: fold() lower-cases ASCII runs afterwards.
            if len(folded) == 1 and folded.lower() == folded:
                return folded
    return char if char.lower() == char else "?"


def fold(text: str) -> str:
    """Case-fold ``text`` and strip its accents, character by character (same length).

    >>> fold("Müller, ÉLYSÉE")
    'muller, elysee'
    """
    if text.isascii():
        return text.lower()
    # A few str.replace calls (one per distinct non-ASCII character) run in C; mapping every
    # character through Python is five times slower on news text.
    out = text
    for char in set(_NON_ASCII.findall(text)):
        folded = fold_char(char)
        if folded != char:
            out = out.replace(char, folded)
    return out.lower()


def words(folded: str) -> list[str]:
    """The words of already folded text, in order."""
    return WORD_RE.findall(folded)


def fold_accents(text: str) -> str:
    """Strip accents like :func:`fold` but keep case (same length): ``Müller`` → ``Muller``.

    Smart case compares a query typed with capitals against text folded this way.
    """
    if text.isascii():
        return text
    out = text
    for char in set(_NON_ASCII.findall(text)):
        kept = _keep_case(char)
        if kept != char:
            out = out.replace(char, kept)
    return out


def _keep_case(char: str) -> str:
    folded = fold_char(char)
    if char.lower() != char:
        upper = folded.upper()
        return upper if len(upper) == 1 else folded
    return folded
