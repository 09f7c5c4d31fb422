"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else cp1252.

The decoded text is exactly the file's characters after any byte-order mark: no newline
translation, so offsets into it match the file as read with ``newline=""``.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

EMPTY = "empty file"
BINARY = "binary file (contains NUL bytes)"

# Longest marks first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(slots=True, frozen=True)
class Decoded:
    """The outcome of decoding: ``text`` (None when unusable), a fatal ``error`` or a
    non-fatal ``note`` (e.g. a fallback encoding was used), and the ``encoding``."""

    text: str | None
    encoding: str | None = None
    error: str | None = None
    note: str | None = None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; never raises."""
    if not data:
        return Decoded(None, error=EMPTY)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                return Decoded(None, error=f"not valid {name} (bad bytes at offset {exc.start})")
            return _checked(text, encoding)
    if b"\x00" in data:
        return Decoded(None, error=BINARY)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; latin-1 takes any.
        text = data.decode("latin-1")
        encoding = "latin-1"
    decoded = _checked(text, encoding)
    if decoded.error:
        return decoded
    return Decoded(text, encoding, note=f"decoded as {encoding} (not valid UTF-8)")


def _checked(text: str, encoding: str) -> Decoded:
    if not text.strip():
        return Decoded(None, encoding, error=EMPTY)
    return Decoded(text, encoding)
