"""The three ways to score classes (:mod:`tui.core.search.topk`) agree with each other and
with a document-by-document scan, and leave the entries' sets unchanged."""

from __future__ import annotations

import random

import pytest

from tui.core.search import topk
from tui.core.search.ranking import Entry

FIELDS = ("title", "speaker", "quotation", "body", None)


def _groups(seed: int) -> list[list[Entry]]:
    rng = random.Random(seed)
    groups = []
    for _ in range(rng.randint(1, 3)):
        entries = []
        for _ in range(rng.randint(1, 5)):
            value = rng.choice((10.0, 9.0, 8.0, 6.4, 5.75, 3.0, 2.4, 0.0))
            ids = set(rng.sample(range(300), rng.randint(0, 120)))
            entries.append((value, rng.choice(FIELDS), ids))
        groups.append(entries)
    return groups


def _scan(groups: list[list[Entry]], ids: set[int]) -> dict[int, float]:
    """Each id's score the plain way: per group its best entry's value, added."""
    out = {}
    for ident in ids:
        total = 0.0
        for entries in groups:
            total = round(total + max((v for v, _, s in entries if ident in s), default=0.0),
                          6)
        out[ident] = total
    return out


def _flat(ranked: list[tuple[float, set[int]]]) -> dict[int, float]:
    out: dict[int, float] = {}
    for score, ids in ranked:
        for ident in ids:
            assert ident not in out
            out[ident] = score
    return out


def _copy(groups: list[list[Entry]]) -> list[list[Entry]]:
    return [[(v, f, set(s)) for v, f, s in entries] for entries in groups]


@pytest.mark.parametrize("seed", range(60))
def test_ways_to_classes_agree(seed: int) -> None:
    groups = _groups(seed)
    before = _copy(groups)
    matched = [set().union(*(s for _, _, s in entries)) for entries in groups]
    everyone = set.intersection(*matched)
    expected = _scan(groups, everyone)
    assert _flat(topk.classes(groups, everyone)) == expected
    assert _flat(topk.intersected([topk.partition(e) for e in groups])) == expected
    if len(groups) == 1:
        assert _flat(topk.split(groups[0])) == expected
    assert groups == before  # no entry's set was changed


@pytest.mark.parametrize("seed", range(30))
def test_classes_stop_once_enough(seed: int) -> None:
    groups = _groups(seed)
    everyone = set.intersection(*[set().union(*(s for _, _, s in e)) for e in groups])
    age = [random.Random(seed + n).randint(-5, 0) for n in range(300)]
    whole = topk.best(topk.classes(groups, everyone), {}, age, None)
    for limit in (1, 7, 50):
        cut = topk.best(topk.classes(groups, everyone, limit), {}, age, limit)
        assert cut == whole[:limit]


@pytest.mark.parametrize("seed", range(30))
def test_sums_and_fields_match_a_scan(seed: int) -> None:
    groups = _groups(seed)
    ids = set(random.Random(seed).sample(range(300), 40))
    sums = topk.sums_of(groups, ids, 0.1)
    fields = topk.fields_of(groups, sorted(ids))
    for ident in ids:
        total, top, field, which = 0.0, -1.0, None, 0
        for group, entries in enumerate(groups):
            value, where, body = 0.0, None, 0.0
            for v, f, s in entries:
                if ident in s:
                    if v > value:
                        value, where = v, f
                    if f == "body" and v > body:
                        body = v
            total += value
            if where != "body":
                total += 0.1 * body
            if value > top:
                top, field, which = value, where, group
        assert sums[ident] == total
        assert fields[ident] == (field, which)
