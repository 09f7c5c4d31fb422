"""Counts in words, for status lines and messages: ``1 article``, ``2 articles``."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, plural unless the count is one; thousands separated.

    >>> counted(1, "article"), counted(12_000, "article"), counted(2, "person", "people")
    ('1 article', '12,000 articles', '2 people')
    """
    word = noun if count == 1 else (plural or noun + "s")
    return f"{count:,} {word}"
