"""The seedread app: a document list and an article pane over one opened corpus.

A thin layer: the corpus is opened by :func:`tui.core.corpus.open_corpus` and searched
by :class:`tui.core.search.SearchIndex`, both in thread workers so the screen never waits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from tui.app.screens.help import HelpScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.document_list import DocumentList
from tui.core.corpus import Corpus, open_corpus
from tui.core.model import Problem
from tui.core.search import DocHit, SearchIndex
from tui.core.textsafe import one_line
from tui.keys import Key, keys_for

_WORD = re.compile(r"\w+")
_SEARCH_KEYS = (
    Key("search-submit", "enter", "", "", "Keep the filter and go to the list", "search"),
    Key("search-clear", "escape", "", "", "Clear the search; again to close it", "search"),
)


class SeedreadApp(App[None]):
    """Read a news corpus: who said what, article by article."""

    TITLE = "seedread"
    CSS_PATH = "seedread.tcss"
    BINDINGS = [
        Binding(key.keys, key.action, key.short, show=key.show, id=key.id,
                tooltip=key.description,
                priority=key.id in {"help", "switch-pane", "switch-pane-back"})
        for key in keys_for("app")
    ]

    def __init__(self, paths: Sequence[str | Path], label: str | None = None) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        self.label = label or ", ".join(self.paths)
        self.corpus = Corpus()
        self.index: SearchIndex | None = None
        self.loading = True
        self.query = ""
        self.hits: list[DocHit] | None = None

    def compose(self) -> ComposeResult:
        """Search row (hidden until ``/``), list and article, status line, footer."""
        with Horizontal(id="search-row"):
            yield Input(placeholder="search titles, text, quotations, speakers…", id="search")
            yield Static("", id="search-count")
        with Horizontal(id="panes"):
            yield DocumentList(id="documents")
            yield ArticleView(id="article")
        yield Static("", id="status", classes="-loading")
        yield Footer()

    def on_mount(self) -> None:
        """Start reading the corpus in the background."""
        self.query_one(DocumentList).focus()
        self._set_status(Text(f"reading {one_line(self.label)} …"))
        self.load_corpus()

    # -- loading ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_corpus(self) -> None:
        """Read and analyse every document, reporting progress, then build the index."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if done == total or done % 50 == 0:
                self.call_from_thread(self._set_status,
                                      Text(f"reading {done}/{total} documents …"))

        corpus = open_corpus(self.paths, on_progress=progress,
                             should_stop=lambda: worker.is_cancelled)
        index = SearchIndex(corpus.documents)
        if not worker.is_cancelled:
            self.call_from_thread(self._corpus_ready, corpus, index)

    def _corpus_ready(self, corpus: Corpus, index: SearchIndex) -> None:
        self.corpus = corpus
        self.index = index
        self.loading = False
        self.query_one("#status").remove_class("-loading")
        self.query_one(DocumentList).set_documents(corpus.documents)
        if not corpus.documents:
            self.query_one(ArticleView).show(None)
        self._refresh_status()
        if corpus.problems:
            count = len(corpus.problems)
            self.notify(f"{count} input{'s' if count != 1 else ''} skipped or partly read: "
                        "press p to see why", severity="warning", markup=False)
        search = self.query_one("#search", Input)
        if search.value:
            self.run_search(search.value)

    # -- status ----------------------------------------------------------------------

    def _set_status(self, text: Text) -> None:
        self.query_one("#status", Static).update(text)

    def _refresh_status(self, quote_line: str = "") -> None:
        corpus = self.corpus
        docs = len(corpus.documents)
        text = Text()
        text.append(one_line(self.label), style="bold")
        text.append(f" · {docs} document{'s' if docs != 1 else ''}"
                    f" · {corpus.quotation_count} quotations")
        if self.hits is not None:
            text.append(f" · search: {len(self.hits)} of {docs}")
        problems = len(corpus.problems)
        text.append(f" · {problems} problem{'s' if problems != 1 else ''}",
                    style="bold" if problems else "")
        if quote_line:
            text.append(" · " + quote_line)
        self._set_status(text)

    # -- following the list ------------------------------------------------------------

    @on(DocumentList.Highlighted)
    def _show_highlighted(self, message: DocumentList.Highlighted) -> None:
        article = self.query_one(ArticleView)
        if message.doc is None:
            article.show(None)
            return
        doc = self.corpus.documents[message.doc]
        hit = message.hit
        if hit is not None:
            marks: tuple[tuple[int, int], ...] = ()
            if hit.offset is not None and hit.quote is None:
                word = _WORD.match(doc.text, hit.offset)
                marks = ((hit.offset, word.end() if word and word.end() > hit.offset
                          else hit.offset + 1),)
            article.show(doc, quote=hit.quote, offset=hit.offset, marks=marks)
        else:
            article.show(doc)

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

    def action_search(self) -> None:
        """Open the search box and put the cursor in it."""
        self.query_one("#search-row").add_class("-active")
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def _query_changed(self, message: Input.Changed) -> None:
        self.run_search(message.value)

    @on(Input.Submitted, "#search")
    def _query_submitted(self, _message: Input.Submitted) -> None:
        self.query_one(DocumentList).focus()

    def run_search(self, query: str) -> None:
        """Filter the list to ``query`` (all documents when blank), off the UI thread."""
        self.query = query
        if not query.strip():
            self.workers.cancel_group(self, "search")
            self._apply_search(query, None)
            return
        if self.index is not None:
            self._search(query, self.index)
        else:
            self.query_one("#search-count", Static).update("reading…")

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, index: SearchIndex) -> None:
        worker = get_current_worker()
        hits = index.search(query, should_stop=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.call_from_thread(self._apply_search, query, hits)

    def _apply_search(self, query: str, hits: list[DocHit] | None) -> None:
        if query != self.query:
            return  # a later keystroke has already asked for something else
        self.hits = hits
        documents = self.query_one(DocumentList)
        count = self.query_one("#search-count", Static)
        if hits is None:
            documents.show_rows(list(range(len(self.corpus.documents))), None)
            count.update("")
        else:
            documents.show_rows([hit.doc for hit in hits], hits)
            count.update(f"{len(hits)} / {len(self.corpus.documents)}")
            if not hits:
                self.query_one(ArticleView).show(None)
        self._refresh_status()

    def action_back(self) -> None:
        """Back out one level: search box → clear → close; article → list."""
        search = self.query_one("#search", Input)
        row = self.query_one("#search-row")
        if self.focused is search:
            if search.value:
                search.value = ""
            else:
                row.remove_class("-active")
                self.query_one(DocumentList).focus()
            return
        if isinstance(self.focused, ArticleView):
            self.query_one(DocumentList).focus()
            return
        if search.value or row.has_class("-active"):
            search.value = ""
            row.remove_class("-active")

    # -- other screens ---------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key that works here, read from the live bindings."""
        names = {DocumentList: "Document list", ArticleView: "Article", Input: "Search box"}
        groups: dict[str, list[tuple[str, str]]] = {}
        for key, active in self.active_bindings.items():
            node = active.node
            title = next((label for kind, label in names.items() if isinstance(node, kind)),
                         "Everywhere")
            binding = active.binding
            groups.setdefault(title, []).append((key, binding.tooltip or binding.description))
        if isinstance(self.focused, Input):
            groups["Search box"] = [(k.keys, k.description) for k in _SEARCH_KEYS]
        self.push_screen(HelpScreen.from_active(groups))

    def action_problems(self) -> None:
        """List the inputs that were skipped, and why."""
        self.push_screen(ProblemsScreen(self.corpus.problems))

    def action_toggle_dark(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    @property
    def problems(self) -> list[Problem]:
        """What could not be read (for tests)."""
        return self.corpus.problems
