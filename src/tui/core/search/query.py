"""Parse a search query into terms: fzf's syntax plus field filters.

Space-separated terms must all match (AND); ``a | b`` matches either (OR binds tighter than
AND, as in fzf). Each term may carry operators:

=============  =====================================================================
``word``       fuzzy: the word, a word it begins (``cli`` → Clinton), or a close spelling
``'word``      exact: words containing ``word`` as typed, no spelling correction
``^word``      words beginning with ``word`` (no correction)
``word$``      words ending with ``word``; ``^word$`` is the whole word only
``"a b"``      the words ``a b`` next to each other, in that order
``!term``      documents where ``term`` (taken exactly) does not occur
``f:value``    restrict to a field: ``title:``, ``speaker:``, ``quote:``, ``body:``,
               ``source:``; or filter on ``date:2021-12`` (prefix, or ``a..b`` range)
               and ``kind:direct`` (``direct``, ``indirect``, ``mixed``; a prefix will do)
=============  =====================================================================

Accents are always folded. Case is smart, as in fzf: a term typed all in lower case
ignores case; a term with a capital (``Trump``, ``'US``) matches only where the case agrees
letter by letter (``US`` finds "US", not "us"; ``Trump`` not "TRUMP").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.search.fold import WORD_RE, fold, fold_accents, words

FUZZY = "fuzzy"
EXACT = "exact"
PREFIX = "prefix"
SUFFIX = "suffix"
WORD = "word"
PHRASE = "phrase"
META = "meta"

#: Field names as typed, mapped to the index's field names.
FIELD_ALIASES = {
    "title": "title",
    "speaker": "speaker",
    "by": "speaker",
    "quote": "quotation",
    "quotation": "quotation",
    "body": "body",
    "text": "body",
    "source": "source",
    "date": "date",
    "kind": "kind",
}

_TOKEN = re.compile(r'(?:[^\s"]*"[^"]*(?:"|$)[^\s"]*)+|\S+')


@dataclass(frozen=True, slots=True)
class Term:
    """One matchable unit of a query.

    ``text`` is folded; for :data:`PHRASE` it holds the words joined by single spaces.
    ``field`` is None for "anywhere", else an index field name, or ``date``/``kind`` for
    :data:`META` filters (whose ``text`` is the filter value). ``case`` is the text as typed
    (accents folded, case kept) when it has a capital letter, else ``""``: smart case.
    """

    text: str
    mode: str = FUZZY
    field: str | None = None
    negate: bool = False
    case: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """The words of the term (several only for phrases)."""
        return tuple(self.text.split(" ")) if self.mode == PHRASE else (self.text,)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: ``groups`` are ANDed, the terms within a group ORed."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excludes: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing constrains the result (blank or operators only)."""
        return not self.groups and not self.excludes

    def positive_terms(self) -> list[Term]:
        """Every term that adds matches (not negated), in query order."""
        return [term for group in self.groups for term in group]


def parse_query(query: str) -> Query:
    """Parse ``query``; incomplete input (``speaker:``, a lone ``!``) is ignored, not an error."""
    groups: list[list[Term]] = []
    excludes: list[Term] = []
    join_next = False
    for token in _TOKEN.findall(query):
        if token == "|":
            join_next = bool(groups)
            continue
        terms = _parse_token(token)
        if not terms:
            continue
        positive = [t for t in terms if not t.negate]
        excludes.extend(t for t in terms if t.negate)
        if not positive:
            continue
        if join_next and len(positive) == 1:
            groups[-1].append(positive[0])
        else:
            groups.extend([t] for t in positive)
        join_next = False
    return Query(tuple(tuple(g) for g in groups), tuple(excludes))


def _parse_token(token: str) -> list[Term]:
    negate = token.startswith("!")
    if negate:
        token = token[1:]
    field = None
    name, colon, value = token.partition(":")
    if colon and name.lower() in FIELD_ALIASES:
        field = FIELD_ALIASES[name.lower()]
        token = value
    if field in ("date", "kind"):
        value = fold(token.strip('"'))
        return [Term(value, META, field, negate)] if value else []
    if token.startswith('"'):
        found = words(fold(token.strip('"')))
        if not found:
            return []
        if field in ("speaker", "source"):
            # speaker:"donald trmp" should still find Donald Trump: each name word is fuzzy.
            return [Term(w, FUZZY, field, negate) for w in found]
        mode = PHRASE if len(found) > 1 else WORD
        return [Term(" ".join(found), mode, field, negate)]
    mode = EXACT if negate else FUZZY
    if token.startswith("'"):
        mode, token = EXACT, token[1:]
    anchored_start = token.startswith("^")
    anchored_end = token.endswith("$") and len(token) > 1
    token = token.lstrip("^")
    if anchored_end:
        token = token[:-1]
    if anchored_start and anchored_end:
        mode = WORD
    elif anchored_start:
        mode = PREFIX
    elif anchored_end:
        mode = SUFFIX
    found = words(fold(token))
    if not found:
        return []
    cased = [_case(w) for w in WORD_RE.findall(fold_accents(token))]
    if len(found) > 1:
        # "e-mail", "trump's": the pieces must appear together, like a phrase.
        if mode in (EXACT, WORD, PREFIX, SUFFIX):
            return [Term(" ".join(found), PHRASE, field, negate)]
        # A one-letter tail (trump's, o'neil) would match nearly everything; drop it.
        kept = [(found[0], cased[0])]
        kept += [(w, c) for w, c in zip(found[1:], cased[1:], strict=True) if len(w) > 1]
        return [Term(w, mode, field, negate, c) for w, c in kept]
    return [Term(found[0], mode, field, negate, cased[0])]


def _case(word: str) -> str:
    """``word`` when it asks for smart case (has a capital), else ``""``."""
    return word if word.lower() != word else ""
