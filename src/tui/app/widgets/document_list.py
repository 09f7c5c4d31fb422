"""The document list: the reader's virtual list of documents.

Holds the corpus as index rows (metadata only, no text) and what is shown as a plain list
of positions in them (everything, or the current search's hits), so filtering 100k
documents is a list assignment, not a rebuild of widgets. Cursor, scrolling and drawing
are :class:`~tui.app.widgets.virtual_table.VirtualTable`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from tui.app.widgets.virtual_table import VirtualTable
from tui.core.index.store import DocRow
from tui.core.search import DocHit
from tui.core.textsafe import one_line
from tui.keys import keys_for

_DATE_WIDTH = 10
_SOURCE_WIDTH = 8
_COUNT_WIDTH = 4


class DocumentList(VirtualTable):
    """Rows of date, source, title and quotation count; one row is the cursor."""

    BINDINGS = [
        Binding(key.keys, key.action, key.short, show=key.show, id=key.id,
                tooltip=key.description)
        for key in keys_for("list")
    ]

    class Highlighted(Message):
        """The cursor moved to another document (``doc`` is None when the list is empty)."""

        def __init__(self, doc: int | None, hit: DocHit | None) -> None:
            super().__init__()
            self.doc = doc
            self.hit = hit

    class Opened(Message):
        """The user asked to read the highlighted document (enter)."""

        def __init__(self, doc: int) -> None:
            super().__init__()
            self.doc = doc

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._documents: Sequence[DocRow] = ()
        self._rows: list[int] = []
        self._hits: dict[int, DocHit] = {}
        # What the app was last told, by document id, so replacing the rows (as indexing
        # goes on) does not re-open the article the reader is in.
        self._told: tuple[int | None, tuple[int | None, int | None] | None] | None = None
        self._any_source = False
        self.marks_source: Callable[[int], tuple[int, ...]] | None = None
        self._marks_cache: dict[int, tuple[int, ...]] = {}

    @property
    def current_doc(self) -> int | None:
        """The document index under the cursor, if any."""
        row = self.current
        return None if row is None else self._rows[row]

    @property
    def current_hit(self) -> DocHit | None:
        """The search hit for the document under the cursor, when filtering."""
        doc = self.current_doc
        return None if doc is None else self._hits.get(doc)

    @property
    def current_row(self) -> DocRow | None:
        """The index row under the cursor, if any."""
        doc = self.current_doc
        return None if doc is None else self._documents[doc]

    def set_documents(self, documents: Sequence[DocRow]) -> None:
        """Show every document of the corpus, in corpus order, keeping the cursor's one."""
        keep = self.current_row
        self._documents = documents
        self._any_source = any(doc.source for doc in documents)
        self.show_rows(list(range(len(documents))), None, keep_id=keep.id if keep else None)

    def _marks_for(self, doc_index: int) -> tuple[int, ...]:
        """Title marks of a hit that came without them (far down a long result list)."""
        if self.marks_source is None:
            return ()
        marks = self._marks_cache.get(doc_index)
        if marks is None:
            marks = self._marks_cache[doc_index] = self.marks_source(doc_index)
        return marks

    def show_rows(
        self,
        rows: list[int],
        hits: Sequence[DocHit] | None,
        keep_id: int | None = None,
        marks_source: Callable[[int], tuple[int, ...]] | None = None,
    ) -> None:
        """Show only ``rows`` (positions in the corpus), with their search hits if any.

        The cursor stays on the document it was on when that is still shown (``keep_id``
        names it when the corpus itself was replaced), else it goes to the top.
        ``marks_source(doc)`` gives title marks for hits that carry none.
        """
        self.marks_source = marks_source
        self._marks_cache = {}
        if keep_id is None and hits is None and self.current_row is not None:
            keep_id = self.current_row.id
        self._rows = rows
        self._hits = {hit.doc: hit for hit in hits} if hits else {}
        cursor = 0
        if keep_id is not None:
            cursor = next((n for n, doc in enumerate(rows)
                           if self._documents[doc].id == keep_id), 0)
        self.set_count(len(rows), cursor)

    def row_text(self, row: int, width: int) -> Text:
        """Date, source, title (search matches marked) and quotation count."""
        doc_index = self._rows[row]
        doc = self._documents[doc_index]
        dim = self.style_of("dim")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        remaining = width - _COUNT_WIDTH - 1
        if width >= 44:
            text.append((doc.date or "").ljust(_DATE_WIDTH)[:_DATE_WIDTH] + " ", style=dim)
            remaining -= _DATE_WIDTH + 1
        if width >= 60 and self._any_source:
            source = one_line(doc.source or "")[: _SOURCE_WIDTH - 1]
            text.append(source.ljust(_SOURCE_WIDTH), style=dim)
            remaining -= _SOURCE_WIDTH
        title = one_line(doc.title) or "(untitled)"
        title_text = Text(title)
        hit = self._hits.get(doc_index)
        if hit is not None and title == doc.title:
            match_style = self.style_of("match")
            for offset in hit.title_marks or self._marks_for(doc_index):
                title_text.stylize(match_style, offset, offset + 1)
        title_text.truncate(max(remaining, 1), overflow="ellipsis", pad=True)
        text.append_text(title_text)
        count = doc.quotes
        text.append(" " + (str(count) if count else "·").rjust(_COUNT_WIDTH),
                    style=self.style_of("accent") if count else dim)
        return text

    def announce(self) -> None:
        """Tell the app the document (and the quotation of its hit) under the cursor, when
        either is not what it was last told."""
        row, hit = self.current_row, self.current_hit
        told = (row.id if row else None, (hit.quote, hit.offset) if hit else None)
        if told != self._told:
            self._told = told
            self.post_message(self.Highlighted(self.current_doc, hit))

    def action_open(self) -> None:
        """Ask the app to focus the article of the highlighted row."""
        if self.current_doc is not None:
            self.post_message(self.Opened(self.current_doc))
