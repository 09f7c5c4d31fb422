"""The speakers view: every speaker with role, quotations, articles, first and last date,
sortable by each column (``s``, ``S``, or a click on a column's title); the highlighted
speaker's quotations newest first beside it, with a timeline; ``enter`` on a quotation
opens it in its article."""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui.app.views.base import CorpusView, QuoteTable, view_bindings
from tui.app.widgets.timeline import TimelineView
from tui.app.widgets.virtual_table import VirtualTable, cell, list_bindings
from tui.core.catalog import Catalog, Entry
from tui.core.catalog.rows import QuoteRow, RowPages
from tui.core.catalog.sorting import COLUMNS, sort_entries
from tui.core.catalog.timeline import count_days, timeline
from tui.core.export_file import ExportRows
from tui.core.textsafe import one_line
from tui.core.wording import counted

#: Column titles as shown.
TITLES = {"name": "speaker", "role": "role", "quotations": "quotes", "articles": "articles",
          "first": "first", "last": "last"}


def speaker_columns(width: int) -> list[tuple[str, int]]:
    """(column, width) of the speaker list at ``width`` cells (each followed by a space);
    narrow lists leave out first dates, then roles and article counts."""
    if width < 60:
        fixed = [("quotations", 8), ("last", 10)]
    elif width < 84:
        fixed = [("quotations", 8), ("articles", 10), ("last", 10)]
    else:
        fixed = [("quotations", 8), ("articles", 10), ("first", 10), ("last", 10)]
    rest = width - sum(w + 1 for _, w in fixed) - 2
    if width < 60:
        return [("name", max(rest, 8)), *fixed]
    name = max(rest * 3 // 5, 12)
    return [("name", name), ("role", max(rest - name, 4)), *fixed]


def same_entry(found: Catalog, entry: Entry) -> int | None:
    """The number in ``found`` of ``entry`` of another catalog (the same person by their
    key, the same group by its kind), or None when it is not there."""
    for candidate in found.entries:
        if candidate.kind == entry.kind and (not entry.is_person or candidate.key == entry.key):
            return candidate.number
    return None


class SpeakerTable(VirtualTable):
    """The speakers, in the view's order."""

    BINDINGS = list_bindings("speaker-list")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.order: list[int] = []

    def show_entries(self, entries: list[Entry], order: list[int], keep: int | None) -> None:
        """Show ``entries`` in ``order`` (entry numbers), the cursor on entry ``keep``."""
        self.entries, self.order = entries, order
        cursor = order.index(keep) if keep is not None and keep in order else 0
        self.set_count(len(order), cursor)

    @property
    def current_entry(self) -> Entry | None:
        """The speaker under the cursor, if any."""
        row = self.current
        return None if row is None else self.entries[self.order[row]]

    def row_text(self, row: int, width: int) -> Text:
        """Name, role, counts and dates of one speaker."""
        entry = self.entries[self.order[row]]
        text = Text()
        dim, accent = self.style_of("dim"), self.style_of("accent")
        for column, size in speaker_columns(width):
            if column == "name":
                text.append(cell(one_line(entry.name), size),
                            style="italic" if not entry.is_person else "")
            elif column == "role":
                text.append(cell(one_line(entry.role or ""), size), style=dim)
            elif column == "quotations":
                text.append(cell(f"{entry.quotations:,}", size, right=True), style=accent)
            elif column == "articles":
                text.append(cell(f"{entry.articles:,}", size, right=True))
            else:
                date = entry.first_date if column == "first" else entry.last_date
                text.append(cell(date or "", size), style=dim)
        return text


class ColumnHeader(Static):
    """The speaker list's column titles; the sort column marked; a click sorts by one."""

    class Clicked(Message):
        """The title of ``column`` was clicked."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="column-header")
        self.sort = ("quotations", True)

    def draw(self, column: str, descending: bool) -> None:
        """Titles at the widget's width, ``column`` marked ▼ (descending) or ▲."""
        self.sort = (column, descending)
        text = Text()
        for name, size in speaker_columns(self._width):
            title = TITLES[name] + ((" ▼" if descending else " ▲") if name == column else "")
            text.append(cell(title, size, right=name in ("quotations", "articles")))
        self.update(text)

    @property
    def _width(self) -> int:
        """The list's width for rows (the widget's less the list's scrollbar gutter)."""
        return max(self.size.width - 2, 20)

    def on_resize(self, _event: events.Resize) -> None:
        """Titles follow the width."""
        self.draw(*self.sort)

    def on_click(self, event: events.Click) -> None:
        """Sort by the clicked column."""
        x = 0
        for name, size in speaker_columns(self._width):
            if x <= event.x < x + size + 1:
                self.post_message(self.Clicked(name))
                return
            x += size + 1


class SpeakersScreen(CorpusView):
    """Every speaker, sortable; the highlighted one's quotations and timeline beside."""

    BINDINGS = view_bindings("view", "speakers")
    PLACEHOLDER = "find speakers by name, alias or role (typos forgiven)…"

    DEFAULT_CSS = """
    SpeakersScreen #speaker-panes { height: 1fr; }
    SpeakersScreen #speaker-side { width: 58%; min-width: 40; border-right: vkey $panel; }
    SpeakersScreen #speaker-detail { width: 1fr; }
    SpeakersScreen #speaker-title { height: auto; max-height: 4; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.catalog: Catalog | None = None
        self.sort_column = "quotations"
        self.descending = True
        self.found: list[int] | None = None  # entry numbers matching the search
        self._pending: int | None = None  # an entry to show once the catalog is read
        self._keep: int | None = None  # the entry under the cursor, in a new catalog
        self._day_counts: dict[int, dict[int, int]] = {}  # entry -> its quotations by day
        self._people = 0  # entries that are speakers (not the grouped ones)

    def compose(self) -> ComposeResult:
        """Search row; speakers | their quotations; status; footer."""
        yield from self.compose_search()
        with Horizontal(id="speaker-panes"):
            with Vertical(id="speaker-side"):
                yield ColumnHeader(id="speaker-header")
                yield SpeakerTable(id="speakers")
            with Vertical(id="speaker-detail"):
                yield Static("", id="speaker-title")
                yield TimelineView(id="speaker-timeline")
                yield QuoteTable(with_speaker=False, id="speaker-quotes")
        yield Static("", classes="view-status")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the list; the catalog is read when the screen shows (on resume)."""
        self.query_one(SpeakerTable).focus()
        self.set_status("reading the speaker index…")

    @property
    def main_list(self) -> VirtualTable:
        """The speaker list."""
        return self.query_one(SpeakerTable)

    # -- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the catalog in a worker, then show it."""
        self._load(self.seedread.indexing)

    @work(thread=True, exclusive=True, group="speakers-load", exit_on_error=False)
    def _load(self, indexing: bool) -> None:
        found = self.holder.get(compute=not indexing)
        if get_current_worker().is_cancelled:
            return
        order = None if found is None else sort_entries(found.entries, self.sort_column,
                                                        self.descending)
        self.app.call_from_thread(self._loaded, found, order)

    def _loaded(self, found: Catalog | None, order: list[int] | None) -> None:
        if found is None or order is None:
            self.refresh_status()  # the last catalog stays, if there is one
            return
        previous = self.query_one(SpeakerTable).current_entry if self.catalog else None
        if previous is not None and found is not self.catalog:
            self._keep = same_entry(found, previous)  # numbers differ in a new catalog
        self.catalog = found
        self.found = None
        self._day_counts = {}
        self._people = sum(1 for entry in found.entries if entry.is_person)
        if self.search_text.strip():
            self.run_search(self.search_text)
        else:
            self._show(order)
        if self._pending is not None:
            self.show_entry(self._pending)

    def _show(self, order: list[int], keep: int | None = None) -> None:
        assert self.catalog is not None
        table = self.query_one(SpeakerTable)
        if keep is None and self._keep is not None:
            keep = self._keep
        elif keep is None and table.current_entry is not None:
            keep = table.current_entry.number
        self._keep = None
        table.show_entries(self.catalog.entries, order, keep)
        self.query_one(ColumnHeader).draw(self.sort_column, self.descending)
        self._show_speaker()
        self._refresh_status()

    def refresh_status(self) -> None:
        """Counts, search, sort order; while indexing, that this is the last catalog (or,
        before the first, when it comes)."""
        self._refresh_status()

    def _refresh_status(self) -> None:
        if self.catalog is None:
            if self.seedread.indexing:
                self.set_status(self.waiting_status("the speaker index"))
            return
        people = self._people
        shown = self.query_one(SpeakerTable).row_count
        text = Text()
        text.append("Speakers", style="bold")
        text.append(self.updating_note(), style="italic")
        text.append(f" · {counted(people, 'speaker')} · "
                    f"{counted(len(self.catalog.newest), 'quotation')}")
        if self.found is not None:
            text.append(f" · search: {shown:,} shown")
        text.append(f" · sorted by {TITLES[self.sort_column]} "
                    f"{'▼' if self.descending else '▲'} (s, S)")
        self.set_status(text)

    # -- the highlighted speaker ----------------------------------------------------------

    @on(VirtualTable.Highlighted, "#speakers")
    def _speaker_highlighted(self, message: VirtualTable.Highlighted) -> None:
        message.stop()
        self._show_speaker()

    def _show_speaker(self) -> None:
        entry = self.query_one(SpeakerTable).current_entry
        quotes = self.query_one("#speaker-quotes", QuoteTable)
        title = self.query_one("#speaker-title", Static)
        conn = self.holder.conn
        if entry is None or self.catalog is None or conn is None:
            quotes.show_pages(None)
            title.update("")
            self.query_one(TimelineView).show("", None)
            return
        quotes.show_pages(RowPages(conn, self.catalog.quotes_of(entry.number), self.holder.lock))
        text = Text()
        text.append(one_line(entry.name), style="bold")
        if entry.role:
            text.append(" · " + one_line(entry.role))
        text.append(f" · {counted(entry.quotations, 'quotation')} in "
                    f"{counted(entry.articles, 'article')}")
        if entry.aliases:
            text.append("\nalso: " + "; ".join(one_line(a) for a in entry.aliases[:12]),
                        style="italic")
        title.update(text)
        self.redraw_timeline()

    def redraw_timeline(self) -> None:
        """The highlighted speaker's quotations per week or month."""
        entry = self.query_one(SpeakerTable).current_entry
        view = self.query_one(TimelineView)
        if entry is None or self.catalog is None:
            view.show("", None)
            return
        per_day = self._day_counts.get(entry.number)
        if per_day is None:  # the most quoted at 100k articles: 30 ms; kept for a while
            per_day = self._day_counts[entry.number] = count_days(
                self.catalog.days_of(entry.number))
            if len(self._day_counts) > 64:
                del self._day_counts[next(iter(self._day_counts))]
        view.show("", timeline(per_day, self.unit))

    @on(VirtualTable.Opened, "#speakers")
    def _speaker_opened(self, message: VirtualTable.Opened) -> None:
        message.stop()
        quotes = self.query_one("#speaker-quotes", QuoteTable)
        if quotes.row_count:
            quotes.focus()

    @on(VirtualTable.Opened, "#speaker-quotes")
    def _quote_opened(self, message: VirtualTable.Opened) -> None:
        message.stop()
        self.open_quote(self.query_one("#speaker-quotes", QuoteTable).current_quote)

    @on(VirtualTable.Highlighted, "#speaker-quotes")
    def _quote_highlighted(self, message: VirtualTable.Highlighted) -> None:
        message.stop()

    def show_entry(self, number: int) -> None:
        """Put the cursor on entry ``number`` (clearing a search that hides it); when the
        catalog is still being read, once it is shown."""
        if self.catalog is None:
            self._pending = number
            return
        if self.found is not None and number not in self.found:
            self.found = None  # the search hides it: clear the search, sort them all
            self.query_one(".view-search").value = ""  # type: ignore[attr-defined]
            self._pending = number
            self._sort(self.sort_column, self.descending, None)
        else:
            self._pending = None
            table = self.query_one(SpeakerTable)
            table.show_entries(self.catalog.entries, table.order, number)
            self._show_speaker()
        self.query_one(SpeakerTable).focus()

    # -- sorting -----------------------------------------------------------------------

    def sort_by(self, column: str, descending: bool | None = None) -> None:
        """Sort by ``column`` (its usual direction unless ``descending`` is given), in a
        worker (a corpus may have hundreds of thousands of speakers)."""
        self.sort_column = column
        self.descending = COLUMNS[column] if descending is None else descending
        self.query_one(ColumnHeader).draw(self.sort_column, self.descending)
        if self.catalog is not None:
            self._sort(column, self.descending, self.found)

    @work(thread=True, exclusive=True, group="speakers-sort", exit_on_error=False)
    def _sort(self, column: str, descending: bool, among: list[int] | None) -> None:
        found = self.catalog
        if found is None:
            return
        order = sort_entries(found.entries, column, descending, among=among)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._sorted, column, descending, among, order)

    def _sorted(self, column: str, descending: bool, among: list[int] | None,
                order: list[int]) -> None:
        if (column, descending, among) != (self.sort_column, self.descending, self.found):
            return  # asked for another order since
        keep, self._pending = self._pending, None
        self._show(order, keep=keep)

    def action_sort_next(self) -> None:
        """Sort by the next column."""
        columns = list(COLUMNS)
        self.sort_by(columns[(columns.index(self.sort_column) + 1) % len(columns)])

    def action_sort_reverse(self) -> None:
        """Reverse the order."""
        self.sort_by(self.sort_column, not self.descending)

    @on(ColumnHeader.Clicked)
    def _header_clicked(self, message: ColumnHeader.Clicked) -> None:
        if message.column == self.sort_column:
            self.action_sort_reverse()
        else:
            self.sort_by(message.column)

    # -- search ------------------------------------------------------------------------

    def run_search(self, query: str) -> None:
        """Show only the speakers whose name, alias or role match ``query``."""
        if self.catalog is None:
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="speakers-search", exit_on_error=False)
    def _search(self, query: str) -> None:
        finder = self.holder.finder()
        catalog = self.catalog
        if finder is None or catalog is None or get_current_worker().is_cancelled:
            return
        found = finder.find(query)
        column, descending = self.sort_column, self.descending
        order = sort_entries(catalog.entries, column, descending, among=found)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_search, query, found, column, descending,
                                      order)

    def _apply_search(self, query: str, found: list[int] | None, column: str,
                      descending: bool, order: list[int]) -> None:
        if query != self.search_text or self.catalog is None:
            return  # a later keystroke asked for something else
        self.found = found
        if (column, descending) != (self.sort_column, self.descending):
            self._sort(self.sort_column, self.descending, found)  # sorted otherwise since
        else:
            self._show(order)
        self.set_count("" if found is None else f"{len(found):,} / {len(self.catalog.entries):,}")

    # -- the contract with copy and export ---------------------------------------------

    def export_name(self) -> str:
        """``speakers``."""
        return "speakers"

    def export_records(self) -> list[dict[str, object]]:
        """The speakers shown, in display order: name, role, aliases (joined with
        ``; ``), quotations, articles, first_date, last_date, kind."""
        return [dict(record) for record in self.export_rows().produce()]

    def export_rows(self) -> ExportRows:
        """The speakers shown now, in display order, their records made when produced."""
        table = self.query_one(SpeakerTable)
        entries, order = table.entries, list(table.order)
        return ExportRows(len(order), lambda: (entries[n].record() for n in order))

    def selected_quote(self) -> QuoteRow | None:
        """The quotation highlighted in the speaker's list (their newest when the focus
        is on the speakers)."""
        return self.query_one("#speaker-quotes", QuoteTable).current_quote
