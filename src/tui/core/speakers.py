"""The corpus-wide speaker index: one entry per person (or body) quoted.

Quotations name their speaker as resolved within one article (``Vladimir Putin``), so most
merging is already done; here the forms of one name are joined across articles by a folded
key (case, accents, full stops, honorifics and middle initials ignored: ``Müller`` =
``Muller``, ``Donald J. Trump`` = ``Donald Trump``). A bare surname (``Putin``) joins a full
name with that surname only when the choice is unique: first among the speakers of its own
article, then across the corpus; ``Bill Clinton`` and ``Hillary Clinton`` stay apart, and a
bare ``Clinton`` next to both stays on its own.

>>> from tui.core.model import Document, Quotation
>>> doc = Document(path="a.txt", text="", date="2021-12-23", quotations=[
...     Quotation("direct", ((0, 1),), speaker="Vladimir Putin", role="Russian President")])
>>> [(s.name, s.role, s.quotations) for s in build_speakers([doc])]
[('Vladimir Putin', 'Russian President', 1)]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from tui.core.model import Document
from tui.core.quotes.names import FIRST_NAMES

_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "messrs", "dr", "sir", "madam", "dame", "the"])
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
#: How many times as often one full name must be quoted in a role to take a bare surname
#: that several full names share (see ``_dominant``).
_DOMINANCE = 3
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
#: Words that make the name in a mention something else's complement.
_GOVERNING = frozenset(("for", "of", "to", "with", "from", "by", "at", "in", "on", "about",
                        "against", "behind", "like", "that", "after", "before", "than", "as",
                        "over", "under"))
#: First words of a mention that make it a description, not a name (``a Clinton``).
_INDEFINITE = frozenset(("a", "an", "some", "another", "one"))


@dataclass
class Speaker:
    """One speaker across the corpus.

    ``key`` is :func:`speaker_key` of ``name``; ``aliases`` every other way the speaker
    was named or mentioned (``Putin``, ``Russian President Vladimir Putin``);
    ``quotations`` and ``articles`` are counts; dates are ISO strings from
    ``Document.date`` (None when no article had a date).
    """

    key: str
    name: str
    role: str | None = None
    aliases: set[str] = field(default_factory=set)
    quotations: int = 0
    articles: int = 0
    first_date: str | None = None
    last_date: str | None = None


def fold(text: str) -> str:
    """Lower case without accents: ``Müller`` -> ``muller``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def speaker_key(name: str) -> str:
    """The key that joins the forms of one speaker's name.

    Case, accents, punctuation, honorifics (``Mr.``), a leading ``the``, suffixes
    (``Jr.``) and middle names or initials are ignored: ``Donald J. Trump``,
    ``donald trump`` and ``Mr. Donald Trump`` share ``donald trump``.
    """
    words = [w.replace("’", "'") for w in _WORD.findall(fold(name))]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    if len(words) > 2 and name[:1].isupper() and all(w[:1].isupper() for w in name.split()[:1]):
        words = [words[0], words[-1]]
    return " ".join(words)


def _surname(key: str) -> str | None:
    """The last word of a multi-word person key, or None for one-word keys."""
    parts = key.split()
    return parts[-1] if len(parts) > 1 else None


class _Tally:
    """What is known of one speaker key: name forms and roles counted, aliases, how many
    quotations, in which documents, and the first and last date (ISO strings compare)."""

    __slots__ = ("aliases", "docs", "first", "last", "names", "quotations", "roles")

    def __init__(self) -> None:
        self.names: dict[str, int] = {}
        self.roles: dict[str, int] = {}
        self.aliases: set[str] = set()
        self.quotations = 0
        self.docs: set[object] = set()
        self.first: str | None = None
        self.last: str | None = None

    def absorb(self, other: _Tally) -> None:
        names, roles = self.names, self.roles
        for name, count in other.names.items():
            names[name] = names.get(name, 0) + count
        for role, count in other.roles.items():
            roles[role] = roles.get(role, 0) + count
        self.aliases |= other.aliases
        self.quotations += other.quotations
        self.docs |= other.docs
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first
        if other.last is not None and (self.last is None or other.last > self.last):
            self.last = other.last


def _doc_tallies(doc: Document) -> dict[str, _Tally]:
    """This document's speakers by key, bare surnames joined to a unique full name."""
    mentions = (None if q.mention is None else doc.text[q.mention[0] : q.mention[1]]
                for q in doc.quotations)
    quotes = ((q.speaker, q.role, mention) for q, mention in zip(doc.quotations, mentions,
                                                                  strict=True))
    return tally_document(doc.doc_id, doc.date, quotes)[0]


