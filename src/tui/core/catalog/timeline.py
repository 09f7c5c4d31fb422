"""Quotations per week or per month: the counts a timeline draws.

>>> t = timeline([dt.date(2016, 3, 1).toordinal()] * 2 + [dt.date(2016, 5, 9).toordinal(), 0],
...              "month")
>>> [(start.isoformat(), count) for start, count in zip(t.starts, t.counts)]
[('2016-03-01', 2), ('2016-04-01', 0), ('2016-05-01', 1)]
>>> t.undated, t.peak
(1, 0)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

UNITS = ("week", "month")
#: At most this many buckets (the oldest dropped, counted in ``earlier``): a stray date
#: decades off must not make a timeline of thousands of empty weeks.
MAX_BUCKETS = 2000


@dataclass(frozen=True, slots=True)
class Timeline:
    """Counts per bucket, oldest first, every bucket between the first and the last
    (empty ones 0). ``starts`` are the buckets' first days (a Monday, or the 1st);
    ``undated`` counts quotations without a date; ``earlier`` those before the first
    bucket kept (see :data:`MAX_BUCKETS`)."""

    unit: str
    starts: list[dt.date]
    counts: list[int]
    undated: int = 0
    earlier: int = 0

    @property
    def total(self) -> int:
        """Dated quotations counted."""
        return sum(self.counts)

    @property
    def peak(self) -> int | None:
        """The position of the busiest bucket (the first of equals), None when empty."""
        if not self.counts:
            return None
        return max(range(len(self.counts)), key=lambda n: (self.counts[n], -n))


def count_days(days: Iterable[int]) -> dict[int, int]:
    """How many of ``days`` fall on each day (0: undated)."""
    return dict(Counter(days))


def _bucket(day: int, unit: str) -> int:
    if unit == "week":
        return (day - 1) // 7  # day 1 (0001-01-01) is a Monday
    date = dt.date.fromordinal(day)
    return date.year * 12 + date.month - 1


def _start(bucket: int, unit: str) -> dt.date:
    if unit == "week":
        return dt.date.fromordinal(bucket * 7 + 1)
    return dt.date(bucket // 12, bucket % 12 + 1, 1)


def timeline(days: Iterable[int] | Mapping[int, int], unit: str = "month") -> Timeline:
    """Count ``days`` (day numbers, :meth:`datetime.date.toordinal`; 0 undated) per
    ``unit`` (``week`` or ``month``). ``days`` may also be counted already, as a mapping
    of day number to count (:func:`count_days`): a timeline of two million quotations is
    then drawn again for the other unit without counting them again."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    per_day = dict(days) if isinstance(days, Mapping) else count_days(days)
    undated = per_day.pop(0, 0)
    per_bucket: Counter[int] = Counter()
    for day, count in per_day.items():
        per_bucket[_bucket(day, unit)] += count
    if not per_bucket:
        return Timeline(unit, [], [], undated)
    first, last = min(per_bucket), max(per_bucket)
    earlier = 0
    if last - first >= MAX_BUCKETS:
        first = last - MAX_BUCKETS + 1
        earlier = sum(c for b, c in per_bucket.items() if b < first)
    buckets = range(first, last + 1)
    return Timeline(unit, [_start(b, unit) for b in buckets],
                    [per_bucket.get(b, 0) for b in buckets], undated, earlier)
