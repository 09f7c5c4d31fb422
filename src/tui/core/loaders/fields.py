"""Field names that corpora use for the parts of an article, matched case-insensitively.

Keys are normalised (camelCase split, lower case, ``-`` and spaces as ``_``) before lookup,
so ``publishedAt``, ``Published-At`` and ``published_at`` are the same field. Each tuple is
in order of preference: the first alias present with a usable value wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tui.core.loaders.dates import parse_date

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_SURROGATE = re.compile("[\ud800-\udfff]")

TITLE = ("title", "headline", "name", "heading")
TEXT = (
    "text", "body", "content", "article", "full_text", "fulltext", "maintext",
    "story", "article_text", "body_text", "document",
    # Last resorts, for corpora that carry only a summary (HuffPost, NewsAPI without text).
    "description", "short_description", "summary", "abstract", "lead",
)
DATE = (
    "date", "published", "published_at", "publication_date", "pub_date", "pubdate",
    "datetime", "timestamp", "created_at", "date_published", "publish_date", "time",
    "date_publish", "published_date", "pubdate_utc", "date_created", "created", "issued",
)
SOURCE = (
    "source", "publisher", "outlet", "site", "domain", "agency", "source_name",
    "publication", "newspaper", "source_domain", "site_name", "media",
)
AUTHOR = ("author", "authors", "byline", "creator", "writer")
URL = ("url", "link", "uri", "href", "source_url")
PLACE = ("place", "location", "dateline", "city")

#: Keys under which a JSON object may hold its list of articles.
LIST_KEYS = (
    "articles", "data", "items", "records", "results", "documents", "docs", "posts",
    "entries", "stories", "news", "rows",
)


def normalise_key(key: object) -> str:
    """The lookup form of a field name: ``publishedAt``, ``Published-At`` and
    ``published at`` all become ``published_at``."""
    name = _CAMEL.sub(r"\1_\2", str(key).strip())
    return name.lower().replace("-", "_").replace(" ", "_")


def normalised(record: Mapping[object, object]) -> dict[str, object]:
    """``record`` with normalised keys (the first spelling of a key wins)."""
    out: dict[str, object] = {}
    for key, value in record.items():
        out.setdefault(normalise_key(key), value)
    return out


def find(record: Mapping[str, object], aliases: tuple[str, ...]) -> tuple[str, object] | None:
    """The first ``(name, value)`` among ``aliases`` present with a non-empty value."""
    for name in aliases:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return name, value
    return None


def as_text(value: object) -> str | None:
    """A display string for a field value: strings stripped, names of ``{"name": …}``
    objects, lists joined with ``", "``; None when nothing usable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return without_surrogates(" ".join(value.split())) or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        for key in ("name", "title", "display_name", "value"):
            found = as_text(value.get(key))
            if found:
                return found
        return None
    if isinstance(value, list | tuple):
        parts = [part for part in (as_text(item) for item in value) if part]
        return ", ".join(parts) or None
    return None


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (JSON's ``"\\ud800"``, which no output encoding
    can write) replaced by ``�``: one character for one, so offsets stay true."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def find_date(record: Mapping[str, object]) -> str | None:
    """The first date among the date fields that parses, as ``YYYY-MM-DD``."""
    for name in DATE:
        if name in record:
            found = parse_date(record[name])
            if found:
                return found
    return None
