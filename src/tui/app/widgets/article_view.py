"""The article pane: header, speaker legend and body with every quotation highlighted.

A Line-API ``ScrollView``: the article is laid out once per width (``render_article``)
and only the visible lines are drawn, so long articles scroll without cost. An article
of more than :data:`LAYOUT_IN_THREAD` characters is laid out in a thread worker (4 MB
take 2-3 s): its header shows at once with "laying out…", the list keeps moving, and
a layout finished after the reader moved on (another article, width or theme) is dropped.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.article_render import (
    KIND_LABELS,
    RenderedArticle,
    emphasise,
    render_article,
    render_header,
)
from tui.app.palette import Palette
from tui.core.model import Document
from tui.core.textsafe import one_line

#: Articles longer than this (characters) are laid out in a thread, not on the UI's.
LAYOUT_IN_THREAD = 200_000


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one document; ``n``/``N`` step through its quotations."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="article-down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="article-up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article-top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article-bottom"),
        Binding("ctrl+d,pagedown", "half_page_down", "Half page down", show=False,
                id="article-page-down"),
        Binding("ctrl+u,pageup", "half_page_up", "Half page up", show=False,
                id="article-page-up"),
    ]

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        background: $background;
    }
    """

    class QuoteChanged(Message):
        """The current quotation changed (``index`` is None when there is none)."""

        def __init__(self, index: int | None, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.current: int | None = None
        self._marks: tuple[tuple[int, int], ...] = ()
        self._layout: RenderedArticle | None = None
        self._layout_width = 0
        self._palette: Palette | None = None
        # A layout being made in a thread: what shows meanwhile (a new article's header),
        # what it must be for (article, width, palette: else it is stale), and where to
        # scroll when it arrives.
        self._waiting: RenderedArticle | None = None
        self._wanted: tuple[Document, int, Palette] | None = None
        self._target: tuple[str, int] | None = None

    def on_mount(self) -> None:
        """Redraw in the new colours whenever the theme changes."""
        self.app.theme_changed_signal.subscribe(self, self._on_theme_changed)

    def _on_theme_changed(self, _theme: object) -> None:
        self._palette = None
        self._relayout()

    @property
    def layout_lines(self) -> RenderedArticle | None:
        """The current layout (for tests and for scrolling decisions)."""
        return self._layout

    def show(
        self,
        document: Document | None,
        quote: int | None = None,
        offset: int | None = None,
        marks: tuple[tuple[int, int], ...] = (),
    ) -> None:
        """Show ``document``, scrolled to quotation ``quote`` or text ``offset`` if given."""
        same = document is not None and document is self.document and (
            self._layout is not None or self._waiting is not None)
        self.document = document
        self.current = quote
        self._marks = marks
        self._target = (("quote", quote) if quote is not None else
                        ("offset", offset) if offset is not None else ("top", 0))
        if not same:  # laying out a long article takes a while: not again for nothing
            self._layout = None
            self._relayout()
        else:
            self._emphasise()
        if self._layout is None:
            if self._waiting is not None:  # laid out in a thread: scrolled when it is done
                self.scroll_to(y=0, animate=False)
                self.post_message(self.QuoteChanged(quote, len(document.quotations)
                                                    if document else 0))
            return
        self._go_to_target()
        self.post_message(self.QuoteChanged(quote, len(document.quotations) if document else 0))

    def _go_to_target(self) -> None:
        """Scroll to where :meth:`show` asked (once the layout is there)."""
        target, self._target = self._target, None
        if self._layout is None or target is None:
            return
        kind, value = target
        if kind == "quote":
            self._scroll_to_line(self._layout.quote_first_line[value])
        elif kind == "offset":
            self._scroll_to_line(self._layout.line_of(value))
        else:
            self.scroll_to(y=0, animate=False)

    def next_quote(self, step: int = 1) -> None:
        """Move to the next (``step=1``) or previous (``-1``) quotation, wrapping around."""
        if self.document is None or not self.document.quotations:
            self.app.bell()
            return
        total = len(self.document.quotations)
        if self.current is None and self._layout is None:  # still being laid out
            self.current = 0 if step > 0 else total - 1
        elif self.current is None:
            self.current = self._first_quote_on_screen(step)
        else:
            self.current = (self.current + step) % total
        self._emphasise()
        if self._layout is not None:
            self._scroll_to_line(self._layout.quote_first_line[self.current])
        self.post_message(self.QuoteChanged(self.current, total))

    def _first_quote_on_screen(self, step: int) -> int:
        """Starting fresh: the first quotation at or below the top of the view."""
        assert self.document is not None and self._layout is not None
        total = len(self.document.quotations)
        top = int(self.scroll_offset.y)
        lines = self._layout.quote_first_line
        if step > 0:
            return next((i for i, line in enumerate(lines) if line >= top), 0)
        return next((i for i in range(total - 1, -1, -1) if lines[i] <= top + self.size.height),
                    total - 1)

    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=max(line - max(self.size.height // 4, 1), 0), animate=False, force=True)

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if self.document is None or width <= 0:
            self._layout = self._waiting = self._wanted = None
            self.virtual_size = Size(width, 0)
            self.refresh()
            return
        if self._palette is None:
            self._palette = Palette(self.app.theme_variables)
        if len(self.document.text) > LAYOUT_IN_THREAD:
            if self._layout is None:  # a new article: its header at once
                self._waiting = render_header(self.document, width, self._palette)
                self.virtual_size = Size(width, len(self._waiting.lines))
                self.refresh()
            # else: the old layout (another width or theme) stays until the new one is made
            self._wanted = (self.document, width, self._palette)
            self._lay_out(self.document, width, self._palette)
            return
        self._waiting = self._wanted = None
        self._install(render_article(self.document, width, self._palette, self.current,
                                     self._marks), width)

    def _install(self, layout: RenderedArticle, width: int) -> None:
        self._layout = layout
        self._layout_width = width
        self.virtual_size = Size(width, len(layout.lines))
        self.refresh()

    @work(thread=True, exclusive=True, group="article-layout", exit_on_error=False)
    def _lay_out(self, document: Document, width: int, palette: Palette) -> None:
        layout = render_article(document, width, palette)
        self.app.call_from_thread(self._laid_out, document, layout, width, palette)

    def _laid_out(self, document: Document, layout: RenderedArticle, width: int,
                  palette: Palette) -> None:
        """A thread's layout: shown if it is the one wanted now (the article, width and
        theme asked for last; from an older request too, when the reader came back)."""
        wanted = self._wanted
        if wanted is None or wanted[0] is not document or wanted[1] != width \
                or wanted[2] is not palette:
            return  # stale (the reader moved on), or made already by another thread
        emphasise(layout, document, self.current, self._marks)  # as they are now
        self._waiting = self._wanted = None
        self._install(layout, width)
        if self._target is None and self.current is not None:
            self._target = ("quote", self.current)  # resized: keep the quotation in view
        self._go_to_target()

    def _emphasise(self) -> None:
        """Move the emphasis to ``self.current`` and the search marks to ``self._marks``
        without laying the article out again."""
        if self._layout is None or self.document is None:
            if self._waiting is None:  # else: emphasised when the thread's layout arrives
                self._relayout()
            return
        emphasise(self._layout, self.document, self.current, self._marks)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again for the new width, keeping the current quotation in view."""
        if self.document is None:
            return
        width = self.scrollable_content_region.width or self.size.width
        if self._layout is not None and width == self._layout_width:
            if self._wanted is not None and self._wanted[1] != width:
                self._wanted = None  # back to the width laid out: the other one is stale
            return  # only the height changed (the search row opened): the wrapping holds
        self._relayout()
        if self._waiting is None and self._layout is not None and self.current is not None \
                and self._layout_width == width:
            self._scroll_to_line(self._layout.quote_first_line[self.current])

    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y`` of the laid-out article."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        row = y + int(self.scroll_offset.y)
        layout = self._layout or self._waiting
        if layout is None or row >= len(layout.lines):
            return Strip.blank(width, base)
        line: Text = layout.lines[row]
        segments = list(line.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, base).apply_style(base)

    def action_half_page_down(self) -> None:
        """Scroll down half a screen."""
        self.scroll_relative(y=max(self.size.height // 2, 1), animate=False)

    def action_half_page_up(self) -> None:
        """Scroll up half a screen."""
        self.scroll_relative(y=-max(self.size.height // 2, 1), animate=False)

    def describe_current(self) -> str:
        """One line about the current quotation, for the status bar."""
        doc = self.document
        if doc is None or self.current is None:
            return ""
        quote = doc.quotations[self.current]
        who = one_line(quote.speaker) if quote.speaker else "unattributed"
        if quote.role:
            who += f", {one_line(quote.role)}"
        cue = f" · cue “{one_line(doc.text[quote.cue[0]:quote.cue[1]])}”" if quote.cue else ""
        return (f"quotation {self.current + 1}/{len(doc.quotations)} · "
                f"{KIND_LABELS.get(quote.kind, quote.kind)} · {who}{cue}")
