"""Make document text inert for a terminal, without moving any character offset.

Every control character is replaced by exactly one visible character, so a span computed
on the original text marks the same characters in the safe text.
"""

from __future__ import annotations

import json
import re

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SYMBOLS = {0x7F: "\u2421"}  # DEL -> ␡


def _replace(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟, one cell each
    return _SYMBOLS.get(code, "\ufffd")


def visible(text: str) -> str:
    """``text`` with control characters made visible (same length; ``\\n``, ``\\t`` kept).

    A carriage return that ends a line (``\\r\\n``) becomes a space, others ``␍``; escape
    becomes ``␛``; C1 controls, bidirectional overrides and lone surrogates (which no
    terminal encoding can carry) become ``�``.
    """
    if not _CONTROL.search(text):
        return text
    text = text.replace("\r\n", " \n")
    return _CONTROL.sub(_replace, text)


def one_line(text: str) -> str:
    """``visible(text)`` with every run of white space folded to one space (for rows)."""
    return " ".join(visible(text).split())


# What json.dumps(ensure_ascii=False) leaves raw but a terminal may act on (DEL, C1
# controls such as the 8-bit CSI) or show misleadingly (bidirectional overrides), and the
# line separators some JSON readers split on; and lone surrogates, which cannot be
# written as UTF-8 at all.
_JSON_RAW = re.compile(
    r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_line(value: object) -> str:
    """``value`` as one line of JSON, non-ASCII text kept readable, with every control or
    direction character written as a ``\\uXXXX`` escape (so it parses back unchanged)."""
    dumped = json.dumps(value, ensure_ascii=False)
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
