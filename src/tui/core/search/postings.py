"""Inverted lists: word → ids (documents or quotations) containing it, per field."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable

from tui.core.search.matcher import PREFIX_QUALITY, Resolved, Vocabulary

#: (quality, ids) pairs, best quality first.
Tiers = list[tuple[float, set[int]]]


class Postings:
    """One field's inverted index.

    Ids are appended in increasing order and stored as compact arrays; Python sets are made
    per query, only for the words a query touches. Words' first letters get their own id
    lists, so a one-letter prefix (the first key typed) needs no union over thousands of
    words. ``counts`` optionally keeps each word's occurrences per id (for ranking bodies).
    """

    def __init__(self, with_counts: bool = False) -> None:
        self._lists: defaultdict[str, list[int]] = defaultdict(list)
        self._counts: defaultdict[str, list[int]] | None = (
            defaultdict(list) if with_counts else None
        )
        self._initial: dict[str, array] = {}
        self.ids: dict[str, array] = {}
        self.counts: dict[str, array] = {}

    def add(self, ident: int, words: Iterable[str]) -> None:
        """Record that ``ident`` contains ``words`` (distinct words)."""
        lists = self._lists
        for word in words:
            lists[word].append(ident)

    def add_counted(self, ident: int, counted: dict[str, int]) -> None:
        """Like :meth:`add`, keeping how often each word occurs."""
        lists = self._lists
        counts = self._counts
        assert counts is not None
        for word, count in counted.items():
            lists[word].append(ident)
            counts[word].append(count)

    def freeze(self) -> None:
        """Compact the lists once everything is added, and index first letters."""
        initial: defaultdict[str, set[int]] = defaultdict(set)
        for word, ids in self._lists.items():
            initial[word[0]].update(ids)
        # Arrays, not sets: a set costs about 40 bytes an id, an array 4 (150 MB at 10k).
        self._initial = {c: array("I", sorted(ids)) for c, ids in initial.items()}
        self.ids = {w: array("I", ids) for w, ids in self._lists.items()}
        if self._counts is not None:
            self.counts = {
                w: array("H", c if max(c) < 65536 else [min(n, 65535) for n in c])
                for w, c in self._counts.items()
            }
        self._lists.clear()
        self._counts = None

    def words(self) -> Iterable[str]:
        """Every word in this field."""
        return self.ids.keys()

    def union(self, words: Iterable[str]) -> set[int]:
        """Ids containing any of ``words``."""
        ids = self.ids
        return set().union(*(ids[w] for w in words if w in ids))

    def prefix_ids(self, prefix: str, vocabulary: Vocabulary) -> set[int]:
        """Ids containing a word that begins with ``prefix``."""
        if len(prefix) == 1:
            return set(self._initial.get(prefix, ()))
        return self.union(vocabulary.prefixed(prefix))

    def tiers(self, resolved: Resolved, vocabulary: Vocabulary) -> Tiers:
        """The ids ``resolved`` matches, grouped by quality, best first."""
        by_quality: dict[float, list[str]] = defaultdict(list)
        for word, quality in resolved.words.items():
            if word in self.ids:
                by_quality[quality].append(word)
        out = [(q, self.union(ws)) for q, ws in by_quality.items()]
        if resolved.prefix is not None:
            ids = self.prefix_ids(resolved.prefix, vocabulary)
            if ids:
                out.append((PREFIX_QUALITY, ids))
        out.sort(key=lambda item: item[0], reverse=True)
        return out

    def counted_tiers(self, resolved: Resolved, vocabulary: Vocabulary) -> list[
        tuple[float, int, set[int]]
    ]:
        """Like :meth:`tiers`, with specific words' ids split by how often the word occurs:
        ``(quality, bucket, ids)`` where bucket is 0 for once, 1 for 2–3 times, 2 for 4–7,
        3 for 8 or more."""
        out: dict[tuple[float, int], set[int]] = defaultdict(set)
        for word, quality in resolved.words.items():
            ids = self.ids.get(word)
            if ids is None:
                continue
            for ident, count in zip(ids, self.counts[word], strict=True):
                out[(quality, min(count, 8).bit_length() - 1)].add(ident)
        result = [(q, b, ids) for (q, b), ids in out.items()]
        if resolved.prefix is not None:
            ids = self.prefix_ids(resolved.prefix, vocabulary)
            if ids:
                result.append((PREFIX_QUALITY, 0, ids))
        return result
