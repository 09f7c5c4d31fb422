"""The search box: an Input whose ``up``/``down`` recall earlier queries, as a shell does."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from tui.core.settings.history import SearchHistory
from tui.keys import keys_for


class SearchBox(Input):
    """``up`` steps back through :attr:`history`, ``down`` forward and, past the newest,
    back to what was being typed. Typing leaves the history where it is."""

    BINDINGS = [
        Binding(key.keys, key.action, key.short, show=False, id=key.id,
                tooltip=key.description)
        for key in keys_for("search")
    ]

    def __init__(self, history: SearchHistory, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history = history
        self._position: int | None = None  # index into the history while recalling
        self._draft = ""
        self._recalling = False

    def _recall(self, value: str) -> None:
        self._recalling = True
        try:
            self.value = value
        finally:
            self._recalling = False
        self.cursor_position = len(value)

    def action_history_back(self) -> None:
        """Show the query before the one shown (the newest first)."""
        entries = self.history.entries
        if not entries or self._position == 0:
            return
        if self._position is None:
            self._draft = self.value
            self._position = len(entries)
        self._position -= 1
        self._recall(entries[self._position])

    def action_history_forward(self) -> None:
        """Show the next newer query, then what was being typed."""
        if self._position is None:
            return
        self._position += 1
        if self._position >= len(self.history.entries):
            self._position = None
            self._recall(self._draft)
        else:
            self._recall(self.history.entries[self._position])

    def watch_value(self, _value: str) -> None:
        """An edit (not a recall) makes what is in the box the draft. Called as the value
        is set, so keys typed fast after ``up`` cannot be mistaken for a recall."""
        if not self._recalling:
            self._position = None

    def remember(self) -> None:
        """Add the query in the box to the history; the next ``up`` starts from it."""
        self.history.add(self.value)
        self._position = None
