"""Ranking constants and the set-at-a-time scoring helpers the index uses.

A match is an *entry* ``(value, field, ids)``: every id in ``ids`` matches a term in
``field``, worth ``value`` (the field's weight times the match quality). Scoring keeps, per
AND group and per id, the best entry, using C-level dict operations rather than a Python
loop over ids.
"""

from __future__ import annotations

import heapq
from typing import TypeVar

#: How much a match counts in each field, for one term matched exactly.
WEIGHTS = {"title": 10.0, "speaker": 8.0, "quotation": 6.0, "body": 3.0, "source": 2.0}
DOC_FIELDS = tuple(WEIGHTS)
#: Bonus when the query's words appear side by side, in the title or anywhere in the text.
TITLE_PHRASE_BONUS = 4.0
TEXT_PHRASE_BONUS = 2.0
#: A body match within the first LEDE_CHARS characters of the body counts 1 + LEDE_BONUS
#: times (what an article is about comes first; a passing mention deep down counts less).
LEDE_CHARS = 500
LEDE_BONUS = 0.5
#: Per doubling of a word's mentions in the body (up to three doublings), its body match
#: counts this much more.
REPEAT_BONUS = 0.25
#: Share of a group's body value added when its best match is in another field.
SECONDARY_BODY = 0.1

#: ids matching a term in ``field`` (None for filters) at score ``value``.
Entry = tuple[float, str | None, set[int]]
Best = dict[int, tuple[float, str | None]]

_T = TypeVar("_T")


def best_per_id(entries: list[Entry], ids: set[int]) -> Best:
    """For every id in ``ids`` that some entry holds, the best ``(value, field)``."""
    best: Best = {}
    for value, name, matched in sorted(entries, key=lambda e: e[0]):
        # Ascending, so better values overwrite worse ones; fromkeys/update run in C.
        best.update(dict.fromkeys(matched & ids, (value, name)))
    return best


def ordered(scored: list[_T], limit: int | None) -> list[_T]:
    """``scored`` sorted ascending (keys are negated scores), cut to ``limit``."""
    if limit is not None and limit < len(scored):
        return heapq.nsmallest(limit, scored)
    scored.sort()
    return scored
