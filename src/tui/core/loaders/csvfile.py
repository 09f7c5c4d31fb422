"""CSV and TSV articles: a header row naming the fields, then one article a row.

The delimiter is a tab for ``.tsv``; for ``.csv`` it is whichever of ``,`` ``;`` and tab
the header row uses most. Rows with a different number of fields than the header are
reported (with the line they start on) and skipped; the others are kept. ``record`` is
the row's number among the data rows, from 1.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator

from tui.core.loaders import fields
from tui.core.loaders.records import record_document
from tui.core.loaders.stream import LINE_LIMIT, Problems, megabytes
from tui.core.model import Document, Problem

_limit_raised = False


def csv_documents(path: str, text: str, tab: bool) -> tuple[list[Document], list[Problem]]:
    """The articles in a CSV (or, with ``tab``, TSV) file's ``text``."""
    return csv_line_documents(path, io.StringIO(text, newline=""), tab)


def csv_line_documents(
    path: str, lines: Iterable[str | None], tab: bool
) -> tuple[list[Document], list[Problem]]:
    """The articles in the lines (newlines kept) of a CSV or TSV file. A None line was too
    long to read: the file is read no further."""
    _raise_field_limit()
    lines = iter(lines)
    first = next(lines, "")
    if first is None:
        return [], [Problem(path, f"line longer than {megabytes(LINE_LIMIT)}; "
                                  "the rest of the file skipped", 1)]
    delimiter = "\t" if tab else _delimiter(first)
    too_long: list[int] = []
    reader = csv.reader(_until_too_long(itertools.chain([first], lines), too_long),
                        delimiter=delimiter)
    documents: list[Document] = []
    problems: list[Problem] = Problems()
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
        problems.append(Problem(path, f"not valid CSV ({exc}); the rest of the file skipped",
                                line))
    if too_long:
        problems.append(Problem(path, f"line longer than {megabytes(LINE_LIMIT)}; "
                                      "the rest of the file skipped", too_long[0]))
    return documents, problems


def _until_too_long(lines: Iterator[str | None], too_long: list[int]) -> Iterator[str]:
    """``lines`` up to the first None (a line too long to read), whose number goes into
    ``too_long``."""
    for number, line in enumerate(lines, start=1):
        if line is None:
            too_long.append(number)
            return
        yield line


def _delimiter(text: str) -> str:
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _raise_field_limit() -> None:
    """Articles are long: lift the csv module's 128 KiB field limit to ``LINE_LIMIT``
    (process-wide). Not further: an unclosed quote must not read a whole file into one
    field."""
    global _limit_raised
    if not _limit_raised:
        csv.field_size_limit(LINE_LIMIT)
        _limit_raised = True
