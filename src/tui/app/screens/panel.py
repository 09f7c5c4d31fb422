"""A modal panel of scrolling text: the shape the help and the problems views share."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen


class ScrollingPanel(ModalScreen[None]):
    """A centred modal whose content sits in a ``VerticalScroll``; ``j``/``k`` scroll it.

    Subclasses add their close keys and compose their content inside a ``VerticalScroll``.
    """

    BINDINGS = [
        Binding("j,down", "scroll_by(1)", "Scroll down", show=False, id="panel-down"),
        Binding("k,up", "scroll_by(-1)", "Scroll up", show=False, id="panel-up"),
    ]

    DEFAULT_CSS = """
    ScrollingPanel { align: center middle; }
    ScrollingPanel > VerticalScroll {
        height: auto; max-height: 90%; background: $panel; padding: 0 1;
    }
    """

    def action_scroll_by(self, step: int) -> None:
        """Scroll the panel ``step`` lines."""
        self.query_one(VerticalScroll).scroll_relative(y=step, animate=False)
