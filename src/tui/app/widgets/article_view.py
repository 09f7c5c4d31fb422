"""The article pane: header, speaker legend and body with every quotation highlighted.

A Line-API ``ScrollView``: the article is laid out once per width (``render_article``)
and only the visible lines are drawn, so long articles scroll without cost.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.article_render import KIND_LABELS, RenderedArticle, emphasise, render_article
from tui.app.palette import Palette
from tui.core.model import Document
from tui.core.textsafe import one_line


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
        same = document is not None and document is self.document and self._layout is not None
        self.document = document
        self.current = quote
        self._marks = marks
        if not same:  # laying out a long article takes a while: not again for nothing
            self._relayout()
        else:
            self._emphasise()
        if self._layout is None:
            return
        if quote is not None:
            self._scroll_to_line(self._layout.quote_first_line[quote])
        elif offset is not None:
            self._scroll_to_line(self._layout.line_of(offset))
        else:
            self.scroll_to(y=0, animate=False)
        self.post_message(self.QuoteChanged(quote, len(document.quotations) if document else 0))

    def next_quote(self, step: int = 1) -> None:
        """Move to the next (``step=1``) or previous (``-1``) quotation, wrapping around."""
        if self.document is None or not self.document.quotations:
            self.app.bell()
            return
        total = len(self.document.quotations)
        if self.current is None:
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
            self._layout = None
            self.virtual_size = Size(width, 0)
            self.refresh()
            return
        if self._palette is None:
            self._palette = Palette(self.app.theme_variables)
        self._layout = render_article(self.document, width, self._palette, self.current,
                                      self._marks)
        self._layout_width = width
        self.virtual_size = Size(width, len(self._layout.lines))
        self.refresh()

    def _emphasise(self) -> None:
        """Move the emphasis to ``self.current`` and the search marks to ``self._marks``
        without laying the article out again."""
        if self._layout is None or self.document is None:
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
            return  # only the height changed (the search row opened): the wrapping holds
        self._relayout()
        if self._layout is not None and self.current is not None:
            self._scroll_to_line(self._layout.quote_first_line[self.current])

    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y`` of the laid-out article."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        row = y + int(self.scroll_offset.y)
        if self._layout is None or row >= len(self._layout.lines):
            return Strip.blank(width, base)
        line: Text = self._layout.lines[row]
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
