"""The seedread app: a document list and an article pane over one corpus index.

A thin layer over the core: the corpus index (:class:`tui.core.index.store.CorpusIndex`)
is opened and refreshed in a thread worker (the list shows what is indexed as it
arrives), articles are read back one at a time when shown, and search runs in an
exclusive worker whose late answers are dropped.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from multiprocessing import forkserver, resource_tracker
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.commands import SeedreadCommands
from tui.app.getting_out import GettingOut
from tui.app.reader_view import ReaderView
from tui.app.screens.help import HelpScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.search_row import back_out, open_search
from tui.app.served import is_served, watch_server
from tui.app.views.base import CorpusView, QuoteTable
from tui.app.views.holder import CatalogHolder
from tui.app.views.quotations import QuotationsScreen
from tui.app.views.speakers import SpeakersScreen, SpeakerTable
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.document_list import DocumentList
from tui.app.widgets.search_box import SearchBox
from tui.core.index.store import CorpusIndex, DocRow, Progress
from tui.core.memory import give_back
from tui.core.model import Document, Problem
from tui.core.search import DocHit, highlight_positions
from tui.core.search.sqlsearch import Cancelled, IndexSearch, SearchResult
from tui.core.settings.config import load_config
from tui.core.settings.history import SearchHistory
from tui.core.settings.paths import config_file, state_directory
from tui.core.settings.state import load_state, save_state
from tui.core.textsafe import one_line
from tui.core.wording import counted
from tui.keys import Key, binding_ids, clashes, keys_for

_SEARCH_KEYS = (
    Key("search-submit", "enter", "", "", "Keep the filter and go to the list", "search"),
    Key("search-clear", "escape", "", "", "Clear the search; again to close it", "search"),
)
# Keys the app takes before any widget. "/" among them so that what is typed straight
# after it (one terminal read, "/put") reaches the search box and not the list's keys.
_PRIORITY = frozenset({"help", "switch-pane", "switch-pane-back", "interrupt", "search"})
#: Actions that belong to the reader's screen, not to a modal over it.
_READER_ACTIONS = frozenset({"search", "help", "problems", "next_quote", "previous_quote",
                             "back", "focus_next", "focus_previous", "view"})
#: Actions that ask the active view (y, Y, e, o): off under a modal (help, a dialog).
_VIEW_ACTIONS = frozenset({"copy_quote", "copy_article", "export", "open_editor"})
#: Actions of the reader alone: off while a view (speakers, quotations) is on screen,
#: which has its own search and back keys.
_READER_ONLY = frozenset({"search", "next_quote", "previous_quote", "back"})
#: The corpus views, by the name ``1``/``2``/``3`` give them (documents: the reader).
VIEWS: dict[str, type[CorpusView]] = {"speakers": SpeakersScreen,
                                      "quotations": QuotationsScreen}
_ROWS_EVERY = 2.0  # seconds between list updates while indexing
#: While indexing with a search on screen, the list is brought up to date only once the
#: corpus has grown by this factor, and not at all past :data:`_SEARCHED_MOST` documents
#: (until indexing ends): each update makes a new searcher, whose tables are built from the
#: index's rows (there is no search cache until indexing ends), seconds and hundreds of MB
#: at 100k articles. Updating every few seconds left a 100k-article app at 670 MB and
#: slowed indexing by a third.
_SEARCHED_GROWTH = 1.5
_SEARCHED_MOST = 30_000
_CACHED_ARTICLES = 32


class SeedreadApp(GettingOut):
    """Read a news corpus: who said what, article by article."""

    TITLE = "seedread"
    CSS_PATH = Path(__file__).with_name("seedread.tcss")
    COMMANDS = GettingOut.COMMANDS | {SeedreadCommands}
    BINDINGS = [
        Binding(key.keys, key.action, key.short, show=key.show, id=key.id,
                tooltip=key.description,
                priority=key.id in _PRIORITY)
        for key in keys_for("app")
    ]

    def __init__(
        self,
        paths: Sequence[str | Path],
        label: str | None = None,
        *,
        cache_dir: Path | None = None,
        no_cache: bool = False,
        jobs: int = 1,
    ) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        self.label = label or ", ".join(self.paths)
        self.cache_dir = cache_dir
        self.no_cache = no_cache
        self.jobs = jobs
        self.index: CorpusIndex | None = None
        self.rows: list[DocRow] = []
        self._searcher: IndexSearch | None = None
        self._trimmed_for: Callable[[], IndexSearch | None] = lambda: None
        self.problems: list[Problem] = []
        self.quotation_total = 0
        # loading: nothing to show yet. indexing: the index is being brought up to date
        # (the list is usable meanwhile). Both end False; benchmarks and tests watch them.
        self.loading = True
        self.indexing = True
        self.progress: Progress | None = None  # the refresh's, while indexing
        self.query = ""
        self.hits: list[DocHit] | None = None
        self._stop_indexing = False
        self._articles: OrderedDict[int, Document] = OrderedDict()
        # What is remembered between runs lives in the state directory; --no-cache, which
        # writes nothing, reads it but never writes it.
        state = state_directory()
        self.state_file = state / "state.json"
        self.history = SearchHistory.load(state / "history", write=not no_cache)
        self.config = load_config(config_file(), binding_ids())
        self.config.messages += clashes(self.config.keymap)
        self.set_keymap(self.config.keymap)
        self.reader: ReaderView  # made on mount, with the article pane
        if is_served():
            watch_server(self)  # a server that dies leaves no reader behind
        #: (document id, quotation) a view asked the reader to open, until the cursor moves.
        self._opened_at: tuple[int, int | None] | None = None
        self.catalog_holder = CatalogHolder()
        if jobs > 1:
            _start_process_helpers()

    def compose(self) -> ComposeResult:
        """Search row (hidden until ``/``), list and article, status line, footer."""
        with Horizontal(id="search-row"):
            yield SearchBox(self.history, id="search",
                            placeholder="search titles, text, quotations, speakers…")
            yield Static("", id="search-count")
        with Horizontal(id="panes"):
            yield DocumentList(id="documents")
            yield ArticleView(id="article")
        with Horizontal(id="status-row"):
            yield Static("", id="status")
            yield ProgressBar(id="progress", show_eta=True)
        yield Footer()

    def on_mount(self) -> None:
        """Open the corpus index in the background; the list fills as it arrives."""
        self.reader = ReaderView(self, self.query_one(ArticleView))
        self._apply_saved_theme()
        for message in self.config.messages:
            self.notify(one_line(message), title="config", severity="warning",
                        markup=False, timeout=20)
        self.query_one(DocumentList).focus()
        self._set_status(Text(f"opening {one_line(self.label)} …"))
        self.load_corpus()

    # -- loading ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_corpus(self) -> None:
        """Show what the index holds at once, then bring it up to date, showing progress."""
        worker = get_current_worker()

        def notice(message: str) -> None:
            # Also mid-refresh (a cache disk that fills up), from this thread.
            self.call_from_thread(self.notify, one_line(message), severity="warning",
                                  markup=False, timeout=20)

        index = CorpusIndex.open(self.paths, self.cache_dir, in_memory=self.no_cache,
                                 on_notice=notice)
        self.index = index
        self.catalog_holder.attach(index)
        # Read the last catalog now, before the refresh's first write empties its table:
        # the views show it while the index is brought up to date.
        self.catalog_holder.get()
        rows = index.rows()
        if rows:
            self.call_from_thread(self._rows_ready, rows, False)
        self.call_from_thread(self._indexing_started)
        last_rows = [0.0]

        def progress(state: Progress) -> None:
            self.call_from_thread(self._show_progress, state)
            if state.rate and state.done - last_rows[0] >= max(state.rate * _ROWS_EVERY, 1):
                last_rows[0] = state.done
                self.call_from_thread(self._rows_ready, index.rows(), False)

        stats = index.refresh(
            jobs=self.jobs, on_progress=progress,
            should_stop=lambda: self._stop_indexing or worker.is_cancelled)
        if worker.is_cancelled:
            return
        rows, problems = index.rows(), index.problems()
        self.call_from_thread(self._indexing_done, rows, problems, stats.cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed says so, rather than leaving a screen that never fills."""
        error = event.worker.error
        if event.state != WorkerState.ERROR or error is None:
            return
        what = "reading the corpus" if event.worker.group == "load" else "searching"
        message = f"{what} failed: {type(error).__name__}: {error}"
        if event.worker.group == "load":
            self.indexing = self.loading = False
            self.query_one("#status-row").remove_class("-indexing")
            self._set_status(Text(one_line(message)))
        self.notify(one_line(message), severity="error", markup=False, timeout=30)

    def _indexing_started(self) -> None:
        self.query_one("#status-row").add_class("-indexing")

    def _show_progress(self, state: Progress) -> None:
        self.progress = state
        if isinstance(self.screen, CorpusView):
            self.screen.refresh_status()
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(state.total, 1), progress=state.done)
        rate = f" · {state.rate:.0f}/s" if state.rate else ""
        self._set_status(Text(f"indexing {state.done:,}/{state.total:,} files{rate}"
                              " · esc stops, keeps what is done"))

    def _rows_ready(self, rows: list[DocRow], final: bool) -> None:
        """Show ``rows``; keep the reader where they are; re-run a search in progress
        (while indexing, only once the corpus has grown enough: :data:`_SEARCHED_GROWTH`)."""
        if (not final and self._searcher is not None and self.query.strip()
                and (len(rows) < _SEARCHED_GROWTH * len(self.rows)
                     or len(self.rows) >= _SEARCHED_MOST)):
            return  # the search shown stays that of the rows it was made for
        self.rows = rows
        if rows or final:
            self.loading = False  # something to read: the screen is the reader's now
        self._articles.clear()  # a re-read file's documents get new ids
        self.quotation_total = sum(row.quotes for row in rows)
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None  # made again, for these rows, by the next search
        documents = self.query_one(DocumentList)
        documents.set_documents(rows)
        if not rows:
            self.query_one(ArticleView).show(None)
        if self.query.strip():
            self.run_search(self.query)
        if final or not self.indexing:
            self._refresh_status()
        elif not self.query_one("#status-row").has_class("-indexing"):
            self._set_status(Text(f"{one_line(self.label)} · {len(rows):,} documents · "
                                  "checking the files for changes…"))

    def _indexing_done(self, rows: list[DocRow], problems: list[Problem], stopped: bool) -> None:
        self.indexing = False
        self.progress = None
        self.loading = False
        self.problems = problems
        self.query_one("#status-row").remove_class("-indexing")
        self._rows_ready(rows, True)
        self.catalog_holder.forget()
        for name in VIEWS:
            if self.is_screen_installed(name):
                view = self.get_screen(name)
                assert isinstance(view, CorpusView)
                view.corpus_changed()
        searcher = self.searcher()
        if searcher is not None:
            self._warm(searcher)
        if stopped:
            self.notify("Indexing stopped; what was indexed is kept. Open the corpus again "
                        "to finish.", markup=False)
        if problems:
            count = len(problems)
            self.notify(f"{counted(count, 'input')} skipped or partly read: "
                        "press p to see why", severity="warning", markup=False)

    def article(self, row: DocRow) -> Document | None:
        """The whole document behind ``row`` (a few recent ones are kept)."""
        cached = self._articles.get(row.id)
        if cached is not None:
            self._articles.move_to_end(row.id)
            return cached
        if self.index is None:
            return None
        try:
            doc = self.index.document(row.id)
        except (KeyError, sqlite3.Error):
            return None  # re-indexed under our feet; the next rows update shows it again
        doc.path = row.path
        self._articles[row.id] = doc
        if len(self._articles) > _CACHED_ARTICLES:
            self._articles.popitem(last=False)
        return doc

    # -- status ----------------------------------------------------------------------

    def _set_status(self, text: Text) -> None:
        self.query_one("#status", Static).update(text)

    def _refresh_status(self, quote_line: str = "") -> None:
        if self.indexing:
            return  # the progress line has the floor
        docs = len(self.rows)
        text = Text()
        text.append(one_line(self.label), style="bold")
        text.append(f" · {counted(docs, 'document')}"
                    f" · {self.quotation_total:,} quotations")
        if self.hits is not None:
            text.append(f" · search: {len(self.hits):,} of {docs:,}")
        problems = len(self.problems)
        text.append(f" · {counted(problems, 'problem')}",
                    style="bold" if problems else "")
        if quote_line:
            text.append(" · " + quote_line)
        self._set_status(text)

    # -- following the list ------------------------------------------------------------

    @on(DocumentList.Highlighted)
    def _show_highlighted(self, message: DocumentList.Highlighted) -> None:
        opened = self._opened_at
        if opened is not None and (message.doc is None or message.doc >= len(self.rows)
                                   or self.rows[message.doc].id != opened[0]):
            self._opened_at = None  # the reader moved on from what a view opened
        self._show_current()

    def _show_current(self) -> None:
        """Show the article under the list's cursor, at its search hit if it has one."""
        article = self.query_one(ArticleView)
        documents = self.query_one(DocumentList)
        row = documents.current_row
        doc = self.article(row) if row is not None else None
        if doc is None:
            article.show(None)
            return
        opened = self._opened_at
        if opened is not None and row is not None and opened[0] == row.id:
            quote = opened[1]
            if quote is not None and quote < len(doc.quotations):
                article.show(doc, quote=quote, offset=doc.quotations[quote].start)
            else:
                article.show(doc)
            return
        hit = documents.current_hit
        if hit is None:
            article.show(doc)
            return
        offset = hit.offset
        marks: tuple[tuple[int, int], ...] = ()
        if hit.quote is None:
            searcher = self._searcher
            if offset is None and searcher is not None:
                offset = searcher.locate(self.query, hit, doc).offset
            start = doc.body_start if offset is None else offset
            marks = _first_run(highlight_positions(self.query, doc.text[start:]), start)
            offset = marks[0][0] if marks else offset
        article.show(doc, quote=hit.quote, offset=offset, marks=marks)

    @on(DocumentList.Opened)
    def _open(self, _message: DocumentList.Opened) -> None:
        self.query_one(ArticleView).focus()

    @on(ArticleView.QuoteChanged)
    def _quote_changed(self, _message: ArticleView.QuoteChanged) -> None:
        self._refresh_status(self.query_one(ArticleView).describe_current())

    def action_next_quote(self) -> None:
        """Go to the next quotation of the open article."""
        self.query_one(ArticleView).next_quote(1)

    def action_previous_quote(self) -> None:
        """Go to the previous quotation of the open article."""
        self.query_one(ArticleView).next_quote(-1)

    # -- search ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The reader's keys are off while a modal (help, problems) is on top: its own keys
        (``?`` closes help) must win over the app's priority ones. The keys that ask the
        view (``y``, ``e`` ...) work on any view's screen, but not under a modal. While a
        view is on screen the reader's own keys are off (the view has its own ``/`` and
        ``esc``)."""
        return self.allowed_on(action, self.screen)

    def allowed_on(self, action: str, screen: object) -> bool:
        """Whether the app's ``action`` works with ``screen`` on top (see
        :meth:`check_action`; the command palette asks it of the screen it was opened on)."""
        if isinstance(screen, ModalScreen):
            return action not in _READER_ACTIONS and action not in _VIEW_ACTIONS
        if screen is not self.default_screen:
            return action not in _READER_ONLY
        return True

    def action_search(self) -> None:
        """Open the search box and put the cursor in it ("/" in the box is just a "/")."""
        open_search(self.query_one("#search-row"), self.query_one("#search", Input))

    @on(Input.Changed, "#search")
    def _query_changed(self, message: Input.Changed) -> None:
        self.run_search(message.value)

    @on(Input.Submitted, "#search")
    def _query_submitted(self, _message: Input.Submitted) -> None:
        self._remember_query()
        self.query_one(DocumentList).focus()

    @on(Input.Blurred, "#search")
    def _search_left(self, _message: Input.Blurred) -> None:
        self._remember_query()

    def _remember_query(self) -> None:
        """Keep the query in the search history (saved unless --no-cache)."""
        search = self.query_one("#search", SearchBox)
        search.remember()
        if self.history.error:
            self.notify(self.history.error, severity="warning", markup=False)
            self.history.error = None

    def run_search(self, query: str) -> None:
        """Filter the list to ``query`` (all documents when blank), off the UI thread."""
        self.query = query
        if query.strip():
            self._opened_at = None  # the search's hit shows, not what a view opened
        else:
            self.workers.cancel_group(self, "search")
            self._apply_search(query, None)
            return
        searcher = self.searcher()
        if searcher is not None:
            self._search(query, searcher)
        else:
            self.query_one("#search-count", Static).update("reading…")

    def searcher(self) -> IndexSearch | None:
        """The searcher over the rows shown now (made on first use after they change)."""
        if self._searcher is None and self.index is not None:
            path = self.index.path
            self._searcher = IndexSearch(self.index.conn if path is None else None, self.rows,
                                         path=path)
        return self._searcher

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm(self, searcher: IndexSearch) -> None:
        """Load what the searcher keeps in memory now, so the first keystroke need not."""
        searcher.warm()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, searcher: IndexSearch) -> None:
        worker = get_current_worker()
        try:
            result = searcher.find(query, should_stop=lambda: worker.is_cancelled)
        except Cancelled:
            return
        finally:
            if self._trimmed_for() is not searcher:
                # A new searcher (the rows changed, as they do while indexing): the last
                # one's tables, hundreds of MB at 100k articles, are free by now.
                self._trimmed_for = weakref.ref(searcher)
                give_back()
        if not worker.is_cancelled:
            self.call_from_thread(self._apply_search, query, result)

    def _apply_search(self, query: str, result: SearchResult | None) -> None:
        if query != self.query:
            return  # a later keystroke has already asked for something else
        hits = None if result is None else result.hits
        self.hits = hits
        documents = self.query_one(DocumentList)
        count = self.query_one("#search-count", Static)
        if hits is None:
            documents.show_rows(list(range(len(self.rows))), None)
            count.update("")
        else:
            searcher = self._searcher
            marks = None if searcher is None else (
                lambda doc, q=query, s=searcher: s.title_marks(q, doc))
            documents.show_rows([hit.doc for hit in hits], hits, marks_source=marks)
            assert result is not None
            shown = f"{len(hits):,}" + ("+" if result.capped else "")
            count.update(f"{shown} / {len(self.rows):,}")
        # The same article may be under the cursor for a new query: show the new match.
        self._show_current()
        self._refresh_status()

    def action_back(self) -> None:
        """Back out one level: search box → clear → close; article → list; stop indexing."""
        if back_out(self.query_one("#search-row"), self.query_one("#search", Input),
                    self.query_one(DocumentList)):
            return
        if self.indexing and not self._stop_indexing:
            self._stop_indexing = True
            self._set_status(Text("stopping indexing… (what is done is kept)"))

    # -- views -----------------------------------------------------------------------

    def action_view(self, name: str) -> None:
        """Show a view: ``documents`` (the reader), ``speakers`` or ``quotations``."""
        if name not in VIEWS:
            while len(self.screen_stack) > 1:
                self.pop_screen()
            return
        if not self.is_screen_installed(name):
            self.install_screen(VIEWS[name](), name=name)
        view = self.get_screen(name)
        if self.screen is view:
            return
        if len(self.screen_stack) > 1:
            self.switch_screen(name)
        else:
            self.push_screen(name)

    def show_speaker(self, number: int) -> None:
        """Show the speakers view with the cursor on entry ``number`` of the catalog."""
        self.action_view("speakers")
        view = self.get_screen("speakers")
        assert isinstance(view, SpeakersScreen)
        view.show_entry(number)  # at once, or once the catalog is read

    def open_quotation(self, doc_id: int, quote: int | None) -> None:
        """Back to the reader with document ``doc_id`` (an index id) highlighted in the
        list (a search that hides it is cleared) and open, scrolled to quotation ``quote``
        (its index in ``doc.quotations``) when given."""
        self.action_view("documents")
        position = next((n for n, row in enumerate(self.rows) if row.id == doc_id), None)
        if position is None:
            self.notify("That article is no longer in the index.", markup=False)
            return
        documents = self.query_one(DocumentList)
        self._opened_at = (doc_id, quote)
        if position in documents._rows:
            documents.cursor = documents._rows.index(position)
        else:  # hidden by the search: clear it (its box too)
            self.workers.cancel_group(self, "search")
            self.query = ""
            self.hits = None
            self.query_one("#search", Input).value = ""
            self.query_one("#search-count", Static).update("")
            row = self.query_one("#search-row")
            row.remove_class("-active")
            row.display = False
            documents.show_rows(list(range(len(self.rows))), None, keep_id=doc_id)
        self._show_current()
        self.query_one(ArticleView).focus()
        self._refresh_status()

    # -- other screens ---------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key that works here, read from the live bindings."""
        names = {DocumentList: "Document list", ArticleView: "Article", Input: "Search box",
                 SpeakerTable: "Speaker list", QuoteTable: "Quotation list",
                 SpeakersScreen: "Speakers view", QuotationsScreen: "Quotations view"}
        groups: dict[str, list[tuple[str, str]]] = {}
        for key, active in self.active_bindings.items():
            node = active.node
            title = next((label for kind, label in names.items() if isinstance(node, kind)),
                         "Everywhere")
            binding = active.binding
            groups.setdefault(title, []).append((key, binding.tooltip or binding.description))
        if isinstance(self.focused, Input):
            live = groups.get("Search box", [])
            own = {key.description for key in keys_for("search")}
            groups["Search box"] = [(k.keys, k.description) for k in _SEARCH_KEYS] + [
                (keys, text) for keys, text in live if text in own]
        self.push_screen(HelpScreen.from_active(groups))

    def action_problems(self) -> None:
        """List the inputs that were skipped, and why."""
        self.push_screen(ProblemsScreen(self.problems))

    def action_toggle_dark(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    # -- remembered between runs -----------------------------------------------------

    def _apply_saved_theme(self) -> None:
        """Use the theme chosen last time (palette or ctrl+t); from now on remember it."""
        saved = load_state(self.state_file).get("theme")
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        self._saved_theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if self.no_cache or not isinstance(name, str) or name == self._saved_theme:
            return
        self._saved_theme = name
        failure = save_state(self.state_file, theme=name)
        if failure:
            self.notify(one_line(failure), severity="warning", markup=False)

    # -- where the reader is (for coming back from $EDITOR) ----------------------------

    def reader_scroll(self) -> object:
        """The article pane's scroll position, and the width it was laid out for."""
        article = self.reader.article
        return article.scroll_offset.y, article.size.width

    def restore_reader_scroll(self, place: object) -> None:
        """Back to where :meth:`reader_scroll` was (if the terminal was resized meanwhile,
        the pane has already kept its current quotation in view)."""
        article = self.reader.article
        if isinstance(place, tuple) and place[1] == article.size.width:
            article.scroll_to(y=place[0], animate=False, force=True)


def _start_process_helpers() -> None:
    """Start multiprocessing's helper processes while stderr is still the terminal's.

    They are started with the parent's stderr descriptor, and once Textual runs,
    ``sys.stderr`` is a capture with no usable descriptor ("bad value(s) in fds_to_keep").
    """
    resource_tracker.ensure_running()
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver.ensure_running()


def _first_run(positions: tuple[int, ...], start: int) -> tuple[tuple[int, int], ...]:
    """The first run of consecutive highlighted characters, as one document span."""
    if not positions:
        return ()
    first = last = positions[0]
    for position in positions[1:]:
        if position != last + 1:
            break
        last = position
    return ((start + first, start + last + 1),)

