"""The best ``limit`` documents without a Python step per matching document.

Per AND group a document's value is its best entry's (see :mod:`.ranking`); the score is
the sum over groups. Entries hold few distinct values (fields × match qualities), so the
documents fall into *classes* of equal score, found by set intersections (run in C);
only the classes that reach the limit are sorted (by date, newest first, with C-level
keys). A few documents get individual bonuses (``extra``: body mentions besides a better
field, words side by side); their sums are found by intersections too and merged in.

Three ways to the classes: :func:`split` for a query of one group (its entries split by
value are the classes), :func:`intersected` for several groups with nothing taken away
(the groups' splits, :func:`partition`, intersected pair by pair: no set of every match),
:func:`classes` over a given set of candidates (after exclusions or quotation filters),
which stops once the best classes hold ``enough``. None changes the entries' sets.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from tui.core.search.ranking import Entry

#: Most classes kept while combining groups (distinct sums); beyond, the lowest merge.
MAX_CLASSES = 64
#: A class this large is not sorted: the newest members are picked by walking ``order``.
WALK_FROM = 20000


def classes(
    groups: Sequence[list[Entry]], candidates: set[int], enough: int | None = None
) -> list[tuple[float, set[int]]]:
    """``(score, documents)`` best first, with every candidate in exactly one class; given
    ``enough``, the classes stop once the best ones hold that many documents (each class
    returned is whole, so the best ``enough`` are certain without sets for the rest)."""
    combined: list[tuple[float, set[int]]] = [(0.0, candidates)]
    for n, entries in enumerate(groups):
        last = n == len(groups) - 1
        per_value = partition(entries)
        pairs = sorted(((round(total + value, 6), i, j)
                        for i, (total, _) in enumerate(combined)
                        for j, (value, _) in enumerate(per_value)), key=lambda p: -p[0])
        merged: dict[float, set[int]] = {}
        count = 0
        covered = [0] * len(combined)  # members of each class placed so far
        for key, i, j in pairs:
            if last and enough is not None and count >= enough and key not in merged:
                break  # every class so far is whole: the rest cannot reach the top
            ids, own = combined[i][1], per_value[j][1]
            if own is None:  # members matching no entry of this group (its pairs come last)
                if covered[i] == len(ids):
                    continue
                both = ids.difference(*(o for _, o in per_value if o is not None))
            else:
                both = ids & own if len(ids) <= len(own) else own & ids
            if both:
                covered[i] += len(both)
                count += len(both)
                merged[key] = merged[key] | both if key in merged else both
        if len(merged) > MAX_CLASSES:
            keys = sorted(merged, reverse=True)
            for key in keys[MAX_CLASSES:]:
                merged[keys[MAX_CLASSES - 1]] |= merged.pop(key)
        combined = sorted(merged.items(), key=lambda item: -item[0])
    return combined


def intersected(parts: Sequence[list[tuple[float, set[int] | None]]]
                ) -> list[tuple[float, set[int]]]:
    """The classes of the ids some entry of every group holds, best first (the same as
    :func:`classes` over that intersection), from each group's :func:`partition`: the
    splits intersected pair by pair, so no set of each group's every match is made."""
    combined = _classes_of(parts[0])
    for part in parts[1:]:
        per_value = [(value, ids) for value, ids in part if ids is not None]
        merged: dict[float, set[int]] = {}
        for total, ids in combined:
            for value, own in per_value:
                both = ids & own if len(ids) <= len(own) else own & ids
                if both:
                    key = round(total + value, 6)
                    merged[key] = merged[key] | both if key in merged else both
        keys = sorted(merged, reverse=True)
        for key in keys[MAX_CLASSES:]:
            merged[keys[MAX_CLASSES - 1]] = merged[keys[MAX_CLASSES - 1]] | merged.pop(key)
        combined = sorted(merged.items(), key=lambda item: -item[0])
    return combined


def split(entries: list[Entry]) -> list[tuple[float, set[int]]]:
    """The classes of a query of one group (every id some entry holds is a candidate):
    its entries' ids split by their best value, best first. The sets may be the entries'
    own: do not change them."""
    return _classes_of(partition(entries))


def _classes_of(part: list[tuple[float, set[int] | None]]) -> list[tuple[float, set[int]]]:
    """One group's :func:`partition` as classes (rounded, merged past the most kept)."""
    per_value = [(round(value, 6), ids) for value, ids in part if ids is not None]
    merged: dict[float, set[int]] = {}
    for key, ids in per_value:
        merged[key] = merged[key] | ids if key in merged else ids
    keys = sorted(merged, reverse=True)
    for key in keys[MAX_CLASSES:]:
        merged[keys[MAX_CLASSES - 1]] = merged[keys[MAX_CLASSES - 1]] | merged.pop(key)
    return sorted(merged.items(), key=lambda item: -item[0])


def partition(entries: Sequence[Entry]) -> list[tuple[float, set[int] | None]]:
    """The ids of ``entries`` split by their best value, best first, then ``(0.0, None)``
    standing for the ids no entry holds. Entry sets are never changed."""
    per_value: dict[float, set[int]] = {}
    seen: set[int] = set()
    ordered = sorted(entries, key=lambda e: -e[0])
    for n, (value, _, ids) in enumerate(ordered):
        fresh = ids - seen if seen else ids
        if not fresh:
            continue
        if n < len(ordered) - 1:
            seen |= fresh
        per_value[value] = per_value[value] | fresh if value in per_value else fresh
    out: list[tuple[float, set[int] | None]] = list(per_value.items())
    out.append((0.0, None))
    return out


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
    if limit is not None and len(out) >= limit:
        return out[:limit]  # built in order; whatever was left scores lower
    out.extend((-key[0], key[2]) for key in adjusted[at:])
    out.sort(key=lambda item: (-item[0], age[item[1]], item[1]))
    return out


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


def sums_of(groups: Sequence[list[Entry]], idents: set[int], secondary: float) -> dict[int, float]:
    """For each of ``idents``, the sum over groups of its best value plus, where that is
    not a body match, ``secondary`` times its best body value: what a document-by-document
    scan adds up, in the same order (so the same floats), found by intersections."""
    per_group: list[tuple[dict[int, float], dict[int, str | None], dict[int, float]]] = []
    for entries in groups:
        values: dict[int, float] = {}
        fields: dict[int, str | None] = {}
        done: set[int] = set()
        for value, field, ids in sorted(entries, key=lambda e: -e[0]):
            if not value:
                break
            fresh = (idents & ids if len(idents) <= len(ids) else ids & idents) - done
            if fresh:
                done |= fresh
                values.update(dict.fromkeys(fresh, value))
                fields.update(dict.fromkeys(fresh, field))
        body: dict[int, float] = {}
        for value, field, ids in sorted(entries, key=lambda e: e[0]):  # the best overwrites
            if field == "body" and value > 0:
                body.update(dict.fromkeys(idents & ids if len(idents) <= len(ids)
                                          else ids & idents, value))
        per_group.append((values, fields, body))
    out: dict[int, float] = {}
    for ident in idents:
        total = 0.0
        for values, fields, body in per_group:
            total += values.get(ident, 0.0)
            if fields.get(ident) != "body":
                total += secondary * body.get(ident, 0.0)
        out[ident] = total
    return out
