"""What the scripted commands print: quotations, speakers and search results.

JSON lines and CSV for programs, a plain table for people; every table cell is made
inert (no markup, no control characters). JSON lines escape every control character
(``\u001b``), so they parse back to the exact text; CSV keeps the exact text for programs,
but on a terminal its cells are made inert too (CSV has no escapes).
"""

from __future__ import annotations

import csv
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from tui.core.export import CSV_FIELDS, quotation_records
from tui.core.index.store import CorpusIndex
from tui.core.model import Document
from tui.core.textsafe import json_line, one_line, visible

#: Columns of running text: they give way (with an ellipsis) when the table is too wide.
_TEXT_COLUMNS = frozenset({"quotation", "title", "article", "doc_id", "role", "speaker"})
_TEXT_WIDTH = 72


def write_table(rows: Iterable[Sequence[str]], headers: Sequence[str], out: TextIO) -> None:
    """Write a plain table to ``out``, every cell made inert (no markup or control codes).

    Short columns (dates, counts, kinds) keep their width; text columns are cut to fit, with
    an ellipsis. Rows are written as they come: the widths are taken from the first
    ``_WIDTH_ROWS`` rows, so a table of a million quotations needs no more memory than a
    thousand, and ``| head`` has its lines at once.
    """

    rows = iter(rows)
    first = [[one_line(cell) for cell in row] for row in itertools.islice(rows, _WIDTH_ROWS)]
    widths = _column_widths(headers, first, _table_width(out))
    header = _table_line(headers, widths)
    out.write(f"\x1b[1m{header}\x1b[0m\n" if out.isatty() else header + "\n")
    for row in first:
        out.write(_table_line(row, widths) + "\n")
    for row in rows:
        out.write(_table_line([one_line(cell) for cell in row], widths) + "\n")


_WIDTH_ROWS = 1000
_GAP = "  "


def _table_width(out: TextIO) -> int:
    """The terminal's width when ``out`` is one, else 200 columns."""
    if out.isatty():
        try:
            return os.get_terminal_size(out.fileno()).columns
        except (OSError, ValueError):
            return 80
    return 200


