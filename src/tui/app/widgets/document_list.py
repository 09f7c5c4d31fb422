"""The document list: a virtual list that draws only the rows on screen.

Holds the corpus as index rows (metadata only, no text) and what is shown as a plain list
of positions in them (everything, or the current search's hits), so filtering 100k
documents is a list assignment, not a rebuild of widgets (see ``shared/guide/STYLE.md``:
DataTable and ListView freeze at that size).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.index.store import DocRow
from tui.core.search import DocHit
from tui.core.textsafe import one_line
from tui.keys import keys_for

_DATE_WIDTH = 10
_SOURCE_WIDTH = 8
_COUNT_WIDTH = 4


class DocumentList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of date, source, title and quotation count; one row is the cursor."""

    BINDINGS = [
        Binding(key.keys, key.action, key.short, show=key.show, id=key.id,
                tooltip=key.description)
        for key in keys_for("list")
    ]

    COMPONENT_CLASSES = {
        "document-list--cursor",
        "document-list--dim",
        "document-list--match",
        "document-list--count",
    }

    DEFAULT_CSS = """
    DocumentList {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        background: $surface;
    }
    DocumentList > .document-list--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    DocumentList:focus > .document-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    DocumentList > .document-list--dim { color: $text-muted; }
    DocumentList > .document-list--match { color: $text-accent; text-style: bold underline; }
    DocumentList > .document-list--count { color: $text-secondary; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

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
        self._announced: tuple[int | None, tuple[int | None, int | None] | None] | None = None
        self._any_source = False
        self.marks_source: Callable[[int], tuple[int, ...]] | None = None
        self._marks_cache: dict[int, tuple[int, ...]] = {}

    @property
    def row_count(self) -> int:
        """How many rows the list shows now."""
        return len(self._rows)

    @property
    def current_doc(self) -> int | None:
        """The document index under the cursor, if any."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

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
        self.virtual_size = Size(self.size.width, len(rows))
        cursor = 0
        if keep_id is not None:
            cursor = next((n for n, doc in enumerate(rows)
                           if self._documents[doc].id == keep_id), 0)
        self.cursor = cursor
        self.scroll_to(y=max(cursor - self.size.height // 2, 0), animate=False)
        self.refresh()

    # -- rendering -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y`` (only visible rows are ever drawn)."""
        width = self.scrollable_content_region.width
        row = y + int(self.scroll_offset.y)
        base = self.rich_style
        if row >= len(self._rows):
            return Strip.blank(width, base)
        doc_index = self._rows[row]
        text = self._row_text(doc_index, width)
        if row == self.cursor:
            text.stylize(self.get_component_rich_style("document-list--cursor"))
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, base).apply_style(base)

    def _row_text(self, doc_index: int, width: int) -> Text:
        doc = self._documents[doc_index]
        dim = self.get_component_rich_style("document-list--dim")
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
            match_style = self.get_component_rich_style("document-list--match")
            for offset in hit.title_marks or self._marks_for(doc_index):
                title_text.stylize(match_style, offset, offset + 1)
        title_text.truncate(max(remaining, 1), overflow="ellipsis", pad=True)
        text.append_text(title_text)
        count = doc.quotes
        count_style = self.get_component_rich_style("document-list--count") if count else dim
        text.append(" " + (str(count) if count else "·").rjust(_COUNT_WIDTH), style=count_style)
        return text

    # -- cursor ----------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        """Keep the cursor on screen, redraw both rows, and tell the app."""
        if self._rows:
            clamped = min(max(new, 0), len(self._rows) - 1)
            if clamped != new:
                self.cursor = clamped
                return
            self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)
        self.refresh()
        row, hit = self.current_row, self.current_hit
        announce = (row.id if row else None, (hit.quote, hit.offset) if hit else None)
        if announce != self._announced:
            self._announced = announce
            self.post_message(self.Highlighted(self.current_doc, hit))

    def action_cursor_down(self) -> None:
        """Move down one row."""
        self.cursor += 1

    def action_cursor_up(self) -> None:
        """Move up one row."""
        self.cursor = max(self.cursor - 1, 0)

    def action_top(self) -> None:
        """Go to the first row."""
        self.cursor = 0

    def action_bottom(self) -> None:
        """Go to the last row."""
        self.cursor = max(len(self._rows) - 1, 0)

    def action_page_down(self) -> None:
        """Down half a screen."""
        self.cursor += max(self.size.height // 2, 1)

    def action_page_up(self) -> None:
        """Up half a screen."""
        self.cursor = max(self.cursor - max(self.size.height // 2, 1), 0)

    def action_open(self) -> None:
        """Ask the app to focus the article of the highlighted row."""
        if self.current_doc is not None:
            self.post_message(self.Opened(self.current_doc))

    def on_click(self, event: events.Click) -> None:
        """Clicking a row moves the cursor there; a double click opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + int(self.scroll_offset.y)
        if 0 <= row < len(self._rows):
            self.cursor = row
            if event.chain >= 2:
                self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        """Rows are as wide as the widget."""
        self.virtual_size = Size(event.size.width, len(self._rows))
