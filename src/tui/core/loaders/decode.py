"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM (or UTF-16 without one,
when its NUL bytes give it away), else cp1252 (latin-1 as a last resort).

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


def decode_bytes(data: bytes, partial: bool = False) -> Decoded:
    """Decode a file's bytes; never raises.

    With ``partial`` the bytes are the first part of a longer file: a character cut off
    at the end is dropped rather than taken for bad bytes.
    """
    if not data:
        return Decoded(None, error=EMPTY)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = _decode(data[len(bom) :], encoding, partial)
            except UnicodeDecodeError as exc:
                if encoding == "utf-8":  # a UTF-8 mark on legacy text (mixed encodings)
                    return _legacy(data[len(bom) :], "after its byte-order mark")
                name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                return Decoded(None, error=f"not valid {name} (bad bytes at offset {exc.start})")
            return _checked(text, encoding)
    if b"\x00" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            return Decoded(None, error=BINARY)
        try:
            return _checked(_decode(data, encoding, partial), encoding)
        except UnicodeDecodeError:
            return Decoded(None, error=BINARY)
    try:
        return _checked(_decode(data, "utf-8", partial), "utf-8")
    except UnicodeDecodeError:
        pass
    return _legacy(data)


def _legacy(data: bytes, where: str = "") -> Decoded:
    """``data`` (not UTF-8) as cp1252, or latin-1 where cp1252 has no character, noted."""
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; latin-1 takes any.
        text = data.decode("latin-1")
        encoding = "latin-1"
    decoded = _checked(text, encoding)
    if decoded.error:
        return decoded
    why = f"not valid UTF-8 {where}" if where else "not valid UTF-8"
    return Decoded(text, encoding, note=f"decoded as {encoding} ({why})")


def _decode(data: bytes, encoding: str, partial: bool) -> str:
    if not partial:
        return data.decode(encoding)
    return codecs.getincrementaldecoder(encoding)().decode(data, final=False)


def _checked(text: str, encoding: str) -> Decoded:
    if not text.strip():
        return Decoded(None, encoding, error=EMPTY)
    return Decoded(text, encoding)


def sniff_encoding(head: bytes) -> tuple[str | None, int, str | None]:
    """For a file read in parts: ``(encoding, BOM length, error)`` from its first bytes.

    The encoding is None for text that is ASCII-compatible but not known to be UTF-8 (it
    is decoded a line at a time, each as UTF-8 or else cp1252); ``error`` says why the
    file cannot be read (binary).
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom), None
    if b"\x00" in head:
        encoding = _bomless_utf16(head, whole=False)
        return (encoding, 0, None) if encoding else (None, 0, BINARY)
    return None, 0, None


def _bomless_utf16(data: bytes, whole: bool = True) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes fall as in mostly-ASCII UTF-16 text:
    nearly every second byte, and only those (binary files scatter them)."""
    sample = data[:4096]
    if (whole and len(data) % 2) or len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.6 * half and even == 0:
        return "utf-16-le"
    if even >= 0.6 * half and odd == 0:
        return "utf-16-be"
    return None