def tally_document(
    doc: object, date: str | None,
    quotes: Iterable[tuple[str | None, str | None, str | None]],
) -> tuple[dict[str, _Tally], list[str | None]]:
    """One document's speakers by key, bare surnames joined to a unique full name, and the
    key each quotation went to (None for one without an entry, see :func:`is_indexed`).

    ``doc`` names the document (counted once per speaker); ``quotes`` are each quotation's
    speaker, role and mention text (``he``, ``Mr. Putin``; None when there is none).
    """
    tallies: dict[str, _Tally] = {}
    keys: list[str | None] = []
    for speaker, role, mention in quotes:
        if not speaker or not speaker[:1].isupper():  # is_indexed, inlined: a hot loop
            keys.append(None)
            continue
        key = _key(speaker)
        if not key:
            keys.append(None)
            continue
        keys.append(key)
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = _Tally()
            tally.docs.add(doc)
            tally.first = tally.last = date or None
        names = tally.names
        names[speaker] = names.get(speaker, 0) + 1
        if role:
            tally.roles[role] = tally.roles.get(role, 0) + 1
        tally.aliases.add(speaker)
        if mention:
            alias = _alias(mention, key)
            if alias:
                tally.aliases.add(alias)
        tally.quotations += 1
    moved = _join_surnames(tallies)
    if moved:
        keys = [moved.get(key, key) if key is not None else None for key in keys]
    return tallies, keys


@lru_cache(maxsize=1 << 18)
def _alias(mention: str, key: str) -> str | None:
    """``mention`` tidied (spaces, a trailing comma) if it is worth listing as a name form
    of ``key``'s speaker, else None; remembered (``he``, ``Trump`` recur endlessly)."""
    mention = " ".join(mention.split()).strip(" ,")
    return mention if _is_alias(mention, key) else None


@lru_cache(maxsize=1 << 16)
def _key(name: str) -> str:
    """:func:`speaker_key`, remembered: names and mentions recur thousands of times."""
    return speaker_key(name)


def is_indexed(speaker: str | None) -> bool:
    """Whether a quotation's speaker gets an index entry.

    People and named bodies do; unattributed quotations and lower-case descriptions
    (``a campaign spokesman``, ``officials``), which would lump strangers together
    across articles, do not: the reader shows those as written.
    """
    return bool(speaker) and speaker[:1].isupper()  # type: ignore[index]


def _is_alias(mention: str, key: str) -> bool:
    """A mention worth listing as a name form: it names the speaker, alone, briefly, with
    the name as its head (``Democrat Hillary Clinton``), not governed by another word
    (``A spokeswoman for Hillary Clinton``, ``Clinton's``), and not a description
    (``a Clinton``, ``the primary after Trump``)."""
    if not mention or len(mention) > 60 or " and " in mention or "," in mention:
        return False
    if mention.endswith(("'s", "’s", "s'", "s’")):
        return False
    first, *rest = mention.split()
    if first.lower() in _INDEFINITE or (first.lower() == "the" and rest
                                         and rest[0][:1].islower()):
        return False
    words = _key(mention).split()
    return (bool(words) and words[-1] == key.split()[-1]
            and not _GOVERNING.intersection(_WORD.findall(mention.lower())))


def _join_surnames(tallies: dict[str, _Tally]) -> dict[str, str]:
    """Move each one-word key into the multi-word key with that surname, when unambiguous;
    return what moved where.

    Unambiguous: the only full name with that surname, or the only one whose usual role
    is the bare surname's usual role (``President`` Obama, not the first lady), or among
    several such the one quoted in that role three times as often as any other.
    """
    moved: dict[str, str] = {}
    by_surname: dict[str, list[str]] = {}
    for key in tallies:
        surname = _surname(key)
        if surname:
            by_surname.setdefault(surname, []).append(key)
    for key in [k for k in tallies if " " not in k]:
        full = by_surname.get(key, [])
        bare = tallies[key]
        if len(full) > 1 and bare.roles:
            role = _best_role(bare.roles)
            full = [f for f in full if role and _best_role(tallies[f].roles) == role]
            if len(full) > 1:
                full = [f for f in full if f.split()[0] in FIRST_NAMES]
            if len(full) > 1 and role:
                full = _dominant(full, role, tallies)
        if len(full) == 1 and any(n[:1].isupper() for n in bare.names):
            tallies[full[0]].absorb(tallies.pop(key))
            moved[key] = full[0]
    return moved


