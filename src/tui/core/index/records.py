"""Documents and quotations to and from the rows of the index (see :mod:`.schema`).

The one place that knows how a ``Document`` is laid out in SQLite, so storing and
searching agree on it.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import zlib
from collections.abc import Sequence

from tui.core.index import searchcache
from tui.core.index.fulltext import FullText
from tui.core.model import Document, Problem, Quotation
from tui.core.speakers import speaker_key

_QUOTE_COLUMNS = ("doc_id, seq, kind, spans, cue_start, cue_end, mention_start, mention_end, "
                  "speaker, role, speaker_key, confidence, content, mention")


_SURROGATE = re.compile("[\ud800-\udfff]")
# The same speakers come back article after article: their keys are worth remembering.
_speaker_key = functools.lru_cache(maxsize=16384)(speaker_key)


def sql_text(value: str | None) -> str | None:
    """``value`` as SQLite can store it as TEXT: a lone surrogate (JSON input may hold one)
    becomes U+FFFD, one character for one, so offsets into it stay right."""
    if value is None or value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def pack_text(text: str) -> bytes:
    """A document's text as stored: zlib-compressed UTF-8 (``surrogatepass`` for odd input)."""
    # Level 1: a third less time than 6 for 6% more bytes, and the texts are a tenth of
    # an index (the full-text tables are the rest).
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def unpack_text(blob: bytes) -> str:
    """The inverse of :func:`pack_text`."""
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


def insert_file(
    conn: sqlite3.Connection,
    path: str,
    size: int,
    mtime_ns: int,
    documents: Sequence[Document],
    problems: Sequence[Problem],
    problem_path: str | None = None,
    fulltext: FullText | None = None,
) -> int:
    """Store one file's documents, quotations and problems; return the file's row id.

    ``problem_path`` is the path the problems were reported under (default ``path``); see
    :func:`encode_problems`. The caller owns the transaction and must have removed any
    earlier version of the file (:func:`delete_file`). With ``fulltext``, the full-text
    rows are added to it, for the caller to index in the same transaction
    (:mod:`.fulltext`); otherwise they are inserted here.
    """
    encoded = encode_problems(problem_path or path, problems)
    searchcache.invalidate(conn)
    cursor = conn.execute(
        "INSERT INTO files(path, size, mtime_ns, problems) VALUES (?, ?, ?, ?)",
        (path, size, mtime_ns, encoded))
    file_id = int(cursor.lastrowid or 0)
    for doc in documents:
        cursor = conn.execute(
            "INSERT INTO documents(file_id, record, title, date, place, source, author, url, "
            "format, body_start, length, quotes, text, path) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (file_id, doc.record, sql_text(doc.title), sql_text(doc.date),
             sql_text(doc.place), sql_text(doc.source), sql_text(doc.author),
             sql_text(doc.url), doc.format, doc.body_start, len(doc.text),
             len(doc.quotations), pack_text(doc.text), path))
        doc_id = int(cursor.lastrowid or 0)
        if fulltext is None:
            conn.execute("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)",
                         (doc_id, sql_text(doc.title), sql_text(doc.text)))
        else:
            fulltext.add_document(doc_id, sql_text(doc.title) or "", sql_text(doc.text) or "")
        if doc.quotations:
            _insert_quotations(conn, doc_id, doc, fulltext)
    return file_id


