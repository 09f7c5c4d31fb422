"""The command palette (``ctrl+p``): every command of the key table, "go to speaker" and
"go to article", ranked as the user types.

Commands are generated from :data:`tui.keys.KEYS` (the app's keys and the current view's),
so keys added later appear here by themselves. Names and titles come from documents: they
are shown as plain text (never markup).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.core.textsafe import one_line
from tui.keys import KEYS, Key

if TYPE_CHECKING:
    from tui.app.app import SeedreadApp
    from tui.core.search.sqlsearch import IndexSearch

#: Key-table places whose keys are palette commands (list movements are not).
_PLACES = {"app": None, "view": "view", "speakers": "speakers"}
_SKIP = frozenset({"interrupt", "back", "view-back", "switch-pane", "switch-pane-back"})
_FOUND = 8  # speakers and articles offered per query


def _plain(text: str) -> Content:
    return Content(one_line(text))


class SeedreadCommands(Provider):
    """Key-table commands, speakers and articles."""

    @property
    def seedread(self) -> SeedreadApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def _commands(self) -> list[tuple[str, Key, Callable[[], object]]]:
        """(text, key, callback) for every key-table command that works where the palette
        was opened."""
        from tui.app.views.base import CorpusView
        from tui.app.views.speakers import SpeakersScreen

        screen = self.screen
        found = []
        for key in KEYS:
            if key.id in _SKIP or key.where not in _PLACES:
                continue
            if key.where == "view" and not isinstance(screen, CorpusView):
                continue
            if key.where == "speakers" and not isinstance(screen, SpeakersScreen):
                continue
            target = self.app if key.where == "app" else screen
            name = key.action.split("(")[0]
            if not target.check_action(name, ()):
                continue
            found.append((key.description, key,
                          lambda a=key.action, t=target: self.app.run_action(a, t)))
        return found

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for text, key, callback in self._commands():
            yield DiscoveryHit(_plain(text), callback, text=text, help=f"key: {key.label}")

    async def search(self, query: str) -> Hits:
        """Commands, speakers and articles matching ``query``."""
        matcher = self.matcher(query)
        for text, key, callback in self._commands():
            score = matcher.match(text)
            if score > 0:
                display = _plain(text)
                yield Hit(score, display, callback, text=text, help=f"key: {key.label}")
        if len(query.strip()) < 2:
            return
        for score, text, callback in await asyncio.to_thread(self._speakers, query):
            yield Hit(score, _plain(text), callback, text=text)
        searcher = self.seedread.searcher()  # made on the event loop, used in a thread
        for score, text, callback in await asyncio.to_thread(self._articles, query, searcher):
            yield Hit(score, _plain(text), callback, text=text)

    def _speakers(self, query: str) -> list[tuple[float, str, Callable[[], object]]]:
        """"Go to speaker" for the speakers ``query`` finds (typos forgiven)."""
        app = self.seedread
        finder = app.catalog_holder.finder()
        found = app.catalog_holder.loaded
        if finder is None or found is None:
            return []
        numbers = finder.find(query) or []
        return [(0.6 - n * 0.02, f"Go to speaker: {found.entries[number].name}",
                 lambda number=number: app.show_speaker(number))
                for n, number in enumerate(numbers[:_FOUND])]

    def _articles(self, query: str, searcher: IndexSearch | None,
                  ) -> list[tuple[float, str, Callable[[], object]]]:
        """"Go to article" for the articles the reader's search finds."""
        app = self.seedread
        if searcher is None:
            return []
        rows = searcher.rows
        return [(0.5 - n * 0.02, f"Go to article: {rows[hit.doc].title}",
                 lambda ident=rows[hit.doc].id: app.open_quotation(ident, None))
                for n, hit in enumerate(searcher.search(query, limit=_FOUND))]
