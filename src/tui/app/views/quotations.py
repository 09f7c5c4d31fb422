"""The quotations view: every quotation in the corpus, newest first (speaker, kind, date,
source, words), filtered by a search in the reader's query syntax (``speaker:``,
``kind:``, ``date:``, ``source:`` included), with a timeline of what is shown; ``enter``
opens a quotation in its article."""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterator, Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui.app.views.base import CorpusView, QuoteTable, view_bindings
from tui.app.widgets.timeline import TimelineView
from tui.app.widgets.virtual_table import VirtualTable, cell
from tui.core.catalog import Catalog
from tui.core.catalog.build import day_number
from tui.core.catalog.rows import QuoteRow, RowPages, iter_quote_rows, quote_ids_of
from tui.core.catalog.timeline import count_days, timeline
from tui.core.export_file import ExportRows
from tui.core.search.sqlsearch import Cancelled, IndexSearch

#: Quotations a search shows at most (best first; the count says when there were more).
LIMIT = 5000


class QuotationsScreen(CorpusView):
    """Every quotation, or those matching the search, with a timeline."""

    BINDINGS = view_bindings("view")
    PLACEHOLDER = "search quotations: words, speaker:, kind:, date:, source:…"

    DEFAULT_CSS = """
    QuotationsScreen #quotations { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.catalog: Catalog | None = None
        self.ids: Sequence[int] = array("I")
        self.per_day: dict[int, int] = {}  # what is shown, counted by day
        self.capped = False
        self._all_days: dict[int, int] = {}  # every quotation, counted by day
        self._keep: int | None = None  # the quotation under the cursor, in a new catalog

    def compose(self) -> ComposeResult:
        """Search row, column titles, quotations, timeline, status, footer."""
        yield from self.compose_search()
        yield Static("", id="quotation-header", classes="column-header")
        yield QuoteTable(with_speaker=True, id="quotations")
        yield TimelineView(id="quotation-timeline")
        yield Static("", classes="view-status")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the list; the catalog is read when the screen shows (on resume)."""
        self.query_one(QuoteTable).focus()
        self.set_status("reading the quotations…")

    def on_resize(self) -> None:
        """Column titles follow the width."""
        self._draw_header()

    @property
    def main_list(self) -> VirtualTable:
        """The quotation list."""
        return self.query_one(QuoteTable)

    def _draw_header(self) -> None:
        table = self.query_one(QuoteTable)
        width = table.scrollable_content_region.width or self.size.width - 2
        text = Text(cell("date", 10))
        speaker = max(min(24, (width - 11) // 4), 8)
        text.append(cell("speaker", speaker))
        if width >= 90:
            text.append(cell("kind", 8) + cell("source", 10))
        text.append("quotation")
        self.query_one("#quotation-header", Static).update(text)

    # -- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the catalog in a worker, then show every quotation (or the search's)."""
        self._load(self.seedread.indexing)

    @work(thread=True, exclusive=True, group="quotations-load", exit_on_error=False)
    def _load(self, indexing: bool) -> None:
        found = self.holder.get(compute=not indexing)
        # Counted here: two million quotations take a fifth of a second.
        per_day = count_days(found.newest_days) if found is not None else {}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, found, per_day)

    def _loaded(self, found: Catalog | None, per_day: dict[int, int]) -> None:
        self._draw_header()
        if found is None:
            self.refresh_status()  # the last catalog stays, if there is one
            return
        current = self.query_one(QuoteTable).current_quote
        if current is not None and found is not self.catalog:
            self._keep = current.id  # ids of quotations kept by a refresh do not change
        self.catalog = found
        self._all_days = per_day
        if self.search_text.strip():
            self.run_search(self.search_text)
        else:
            self._show(found.newest, per_day, False)

    def _show(self, ids: Sequence[int], per_day: dict[int, int], capped: bool,
              marks: dict[int, tuple[int, ...]] | None = None) -> None:
        self.ids, self.per_day, self.capped = ids, per_day, capped
        conn = self.holder.conn
        table = self.query_one(QuoteTable)
        keep, self._keep = self._keep, None
        cursor = 0
        if keep is not None:
            with contextlib.suppress(ValueError):  # gone, or not among a search's
                cursor = ids.index(keep)  # a scan in C: milliseconds for millions
        table.show_pages(None if conn is None else RowPages(conn, ids, self.holder.lock),
                         marks, cursor=cursor)
        self.redraw_timeline()
        self.refresh_status()

    def refresh_status(self) -> None:
        """How many quotations, the search's count; while indexing, that this is the last
        catalog (or, before the first, when it comes)."""
        if self.catalog is None:
            if self.seedread.indexing:
                self.set_status(self.waiting_status("the quotation list"))
            return
        total = len(self.catalog.newest)
        text = Text()
        text.append("Quotations", style="bold")
        text.append(self.updating_note(), style="italic")
        if self.search_text.strip():
            shown = f"{len(self.ids):,}" + ("+" if self.capped else "")
            text.append(f" · search: {shown} of {total:,} (best first, newest among equals)")
            self.set_count(f"{shown} / {total:,}")
        else:
            text.append(f" · {total:,} quotations, newest first")
            self.set_count("")
        self.set_status(text)

    def redraw_timeline(self) -> None:
        """What is shown, per week or month."""
        query = self.search_text.strip()
        what = f"search “{query}”" if query else "every quotation"
        self.query_one(TimelineView).show(what, timeline(self.per_day, self.unit))

    # -- search ------------------------------------------------------------------------

    def run_search(self, query: str) -> None:
        """Show the quotations matching ``query`` (every quotation when blank)."""
        if self.catalog is None:
            return
        if not query.strip():
            self.workers.cancel_group(self, "quotations-search")
            self._show(self.catalog.newest, self._all_days, False)
            return
        searcher = self.seedread.searcher()
        if searcher is None:
            return
        self.set_count("searching…")
        self._search(query, searcher)

    @work(thread=True, exclusive=True, group="quotations-search", exit_on_error=False)
    def _search(self, query: str, searcher: IndexSearch) -> None:
        worker = get_current_worker()
        try:
            hits = searcher.search_quotes(query, limit=LIMIT + 1,
                                          should_stop=lambda: worker.is_cancelled)
        except Cancelled:
            return
        if worker.is_cancelled:
            return
        capped = len(hits) > LIMIT
        hits = hits[:LIMIT]
        rows = searcher.rows
        conn = self.holder.conn
        if conn is None:
            return
        with self.holder.lock:
            ids = quote_ids_of(conn, [(rows[h.doc].id, h.quote) for h in hits])
        kept = [(ident, day_number(rows[h.doc].date))
                for h, ident in zip(hits, ids, strict=True) if ident is not None]
        found = array("I", (ident for ident, _ in kept))
        per_day = count_days(day for _, day in kept)
        marks = {ident: h.marks for h, ident in zip(hits, ids, strict=True) if ident}
        if not worker.is_cancelled:
            self.app.call_from_thread(self._apply_search, query, found, per_day, capped,
                                      marks)

    def _apply_search(self, query: str, ids: array, per_day: dict[int, int],
                      capped: bool, marks: dict[int, tuple[int, ...]]) -> None:
        if query != self.search_text:
            return  # a later keystroke asked for something else
        self._show(ids, per_day, capped, marks)

    @on(VirtualTable.Opened, "#quotations")
    def _quote_opened(self, message: VirtualTable.Opened) -> None:
        message.stop()
        self.open_quote(self.query_one(QuoteTable).current_quote)

    @on(VirtualTable.Highlighted, "#quotations")
    def _quote_highlighted(self, message: VirtualTable.Highlighted) -> None:
        message.stop()

    # -- the contract with copy and export ---------------------------------------------

    def export_name(self) -> str:
        """``quotations``."""
        return "quotations"

    def export_records(self) -> list[dict[str, object]]:
        """The quotations shown, in display order (whole words): speaker, role, kind,
        date, source, title, text, doc (the index's document id), quotation (its index in
        the document's quotations), start. Every quotation of the corpus when there is no
        search: at 100k articles about two million rows (``e`` uses :meth:`export_rows`)."""
        return [dict(record) for record in self.export_rows().produce()]

    def export_rows(self) -> ExportRows:
        """The quotations shown now (their ids copied: a search or a new catalog later
        does not change them), read a chunk at a time when produced."""
        pages = self.query_one(QuoteTable).pages
        if pages is None:
            return ExportRows(0, lambda: iter(()))
        conn, lock = pages.conn, self.holder.lock
        ids = pages.ids[:]  # an array's copy is one memcpy, also for two million ids

        def produce() -> Iterator[dict[str, object]]:
            return (row.record() for row in iter_quote_rows(conn, ids, lock))

        return ExportRows(len(ids), produce)

    def selected_quote(self) -> QuoteRow | None:
        """The quotation under the cursor."""
        return self.query_one(QuoteTable).current_quote
