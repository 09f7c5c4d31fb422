"""What a search returns: plain frozen records pointing back into the documents."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocHit:
    """A matching document.

    ``doc`` indexes the documents sequence the index was built from; ``field`` says where the
    best match is (``title``, ``speaker``, ``quotation``, ``body`` or ``source``);
    ``title_marks`` are offsets in ``doc.title`` to highlight; ``quote`` indexes
    ``doc.quotations`` when the match came through a quotation or its speaker; ``offset`` is
    where to scroll to in ``doc.text``, if anywhere.
    """

    doc: int
    score: float
    field: str
    title_marks: tuple[int, ...] = ()
    quote: int | None = None
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A matching quotation: ``marks`` are offsets in ``q.content(doc.text)``."""

    doc: int
    quote: int
    score: float
    marks: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SpeakerHit:
    """A matching speaker name, with how many quotations are attributed to it."""

    name: str
    score: float
    marks: tuple[int, ...] = ()
    count: int = 0


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits of :meth:`~.sqlsearch.IndexSearch.find`, best first, and whether more matched
    than shown.

    ``capped`` is True when ``hits`` was cut to the limit or when a bounded step (a ``LIMIT``
    on bodies or quotations) may have left matches out; ``total`` is the number of matching
    documents found before the cut (a lower bound when capped).
    """

    hits: list[DocHit]
    total: int
    capped: bool

