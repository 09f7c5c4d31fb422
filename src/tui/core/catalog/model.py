"""The speaker catalog: one entry per person quoted, plus the unattributed and the unnamed,
and each entry's quotations newest first (as quotation row ids)."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

#: Entry kinds: a person or named body; quotations with no speaker; quotations whose speaker
#: is a description (``a spokesman``, ``officials``), which no person entry takes.
PERSON, UNKNOWN, UNNAMED = "person", "unknown", "unnamed"
#: What the two grouped entries are called.
GROUP_NAMES = {UNKNOWN: "unknown speaker", UNNAMED: "unnamed speakers (descriptions)"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the speakers view.

    ``number`` is the entry's place in :attr:`Catalog.entries`; ``key`` is
    :func:`tui.core.speakers.speaker_key` of the name ("" for the grouped entries); dates
    are ISO strings (None when none of the articles had one).
    """

    number: int
    name: str
    role: str | None
    aliases: tuple[str, ...]
    quotations: int
    articles: int
    first_date: str | None
    last_date: str | None
    kind: str = PERSON
    key: str = ""

    @property
    def is_person(self) -> bool:
        """Whether this is a speaker (not the unattributed or unnamed group)."""
        return self.kind == PERSON

    def record(self) -> dict[str, object]:
        """The entry as a flat, JSON-serialisable dict (aliases joined with ``; ``)."""
        return {"name": self.name, "role": self.role, "aliases": "; ".join(self.aliases),
                "quotations": self.quotations, "articles": self.articles,
                "first_date": self.first_date, "last_date": self.last_date,
                "kind": self.kind}


class Catalog:
    """Speaker entries and the quotations of each, newest first.

    ``by_entry`` holds quotation row ids entry after entry (entry ``n``'s run is
    ``entry_firsts[n]:entry_firsts[n + 1]``), each run newest first (undated last, ties in
    id order); ``entry_days`` is each of those quotations' date as a day number
    (:meth:`datetime.date.toordinal`, 0 undated). ``newest`` and ``newest_days`` are
    every quotation in the same order, regardless of speaker.
    """

    def __init__(self, entries: list[Entry], by_entry: array, entry_days: array,
                 entry_firsts: array, newest: array, newest_days: array) -> None:
        self.entries = entries
        self.by_entry = by_entry
        self.entry_days = entry_days
        self.entry_firsts = entry_firsts
        self.newest = newest
        self.newest_days = newest_days

    def quotes_of(self, number: int) -> array:
        """Quotation ids of entry ``number``, newest first."""
        return self.by_entry[self.entry_firsts[number] : self.entry_firsts[number + 1]]

    def days_of(self, number: int) -> array:
        """The day numbers of :meth:`quotes_of` (0: undated), in the same order."""
        return self.entry_days[self.entry_firsts[number] : self.entry_firsts[number + 1]]

    @property
    def people(self) -> list[Entry]:
        """The entries that are speakers (not the grouped ones), most quoted first."""
        return [entry for entry in self.entries if entry.is_person]
