"""The speakers view's orders: entries sorted by a column, grouped entries always last."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tui.core.catalog.model import Entry
from tui.core.speakers import fold

#: Columns the speakers view sorts by, in the order ``s`` steps through them, and whether
#: each sorts descending by default (counts and dates: most, newest first).
COLUMNS: dict[str, bool] = {"quotations": True, "articles": True, "name": False,
                            "role": False, "first": True, "last": True}

_KEYS: dict[str, Callable[[Entry], object]] = {
    "quotations": lambda e: e.quotations,
    "articles": lambda e: e.articles,
    "name": lambda e: fold(e.name),
    "role": lambda e: fold(e.role or ""),
    "first": lambda e: e.first_date or "",
    "last": lambda e: e.last_date or "",
}


def sort_entries(entries: Sequence[Entry], column: str, descending: bool | None = None,
                 among: Sequence[int] | None = None) -> list[int]:
    """Entry numbers (of ``among``, default all) sorted by ``column``; ties by most
    quoted, then name. Entries without a value (no role, no date) and the grouped entries
    come last either way; a grouped entry without quotations is left out."""
    if column not in _KEYS:
        raise ValueError(f"no column {column!r}")
    if descending is None:
        descending = COLUMNS[column]
    key = _KEYS[column]
    numbers = range(len(entries)) if among is None else among
    ties = sorted(numbers, key=lambda n: (-entries[n].quotations, fold(entries[n].name)))
    valued = [n for n in ties if entries[n].is_person and key(entries[n]) not in ("", None)]
    missing = [n for n in ties if entries[n].is_person and key(entries[n]) in ("", None)]
    groups = [n for n in ties if not entries[n].is_person and entries[n].quotations]
    valued.sort(key=lambda n: key(entries[n]), reverse=descending)  # stable either way
    return valued + missing + groups
