"""The export dialog: ask a file name, ask before overwriting, write, report.

The writing itself is :func:`tui.core.export_file.write_records`, handed in as
``write``; errors (a missing folder, permission denied, a name without ``.jsonl`` or
``.csv``) are shown in the dialog, which stays open with the name typed so far.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.app.screens.confirm import ConfirmScreen
from tui.core.export_file import ExportError, FileExists, format_of
from tui.core.textsafe import one_line

#: Writes the records to a path (overwriting if told); returns how many rows.
Writer = Callable[[Path, bool], int]


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

    def compose(self) -> ComposeResult:
        """What is exported, the file name, a line for errors, the keys."""
        with Vertical():
            what = one_line(self.what)
            if self.count == 1 and what.endswith("s"):
                what = what[:-1]  # 1 document, 1 quotation, 1 speaker
            yield Static(Text(f"Export {self.count:,} {what} shown to:"))
            yield Input(str(self.default), id="export-path")
            yield Static("", id="export-error")
            yield Static(Text("enter: save (.jsonl: JSON lines, .csv: CSV) · esc: cancel"),
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
        """Write in a thread (100k rows take a second or so); the dialog waits."""
        box = self.query_one("#export-path", Input)
        box.disabled = True
        self.writing = True
        self.query_one("#export-error", Static).update(
            Text(f"writing {self.count:,} rows to {one_line(str(path))} …"))
        self._write(path, overwrite)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, path: Path, overwrite: bool) -> None:
        try:
            rows = self.write(path, overwrite)
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
        box = self.query_one("#export-path", Input)
        box.disabled = False
        if rows is not None:
            self.dismiss((path, rows))
            return
        box.focus()
        if error == "exists":
            self._error("")
            self._ask_overwrite(path)
        else:
            self._error(error)

    def action_cancel(self) -> None:
        """Close without writing (not while writing: that ends by itself, soon)."""
        if not self.writing:
            self.dismiss(None)