def _insert_quotations(conn: sqlite3.Connection, doc_id: int, doc: Document,
                       fulltext: FullText | None) -> None:
    # Ids given explicitly (the caller's transaction holds the write lock) so that both
    # tables take their rows in one executemany each.
    first = int(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM quotations").fetchone()[0])
    rows = []
    keys: dict[str, str | None] = {}  # speakers repeat within a document
    for seq, quote in enumerate(doc.quotations):
        content = sql_text(quote.content(doc.text))
        key = None
        if quote.speaker:
            key = keys.get(quote.speaker)
            if key is None:
                key = keys[quote.speaker] = sql_text(_speaker_key(quote.speaker))
        rows.append((first + seq, doc_id, seq, quote.kind, _spans_json(quote.spans),
                     *(quote.cue or (None, None)), *(quote.mention or (None, None)),
                     sql_text(quote.speaker), sql_text(quote.role), key, quote.confidence,
                     content, _mention(doc.text, quote.mention)))
    conn.executemany(f"INSERT INTO quotations(id, {_QUOTE_COLUMNS}) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    if fulltext is None:
        conn.executemany("INSERT INTO quote_fts(rowid, content) VALUES (?, ?)",
                         [(row[0], row[13]) for row in rows])
    else:
        for row in rows:
            fulltext.add_quotation(row[0], row[13])


def _mention(text: str, span: tuple[int, int] | None) -> str | None:
    """The words that name a quotation's speaker (``he``, ``Putin``), as stored."""
    return None if span is None else sql_text(text[span[0] : span[1]])


def _spans_json(spans: Sequence[tuple[int, int]]) -> str:
    """``json.dumps(spans)`` for spans of ints, in a fraction of its time."""
    return "[" + ", ".join([f"[{start}, {end}]" for start, end in spans]) + "]"


def encode_problems(path: str, problems: Sequence[Problem]) -> str:
    """Problems as stored in ``files.problems``: JSON ``[[reason, line], ...]``, with a third
    item when a problem names more than the file (``#3`` for ``path#3``, one record)."""
    encoded: list[list[object]] = []
    for problem in problems:
        item: list[object] = [problem.reason, problem.line]
        if problem.path != path and problem.path.startswith(path):
            item.append(problem.path[len(path):])
        encoded.append(item)
    return json.dumps(encoded)


def decode_problems(path: str, encoded: str) -> list[Problem]:
    """The inverse of :func:`encode_problems`, the problems reported under ``path``."""
    return [Problem(path + (item[2] if len(item) > 2 else ""), item[0], item[1])
            for item in json.loads(encoded)]


def delete_file(conn: sqlite3.Connection, file_id: int) -> None:
    """Remove a file and everything stored for it, full-text rows included."""
    searchcache.invalidate(conn)
    for doc_id, title, blob in conn.execute(
            "SELECT id, title, text FROM documents WHERE file_id = ?", (file_id,)).fetchall():
        conn.execute("INSERT INTO doc_fts(doc_fts, rowid, title, body) VALUES('delete', ?, ?, ?)",
                     (doc_id, title, sql_text(unpack_text(blob))))
        conn.executemany("INSERT INTO quote_fts(quote_fts, rowid, content) "
                         "VALUES('delete', ?, ?)", conn.execute(
                             "SELECT id, content FROM quotations WHERE doc_id = ?",
                             (doc_id,)).fetchall())
        conn.execute("DELETE FROM quotations WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE file_id = ?", (file_id,))
    conn.execute("DELETE FROM files WHERE id = ?", (file_id,))


def read_document(conn: sqlite3.Connection, doc_id: int, path: str | None = None) -> Document:
    """The whole document ``doc_id``: text, metadata and quotations."""
    row = conn.execute(
        "SELECT f.path, d.record, d.title, d.date, d.place, d.source, d.author, d.url, "
        "d.format, d.body_start, d.text FROM documents d JOIN files f ON f.id = d.file_id "
        "WHERE d.id = ?", (doc_id,)).fetchone()
    if row is None:
        raise KeyError(doc_id)
    doc = Document(path=path or row[0], record=row[1], title=row[2], date=row[3], place=row[4],
                   source=row[5], author=row[6], url=row[7], format=row[8], body_start=row[9],
                   text=unpack_text(row[10]))
    doc.quotations = [
        Quotation(kind=kind, spans=tuple(tuple(span) for span in json.loads(spans)),
                  cue=(cs, ce) if cs is not None else None,
                  mention=(ms, me) if ms is not None else None,
                  speaker=speaker, role=role, confidence=confidence)
        for kind, spans, cs, ce, ms, me, speaker, role, confidence in conn.execute(
            "SELECT kind, spans, cue_start, cue_end, mention_start, mention_end, speaker, "
            "role, confidence FROM quotations WHERE doc_id = ? ORDER BY seq", (doc_id,))
    ]
    return doc
