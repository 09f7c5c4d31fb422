"""The best ``limit`` documents without a Python step per matching document.

Per AND group a document's value is its best entry's (see :mod:`.ranking`); the score is
the sum over groups. Entries hold few distinct values (fields × match qualities), so the
documents fall into *classes* of equal score, found by set intersections (run in C);
only the classes that reach the limit are sorted (by date, newest first, with C-level
keys). A few documents get individual bonuses (``extra``: body mentions besides a better
field, words side by side); they are scored one by one and merged in.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from tui.core.search.ranking import Entry

#: Most classes kept while combining groups (distinct sums); beyond, the lowest merge.
MAX_CLASSES = 64
#: A class this large is not sorted: the newest members are picked by walking ``order``.
WALK_FROM = 20000


def classes(groups: Sequence[list[Entry]], candidates: set[int]) -> list[tuple[float, set[int]]]:
    """``(score, documents)`` with every candidate in exactly one class, best first."""
    combined: dict[float, set[int]] = {0.0: candidates}
    for entries in groups:
        per_value: dict[float, set[int]] = {}
        seen: set[int] = set()
        for value, _, ids in sorted(entries, key=lambda e: -e[0]):
            fresh = (ids & candidates) - seen
            if fresh:
                seen |= fresh
                per_value.setdefault(value, set()).update(fresh)
        rest = candidates - seen
        if rest:
            per_value.setdefault(0.0, set()).update(rest)
        merged: dict[float, set[int]] = {}
        for total, ids in combined.items():
            for value, own in per_value.items():
                both = ids & own if len(ids) <= len(own) else own & ids
                if both:
                    key = round(total + value, 6)
                    merged.setdefault(key, set()).update(both)
        if len(merged) > MAX_CLASSES:
            keys = sorted(merged, reverse=True)
            for key in keys[MAX_CLASSES:]:
                merged[keys[MAX_CLASSES - 1]] |= merged.pop(key)
        combined = merged
    return sorted(combined.items(), key=lambda item: -item[0])


def best(
    ranked: list[tuple[float, set[int]]],
    extra: dict[int, float],
    age: Sequence[int],
    limit: int | None,
    order: Sequence[int] | None = None,
) -> list[tuple[float, int]]:
    """``(score, document)`` best first: by score, then newer (lower ``age``), then
    position. ``extra`` maps documents to their whole score, overriding their class.
    ``order`` (every id, newest first, ties by id) lets a large class be cut without
    sorting it."""
    adjusted = sorted(((-score, age[d], d) for d, score in extra.items()))
    out: list[tuple[float, int]] = []
    at = 0
    for score, ids in ranked:
        while at < len(adjusted) and -adjusted[at][0] > score:
            out.append((-adjusted[at][0], adjusted[at][2]))
            at += 1
        if limit is not None and len(out) >= limit:
            break
        pool = ids - extra.keys() if extra else ids
        if order is not None and limit is not None and len(pool) > WALK_FROM:
            members = _newest(pool, order, limit - len(out))
        else:
            members = sorted(pool)
            members.sort(key=age.__getitem__)
        ties = []
        while at < len(adjusted) and -adjusted[at][0] == score:
            ties.append(adjusted[at])
            at += 1
        run = ((-score, age[d], d) for d in members)
        for key in heapq.merge(run, ties):
            out.append((-key[0], key[2]))
            if limit is not None and len(out) >= limit:
                break
    out.extend((-key[0], key[2]) for key in adjusted[at:])
    out.sort(key=lambda item: (-item[0], age[item[1]], item[1]))
    return out if limit is None else out[:limit]


def _newest(pool: set[int], order: Sequence[int], count: int) -> list[int]:
    """The first ``count`` members of ``pool`` in ``order`` (a large, dense ``pool``)."""
    out = []
    for ident in order:
        if ident in pool:
            out.append(ident)
            if len(out) >= count:
                break
    return out


def fields_of(
    groups: Sequence[list[Entry]], idents: Sequence[int]
) -> dict[int, tuple[str | None, int]]:
    """For each of ``idents``, the field of its best match and that match's group (as a
    document-by-document scan would pick them: the first entry of a group with its best
    value, the first group with the best value), by set intersections with the few
    ``idents`` rather than one membership test per entry and document."""
    wanted = set(idents)
    best: dict[int, tuple[float, str | None, int]] = dict.fromkeys(wanted, (0.0, None, 0))
    for group, entries in enumerate(groups):
        done: set[int] = set()
        # Stable: among equal values the earlier entry wins, as a scan with '>' does.
        for value, field, ids in sorted(entries, key=lambda e: -e[0]):
            if not value:
                break
            fresh = (wanted & ids if len(wanted) <= len(ids) else ids & wanted) - done
            if fresh:
                done |= fresh
                for ident in fresh:
                    if value > best[ident][0]:
                        best[ident] = (value, field, group)
    return {ident: (field, group) for ident, (_, field, group) in best.items()}
