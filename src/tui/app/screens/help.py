"""Help: every key that works where you were, read from the live bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.panel import ScrollingPanel

_KEY_NAMES = {"slash": "/", "question_mark": "?", "escape": "esc", "ctrl+d": "ctrl+d",
              "pagedown": "pgdn", "pageup": "pgup"}


def _label(keys: str) -> str:
    return " / ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


class HelpScreen(ScrollingPanel):
    """A modal listing the bindings that were active when it opened, by where they apply."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help-close"),
    ]

    DEFAULT_CSS = """
    HelpScreen > VerticalScroll {
        width: 80; max-width: 95%; border: thick $primary;
    }
    """

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self._groups = groups

    @classmethod
    def from_active(cls, groups: dict[str, list[tuple[str, str]]]) -> HelpScreen:
        """Build from (key, description) pairs grouped by where they apply.

        Keys that do the same thing are joined on one row (``j / down``); bindings without
        a description are internal and left out.
        """
        order = ["Search box", "Document list", "Article", "Speaker list", "Quotation list",
                 "Speakers view", "Quotations view", "Everywhere"]
        rows: list[tuple[str, list[tuple[str, str]]]] = []
        for title in sorted(groups, key=lambda t: order.index(t) if t in order else 99):
            by_description: dict[str, list[str]] = {}
            for key, description in groups[title]:
                if description:
                    by_description.setdefault(description, []).append(_label(key))
            # Letters first, as people say them ("j / down"); the sort is stable.
            items = [(" / ".join(sorted(keys, key=lambda k: len(k) > 1)), description)
                     for description, keys in by_description.items()]
            if items:
                rows.append((title, items))
        return cls(rows)

    @property
    def entries(self) -> list[tuple[str, str, str]]:
        """(where, keys, description) for every row shown."""
        return [(title, keys, text) for title, items in self._groups for keys, text in items]

    def compose(self) -> ComposeResult:
        """One table per place the keys apply."""
        with VerticalScroll():
            yield Static(Text("seedread keys (esc closes)", style="bold"))
            for title, items in self._groups:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True)
                table.add_column()
                for keys, description in items:
                    table.add_row(Text(keys), Text(description))
                yield Static(Text(f"\n{title}", style="underline"))
                yield Static(table)
            yield Static(Text("\nThe mouse works too: click a row, scroll with the wheel."))
