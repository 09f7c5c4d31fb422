"""The export dialog: ask a file name, ask before overwriting, write, report.

The writing itself is :func:`tui.core.export_file.write_records`, handed in as
``write`` and run in a thread worker, the rows written counted in the dialog as they go;
``esc`` while writing cancels (the temporary file is removed: nothing is left). Errors
(a missing folder, permission denied, a name without ``.jsonl`` or ``.csv``) are shown in
the dialog, which stays open with the name typed so far.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static

from tui.app.screens.confirm import ConfirmScreen
from tui.core.export_file import ExportCancelled, ExportError, FileExists, format_of
from tui.core.textsafe import one_line

#: Writes the records to a path (overwriting if told), telling the rows written so far
#: and stopping when asked (see :func:`tui.core.export_file.write_records`); returns how
#: many rows.
Writer = Callable[[Path, bool, Callable[[int], None], Callable[[], bool]], int]
_HINT = "enter: save (.jsonl: JSON lines, .csv: CSV) · esc: cancel"
_PROGRESS_EVERY = 0.1  # seconds between updates of the count of rows written
_PAUSE_EVERY, _PAUSE = 128, 0.001  # rows, seconds: the writing thread's pauses


class ExportScreen(ModalScreen[tuple[Path, int] | None]):
    """Dismissed with (path, rows written), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export-cancel")]

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 90; max-width: 95%; height: auto; padding: 0 1;
        background: $panel; border: thick $primary;
    }
    ExportScreen #export-error { color: $text-error; }
    ExportScreen #export-hint { color: $text-muted; }
    """

    def __init__(self, what: str, count: int, default: Path, write: Writer) -> None:
        super().__init__()
        self.what = what
        self.count = count
        self.default = default
        self.write = write
        self.writing = False
        self._stop = threading.Event()  # set by esc while writing
        self._done = 0  # rows written so far, set by the writing thread
        self._ticker: Timer | None = None  # shows ``_done`` while writing

    def compose(self) -> ComposeResult:
        """What is exported, the file name, a line for errors, the keys."""
        with Vertical():
            what = one_line(self.what)
            if self.count == 1 and what.endswith("s"):
                what = what[:-1]  # 1 document, 1 quotation, 1 speaker
            yield Static(Text(f"Export {self.count:,} {what} shown to:"))
            yield Input(str(self.default), id="export-path")
            yield Static("", id="export-error")
            yield Static(Text(_HINT),
                         id="export-hint")

    def on_mount(self) -> None:
        """Put the cursor in the name, at its end."""
        self.query_one("#export-path", Input).focus()

    def _error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(Text(one_line(message)))

    @on(Input.Submitted, "#export-path")
    def _submitted(self, message: Input.Submitted) -> None:
        value = message.value.strip()
        if not value:
            self._error("type a file name")
            return
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        try:
            format_of(path)
        except ExportError as exc:
            self._error(str(exc))
            return
        if path.is_file():
            self._ask_overwrite(path)
        else:
            self._save(path, overwrite=False)

    def _ask_overwrite(self, path: Path) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._save(path, overwrite=True)
            else:
                self._error(f"{path} exists; not overwritten: give another name")

        self.app.push_screen(ConfirmScreen(f"{one_line(str(path))} exists. Overwrite it?"),
                             answered)

    def _save(self, path: Path, overwrite: bool) -> None:
        """Write in a thread (two million rows take half a minute); the dialog counts the
        rows written, and ``esc`` cancels."""
        box = self.query_one("#export-path", Input)
        box.disabled = True
        self.writing = True
        self._stop.clear()
        self._done = 0
        self._show_progress(path)
        self._ticker = self.set_interval(_PROGRESS_EVERY, lambda: self._show_progress(path))
        self.query_one("#export-hint", Static).update(Text("esc: cancel (nothing is left)"))
        self._write(path, overwrite)

    def _show_progress(self, path: Path) -> None:
        if not self.writing or self._stop.is_set():
            return
        self.query_one("#export-error", Static).update(
            Text(f"writing to {one_line(str(path))} … {self._done:,} of {self.count:,} rows"))

    def _count(self, written: int) -> None:
        # From the writing thread: one int stored (the timer above shows it); never a
        # call into the UI thread, which would make the writing wait for the UI.
        self._done = written
        if not written % _PAUSE_EVERY:
            # Let the UI thread have the GIL: a thread busy in Python keeps it for whole
            # switch intervals, and the UI, which gives it up at every wait, crawls
            # (191,707 rows: 3 redraws of the count in 2.3 s without pauses, 21 in 4.1 s).
            time.sleep(_PAUSE)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, path: Path, overwrite: bool) -> None:
        try:
            rows = self.write(path, overwrite, self._count, self._stop.is_set)
        except ExportCancelled:
            self.app.call_from_thread(self._written, path, None, "cancelled")
        except FileExists:  # appeared meanwhile
            self.app.call_from_thread(self._written, path, None, "exists")
        except ExportError as exc:
            self.app.call_from_thread(self._written, path, None, str(exc))
        except Exception as exc:  # a record that JSON or CSV cannot hold, or worse
            self.app.call_from_thread(
                self._written, path, None,
                f"could not write {path}: {type(exc).__name__}: {exc}; nothing was written")
        else:
            self.app.call_from_thread(self._written, path, rows, "")

    def _written(self, path: Path, rows: int | None, error: str) -> None:
        self.writing = False
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        box = self.query_one("#export-path", Input)
        box.disabled = False
        self.query_one("#export-hint", Static).update(Text(_HINT))
        if rows is not None:
            self.dismiss((path, rows))
            return
        if error == "cancelled":
            self.app.notify(f"Export cancelled: nothing was written to {one_line(str(path))}",
                            markup=False)
            self.dismiss(None)
            return
        box.focus()
        if error == "exists":
            self._error("")
            self._ask_overwrite(path)
        else:
            self._error(error)

    def action_cancel(self) -> None:
        """Close without writing; while writing, stop (the dialog closes once the thread
        has removed its temporary file, at its next row)."""
        if not self.writing:
            self.dismiss(None)
            return
        self._stop.set()
        self.query_one("#export-error", Static).update(Text("cancelling…"))

    def on_unmount(self) -> None:
        """A dialog taken away while writing (the app quitting) stops the writing."""
        self._stop.set()
