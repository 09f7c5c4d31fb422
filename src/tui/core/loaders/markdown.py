"""Markdown articles: optional front matter, then a ``#`` heading as the title.

Front matter is the YAML-ish block between ``---`` lines at the very start; only simple
``key: value`` lines (and ``- item`` lists under a key) are read, for the title, date,
source, author, url and place fields. Anything else in the file is left to the plain-text
rules (``text.analyze_text``).
"""

from __future__ import annotations

import re

from tui.core.loaders import fields
from tui.core.loaders.records import fielded_document
from tui.core.model import Document

_FRONT_START = re.compile(r"---[ \t]*\r?\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
# Headings and keys are matched a line at a time, with no pattern that can backtrack over
# a long line (``# a`` followed by a megabyte of spaces took minutes with one regex).
_KEY = re.compile(r"[A-Za-z_][\w -]*")
_ATX_OPEN = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+")
_UNDERLINE = re.compile(r"[ \t]{0,3}(?:=+|-+)[ \t]*\r?")


def markdown_document(path: str, text: str) -> Document:
    """The article in a Markdown file's ``text``."""
    meta, pos = _front_matter(text)
    title = fields.as_text(meta.get("title") or meta.get("headline"))
    pos = _skip_blank_lines(text, pos)
    heading = _heading(text, pos)
    if heading:
        title = title or heading[0]
        pos = heading[1]
    return fielded_document(path, text, pos, meta, title, "markdown")


def _line(text: str, pos: int) -> tuple[str, int]:
    """The line starting at ``pos`` (without its ``\\n``) and the offset after it."""
    newline = text.find("\n", pos)
    if newline < 0:
        return text[pos:], len(text)
    return text[pos:newline], newline + 1


def _heading(text: str, pos: int) -> tuple[str, int] | None:
    """``(title, offset after it)`` for an ATX (``# Title``) or setext (``Title`` over
    ``=====``) heading at ``pos``."""
    line, after = _line(text, pos)
    opening = _ATX_OPEN.match(line)
    if opening:
        if opening.end() == len(line.rstrip("\r")):
            return None  # "#" alone: no heading
        content = line[opening.end() :].strip()
        closed = content.rstrip("#").rstrip()  # an optional closing run of #
        return closed or content, after
    words = line.lstrip(" \t")
    if words[:1].strip() and len(line) - len(words) <= 3 and after < len(text):
        underline, end = _line(text, after)
        if _UNDERLINE.fullmatch(underline):
            return line.strip(), end
    return None


def _skip_blank_lines(text: str, pos: int) -> int:
    while True:
        newline = text.find("\n", pos)
        if newline < 0 or text[pos:newline].strip():
            return pos
        pos = newline + 1


def _front_matter(text: str) -> tuple[dict[str, object], int]:
    """The front-matter fields (normalised keys) and the offset just after the block."""
    start = _FRONT_START.match(text)
    if not start:
        return {}, 0
    end = _FRONT_END.search(text, start.end())
    if not end:
        return {}, 0
    meta: dict[str, object] = {}
    last_key = None
    for raw in text[start.end() : end.start()].splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("- ") and last_key:
            items = meta.get(last_key)
            if not isinstance(items, list):
                items = meta[last_key] = []
            items.append(_unquote(line[2:]))
            continue
        key, colon, value = line.partition(":")
        key = key.rstrip()
        if colon and _KEY.fullmatch(key):
            last_key = fields.normalise_key(key)
            value = value.strip()
            if value:
                meta.setdefault(last_key, _unquote(value))
    return meta, end.end()


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
