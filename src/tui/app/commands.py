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
            allowed = (self.seedread.allowed_on(name, screen) if key.where == "app"
                       else screen.check_action(name, ()))
            if not allowed:
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
        searcher = self.seedread.searcher()  # made on the event loop, used in a thread
        found = await asyncio.to_thread(self._speakers, query)
        found += await asyncio.to_thread(self._articles, query, searcher)
        for order, (name, text, callback) in enumerate(found):
            # Ranked with the commands by the same matcher, on the name or title; what only
            # the typo-forgiving search found still shows, below.
            score = matcher.match(name) or 1.0 - order * 0.01
            yield Hit(score, _plain(text), callback, text=text)

    def _speakers(self, query: str) -> list[tuple[str, str, Callable[[], object]]]:
        """(name, "Go to speaker: name", callback) for the speakers ``query`` finds (typos
        forgiven; grouped entries without quotations left out)."""
        app = self.seedread
        finder = app.catalog_holder.finder()
        found = app.catalog_holder.loaded
        if finder is None or found is None:
            return []
        entries = [found.entries[n] for n in finder.find(query) or []]
        return [(e.name, f"Go to speaker: {e.name}", lambda n=e.number: app.show_speaker(n))
                for e in entries if e.quotations][:_FOUND]

    def _articles(self, query: str, searcher: IndexSearch | None,
                  ) -> list[tuple[str, str, Callable[[], object]]]:
        """(title, "Go to article: title", callback) for the articles the reader's search
        finds."""
        app = self.seedread
        if searcher is None:
            return []
        rows = searcher.rows
        return [(rows[hit.doc].title, f"Go to article: {rows[hit.doc].title}",
                 lambda ident=rows[hit.doc].id: app.open_quotation(ident, None))
                for hit in searcher.search(query, limit=_FOUND)]
