"""Match query terms against words: exact, prefix, spelling correction, highlighting.

A term is first *resolved* against a vocabulary (the corpus's words, or the words of one
string) into the words it stands for, each with a quality in (0, 1]: the word as typed
scores 1, a likely correction (close, and far more common than what was typed: ``trmp`` →
``trump``) 0.9, a word it begins 0.8, another close spelling 0.35–0.75. The index then looks
those words up; :class:`Highlighter` marks them in any text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from tui.core.search.fold import fold, words
from tui.core.search.query import (
    EXACT,
    FUZZY,
    META,
    PHRASE,
    PREFIX,
    SUFFIX,
    WORD,
    Term,
    parse_query,
)

EXACT_QUALITY = 1.0
PREFIX_QUALITY = 0.8
#: Shortest term that gets spelling correction; shorter ones are too ambiguous.
MIN_FUZZY = 4
MAX_CORRECTIONS = 12
#: Minimum ``fuzz.ratio`` for corrections of a term that is itself a corpus word.
KNOWN_WORD_CUTOFF = 90.0
#: Quality of a correction that is close and far more common than what was typed: the
#: typed word is then most likely a typo (``hilary`` for ``hillary``, ``trmp`` for ``trump``).
LIKELY_QUALITY = 0.9
_LIKELY_RATIO = 85.0
_LIKELY_TIMES = 20

# Modes whose matches must begin at a word start.
_WORD_START = frozenset({FUZZY, PREFIX, WORD, PHRASE})


def _cutoff(length: int) -> float:
    """Minimum ``fuzz.ratio`` for a correction of a term of ``length`` letters."""
    return 85.0 if length <= 4 else 80.0 if length <= 6 else 75.0


def fuzzy_quality(ratio: float) -> float:
    """Quality of a corrected word from its similarity (0–100): between 0.35 and 0.75."""
    return 0.35 + 0.4 * ratio / 100.0



class Vocabulary:
    """A sorted set of folded words with the look-ups terms need."""

    def __init__(self, items: Iterable[str], counts: dict[str, int] | None = None) -> None:
        self.words: list[str] = sorted(set(items))
        self._members: set[str] | dict[str, int] = set(self.words)
        self._joined: dict[str, str] = {}
        self._counts = counts or {}

    @classmethod
    def from_sorted(cls, words: list[str], counts: dict[str, int]) -> Vocabulary:
        """A vocabulary of ``words`` (sorted, distinct) with their ``counts`` (every word
        has one): no sort, no second set."""
        vocabulary = cls.__new__(cls)
        vocabulary.words = words
        vocabulary._members = counts
        vocabulary._joined = {}
        vocabulary._counts = counts
        return vocabulary

    @property
    def counts(self) -> dict[str, int]:
        """Documents per word, as given (empty when counts were not given)."""
        return self._counts

    def count(self, word: str) -> int:
        """How many documents use ``word`` (1 for a member when counts were not given)."""
        return self._counts.get(word, 1 if word in self._members else 0)

    def __contains__(self, word: object) -> bool:
        return word in self._members

    def __len__(self) -> int:
        return len(self.words)

    def prefixed(self, prefix: str) -> list[str]:
        """Words beginning with ``prefix`` (including ``prefix`` itself), sorted."""
        lo = bisect.bisect_left(self.words, prefix)
        hi = bisect.bisect_left(self.words, prefix + "\U0010ffff")
        return self.words[lo:hi]

    def containing(self, part: str) -> list[str]:
        """Words containing ``part``."""
        return [w for w in self.words if part in w]

    def ending(self, suffix: str) -> list[str]:
        """Words ending with ``suffix``."""
        return [w for w in self.words if w.endswith(suffix)]

    def corrections(self, term: str) -> dict[str, float]:
        """Close spellings of ``term`` with their ``fuzz.ratio``: similar words, plus words
        with the same first letter that contain the term's letters in order, whole
        (``trmp`` → ``trump``) or as a prefix with one letter skipped (``hila`` →
        ``hillary``, for the word being typed)."""
        found: dict[str, float] = {}
        for word, score, _ in process.extract(
            term, self.words, scorer=fuzz.ratio, score_cutoff=_cutoff(len(term)),
            limit=MAX_CORRECTIONS,
        ):
            found[word] = score
        longest = len(term) + max(2, len(term) // 2)
        matches: list[tuple[float, str]] = []
        for match in self._subsequence(term).finditer(self._initial(term[0])):
            word = match.group()
            if word in found:
                continue
            if len(word) <= longest:
                matches.append((fuzz.ratio(term, word), word))
                continue
            # A word still being typed: its letters so far, one skipped (hila → hillary).
            end = _subsequence_end(term, word)
            if end <= len(term) + 1:
                matches.append((fuzz.ratio(term, word[:end]), word))
        for score, word in sorted(matches, reverse=True)[:MAX_CORRECTIONS]:
            found[word] = score
        found.pop(term, None)
        return found

    def _initial(self, char: str) -> str:
        joined = self._joined.get(char)
        if joined is None:
            joined = self._joined[char] = "\n".join(self.prefixed(char))
        return joined

    @staticmethod
    def _subsequence(term: str) -> re.Pattern[str]:
        # Negated classes keep this linear; a lazy ``t.*?r.*?m`` backtracks badly.
        parts = [re.escape(term[0])]
        parts += [f"[^\\n{re.escape(c)}]*{re.escape(c)}" for c in term[1:]]
        return re.compile("(?m)^" + "".join(parts) + "[^\\n]*$")


def _subsequence_end(term: str, word: str) -> int:
    """Length of the shortest prefix of ``word`` holding ``term``'s letters in order."""
    at = 0
    for char in term:
        at = word.find(char, at) + 1
        if not at:
            return len(word) + 1
    return at


