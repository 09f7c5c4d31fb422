"""A virtual list of rows with a cursor: only the rows on screen are drawn (Line API).

The reader's document list and the views' lists (speakers, quotations) hold up to
millions of rows: they keep a row count and draw a row only when it is on screen, asking
their subclass for its text (:meth:`VirtualTable.row_text`); see ``shared/guide/STYLE.md``
for why DataTable and ListView do not serve at that size.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.keys import keys_for


def list_bindings(open_key: str) -> list[Binding]:
    """The list keys of the key table, with ``enter`` as the key table's ``open_key``
    place says (``speaker-list``, ``quote-list``)."""
    keys = [key for key in keys_for("list") if key.id != "open"] + keys_for(open_key)
    return [Binding(key.keys, key.action, key.short, show=key.show, id=key.id,
                    tooltip=key.description) for key in keys]


class VirtualTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows drawn on demand; one row is the cursor. Subclasses give :meth:`row_text`."""

    COMPONENT_CLASSES = {"virtual-table--cursor", "virtual-table--dim",
                         "virtual-table--accent", "virtual-table--match"}

    DEFAULT_CSS = """
    VirtualTable {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        background: $surface;
    }
    VirtualTable > .virtual-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    VirtualTable > .virtual-table--dim { color: $text-muted; }
    VirtualTable > .virtual-table--accent { color: $text-secondary; }
    VirtualTable > .virtual-table--match { color: $text-accent; text-style: bold underline; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to row ``row`` (None: the list is empty)."""

        def __init__(self, table: VirtualTable, row: int | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> VirtualTable:
            """The list the cursor moved in."""
            return self.table

    class Opened(Message):
        """The user asked to open row ``row`` (enter, or a double click)."""

        def __init__(self, table: VirtualTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> VirtualTable:
            """The list the row is in."""
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = 0
        self._announced: int | None = -1

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        return self._count

    @property
    def current(self) -> int | None:
        """The row under the cursor, if any."""
        return self.cursor if 0 <= self.cursor < self._count else None

    def set_count(self, count: int, cursor: int = 0) -> None:
        """Hold ``count`` rows (drawn on demand), the cursor on row ``cursor``."""
        self._count = count
        self.virtual_size = Size(self.size.width, count)
        self._announced = -1
        self.cursor = min(max(cursor, 0), max(count - 1, 0))
        self.scroll_to(y=max(self.cursor - self.size.height // 2, 0), animate=False)
        self.refresh()

    def row_text(self, row: int, width: int) -> Text:
        """The text of row ``row`` at ``width`` cells (subclasses draw their rows)."""
        return Text("")

    def style_of(self, name: str) -> object:
        """A component style (``dim``, ``accent``) as a Rich style, for :meth:`row_text`."""
        return self.get_component_rich_style(f"virtual-table--{name}")

    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y`` (only visible rows are ever drawn)."""
        width = self.scrollable_content_region.width
        row = y + int(self.scroll_offset.y)
        base = self.rich_style
        if row >= self._count:
            return Strip.blank(width, base)
        text = self.row_text(row, width)
        text.no_wrap, text.end = True, ""
        text.truncate(width, overflow="ellipsis", pad=True)
        if row == self.cursor:
            text.stylize(self.get_component_rich_style("virtual-table--cursor"))
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, base).apply_style(base)

    def watch_cursor(self, old: int, new: int) -> None:
        """Keep the cursor on screen, redraw, and say where it is."""
        if self._count:
            clamped = min(max(new, 0), self._count - 1)
            if clamped != new:
                self.cursor = clamped
                return
            self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)
        self.refresh()
        self.announce()

    def announce(self) -> None:
        """Post :class:`Highlighted` if the row under the cursor is not the one last
        announced (subclasses with messages of their own override this)."""
        if self.current != self._announced:
            self._announced = self.current
            self.post_message(self.Highlighted(self, self.current))

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
        self.cursor = max(self._count - 1, 0)

    def action_page_down(self) -> None:
        """Down half a screen."""
        self.cursor += max(self.size.height // 2, 1)

    def action_page_up(self) -> None:
        """Up half a screen."""
        self.cursor = max(self.cursor - max(self.size.height // 2, 1), 0)

    def action_open(self) -> None:
        """Ask for the row under the cursor to be opened."""
        if self.current is not None:
            self.post_message(self.Opened(self, self.current))

    def on_click(self, event: events.Click) -> None:
        """Clicking a row moves the cursor there; a double click opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + int(self.scroll_offset.y)
        if 0 <= row < self._count:
            self.cursor = row
            if event.chain >= 2:
                self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        """Rows are as wide as the widget."""
        self.virtual_size = Size(event.size.width, self._count)


def cell(text: str, width: int, *, right: bool = False) -> str:
    """``text`` fitted to ``width`` terminal cells (cut with an ellipsis, padded; wide
    characters count two), one space after."""
    if width <= 0:
        return ""
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width - 1) + "… "
    padding = " " * (width - size)
    return (padding + text if right else text + padding) + " "
