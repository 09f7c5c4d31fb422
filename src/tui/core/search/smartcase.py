"""Smart case: a term typed with a capital matches only text whose case agrees.

Matching runs on folded text (:mod:`.fold`); a term that asks for case (``Term.case``) is
then checked against the original characters of each match, letter by letter from the
start of the match (from its end for ``suffix$`` terms). Letters that differ even when
folded (a corrected spelling) are not compared.
"""

from __future__ import annotations

import re

from tui.core.search.fold import fold, fold_accents
from tui.core.search.matcher import Resolved
from tui.core.search.query import EXACT, SUFFIX, WORD, Term


def case_agrees(term: Term, matched: str) -> bool:
    """True when ``matched`` (original text of one match) has the case ``term`` asks for."""
    typed = term.case
    if not typed:
        return True
    found = fold_accents(matched)
    if term.mode == SUFFIX:
        typed, found = typed[::-1], found[::-1]
    elif term.mode not in (SUFFIX,) and found[: len(typed)].lower() != typed.lower():
        # An exact-substring term may match inside a word: compare where it occurs.
        at = fold(found).find(typed.lower())
        if at > 0:
            found = found[at:]
    return all(a == b for a, b in zip(typed, found, strict=False) if a.lower() == b.lower())


def found_with_case(resolved: Resolved, original: str, folded: str | None = None) -> bool:
    """True when ``resolved`` matches ``original`` somewhere with the case its term asks for
    (any match at all when it asks for none). ``folded`` is ``fold(original)`` if known."""
    text = fold(original) if folded is None else folded
    for match in resolved.finditer(text):
        if case_agrees(resolved.term, original[match.start() : match.end()]):
            return True
    return False


def typed_pattern(term: Term) -> re.Pattern[str]:
    """A case-sensitive pattern for ``term`` as typed, over :func:`fold_accents` text
    (for short texts: it begins with a look-behind). It finds the term's exact spelling
    only, not its corrections."""
    escaped = re.escape(term.case or term.text)
    if term.mode in (WORD, SUFFIX):
        escaped += r"(?!\w)"
    if term.mode not in (EXACT, SUFFIX):
        escaped = r"(?<!\w)" + escaped
    return re.compile(escaped)
