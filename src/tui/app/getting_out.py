"""Getting quotations out of the app: ``y`` copy a quotation, ``Y`` the article, ``e``
export what the view shows, ``o`` open the article's file in ``$EDITOR``.

Each action asks the active view through :func:`tui.app.quotation_source.view_method`
(the active screen when it implements the method, else the reader). Everything that
reaches the clipboard or a notification is plain text with control characters made
visible.
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel

from tui.app.quotation_source import QuotationSource, rows_to_export, view_method
from tui.app.screens.export import ExportScreen
from tui.core.citation import article_text, citation
from tui.core.editor import editor_command, line_of_record
from tui.core.export_file import inside_corpus, write_records
from tui.core.loaders.discover import os_reason
from tui.core.textsafe import one_line

_SHOWN_CHARACTERS = 90  # of a copied quotation, in the notification
_LONG_COPY = 100_000  # bytes; terminals cap OSC 52 at different sizes, some near this


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def default_export_path(name: str, corpus: list[str], today: datetime.date | None = None,
                        folder: Path | None = None) -> Path:
    """``seedread-NAME-YYYYMMDD.jsonl`` in the current folder (in the home folder when the
    current one is inside the corpus, where an export would be read back as articles)."""
    day = (today or datetime.date.today()).strftime("%Y%m%d")
    folder = folder or Path.cwd()
    if inside_corpus(folder / "x.jsonl", corpus) is not None:
        folder = Path.home()
    return folder / f"seedread-{name}-{day}.jsonl"


class GettingOut(App[None]):
    """The ``y``, ``Y``, ``e`` and ``o`` actions, for :class:`tui.app.app.SeedreadApp`.

    The app provides ``reader`` (its own :class:`QuotationSource`), ``paths`` (the
    corpus roots, never written into) and ``reader_scroll`` / ``restore_reader_scroll``.
    """

    reader: QuotationSource
    paths: list[str]

    def ask_view(self, name: str) -> Callable[[], Any]:
        """The active view's method ``name`` (the reader's when the screen lacks it)."""
        return view_method(self.screen, self.reader, name)

    def _say(self, message: str, severity: SeverityLevel = "information") -> None:
        self.notify(one_line(message), severity=severity, markup=False)

    def action_copy_quote(self) -> None:
        """Copy the view's quotation as ``“text” — Speaker, Role (Source, date)``."""
        found = self.ask_view("quotation_to_copy")()
        if found is None:
            self._say("No quotation to copy here.", "warning")
            return
        doc, index = found
        text = citation(doc, index)
        self.copy_to_clipboard(text)
        shown = text if len(text) <= _SHOWN_CHARACTERS else text[:_SHOWN_CHARACTERS] + "…"
        self._say(f"Copied: {shown}")

    def action_copy_article(self) -> None:
        """Copy the whole article of the view as plain text."""
        doc = self.ask_view("document_to_open")()
        if doc is None:
            self._say("No article to copy here.", "warning")
            return
        text = article_text(doc)
        self.copy_to_clipboard(text)
        note = (" (long: some terminals keep only the first 100 kB or so of what is copied)"
                if len(text.encode("utf-8")) > _LONG_COPY else "")
        self._say(f"Copied the article ({len(text):,} characters){note}: {doc.title}")

    def action_export(self) -> None:
        """Ask for a file name and write the rows the view shows there.

        What is shown is fixed now (a search typed later, or a refresh of the index, does
        not change it); the rows themselves are read in the dialog's thread, as written.
        """
        name = self.ask_view("export_name")()
        rows = rows_to_export(self.screen, self.reader)
        if not rows.count:
            self._say("Nothing shown, nothing to export.", "warning")
            return
        corpus = list(self.paths)

        def write(path: Path, overwrite: bool, on_progress: Callable[[int], None],
                  should_stop: Callable[[], bool]) -> int:
            return write_records(path, rows.produce(), overwrite=overwrite, corpus=corpus,
                                 on_progress=on_progress, should_stop=should_stop)

        def done(result: tuple[Path, int] | None) -> None:
            if result is not None:
                path, rows = result
                what = name[:-1] if rows == 1 and name.endswith("s") else name
                self._say(f"Exported {rows:,} {what} to {path}")

        default = default_export_path(name, corpus)
        self.push_screen(ExportScreen(name, rows.count, default, write), done)

    def action_open_editor(self) -> None:
        """Open the view's article file in ``$EDITOR`` (``$PAGER``, less, vi) and come
        back to the same place."""
        doc = self.ask_view("document_to_open")()
        if doc is None:
            self._say("No article to open here.", "warning")
            return
        path = Path(doc.path)
        if not path.is_file():
            self._say(f"Cannot open {path}: the file is gone.", "error")
            return
        driver = self._driver
        if driver is None or not driver.can_suspend:
            self._say("Cannot open an editor here: this app is not running in a terminal "
                      "(served in a browser?).", "warning")
            return
        command = editor_command(path, line_of_record(doc.format, doc.record))
        if command is None:
            self._say("No editor: set $EDITOR (or $PAGER).", "warning")
            return
        before = _mtime(path)
        place = self.reader_scroll()
        failure = ""
        with self.suspend():
            # Nothing may escape this block: the app resumes only when it ends normally.
            try:
                status = subprocess.run(command, check=False).returncode
            except OSError as exc:
                failure = f"Could not run {command[0]}: {os_reason(exc)}."
            except KeyboardInterrupt:
                failure = f"{command[0]} was interrupted."
            else:
                if status:
                    failure = f"{command[0]} exited with status {status}."
        self.call_after_refresh(self.restore_reader_scroll, place)
        if failure:
            self._say(failure, "warning")
        if _mtime(path) != before:
            self._say(f"{path.name} changed: open the corpus again to read the changes "
                      "(what is shown is the version indexed).", "warning")

    def reader_scroll(self) -> object:
        """Where the reader is, to come back to (the app overrides this)."""
        return None

    def restore_reader_scroll(self, place: object) -> None:
        """Go back to ``place`` from :meth:`reader_scroll` (the app overrides this)."""
