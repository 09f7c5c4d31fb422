"""Search over speaker names: the people and bodies quotations are attributed to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tui.core.search.fold import fold, words
from tui.core.search.hits import SpeakerHit
from tui.core.search.matcher import (
    EXACT_QUALITY,
    PREFIX_QUALITY,
    Highlighter,
    Resolved,
    Vocabulary,
    resolve,
)
from tui.core.search.query import META, PHRASE, Term, parse_query
from tui.core.search.ranking import ordered
from tui.core.search.smartcase import found_with_case


class SpeakerNames:
    """Distinct speaker names with how often each is quoted; terms are corrected against
    the words of these names only (``putn`` finds Putin, not some other corpus word)."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.names = sorted(counts)
        self.folded = [fold(name) for name in self.names]
        self.name_words = [words(name) for name in self.folded]
        self.vocabulary = Vocabulary(w for ws in self.name_words for w in ws)
        self._by_word: dict[str, list[int]] = {}
        for n, name_words in enumerate(self.name_words):
            for word in set(name_words):
                self._by_word.setdefault(word, []).append(n)

    def candidates(self, resolved: Resolved) -> list[int]:
        """Indexes of the names that may match ``resolved`` (all of them for a phrase or an
        exact substring): those with one of its words or a word beginning with its prefix."""
        if resolved.term.mode == PHRASE:
            return list(range(len(self.names)))
        found: set[int] = set()
        by_word = self._by_word
        for word in resolved.words:
            found.update(by_word.get(word, ()))
        if resolved.prefix is not None:
            for word in self.vocabulary.prefixed(resolved.prefix):
                found.update(by_word[word])
        return sorted(found)

    def search(
        self, query: str, limit: int | None, resolver: Callable[[Term], Resolved] | None = None
    ) -> list[SpeakerHit]:
        """Names matching every AND group of ``query``, best first; ties go to the speaker
        quoted most. Filters (``date:``, ``kind:``) do not apply to names and are ignored.
        ``resolver`` lets the caller share its cache of resolved terms."""
        resolve_term = resolver or (lambda term: resolve(term, self.vocabulary))
        parsed = parse_query(query)
        groups = [[resolve_term(t) for t in g if t.mode != META] for g in parsed.groups]
        groups = [g for g in groups if g]
        excludes = [resolve_term(t) for t in parsed.excludes if t.mode != META]
        if not groups and not excludes:
            return []
        cased = [r for g in groups for r in g if r.term.case and len(g) == 1]
        scored = []
        for i, name_words in enumerate(self.name_words):
            total = 0.0
            for group in groups:
                value = max(word_quality(r, name_words) for r in group)
                if not value:
                    break
                total += value
            else:
                if not any(word_quality(r, name_words) for r in excludes) and all(
                        found_with_case(r, self.names[i], self.folded[i]) for r in cased):
                    scored.append((-round(total, 6), -self.counts[self.names[i]], i))
        highlighter = Highlighter([r for g in groups for r in g])
        return [
            SpeakerHit(self.names[i], -negative, highlighter.positions(self.folded[i]), -count)
            for negative, count, i in ordered(scored, limit)
        ]


def word_quality(resolved: Resolved, name_words: list[str]) -> float:
    """How well ``resolved`` matches the best of ``name_words`` (0 when it does not)."""
    if resolved.term.mode == PHRASE:
        return EXACT_QUALITY if resolved.search(" ".join(name_words)) else 0.0
    best = 0.0
    for word in name_words:
        quality = resolved.words.get(word, 0.0)
        if not quality and resolved.prefix is not None and word.startswith(resolved.prefix):
            quality = PREFIX_QUALITY
        best = max(best, quality)
    return best