def _dominant(full: list[str], role: str, tallies: dict[str, _Tally]) -> list[str]:
    """Of full names that share a surname and a usual role, the one quoted in that role
    at least :data:`_DOMINANCE` times as often as any other (a wrongly resolved ``President
    Obama`` gives Michelle Obama a few ``President`` quotations; Barack Obama has many),
    else all of them."""
    ranked = sorted(full, key=lambda f: -tallies[f].roles.get(role, 0))
    first, second = (tallies[f].roles.get(role, 0) for f in ranked[:2])
    return ranked[:1] if first >= _DOMINANCE * max(second, 1) else full


def _best_name(names: Mapping[str, int]) -> str:
    """The most used form, preferring full names (more words) on ties."""
    return max(names, key=lambda n: (len(speaker_key(n).split()) > 1, names[n], len(n)))


def _best_role(roles: Mapping[str, int]) -> str | None:
    """The most frequent role, counting longer (more informative) roles up to thrice; a
    relation to someone else (``Rival``, ``wife``) only when there is nothing else."""
    if not roles:
        return None
    return max(roles, key=lambda r: (not _is_relation(r), roles[r] * min(len(r.split()), 3),
                                     len(r)))


_RELATIONS = frozenset("""rival rivals opponent opponents challenger foe ally friend critic
    successor predecessor wife husband son daughter father mother brother sister running
    mate""".split())
_RELATION_MODIFIERS = frozenset(("former", "longtime", "fellow", "his", "her", "their",
                                 "chief", "main", "top", "old"))


def _is_relation(role: str) -> bool:
    """Whether ``role`` names a relation to another person (``his rival``), which says
    nothing about the speaker across a corpus."""
    words = [w for w in role.lower().split() if w not in _RELATION_MODIFIERS]
    return bool(words) and all(w in _RELATIONS for w in words)


def build_speakers(docs: Iterable[Document]) -> list[Speaker]:
    """One :class:`Speaker` per person or body quoted in ``docs``, most quoted first.

    Unattributed quotations (``speaker`` None) and lower-case descriptions make no
    entry (see :func:`is_indexed`).
    """
    corpus: dict[str, _Tally] = {}
    for doc in docs:
        merge_tallies(corpus, _doc_tallies(doc))
    return [speaker for _, speaker in finish_speakers(corpus)[0]]


def merge_tallies(corpus: dict[str, _Tally], tallies: dict[str, _Tally]) -> None:
    """Add one document's tallies (:func:`tally_document`) to the corpus's, by key."""
    for key, tally in tallies.items():
        known = corpus.get(key)
        if known is None:
            corpus[key] = tally
        else:
            known.absorb(tally)


def finish_speakers(
    corpus: dict[str, _Tally],
) -> tuple[list[tuple[str, Speaker]], dict[str, str]]:
    """The corpus's tallies joined across documents (bare surnames to a unique full name)
    and made :class:`Speaker` entries, most quoted first, each with the tally key it is
    under; and which keys were joined into which."""
    moved = _join_surnames(corpus)
    speakers: list[tuple[str, Speaker]] = []
    for key, tally in corpus.items():
        name = _best_name(tally.names)
        speakers.append((key, Speaker(
            key=speaker_key(name),
            name=name,
            role=_best_role(tally.roles),
            aliases=tally.aliases - {name},
            quotations=tally.quotations,
            articles=len(tally.docs),
            first_date=tally.first,
            last_date=tally.last,
        )))
    speakers.sort(key=lambda item: (-item[1].quotations, fold(item[1].name)))
    return speakers, moved


def speaker_index(speakers: Iterable[Speaker]) -> dict[str, Speaker]:
    """Every key a quotation's speaker may fold to (name and aliases) -> its entry.

    ``speaker_index(build_speakers(docs))[speaker_key(quote.speaker)]`` finds the entry of
    any attributed quotation of ``docs``, including a bare surname that was joined.
    """
    index: dict[str, Speaker] = {}
    for speaker in speakers:
        for alias in speaker.aliases:
            index.setdefault(speaker_key(alias), speaker)
    for speaker in speakers:
        index[speaker.key] = speaker
    return index
