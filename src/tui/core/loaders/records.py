"""One structured record (a JSON object or a CSV row) to a ``Document``."""

from __future__ import annotations

from collections.abc import Mapping

from tui.core.loaders import fields
from tui.core.loaders.fields import without_surrogates
from tui.core.loaders.text import analyze_text
from tui.core.loaders.titles import shorten
from tui.core.model import Document

_TEXT_NAMES = ", ".join(fields.TEXT[:6])


def record_document(
    path: str, record: Mapping[object, object], number: int, fmt: str
) -> Document | str:
    """The article in ``record`` (number ``number`` in its file), or why there is none."""
    values = fields.normalised(record)
    body = _body(values)
    if body is None:
        return _why_no_body(values)
    title = _field(values, fields.TITLE)
    return fielded_document(path, body, 0, values, title, fmt, record=number)


def fielded_document(
    path: str,
    text: str,
    body_from: int,
    values: Mapping[str, object],
    title: str | None,
    fmt: str,
    record: int | None = None,
) -> Document:
    """A document whose metadata comes from named ``values`` (a record, front matter),
    completed from its text (``text[body_from:]``: dateline, first sentence) where missing.
    """
    info = analyze_text(text, body_from, find_title=not title)
    return Document(
        path=path,
        text=text,
        title=shorten(title) if title else info.title,
        date=fields.find_date(values) or info.date,
        place=_field(values, fields.PLACE) or info.place,
        source=_field(values, fields.SOURCE) or info.source,
        author=_field(values, fields.AUTHOR),
        url=_field(values, fields.URL),
        format=fmt,
        record=record,
        body_start=info.body_start,
    )


def _body(values: Mapping[str, object]) -> str | None:
    for name in fields.TEXT:
        value = values.get(name)
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(value)  # a list of paragraphs
        if isinstance(value, str) and value.strip():
            return without_surrogates(value)  # else exact: quotation offsets index into it
    return None


def _field(values: Mapping[str, object], aliases: tuple[str, ...]) -> str | None:
    found = fields.find(values, aliases)
    return fields.as_text(found[1]) if found else None


def _why_no_body(values: Mapping[str, object]) -> str:
    for name in fields.TEXT:
        if name in values:
            value = values[name]
            if value is None or isinstance(value, str | list):
                return "record has an empty text field"
            kind = "a number" if isinstance(value, int | float) else "an object"
            return f"record's text field \"{name}\" holds {kind}, not text"
    return f"record has no text field (looked for {_TEXT_NAMES}, …)"
