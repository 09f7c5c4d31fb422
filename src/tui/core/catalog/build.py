"""The speaker catalog computed from the corpus index's quotation rows (no article text).

Quotations are taken document by document (speaker, role, mention words); each document's
speakers are tallied and joined exactly as :func:`tui.core.speakers.build_speakers` does
(bare surnames to a unique full name, first within the article, then across the corpus),
so ``seedread speakers`` over the index and over the documents agree. Each quotation is
then placed under the entry its key ended in; unattributed quotations and those whose
speaker is a description go to two grouped entries.

At 100k articles (1.9M quotations) a tally object per speaker per document cost seconds,
so the corpus's tallies are counted here in bulk, in the order that document-by-document
tallying would have met each name and role: that order breaks ties between equally
frequent names and roles, and between equally quoted speakers.

* Speakers are counted in C (``Counter`` over the numbered speakers of
  :mod:`tui.core.index.quoterows`); roles and mentions by SQLite (:data:`GROUPS`, on a
  second connection when there is one), each (speaker, role, mention) with how many and
  where first met; each speaker's documents are sets of their grouped rows.
* Within a document a bare surname joins a full name only when the document holds
  exactly one full name with that surname; when it holds several, the roles decide, and
  :func:`tui.core.speakers.tally_document` itself is asked (a few documents in a hundred).
* The quotations so joined count under the full name after the document's own quotations
  of it (``_Tally.absorb`` appends): they are counted as if moved to the end of their
  document, and read one by one to be taken out of their own speaker's groups.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from itertools import chain, groupby, repeat, starmap
from operator import itemgetter
from typing import Any

from tui.core.catalog.model import GROUP_NAMES, UNKNOWN, UNNAMED, Catalog, Entry
from tui.core.index import quoterows
from tui.core.index.quoterows import NO_SPEAKER, Beside, QuoteRows, group_by_number
from tui.core.speakers import _alias, _key, _surname, _Tally, finish_speakers, fold, tally_document

#: Larger than any day number (date.max.toordinal() is 3,652,059).
_LAST_DAY = 1 << 22
#: The label of a quotation whose speaker is "" (an unnamed entry, where None is unknown).
_EMPTY = NO_SPEAKER - 1
_GROUPED = ("SELECT json_group_array(json_array(speaker, role, mention, n, first)) FROM ("
            "SELECT speaker, role, mention, count(*) AS n, min(doc_id << 32 | id) AS first "
            "FROM quotations WHERE {} GROUP BY speaker, role, mention)")
#: Each (speaker, role, mention) of the quotations whose speaker may make an entry: how
#: many, and the first by document and id (both in one integer); counted by SQLite,
#: beside, and returned as one JSON row (SQLite steps once, so the thread reading it
#: seldom needs the GIL).
GROUPS = _GROUPED.format(
    "speaker IS NOT NULL AND speaker != '' "
    "AND NOT unicode(speaker) BETWEEN 97 AND 122")  # a-z: a description, never an entry
#: The first (as in GROUPS) of some quotations (ids in a JSON list) in a role.
_FIRST_IN_ROLE = ("SELECT min(doc_id << 32 | id) FROM quotations "
                  "WHERE id IN (SELECT value FROM json_each(?)) AND role = ?")
#: The document, role and mention of the quotations joined within their document.
_ABSORBED = ("SELECT json_group_array(json_array(id, doc_id, role, mention)) FROM quotations "
             "WHERE id IN (SELECT value FROM json_each(?))")
#: Some documents' quotations (ids in a JSON list), as tally_document takes them.
_DOCUMENTS = ("SELECT doc_id, speaker, role, mention FROM quotations "
              "WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY doc_id, id")


def day_number(date: str | None) -> int:
    """``YYYY-MM-DD`` as :meth:`datetime.date.toordinal`; 0 for no or an unreadable date."""
    if not date:
        return 0
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return 0


def compute(conn: sqlite3.Connection, rows: QuoteRows | None = None) -> Catalog:
    """The catalog of every quotation stored in ``conn`` (seconds at 100k articles);
    ``rows`` are its quotations when already read (:func:`tui.core.index.quoterows.read`)."""
    with Beside(conn) as beside:
        groups = beside.submit(GROUPS)
        return begin(conn, rows or quoterows.read(conn), beside, groups).catalog()


def begin(conn: sqlite3.Connection, rows: QuoteRows, beside: Beside | None = None,
          groups: Callable[[], list[Any]] | None = None) -> Pending:
    """Start computing the catalog of ``rows`` (all of ``conn``'s quotations): find the
    bare surnames joined within their documents, and ask for the counts of roles and
    mentions, on ``beside``'s connection when given (:meth:`Pending.catalog` finishes).
    ``groups`` gives the rows of :data:`GROUPS` when they were asked for already (beside,
    before ``rows`` were read)."""
    return Pending(conn, rows, beside, groups)


class Pending:
    """A catalog being computed (:func:`begin`).

    Quotations are labelled: a label is a speaker number (``rows.speaker_names``),
    :data:`NO_SPEAKER`, ``_EMPTY``, or a number past the speakers for a speaker joined to a
    full name within some document (``origin`` and ``full`` say which speaker, which key).
    """

    def __init__(self, conn: sqlite3.Connection, rows: QuoteRows, beside: Beside | None,
                 groups: Callable[[], list[Any]] | None) -> None:
        self.conn, self.rows = conn, rows
        names = rows.speaker_names
        # Which quotations make an entry (is_indexed) and under which key, as tally_document.
        self.key: dict[int, str | None] = {
            n: (_key(name) or None) if name[:1].isupper() else None
            for n, name in enumerate(names)}
        self.key[NO_SPEAKER] = self.key[_EMPTY] = None
        self.joined: dict[tuple[str, int], int] = {}
        self.origin: dict[int, int] = {}
        self.full: dict[int, str] = {}
        self.in_order = rows.spans is not None  # stored document by document, in practice
        labels = array("I", rows.speakers)
        for position in rows.empty_speakers:
            labels[position] = _EMPTY
        if self.in_order:
            self.ids, self.docs = rows.ids, rows.doc_ids
        else:  # by document, then id (a stable sort of positions in id order)
            order = sorted(range(len(labels)), key=rows.doc_ids.__getitem__)
            self.ids, self.docs, labels = (
                array(column.typecode, map(column.__getitem__, order))
                for column in (rows.ids, rows.doc_ids, labels))
        self.by_speaker = group_by_number(rows.speakers, len(names))
        order, firsts = self.by_speaker
        in_speaker_order = array("I", map(rows.doc_ids.__getitem__, order))
        #: Each speaker's documents (of those who make an entry).
        self.docs_of: dict[int, set[int]] = {
            label: set(in_speaker_order[firsts[label] : firsts[label + 1]])
            for label in range(len(names)) if self.key[label] is not None}
        del in_speaker_order
        self.moves = self._joins(labels)
        self.labels = labels
        fetch = beside.submit if beside is not None else (
            lambda sql, params=(): lambda: conn.execute(sql, params).fetchall())
        self._groups = groups or fetch(GROUPS)
        absorbed = json.dumps([self.ids[p] for _, _, moved in self.moves for p in moved])
        self._absorbed = fetch(_ABSORBED, (absorbed,))

    def _joins(self, labels: array) -> list[tuple[int, int, dict[int, int]]]:
        """Bare surnames joined to a full name within their document: for each document
        where some were, its positions (first, end) and the joined quotations' labels.

        A document's bare surname joins the full name with that surname when the document
        holds exactly one (``_join_surnames``); found from each speaker's documents, so
        that only the documents holding both are looked at."""
        key = self.key
        bare: dict[str, set[int]] = {}
        full: dict[str, dict[str, set[int]]] = {}  # by surname
        for label, docs in self.docs_of.items():
            k = key[label]
            if " " in k:  # type: ignore[operator]
                full.setdefault(_surname(k), {}).setdefault(k, set()).update(docs)  # type: ignore[arg-type]
            else:
                bare.setdefault(k, set()).update(docs)  # type: ignore[arg-type]
        moved_in: dict[int, dict[str, str]] = {}
        several: set[int] = set()  # documents where the roles decide
        for k, docs in bare.items():
            named = full.get(k)
            if not named:
                continue
            if len(named) == 1:
                (name, holding), = named.items()
                for doc in docs & holding:
                    moved_in.setdefault(doc, {})[k] = name
                continue
            for doc in docs & set().union(*named.values()):
                found = [name for name, holding in named.items() if doc in holding]
                if len(found) == 1:
                    moved_in.setdefault(doc, {})[k] = found[0]
                else:
                    several.add(doc)
        moves = []
        quotes = self._quotes_of(several)
        for doc in sorted(moved_in.keys() | several):
            first, end = bisect_left(self.docs, doc), bisect_right(self.docs, doc)
            moved = (self._tally_document(doc, first, end, labels, quotes.get(doc, []))
                     if doc in several else moved_in[doc])
            if moved:
                absorbed = {p: self._joined(moved[k], labels[p])
                            for p in range(first, end)
                            if (k := key[labels[p]]) is not None and k in moved}
                moves.append((first, end, absorbed))
        return moves

    def _quotes_of(self, docs: set[int]) -> dict[int, list[tuple[str | None, ...]]]:
        """The quotations of ``docs`` (speaker, role, mention, in order), by document."""
        found = self.conn.execute(_DOCUMENTS, (json.dumps(sorted(docs)),)).fetchall()
        return {doc: [quote[1:] for quote in quotes]
                for doc, quotes in groupby(found, key=itemgetter(0))}

    def _tally_document(self, doc: int, first: int, end: int, labels: array,
                        quotes: list[tuple[str | None, ...]]) -> dict[str, str]:
        """Which keys :func:`tally_document` joins into which in this document."""
        if len(quotes) != end - first:
            raise ValueError("the quotations changed while being read")
        _, found = tally_document(doc, None, quotes)
        return {before: after for label, after in zip(labels[first:end], found, strict=True)
                if (before := self.key[label]) is not None and after != before}

    def _joined(self, full: str, label: int) -> int:
        """The label of ``label``'s quotations joined to ``full``."""
        joined = self.joined.get((full, label))
        if joined is None:
            joined = self.joined[(full, label)] = len(self.rows.speaker_names) + len(self.joined)
            self.key[joined] = self.key[label]
            self.origin[joined], self.full[joined] = label, full
        return joined

    def catalog(self) -> Catalog:
        """The catalog (waits for the counts asked for beside)."""
        rows, docs, ids = self.rows, self.docs, self.ids
        labels, counted = self.labels, self.labels
        if self.moves:
            labels, counted = array("I", labels), array("I", labels)
            for first, end, absorbed in self.moves:
                for position, label in absorbed.items():
                    labels[position] = label
                # Joined quotations count after the document's own (_Tally.absorb appends).
                kept = [p for p in range(first, end) if p not in absorbed]
                counted[first:end] = array("I", map(labels.__getitem__, kept + list(absorbed)))
        corpus, final_key = self._tally(counted)
        self._roles_and_aliases(corpus, final_key, labels)
        self._docs(corpus, final_key)
        speakers, moved = finish_speakers(corpus)
        place = {key: n for n, (key, _) in enumerate(speakers)}
        unknown, unnamed = len(speakers), len(speakers) + 1
        entry_number = {label: place[moved.get(key, key)] if key is not None
                        else unknown if label == NO_SPEAKER else unnamed
                        for label, key in final_key.items()}
        day_of_date = {date: day_number(date) for date in set(rows.dates.values())}
        day_of = {doc: day_of_date[date] for doc, date in rows.dates.items()}
        ids = array("I", ids)
        if rows.spans is not None:
            # Each document's quotations are one run of ids: sorting the runs sorts the ids.
            days = array("I", chain.from_iterable(
                repeat(day_of[doc], end - first) for doc, first, end in rows.spans))
            # Newest first, undated (0) last; a stable sort keeps the same days in id order.
            span_days = list(map(day_of.__getitem__, map(itemgetter(0), rows.spans)))
            spans = list(map(rows.spans.__getitem__, sorted(
                range(len(span_days)), key=span_days.__getitem__, reverse=True)))
            newest_order = array("I", chain.from_iterable(
                starmap(range, map(itemgetter(1, 2), spans))))
            newest = array("I", chain.from_iterable(
                map(ids.__getitem__, starmap(slice, map(itemgetter(1, 2), spans)))))
            newest_days = array("I", chain.from_iterable(
                repeat(day_of[doc], end - first) for doc, first, end in spans))
        else:
            days = array("I", map(day_of.__getitem__, docs))
            # Newest first, undated last, ties by id: one integer key sorted in C.
            order_key = array("q", ((_LAST_DAY - d) << 32 | i
                                    for d, i in zip(days, ids, strict=True)))
            newest_order = array("I", sorted(range(len(ids)), key=order_key.__getitem__))
            del order_key
            newest = array("I", map(ids.__getitem__, newest_order))
            newest_days = array("I", map(days.__getitem__, newest_order))
        # Each entry's quotations newest first: those of all grouped by entry, stably.
        by_entry_order, firsts = group_by_number(
            map(entry_number.__getitem__, map(labels.__getitem__, newest_order)),
            len(speakers) + 2, newest_order)
        entries = [Entry(n, s.name, s.role, tuple(sorted(s.aliases)), s.quotations,
                         s.articles, s.first_date, s.last_date, key=key)
                   for n, (key, s) in enumerate(speakers)]
        for number, kind in ((unknown, UNKNOWN), (unnamed, UNNAMED)):
            positions = by_entry_order[firsts[number] : firsts[number + 1]]
            dated = [days[p] for p in positions if days[p]]
            entries.append(Entry(
                number, GROUP_NAMES[kind], None, (), len(positions),
                len({docs[p] for p in positions}),
                dt.date.fromordinal(min(dated)).isoformat() if dated else None,
                dt.date.fromordinal(max(dated)).isoformat() if dated else None, kind=kind))
        return Catalog(
            entries,
            by_entry=array("I", map(ids.__getitem__, by_entry_order)),
            entry_days=array("I", map(days.__getitem__, by_entry_order)),
            entry_firsts=firsts,
            newest=newest,
            newest_days=newest_days,
        )

    def _tally(self, counted: array) -> tuple[dict[str, _Tally], dict[int, str | None]]:
        """Each key's tally with its names and quotations, keys and names in the order
        document-by-document tallying meets them; and each label's final key."""
        corpus: dict[str, _Tally] = {}
        final_key: dict[int, str | None] = {}
        names = self.rows.speaker_names
        for label, count in Counter(counted).items():
            key = final_key[label] = self.full.get(label, self.key[label])
            if key is None:
                continue
            tally = corpus.get(key)
            if tally is None:
                tally = corpus[key] = _Tally()
            name = names[self.origin.get(label, label)]
            tally.names[name] = tally.names.get(name, 0) + count
            tally.aliases.add(name)
            tally.quotations += count
        return corpus, final_key

    def _roles_and_aliases(self, corpus: dict[str, _Tally], final_key: dict[int, str | None],
                           labels: array) -> None:
        """Each key's roles (counted, in the order of first sight) and aliases."""
        number = {name: n for n, name in enumerate(self.rows.speaker_names)}
        key = self.key
        # (label, role) -> [count, where first seen]: (document, joined?, id), the order
        # in which document-by-document tallying meets the quotations.
        roles: dict[tuple[int, str], list] = {}
        aliases: set[tuple[int, str]] = set()
        names = self.rows.speaker_names
        joined = _json_rows(self._absorbed)
        label_of = {self.ids[p]: label for _, _, moved in self.moves
                    for p, label in moved.items()}
        joined_ids = set(label_of)
        # The groups count the joined quotations under their own speaker: taken out here.
        taken = Counter((names[self.origin[label_of[quotation]]], role, mention)
                        for quotation, _, role, mention in joined)
        unsure: dict[tuple[int, str], int] = {}  # first met in a joined quotation
        for speaker, role, mention, count, first in _json_rows(self._groups):
            count -= taken.get((speaker, role, mention), 0)
            label = number[speaker]
            if not count or key[label] is None:
                continue
            if role:
                known = roles.get((label, role))
                if known is None:
                    known = roles[(label, role)] = [0, None]
                known[0] += count
                if first & 0xFFFFFFFF in joined_ids:  # the first not joined is later
                    unsure[(label, role)] = min(unsure.get((label, role), first), first)
                elif known[1] is None or first < known[1]:
                    known[1] = first
            if mention:
                aliases.add((label, mention))
        for (label, role), first in unsure.items():
            known = roles[(label, role)]
            if known[1] is None or first < known[1]:
                known[1] = self._first_not_joined(label, role, joined_ids)
        for known in roles.values():
            known[1] = (known[1] >> 32, False, known[1] & 0xFFFFFFFF)
        for quotation, doc, role, mention in joined:
            label = label_of[quotation]
            if role:
                seen = (doc, True, quotation)
                known = roles.get((label, role))
                if known is None:
                    roles[(label, role)] = [1, seen]
                else:
                    known[0] += 1
                    known[1] = min(known[1], seen)
            if mention:
                aliases.add((label, mention))
        for (label, role), (count, _) in sorted(roles.items(), key=lambda item: item[1][1]):
            tally_roles = corpus[final_key[label]].roles  # type: ignore[index]
            tally_roles[role] = tally_roles.get(role, 0) + count
        # An alias's last word is the speaker's surname (_is_alias), so the folded mention
        # holds it: most pairs ("he", "trump") need not be asked (thousands of cold calls).
        folded: dict[str, str] = {}
        for label, mention in aliases:
            speaker_key = key[label]
            words = folded.get(mention)
            if words is None:
                words = folded[mention] = fold(mention).replace("’", "'")
            if speaker_key.split()[-1] not in words:  # type: ignore[union-attr]
                continue
            alias = _alias(mention, speaker_key)  # type: ignore[arg-type]
            if alias:
                corpus[final_key[label]].aliases.add(alias)  # type: ignore[index]

    def _first_not_joined(self, label: int, role: str, joined_ids: set[int]) -> int:
        """The first (by document and id, in one integer) of ``label``'s quotations in
        ``role`` that were not joined to a full name: read a few at a time, in order."""
        rows = self.rows
        order, firsts = self.by_speaker
        positions = order[firsts[label] : firsts[label + 1]]
        if not self.in_order:
            positions = sorted(positions, key=lambda p: (rows.doc_ids[p], rows.ids[p]))
        ids = [quotation for quotation in map(rows.ids.__getitem__, positions)
               if quotation not in joined_ids]
        for start in range(0, len(ids), 256):
            found = self.conn.execute(_FIRST_IN_ROLE, (json.dumps(ids[start : start + 256]),
                                                       role)).fetchone()[0]
            if found is not None:
                return found
        raise ValueError("the quotations changed while being read")

    def _docs(self, corpus: dict[str, _Tally], final_key: dict[int, str | None]) -> None:
        """Each key's documents and its first and last date."""
        docs_of = self.docs_of
        for first, _, absorbed in self.moves:
            doc = self.docs[first]
            for label in set(absorbed.values()):
                docs_of.setdefault(label, set()).add(doc)
                origin = self.origin[label]
                if origin in docs_of:  # all its quotations here were joined
                    docs_of[origin].discard(doc)
        dates = self.rows.dates
        for label, found in docs_of.items():
            key = final_key.get(label)
            if key is None:  # every quotation of it joined to a full name
                continue
            tally = corpus[key]
            tally.docs |= found
            dated = [date for date in set(map(dates.__getitem__, found)) if date]
            if dated:
                first, last = min(dated), max(dated)
                if tally.first is None or first < tally.first:
                    tally.first = first
                if tally.last is None or last > tally.last:
                    tally.last = last


def _json_rows(rows: Callable[[], list[Any]]) -> list[list[Any]]:
    """The JSON array in the one row (of one column) that ``rows`` gives."""
    found = rows()[0][0]
    return json.loads(found) if found else []
