"""Turning files and folders into ``Document``s, and saying clearly what could not be read.

The API::

    load_paths(paths, on_problem=None) -> LoadResult   # everything, sorted for display
    discover(paths) -> (files, problems)                # which files to read
    load_file(path) -> (documents, problems)            # one file
    SUPPORTED_SUFFIXES                                  # read when walking directories

Formats, chosen by suffix and then by content:

* ``.txt`` (and any explicitly named file that decodes): one article; a dateline
  (``MOSCOW, December 23. /TASS/.``, ``WASHINGTON (Reuters) -``) or a title line followed
  by a blank line opens it (see ``text``). A text file that starts with ``{`` or ``[`` and
  parses as JSON is read as JSON. With no date in the text, a ``YYYY-MM-DD`` in the file
  name is used (``nyt_2016-03-05_polls-suggest.txt``).
* ``.md`` / ``.markdown``: front matter and a ``#`` heading (see ``markdown``).
* ``.jsonl`` / ``.ndjson`` / ``.json``: JSON lines, arrays, wrapped arrays (see ``jsonfile``).
* ``.csv`` / ``.tsv``: a header row and one article a row (see ``csvfile``).

Nothing here raises for bad input: every file that cannot be read, wholly or partly,
gives a ``Problem`` with a one-line reason, and loading goes on. A few problems are notes
on a document that was still loaded (``decoded as cp1252 (not valid UTF-8)``). Quotation
extraction is not run here; the caller does that.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from tui.core.loaders.csvfile import csv_documents, csv_line_documents
from tui.core.loaders.dates import date_in_name
from tui.core.loaders.decode import decode_bytes
from tui.core.loaders.discover import SUPPORTED_SUFFIXES, discover, os_reason
from tui.core.loaders.jsonfile import json_documents, json_line_documents
from tui.core.loaders.markdown import markdown_document
from tui.core.loaders.stream import (
    ARTICLE_LIMIT,
    JSON_LIMIT,
    WHOLE_LIMIT,
    LineReader,
    megabytes,
    truncated_note,
)
from tui.core.loaders.text import analyze_text
from tui.core.model import Document, LoadResult, Problem

__all__ = ["SUPPORTED_SUFFIXES", "discover", "is_note", "load_file", "load_paths", "sort_key"]

_JSON_LINES = frozenset({".jsonl", ".ndjson"})
_MARKDOWN = frozenset({".md", ".markdown"})
_NOTE_PREFIX = "decoded as "


def load_paths(
    paths: Sequence[str | Path], on_problem: Callable[[Problem], None] | None = None
) -> LoadResult:
    """Load every article under ``paths``.

    Documents are sorted for display: dated ones by ascending date, then undated ones;
    ties by path, then record number. Problems keep the order they were met in (discovery
    problems first, then each file's in file order); ``on_problem`` is called with each as
    it is met, so a caller can report progress.
    """
    result = LoadResult()

    def report(problem: Problem) -> None:
        result.problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    if isinstance(paths, str | Path):  # one path, not a sequence of characters
        paths = [paths]
    files, problems = discover(paths)
    for problem in problems:
        report(problem)
    for path in files:
        documents, file_problems = load_file(path)
        result.documents.extend(documents)
        for problem in file_problems:
            report(problem)
    result.documents.sort(key=sort_key)
    return result


def sort_key(document: Document) -> tuple[int, str, str, int]:
    """Display order: dated documents by date first, undated after; then path, record."""
    return (
        0 if document.date else 1,
        document.date or "",
        document.path,
        document.record or 0,
    )


def load_file(path: Path) -> tuple[list[Document], list[Problem]]:
    """The articles in one file and the problems met; never raises for bad input.

    Memory stays bounded whatever the file's size (see ``stream``): a large JSON lines or
    CSV file is read a line at a time, a large text file only up to ``ARTICLE_LIMIT``, and
    every article's text is cut to ``ARTICLE_LIMIT`` characters (with a note).
    """
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    try:
        with open(path, "rb") as handle:
            data = handle.read(WHOLE_LIMIT + 1)
            if len(data) > WHOLE_LIMIT:
                handle.seek(0)
                size = os.fstat(handle.fileno()).st_size
                documents, problems = _load_large(name, suffix, handle, size)
            else:
                documents, problems = _load_whole(name, suffix, data)
    except OSError as exc:
        return [], [Problem(name, os_reason(exc))]
    except Exception as exc:  # a loader bug must not stop the whole load
        return [], [Problem(name, f"could not be read ({type(exc).__name__}: {exc})")]
    dropped = getattr(problems, "dropped", 0)
    problems = list(problems)
    if dropped:
        problems.append(Problem(name, f"{dropped:,} more problems like these, not listed"))
    for document in documents:
        if len(document.text) > ARTICLE_LIMIT:
            _truncate(document)
            problems.append(Problem(document.doc_id, truncated_note()))
    if not documents and not problems:
        problems = [Problem(name, "no articles found")]
    return documents, problems


def is_note(problem: Problem) -> bool:
    """Whether ``problem`` only notes how a file was read (a fallback encoding), nothing
    of it being skipped."""
    return problem.reason.startswith(_NOTE_PREFIX)


def _load_whole(name: str, suffix: str, data: bytes) -> tuple[list[Document], list[Problem]]:
    decoded = decode_bytes(data)
    if decoded.text is None:
        return [], [Problem(name, decoded.error or "cannot be decoded")]
    notes = [Problem(name, decoded.note)] if decoded.note else []
    documents, problems = _parse(name, suffix, decoded.text)
    problems[:0] = notes  # in place: a Problems list keeps its count of dropped ones
    return documents, problems


def _load_large(
    name: str, suffix: str, handle: BinaryIO, size: int
) -> tuple[list[Document], list[Problem]]:
    """A file over ``WHOLE_LIMIT``: streamed, read whole up to a limit, or cut."""
    if suffix in _JSON_LINES or suffix in (".csv", ".tsv") or (
            suffix == ".json" and size > JSON_LIMIT and _starts_json_lines(handle)):
        reader = LineReader(handle)
        if suffix in (".csv", ".tsv"):
            documents, problems = csv_line_documents(name, reader, tab=suffix == ".tsv")
        else:
            documents, problems = json_line_documents(name, reader)
        notes = []
        if reader.error:
            if not documents and not problems and reader.error_line is None:
                return [], [Problem(name, reader.error)]
            problems.append(Problem(name, reader.error, reader.error_line))
        if reader.fallback_line is not None:
            notes.append(Problem(name, f"{_NOTE_PREFIX}cp1252 (not valid UTF-8)",
                                 reader.fallback_line))
        problems[:0] = notes
        return documents, problems
    if suffix == ".json" or (suffix not in _MARKDOWN and _opens_json(handle)):
        if size <= JSON_LIMIT:
            return _load_whole(name, suffix, handle.read())
        if suffix == ".json":
            return [], [Problem(name, f"too large to read whole ({megabytes(size)}; the "
                                      f"limit is {megabytes(JSON_LIMIT)}): save it as JSON "
                                      "lines (.jsonl), one article a line")]
    head = handle.read(ARTICLE_LIMIT)
    partial = len(head) == ARTICLE_LIMIT and bool(handle.read(1))
    decoded = decode_bytes(head, partial=partial)
    if decoded.text is None:
        return [], [Problem(name, decoded.error or "cannot be decoded")]
    problems = [Problem(name, decoded.note)] if decoded.note else []
    if partial:
        problems.append(Problem(name, truncated_note(size)))
    if suffix in _MARKDOWN:
        documents = [_markdown(name, decoded.text)]
    else:
        documents = [_text_document(name, decoded.text)]
    return documents, problems


def _opens_json(handle: BinaryIO) -> bool:
    """Whether the file's first non-blank character opens a JSON object or array."""
    head = handle.read(4096)
    handle.seek(0)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped[:1] in (b"{", b"[")


def _starts_json_lines(handle: BinaryIO) -> bool:
    """Whether the file's first line is a whole JSON object (a .json file of JSON lines);
    only a first line under ``WHOLE_LIMIT`` is looked at."""
    line = handle.readline(WHOLE_LIMIT)
    handle.seek(0)
    if not line.endswith(b"\n"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _truncate(document: Document) -> None:
    document.text = document.text[:ARTICLE_LIMIT]
    document.body_start = min(document.body_start, len(document.text))


def _parse(name: str, suffix: str, text: str) -> tuple[list[Document], list[Problem]]:
    if suffix in _JSON_LINES or suffix == ".json":
        return json_documents(name, text, lines=suffix in _JSON_LINES)
    if suffix in (".csv", ".tsv"):
        return csv_documents(name, text, tab=suffix == ".tsv")
    if suffix in _MARKDOWN:
        return [_markdown(name, text)], []
    if text.lstrip()[:1] in ("{", "["):
        documents, problems = json_documents(name, text, lines=False)
        if documents:
            return documents, problems  # JSON in a file named otherwise
    return [_text_document(name, text)], []


def _markdown(name: str, text: str) -> Document:
    document = markdown_document(name, text)
    document.date = document.date or date_in_name(name)
    return document


def _text_document(name: str, text: str) -> Document:
    info = analyze_text(text)
    return Document(
        path=name,
        text=text,
        title=info.title,
        date=info.date or date_in_name(name),
        place=info.place,
        source=info.source,
        format="text",
        body_start=info.body_start,
    )