def _column_widths(headers: Sequence[str], rows: list[list[str]], total: int) -> list[int]:
    """Each column's width: the widest cell (short columns), at most ``_TEXT_WIDTH`` (text
    columns), text columns narrowed (to 24 at least) when the whole is wider than
    ``total``."""
    from rich.cells import cell_len

    widths: list[int] = []
    for number, header in enumerate(headers):
        widest = max([cell_len(header), *(cell_len(row[number]) for row in rows)])
        widths.append(min(widest, _TEXT_WIDTH) if header in _TEXT_COLUMNS else widest)
    text = [n for n, header in enumerate(headers) if header in _TEXT_COLUMNS]
    excess = sum(widths) + len(_GAP) * (len(widths) - 1) - total
    while excess > 0 and text:
        widest = max(text, key=lambda n: widths[n])
        floor = min(24, widths[widest])
        if widths[widest] <= floor:
            text.remove(widest)
            continue
        step = min(excess, widths[widest] - floor, max(widths[widest] // 8, 1))
        widths[widest] -= step
        excess -= step
    return widths


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """One row: each cell cut (with an ellipsis) or padded to its column's width."""
    from rich.cells import cell_len, set_cell_size

    parts = []
    for cell, width in zip(cells, widths, strict=True):
        if cell_len(cell) > width:
            cell = set_cell_size(cell, width - 1) + "…"
        parts.append(set_cell_size(cell, width) if cell_len(cell) < width else cell)
    return _GAP.join(parts).rstrip()


def _csv_cell(out: TextIO) -> Callable[[object], object]:
    """What CSV cells go through: nothing for a file or a pipe, ``visible`` on a terminal."""
    if not out.isatty():
        return lambda value: value
    return lambda value: visible(value) if isinstance(value, str) else value


def print_quotes(documents: Iterable[Document], fmt: str, out: TextIO) -> None:
    """Every quotation of ``documents`` in ``fmt`` (jsonl, csv or table); the documents
    are read one at a time, as they come."""
    records = quotation_records(documents)
    if fmt == "jsonl":
        for record in records:
            out.write(json_line(record) + "\n")
    elif fmt == "csv":
        cell = _csv_cell(out)
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow({key: cell(value) for key, value in record.items()})
    else:
        rows = ([r["speaker"] or "(unattributed)", r["kind"], r["date"] or "",
                 r["text"][:100], r["title"][:50]] for r in records)
        write_table(rows, ("speaker", "kind", "date", "quotation", "article"), out)


def print_speakers(documents: Iterable[Document], fmt: str, out: TextIO) -> None:
    """The speakers of ``documents``, one entry per person, in ``fmt``."""
    from tui.core.speakers import build_speakers

    write_speakers([{"name": s.name, "role": s.role, "aliases": sorted(s.aliases),
                     "quotations": s.quotations, "articles": s.articles,
                     "first_date": s.first_date, "last_date": s.last_date}
                    for s in build_speakers(documents)], fmt, out)


def print_speaker_catalog(index: CorpusIndex, fmt: str, out: TextIO) -> None:
    """The speakers of ``index``, one entry per person, in ``fmt``: read from the index's
    speaker catalog (:mod:`tui.core.catalog`), no article text read. The same entries as
    :func:`print_speakers` over the index's documents."""
    from tui.core import catalog

    write_speakers([{"name": e.name, "role": e.role, "aliases": list(e.aliases),
                     "quotations": e.quotations, "articles": e.articles,
                     "first_date": e.first_date, "last_date": e.last_date}
                    for e in catalog.load_or_compute(index.conn).people], fmt, out)


def write_speakers(records: Sequence[dict], fmt: str, out: TextIO) -> None:
    """Speaker records (name, role, aliases, quotations, articles, first_date, last_date)
    as JSON lines, CSV (aliases joined with ``; ``) or a table."""
    if fmt == "jsonl":
        for record in records:
            out.write(json_line(record) + "\n")
    elif fmt == "csv":
        cell = _csv_cell(out)
        writer = csv.writer(out)
        writer.writerow(["name", "role", "aliases", "quotations", "articles", "first_date",
                         "last_date"])
        for r in records:
            writer.writerow([cell(value) for value in (
                r["name"], r["role"] or "", "; ".join(r["aliases"]), r["quotations"],
                r["articles"], r["first_date"] or "", r["last_date"] or "")])
    else:
        rows = ([r["name"], r["role"] or "", str(r["quotations"]), str(r["articles"]),
                 r["first_date"] or "", r["last_date"] or ""] for r in records)
        write_table(rows, ("speaker", "role", "quotes", "articles", "first", "last"), out)


def print_search(
    index: CorpusIndex, query: str, scope: str, limit: int, fmt: str, out: TextIO
) -> None:
    """What matches ``query`` in ``scope`` (docs, quotes or speakers), best first.

    Answered from the index: only the articles of the hits are read back.
    """
    from tui.core.search import IndexSearch

    rows = index.rows()
    searcher = IndexSearch(index.conn if index.path is None else None, rows, path=index.path)
    limit = limit or None
    records: list[dict]
    if scope == "docs":
        records = []
        for h in searcher.search(query, limit=limit):
            row = rows[h.doc]
            records.append({"doc_id": row.doc_id, "title": row.title, "date": row.date,
                            "source": row.source, "score": round(h.score, 2),
                            "field": h.field})
        headers = ("score", "date", "field", "title", "doc_id")
        keys = ("score", "date", "field", "title", "doc_id")
    elif scope == "quotes":
        records = []
        for h in searcher.search_quotes(query, limit=limit):
            row = rows[h.doc]
            doc = index.document(row.id)
            quote = doc.quotations[h.quote]
            records.append({"doc_id": row.doc_id, "title": row.title, "date": row.date,
                            "speaker": quote.speaker, "kind": quote.kind,
                            "text": quote.content(doc.text), "start": quote.start,
                            "end": quote.end, "score": round(h.score, 2)})
        headers = ("score", "speaker", "date", "quotation", "title")
        keys = ("score", "speaker", "date", "text", "title")
    else:
        records = [{"name": h.name, "quotations": h.count, "score": round(h.score, 2)}
                   for h in searcher.search_speakers(query, limit=limit)]
        headers = ("score", "speaker", "quotations")
        keys = ("score", "name", "quotations")
    searcher.close()
    if fmt == "jsonl":
        for record in records:
            out.write(json_line(record) + "\n")
    else:
        write_table(([str(r[k] if r[k] is not None else "")[:100] for k in keys] for r in records),
               headers, out)
