"""Plain data shared by every part of seedread: documents, quotations, problems.

Every span is a ``(start, end)`` pair of Python ``str`` indices into ``Document.text``,
end exclusive, so ``text[start:end]`` is exactly what was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]

#: The quotation kinds, in the scorer's vocabulary.
DIRECT = "direct"
MIXED = "mixed"
INDIRECT = "indirect"
KINDS = (DIRECT, MIXED, INDIRECT)


@dataclass(slots=True)
class Quotation:
    """One attributed (or unattributed) quotation found in a text.

    ``spans`` holds the content: one span, or several when the quotation is interrupted by
    its attribution (``"We will win," he said, "and soon."``) or runs over paragraphs.
    For direct quotations the spans cover the words inside the marks, not the marks.
    ``cue`` is the reporting verb or phrase (``said``, ``according to``), ``mention`` the
    speaker mention the cue attaches to as written (``he``, ``the Russian leader``,
    ``Russian President Vladimir Putin``); ``speaker`` is the resolved person or body
    (``Vladimir Putin``) and ``role`` what the text calls them (``Russian President``).
    ``speaker`` is None for an unattributed quotation; nothing is guessed.
    """

    kind: str
    spans: tuple[Span, ...]
    cue: Span | None = None
    mention: Span | None = None
    speaker: str | None = None
    role: str | None = None
    confidence: float = 1.0

    @property
    def start(self) -> int:
        """Offset of the first character of the content."""
        return self.spans[0][0]

    @property
    def end(self) -> int:
        """Offset just past the last character of the content."""
        return self.spans[-1][1]

    def content(self, text: str, joiner: str = " … ") -> str:
        """The quoted words, pieces joined by ``joiner``."""
        return joiner.join(text[s:e] for s, e in self.spans)


@dataclass(slots=True)
class Document:
    """One article.

    ``text`` is the article exactly as decoded (no newline translation); for a plain file it
    is the whole file, so offsets can be checked against it. ``body_start`` is where the
    article's body begins within ``text`` (after a title line or a dateline).
    ``record`` numbers the article within a multi-article file (JSON lines, CSV), from 1.
    """

    path: str
    text: str
    title: str = ""
    date: str | None = None
    place: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    format: str = "text"
    record: int | None = None
    body_start: int = 0
    quotations: list[Quotation] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """A stable identifier: the path, with ``#record`` for multi-article files."""
        return self.path if self.record is None else f"{self.path}#{self.record}"


@dataclass(slots=True, frozen=True)
class Problem:
    """An input that was skipped, or partly skipped, and why (one line, for people)."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class LoadResult:
    """What loading a set of paths gave: documents in display order, and problems."""

    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