@dataclass(slots=True)
class Resolved:
    """What one term stands for in a vocabulary.

    ``words`` maps specific words to their quality; ``prefix``, when set, means every word
    beginning with it also matches, at :data:`PREFIX_QUALITY` (kept symbolic because a short
    prefix stands for thousands of words). ``marks`` gives, for a matched word, the offsets
    within it to highlight; ``pattern`` finds the term in folded text.
    """

    term: Term
    words: dict[str, float] = field(default_factory=dict)
    prefix: str | None = None
    marks: dict[str, tuple[int, ...]] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None

    def top_word(self, vocabulary: Vocabulary) -> str:
        """The single most likely meaning (for phrase bonuses): the most common of the
        best-quality words, else the prefix or the term as typed."""
        good = [w for w, q in self.words.items() if q >= LIKELY_QUALITY]
        if good:
            return max(good, key=lambda w: (vocabulary.count(w), w == self.term.text))
        return self.term.text

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """The first match of the term in folded ``text[start:end]``."""
        return next(self.finditer(text, start, end), None)

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Matches of the term in folded ``text[start:end]``, left to right.

        Patterns carry no leading ``\\b``: that disables the regex engine's literal-prefix
        scan and makes a search 25 times slower, so the word start is checked here.
        """
        pattern = self.pattern
        if pattern is None:
            return
        stop = len(text) if end is None else end
        anchored = self.term.mode in _WORD_START
        while (match := pattern.search(text, start, stop)) is not None:
            at = match.start()
            if anchored and at > 0 and _is_word(text[at - 1]):
                start = at + 1
                continue
            yield match
            start = max(match.end(), at + 1)

    def word_marks(self, word: str) -> tuple[int, ...]:
        """Offsets within ``word`` to highlight, or () when the word does not match."""
        found = self.marks.get(word)
        if found is not None:
            return found
        if self.prefix is not None and word.startswith(self.prefix):
            return tuple(range(len(self.prefix)))
        return ()


def _aligned(term: str, word: str) -> tuple[int, ...]:
    """Offsets in ``word`` of the letters an LCS alignment with ``term`` keeps."""
    marks: list[int] = []
    for op in Indel.opcodes(term, word):
        if op.tag == "equal":
            marks.extend(range(op.dest_start, op.dest_end))
    return tuple(marks)


def resolve(term: Term, vocabulary: Vocabulary) -> Resolved:
    """The words ``term`` stands for in ``vocabulary`` (see the module docstring)."""
    text = term.text
    out = Resolved(term)
    if term.mode == META:
        return out
    if term.mode == PHRASE:
        for word in text.split(" "):
            if word in vocabulary:
                out.words[word] = EXACT_QUALITY
                out.marks[word] = tuple(range(len(word)))
        gap = r"\W+"
        out.pattern = re.compile(gap.join(map(re.escape, text.split(" "))) + r"(?!\w)")
        return out
    if text in vocabulary:
        out.words[text] = EXACT_QUALITY
        out.marks[text] = tuple(range(len(text)))
    escaped = re.escape(text)
    if term.mode == FUZZY:
        out.prefix = text
        if len(text) >= MIN_FUZZY:
            # A word the corpus has is probably meant as typed: only near-identical
            # spellings (hilary → hillary) are added then, not plan → poland.
            floor = KNOWN_WORD_CUTOFF if text in vocabulary else 0.0
            typed = vocabulary.count(text)
            for word, ratio in vocabulary.corrections(text).items():
                if ratio >= floor and not word.startswith(text):
                    likely = (
                        ratio >= _LIKELY_RATIO
                        and vocabulary.count(word) >= _LIKELY_TIMES * max(typed, 1)
                    )
                    out.words[word] = LIKELY_QUALITY if likely else fuzzy_quality(ratio)
                    out.marks[word] = _aligned(text, word)
        alternatives = [re.escape(w) for w in sorted(out.words, key=len, reverse=True)]
        alternatives.append(escaped + r"\w*")
        out.pattern = re.compile(r"(?:" + "|".join(alternatives) + r")(?!\w)")
    elif term.mode == PREFIX:
        out.prefix = text
        out.pattern = re.compile(escaped)
    elif term.mode == WORD:
        out.pattern = re.compile(escaped + r"(?!\w)")
    elif term.mode == SUFFIX:
        for word in vocabulary.ending(text):
            out.words.setdefault(word, 0.9)
            out.marks[word] = tuple(range(len(word) - len(text), len(word)))
        out.pattern = re.compile(escaped + r"(?!\w)")
    elif term.mode == EXACT:
        for word in vocabulary.containing(text):
            at = word.find(text)
            out.words.setdefault(word, 0.9 if at == 0 else 0.8)
            out.marks[word] = tuple(range(at, at + len(text)))
        out.pattern = re.compile(escaped)
    return out


class Highlighter:
    """Marks what a set of resolved terms matches in folded text."""

    def __init__(self, resolved: Sequence[Resolved]) -> None:
        self._resolved = [r for r in resolved if r.pattern is not None]

    def positions(self, folded: str) -> tuple[int, ...]:
        """Sorted offsets in ``folded`` (and so in the text it was folded from) to mark."""
        marks: set[int] = set()
        for resolved in self._resolved:
            mode = resolved.term.mode
            for match in resolved.finditer(folded):
                start, end = match.span()
                if mode == FUZZY:
                    marks.update(start + i for i in resolved.word_marks(match.group()))
                elif mode == PHRASE:
                    marks.update(i for i in range(start, end) if folded[i].isalnum())
                else:
                    marks.update(range(start, end))
        return tuple(sorted(marks))


def locate(resolved: Resolved, folded: str, start: int = 0) -> int | None:
    """Offset of the first match of ``resolved`` in ``folded`` at or after ``start``."""
    match = resolved.search(folded, start)
    return match.start() if match else None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def text_terms(terms: Iterable[Term]) -> list[Term]:
    """The terms that match words (everything but ``date:``/``kind:`` filters)."""
    return [t for t in terms if t.mode != META]


def highlight_positions(query: str, text: str) -> tuple[int, ...]:
    """Offsets in ``text`` of the characters ``query`` matches, for highlighting a row.

    Terms are resolved against the words of ``text`` itself, so a misspelt term marks the
    letters of the word it was corrected to (``trmp`` marks ``T``, ``r``, ``m``, ``p`` of
    ``Trump``).

    >>> highlight_positions("muller", "Herr Müller sagt")
    (5, 6, 7, 8, 9, 10)
    """
    terms = text_terms(parse_query(query).positive_terms())
    if not terms or not text:
        return ()
    folded = fold(text)
    vocabulary = Vocabulary(words(folded))
    return Highlighter([resolve(t, vocabulary) for t in terms]).positions(folded)
