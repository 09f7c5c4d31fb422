"""Speakers found by name, alias or role, with the search's query syntax (typos and
accents forgiven, ``|`` and ``!`` as in the reader); field filters do not apply to names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tui.core.catalog.model import Entry
from tui.core.search.query import META, parse_query
from tui.core.search.speakers import SpeakerNames


class EntrySearch:
    """Entries matching a query, best first; ties go to the most quoted."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._entries_of: dict[str, list[int]] = {}
        counts: Counter[str] = Counter()
        for entry in entries:
            for text in {entry.name, *entry.aliases, entry.role or ""}:
                if text:
                    self._entries_of.setdefault(text, []).append(entry.number)
                    counts[text] = max(counts[text], entry.quotations)
        self._names = SpeakerNames(counts)

    def find(self, query: str) -> list[int] | None:
        """Entry numbers matching ``query``, best first; None for a query with no words
        (blank, or only ``date:``/``kind:`` filters, which do not apply to names)."""
        parsed = parse_query(query)
        terms = [t for g in parsed.groups for t in g] + list(parsed.excludes)
        if all(t.mode == META for t in terms):
            return None
        found: dict[int, None] = {}
        for hit in self._names.search(query, None):
            for number in self._entries_of.get(hit.name, ()):
                found.setdefault(number)
        return list(found)
