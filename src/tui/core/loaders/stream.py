"""Limits on what is read, and reading a large record file a line at a time.

A small file is read whole. A large one is not: a plain-text or Markdown article is read
up to ``ARTICLE_LIMIT`` bytes (the rest is dropped, with a note), and JSON lines and CSV
files are read line by line, so memory holds one record at a time, not the file. A single
line (one JSON record, one CSV row) longer than ``LINE_LIMIT`` bytes is skipped.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from tui.core.loaders.decode import sniff_encoding

MB = 1 << 20
#: Files up to this size are read whole (and decoded as a whole).
WHOLE_LIMIT = 1 * MB
#: An article's text is cut to this many characters (a plain file to this many bytes).
ARTICLE_LIMIT = 4 * MB
#: A JSON record or CSV row longer than this (in bytes) is skipped.
LINE_LIMIT = 16 * MB
#: At most this many problems are kept for one file; the rest are counted.
MAX_PROBLEMS = 100
#: A ``.json`` document (not JSON lines) larger than this is not read: it must be parsed
#: whole, which takes several times its size in memory.
JSON_LIMIT = 32 * MB


def megabytes(size: int) -> str:
    """``4 MB``, ``200 MB``, ``0.5 MB``: a size for people."""
    value = size / MB
    return f"{value:.0f} MB" if value >= 1 else f"{value:.1f} MB"


def truncated_note(size: int | None = None) -> str:
    """The reason given when an article is cut to ``ARTICLE_LIMIT``."""
    whole = f" (the file has {megabytes(size)})" if size else ""
    return f"article truncated to its first {megabytes(ARTICLE_LIMIT)}{whole}"


class Problems(list):  # type: ignore[type-arg]
    """A file's problems, of which only the first ``MAX_PROBLEMS`` are kept (a file of a
    million bad lines must not fill memory, or stderr); ``dropped`` counts the others."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0

    def append(self, problem: object) -> None:
        """Keep ``problem`` if fewer than ``MAX_PROBLEMS`` are kept, else count it."""
        if len(self) < MAX_PROBLEMS:
            super().append(problem)
        else:
            self.dropped += 1


class LineReader:
    """The lines of a binary file as text, newlines kept, one at a time.

    Iterating yields each line, or None for a line longer than ``LINE_LIMIT`` (which is
    skipped). ``number`` is the current line's number (from 1). Files with a UTF-16 or
    UTF-32 byte-order mark are decoded as such; any other is read as UTF-8 a line at a
    time, a line that is not valid UTF-8 being taken as cp1252 (``fallback_line`` is the
    first such line). ``error`` is set when the file cannot be read as text at all
    (binary), or stops being decodable (the lines after are not read).
    """

    def __init__(self, handle: BinaryIO) -> None:
        self.number = 0
        self.fallback_line: int | None = None
        self.error: str | None = None
        self.error_line: int | None = None
        head = handle.read(64 * 1024)
        encoding, bom, error = sniff_encoding(head)
        handle.seek(bom)
        self._handle = handle
        self._encoding = encoding
        if error:
            self.error = error

    def __iter__(self) -> Iterator[str | None]:
        if self.error:
            return
        if self._encoding is None or self._encoding == "utf-8":
            yield from self._ascii_lines()
        else:
            yield from self._wide_lines(self._encoding)

    def _ascii_lines(self) -> Iterator[str | None]:
        readline = self._handle.readline
        while True:
            raw = readline(LINE_LIMIT + 1)
            if not raw:
                return
            self.number += 1
            if len(raw) > LINE_LIMIT and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # the rest of the long line
                    raw = readline(MB)
                yield None
                continue
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                if self.fallback_line is None:
                    self.fallback_line = self.number
                yield raw.decode("cp1252", errors="replace")

    def _wide_lines(self, encoding: str) -> Iterator[str | None]:
        limit = LINE_LIMIT // 2
        stream = io.TextIOWrapper(self._handle, encoding=encoding, newline="")
        stream._CHUNK_SIZE = 64 * 1024  # type: ignore[attr-defined]
        try:
            while True:
                line = stream.readline(limit + 1)
                if not line:
                    return
                self.number += 1
                if len(line) > limit and not line.endswith("\n"):
                    while line and not line.endswith("\n"):
                        line = stream.readline(MB)
                    yield None
                    continue
                yield line
        except UnicodeDecodeError:
            name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
            self.error = f"not valid {name}; the rest of the file skipped"
            self.error_line = self.number + 1
        finally:
            stream.detach()
