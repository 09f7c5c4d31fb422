"""JSON articles: JSON lines (one object a line), an array of objects, an object holding
such an array under a key like ``articles``, or a single article object.

Whether a file is JSON lines is decided by content, not only by name: a ``.json`` file
whose first line is a complete object followed by more is read as JSON lines, and a
``.jsonl`` file that opens with ``[`` is read as one document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from tui.core.loaders import fields
from tui.core.loaders.records import record_document
from tui.core.loaders.stream import LINE_LIMIT, Problems, megabytes
from tui.core.model import Document, Problem


def json_documents(path: str, text: str, lines: bool) -> tuple[list[Document], list[Problem]]:
    """The articles in a JSON file; ``lines`` when its name says JSON lines."""
    stripped = text.lstrip()
    if lines and not stripped.startswith("["):
        return _json_lines(path, text)
    try:
        data = json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        if lines or (exc.msg == "Extra data" and "\n" not in text[: exc.pos].strip()):
            # JSON lines named .json, or a .jsonl whose first line only looks like an array
            return _json_lines(path, text)
        return [], [Problem(path, f"not valid JSON ({_describe(exc)})", exc.lineno)]
    except RecursionError:
        return [], [Problem(path, "not valid JSON (nested too deeply)")]
    return _from_value(path, data)


def parse_int(digits: str) -> int | str:
    """A JSON integer as an int, or as the text it is when too long for one: Python refuses
    to convert more than 4,300 digits (a denial-of-service guard), and one such number must
    not cost the whole file."""
    return int(digits) if len(digits) < 4000 else digits


def _json_lines(path: str, text: str) -> tuple[list[Document], list[Problem]]:
    return json_line_documents(path, text.split("\n"))


def json_line_documents(
    path: str, lines: Iterable[str | None]
) -> tuple[list[Document], list[Problem]]:
    """The articles in the lines of a JSON lines file; a None line was too long to read."""
    documents: list[Document] = []
    problems: list[Problem] = Problems()
    for number, line in enumerate(lines, start=1):
        if line is None:
            problems.append(Problem(path, f"line longer than {megabytes(LINE_LIMIT)} skipped",
                                    number))
            continue
        if not line.strip():
            continue
        try:
            # files joined with ``cat``
            value = json.loads(line.removeprefix("\ufeff"), parse_int=parse_int)
        except json.JSONDecodeError as exc:
            problems.append(Problem(path, f"not valid JSON ({exc.msg} at column {exc.colno})",
                                    number))
            continue
        except RecursionError:
            problems.append(Problem(path, "not valid JSON (nested too deeply)", number))
            continue
        if not isinstance(value, Mapping):
            problems.append(Problem(path, f"expected a JSON object, found {_kind(value)}",
                                    number))
            continue
        found = record_document(path, value, number, "jsonl")
        if isinstance(found, str):
            problems.append(Problem(path, found, number))
        else:
            documents.append(found)
    return documents, problems


def _from_value(path: str, data: object) -> tuple[list[Document], list[Problem]]:
    if isinstance(data, Mapping):
        items = _wrapped_list(data)
        if items is None:
            found = record_document(path, data, 1, "json")
            if isinstance(found, str):
                return [], [Problem(path, "no list of articles, and "
                                    + found.replace("record", "the object", 1))]
            return [found], []
        data = items
    if not isinstance(data, list):
        return [], [Problem(path, f"expected JSON objects, found {_kind(data)}")]
    documents: list[Document] = []
    problems: list[Problem] = Problems()
    for number, item in enumerate(data, start=1):
        if not isinstance(item, Mapping):
            problems.append(Problem(path, f"record {number}: expected a JSON object, "
                                          f"found {_kind(item)}"))
            continue
        found = record_document(path, item, number, "json")
        if isinstance(found, str):
            problems.append(Problem(path, f"record {number}: {found}"))
        else:
            documents.append(found)
    return documents, problems


def _wrapped_list(data: Mapping[object, object]) -> list[object] | None:
    """The article list inside a wrapper object, or None if ``data`` is not a wrapper."""
    values = fields.normalised(data)
    for key in fields.LIST_KEYS:
        value = values.get(key)
        if isinstance(value, list):
            return value
        if isinstance(value, Mapping):  # {"data": {"articles": [...]}}
            inner = _wrapped_list(value)
            if inner is not None:
                return inner
    if fields.find(values, fields.TEXT) is None:
        lists = [v for v in values.values() if isinstance(v, list) and v
                 and all(isinstance(item, Mapping) for item in v)]
        if len(lists) == 1:
            return lists[0]
    return None


def _describe(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "null"
    return type(value).__name__
