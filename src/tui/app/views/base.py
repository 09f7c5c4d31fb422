"""What the speakers and quotations views share: a search box using the reader's query
syntax, the keys of the ``view`` place of the key table, a status line, the quotation
list's rows, and the methods the copy and export keys ask of the active view.

The contract with those keys (``y``, ``Y``, ``e``, ``o``, bound on the app), which every
view implements:

* ``export_name() -> str``: ``"speakers"`` or ``"quotations"``;
* ``export_records() -> list[dict[str, object]]``: exactly the rows the view shows after
  its search, in display order, one flat dict of JSON-serialisable values per row;
* ``quotation_to_copy() -> tuple[Document, int] | None``: the selected quotation's
  document (read with ``CorpusIndex.document``) and its index in ``doc.quotations``;
* ``document_to_open() -> Document | None``: the selected row's document.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.app.search_row import back_out, open_search
from tui.app.views.holder import CatalogHolder
from tui.app.widgets.virtual_table import VirtualTable, cell, list_bindings
from tui.core.catalog.rows import QuoteRow, RowPages
from tui.core.catalog.timeline import UNITS
from tui.core.model import Document
from tui.core.textsafe import one_line, visible
from tui.keys import keys_for

if TYPE_CHECKING:
    from tui.app.app import SeedreadApp

_KIND_LABELS = {"direct": "direct", "indirect": "reported", "mixed": "mixed"}


def view_bindings(*places: str) -> list[Binding]:
    """Bindings of the key table's ``places``; ``/`` takes priority, so letters typed
    straight after it land in the search box."""
    return [Binding(key.keys, key.action, key.short, show=key.show, id=key.id,
                    tooltip=key.description, priority=key.id == "view-search")
            for place in places for key in keys_for(place)]


class QuoteTable(VirtualTable):
    """Quotations, one per row, read a page at a time from the index (see
    :class:`tui.core.catalog.rows.RowPages`). ``with_speaker`` shows the speaker, kind and
    source columns (the quotations view); without, the article's title (a speaker's list)."""

    BINDINGS = list_bindings("quote-list")

    def __init__(self, *, with_speaker: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.with_speaker = with_speaker
        self.pages: RowPages | None = None
        self.marks: Mapping[int, tuple[int, ...]] = {}

    def show_pages(self, pages: RowPages | None,
                   marks: Mapping[int, tuple[int, ...]] | None = None,
                   cursor: int = 0) -> None:
        """List the quotations of ``pages`` (None: none), the cursor on row ``cursor``;
        ``marks`` are a search's matched offsets in each quotation's words, by id."""
        self.pages = pages
        self.marks = marks or {}
        self.set_count(0 if pages is None else len(pages), cursor)

    @property
    def current_quote(self) -> QuoteRow | None:
        """The quotation under the cursor, if any."""
        if self.pages is None or self.current is None:
            return None
        return self.pages.get(self.current)

    def row_text(self, row: int, width: int) -> Text:
        """Date, (speaker, kind, source | title), the quotation's words on one line."""
        quote = self.pages.get(row) if self.pages is not None else None
        text = Text()
        if quote is None:
            text.append("…", style=self.style_of("dim"))
            return text
        text.append(cell(quote.date or "", 10), style=self.style_of("dim"))
        rest = width - 11
        if self.with_speaker:
            speaker = one_line(quote.speaker) if quote.speaker else "(unattributed)"
            speaker_width = max(min(24, rest // 4), 8)
            text.append(cell(speaker, speaker_width),
                        style=self.style_of("accent") if quote.speaker else self.style_of("dim"))
            rest -= speaker_width + 1
            if width >= 90:
                text.append(cell(_KIND_LABELS.get(quote.kind, quote.kind), 8),
                            style=self.style_of("dim"))
                text.append(cell(one_line(quote.source or ""), 10), style=self.style_of("dim"))
                rest -= 20
        else:
            title_width = max(rest * 2 // 5, 10)
            text.append(cell(one_line(quote.title) or "(untitled)", title_width),
                        style=self.style_of("accent"))
            rest -= title_width + 1
        words = Text(flat(quote.text))
        match = self.style_of("match")
        for offset in self.marks.get(quote.id, ()):
            words.stylize(match, offset, offset + 1)  # type: ignore[arg-type]
        text.append_text(words)
        return text


def flat(text: str) -> str:
    """``text`` on one line, each white space a space and control characters made visible,
    one character for one (so a search's offsets still point at its matches)."""
    return "".join(" " if c.isspace() else c for c in visible(text))


class CorpusView(Screen[None]):
    """A corpus-wide view: subclasses compose their lists and implement the search and
    the export contract (see the module docstring)."""

    DEFAULT_CSS = """
    CorpusView .view-search-row { dock: top; height: 3; display: none; }
    CorpusView .view-search-row.-active { display: block; }
    CorpusView .view-search-row Input { width: 1fr; }
    CorpusView .view-search-count { width: auto; min-width: 14; padding: 1 1 0 1;
                                    color: $text-muted; }
    CorpusView .view-status { height: 1; background: $panel; padding: 0 1; }
    CorpusView .column-header { height: 1; background: $panel; color: $text-muted;
                                text-style: bold; }
    """

    #: The search box's placeholder.
    PLACEHOLDER = "search…"

    def __init__(self) -> None:
        super().__init__()
        self.unit = "month"
        self.search_text = ""
        self._generation = -1  # the holder's generation this view last showed

    @property
    def seedread(self) -> SeedreadApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def holder(self) -> CatalogHolder:
        """The catalog and connection the views share."""
        return self.seedread.catalog_holder

    def compose_search(self) -> ComposeResult:
        """The search row (hidden until ``/``)."""
        with Horizontal(classes="view-search-row"):
            yield Input(placeholder=self.PLACEHOLDER, classes="view-search")
            yield Static("", classes="view-search-count")

    @property
    def main_list(self) -> VirtualTable:
        """The list ``escape`` goes back to (subclasses say which)."""
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        """Read the catalog again if the index changed since this view last showed it."""
        if self._generation != self.holder.generation:
            self._generation = self.holder.generation
            self.reload()

    def corpus_changed(self) -> None:
        """The index changed (indexing ended): show it again now if on screen."""
        if self.is_current:
            self._generation = self.holder.generation
            self.reload()

    def reload(self) -> None:
        """Read the catalog (in a worker) and show it (subclasses)."""

    def refresh_status(self) -> None:
        """Draw the status line again (the index's progress changed; subclasses)."""

    def indexing_progress(self) -> str:
        """How far indexing is, for the status line: ``indexing 120/1,000 files``."""
        state = self.seedread.progress
        if state is None:
            return "checking the files for changes"
        return f"indexing {state.done:,}/{state.total:,} files"

    def waiting_status(self, what: str) -> Text:
        """The status line before there is any catalog (a first index): ``what`` appears
        when indexing ends, and how far it is."""
        text = Text(f"{what} appears when indexing ends · ")
        text.append(self.indexing_progress(), style="bold")
        return text

    def updating_note(self) -> str:
        """While indexing and showing the last catalog: that it is being brought up to
        date (the empty string otherwise)."""
        if not self.seedread.indexing:
            return ""
        return f" · as last indexed, being brought up to date: {self.indexing_progress()}"

    def set_status(self, text: Text | str) -> None:
        """Show ``text`` on the view's status line."""
        self.query_one(".view-status", Static).update(
            text if isinstance(text, Text) else Text(text))

    def set_count(self, text: str) -> None:
        """Show ``text`` beside the search box."""
        self.query_one(".view-search-count", Static).update(Text(text))

    # -- keys ------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search box and focus it ("/" in the box is just a "/")."""
        open_search(self.query_one(".view-search-row"), self.query_one(".view-search", Input))

    def action_back(self) -> None:
        """Back out one level: search box → clear → close; other pane → the main list."""
        back_out(self.query_one(".view-search-row"), self.query_one(".view-search", Input),
                 self.main_list)

    def action_toggle_timeline(self) -> None:
        """Count the timeline per week, or per month."""
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        self.redraw_timeline()

    def redraw_timeline(self) -> None:
        """Draw the timeline again (subclasses)."""

    @on(Input.Changed, ".view-search")
    def _query_changed(self, message: Input.Changed) -> None:
        message.stop()
        self.search_text = message.value
        self.run_search(message.value)

    @on(Input.Submitted, ".view-search")
    def _query_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.main_list.focus()

    def run_search(self, query: str) -> None:
        """Filter the view to ``query`` (subclasses)."""

    # -- the contract with copy and export ---------------------------------------------

    def export_name(self) -> str:
        """What the view's rows are: ``speakers`` or ``quotations``."""
        raise NotImplementedError

    def export_records(self) -> list[dict[str, object]]:
        """Every row shown (after the search), in display order, as flat dicts."""
        raise NotImplementedError

    def selected_quote(self) -> QuoteRow | None:
        """The selected quotation's row (subclasses)."""
        return None

    def quotation_to_copy(self) -> tuple[Document, int] | None:
        """The selected quotation's document and its index in ``doc.quotations``."""
        quote = self.selected_quote()
        doc = self._document(quote)
        if quote is None or doc is None or quote.seq >= len(doc.quotations):
            return None
        return doc, quote.seq

    def document_to_open(self) -> Document | None:
        """The document of the selected row (its quotation's article)."""
        return self._document(self.selected_quote())

    def _document(self, quote: QuoteRow | None) -> Document | None:
        index = self.seedread.index
        if quote is None or index is None:
            return None
        try:
            with self.holder.lock:
                return index.document(quote.doc_id)
        except (KeyError, sqlite3.Error):
            return None

    def open_quote(self, quote: QuoteRow | None) -> None:
        """Show ``quote`` in its article, in the reader."""
        if quote is not None:
            self.seedread.open_quotation(quote.doc_id, quote.seq)
