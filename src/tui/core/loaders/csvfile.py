"""CSV and TSV articles: a header row naming the fields, then one article a row.

The delimiter is a tab for ``.tsv``; for ``.csv`` it is whichever of ``,`` ``;`` and tab
the header row uses most. Rows with a different number of fields than the header are
reported (with the line they start on) and skipped; the others are kept. ``record`` is
the row's number among the data rows, from 1.
"""

from __future__ import annotations

import csv
import io
import sys

from tui.core.loaders import fields
from tui.core.loaders.records import record_document
from tui.core.model import Document, Problem

_limit_raised = False


def csv_documents(path: str, text: str, tab: bool) -> tuple[list[Document], list[Problem]]:
    """The articles in a CSV (or, with ``tab``, TSV) file's ``text``."""
    _raise_field_limit()
    delimiter = "\t" if tab else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    documents: list[Document] = []
    problems: list[Problem] = []
    fmt = "tsv" if tab else "csv"
    header: list[str] | None = None
    number = 0
    line = 1
    try:
        for row in reader:
            row_line, line = line, reader.line_num + 1
            if not row or not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = row
                if header[0].startswith("\ufeff"):
                    header[0] = header[0][1:]
                if not any(fields.normalise_key(name) in fields.TEXT for name in header):
                    return [], [Problem(path, "no text column in the header (looked for "
                                              + ", ".join(fields.TEXT[:6]) + ", …)", row_line)]
                continue
            number += 1
            if len(row) != len(header):
                problems.append(Problem(path, f"row {number} has {len(row)} fields, "
                                              f"the header has {len(header)}", row_line))
                continue
            found = record_document(path, dict(zip(header, row, strict=True)), number, fmt)
            if isinstance(found, str):
                problems.append(Problem(path, f"row {number}: {found}", row_line))
            else:
                documents.append(found)
    except csv.Error as exc:
        problems.append(Problem(path, f"not valid CSV ({exc})", line))
    return documents, problems


def _delimiter(text: str) -> str:
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _raise_field_limit() -> None:
    """Articles are long: lift the csv module's 128 KiB field limit (process-wide)."""
    global _limit_raised
    if not _limit_raised:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        _limit_raised = True
