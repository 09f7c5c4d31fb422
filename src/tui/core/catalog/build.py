"""The speaker catalog computed from the corpus index's quotation rows (no article text).

Quotations are read document by document (speaker, role, mention words); each document's
speakers are tallied and joined exactly as :func:`tui.core.speakers.build_speakers` does
(bare surnames to a unique full name, first within the article, then across the corpus),
so ``seedread speakers`` over the index and over the documents agree. Each quotation is
then placed under the entry its key ended in; unattributed quotations and those whose
speaker is a description go to two grouped entries.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from array import array
from collections import Counter
from itertools import groupby
from operator import itemgetter

from tui.core.catalog.model import GROUP_NAMES, UNKNOWN, UNNAMED, Catalog, Entry
from tui.core.speakers import _Tally, finish_speakers, merge_tallies, tally_document

_NO_KEY_UNKNOWN = -1
_NO_KEY_UNNAMED = -2
_ID = itemgetter(0)
#: Larger than any day number (date.max.toordinal() is 3,652,059).
_LAST_DAY = 1 << 22


def day_number(date: str | None) -> int:
    """``YYYY-MM-DD`` as :meth:`datetime.date.toordinal`; 0 for no or an unreadable date."""
    if not date:
        return 0
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return 0


def compute(conn: sqlite3.Connection) -> Catalog:
    """The catalog of every quotation stored in ``conn`` (seconds at 100k articles)."""
    dates: dict[int, str | None] = dict(conn.execute("SELECT id, date FROM documents"))
    corpus: dict[str, _Tally] = {}
    ids, docs, days, keys = array("I"), array("I"), array("I"), array("i")
    key_number: dict[str, int] = {}
    cursor = conn.execute("SELECT id, doc_id, speaker, role, mention FROM quotations "
                          "ORDER BY doc_id, id")
    for doc_id, group in groupby(cursor, key=itemgetter(1)):
        rows = list(group)
        date = dates.get(doc_id)
        tallies, found = tally_document(doc_id, date, [row[2:] for row in rows])
        merge_tallies(corpus, tallies)
        ids.extend(map(_ID, rows))
        docs.extend([doc_id] * len(rows))
        days.extend([day_number(date)] * len(rows))
        keys.extend([key_number.setdefault(key, len(key_number)) if key is not None
                     else _NO_KEY_UNKNOWN if row[2] is None else _NO_KEY_UNNAMED
                     for row, key in zip(rows, found, strict=True)])
    speakers, moved = finish_speakers(corpus)
    place = {key: n for n, (key, _) in enumerate(speakers)}
    unknown, unnamed = len(speakers), len(speakers) + 1
    by_number = array("I", (place[moved.get(key, key)] for key in key_number))
    entry_of = array("I", (by_number[k] if k >= 0 else (unknown if k == _NO_KEY_UNKNOWN
                                                          else unnamed) for k in keys))
    # Newest first, undated last, ties by id: one integer key sorted in C.
    order_key = array("q", ((_LAST_DAY - d) << 32 | i
                            for d, i in zip(days, ids, strict=True)))
    newest_order = sorted(range(len(ids)), key=order_key.__getitem__)
    del order_key
    by_entry_order = sorted(newest_order, key=entry_of.__getitem__)  # stable: newest first
    counts = Counter(entry_of)
    firsts = array("I", [0])
    for number in range(len(speakers) + 2):
        firsts.append(firsts[-1] + counts.get(number, 0))
    entries = [Entry(n, s.name, s.role, tuple(sorted(s.aliases)), s.quotations, s.articles,
                     s.first_date, s.last_date, key=key)
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
        newest=array("I", map(ids.__getitem__, newest_order)),
        newest_days=array("I", map(days.__getitem__, newest_order)),
    )
