"""Getting quotations out of the reader, and its comforts, driven as a person would:
y / Y copy, e export, o open in $EDITOR, the keymap file, the theme and search history."""

from __future__ import annotations

import base64
import contextlib
import csv
import json
import re
import threading
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import WorkerCancelled

from tui.app.app import SeedreadApp
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.export import ExportScreen
from tui.app.screens.help import HelpScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.document_list import DocumentList
from tui.core.citation import citation
from tui.core.export_file import ExportRows
from tui.core.model import Document

HERE = Path(__file__).parent
SEEDS = HERE.parent / "seeds"
CORPUS = HERE / "fixtures" / "corpus"


async def settle(pilot) -> None:
    """Wait for the workers and the screen. A worker cancelled meanwhile (the export's,
    when its dialog closes on esc) is done too: ``wait_for_complete`` would raise for it."""
    for _ in range(2):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()


def notes_of(app: SeedreadApp) -> list[str]:
    """Record every notification's message."""
    notes: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs) -> None:
        notes.append(message)
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return notes


# -- y / Y ------------------------------------------------------------------------------


async def test_y_copies_the_current_quotation_cited() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView)
        doc = article.document
        await pilot.press("y")  # no current quotation: the article's first
        assert app.clipboard == citation(doc, 0)
        await pilot.press("n", "n", "y")
        await pilot.pause()
        assert article.current == 1
        assert app.clipboard == citation(doc, 1)
        assert app.clipboard.startswith("“") and "” — " in app.clipboard
        assert app.clipboard.endswith("(TASS, 2021-12-23)")
        assert "\n" not in app.clipboard


async def test_Y_copies_the_whole_article() -> None:
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "Y")
        doc = app.query_one(ArticleView).document
        assert app.clipboard.startswith(doc.title)
        assert doc.text.strip()[-40:] in app.clipboard


async def test_clipboard_payload_carries_no_escape(tmp_path: Path) -> None:
    (tmp_path / "hostile.txt").write_text(
        'Title\n\n"Set \x1b]52;c;cm0gLXJmIH4=\x07 now \x1b[2J," she said.\n',
        encoding="utf-8")
    app = SeedreadApp([tmp_path], no_cache=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        written: list[str] = []
        app._driver.write = written.append  # the OSC 52 sequence goes to the terminal here
        await pilot.press("y")
        assert "\x1b" not in app.clipboard and "\x07" not in app.clipboard
        assert "␛]52;c;cm0gLXJmIH4=␇" in app.clipboard
        await pilot.press("Y")
        payloads = [re.fullmatch(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", data)
                    for data in written]
        decoded = [base64.b64decode(m.group(1)).decode() for m in payloads if m]
        assert len(decoded) == 2
        for text in decoded:
            assert "\x1b" not in text and "\x07" not in text and "␛[2J" in text


async def test_y_without_a_quotation_says_so(tmp_path: Path) -> None:
    (tmp_path / "quiet.txt").write_text("Nothing quoted\n\nJust facts.\n", encoding="utf-8")
    app = SeedreadApp([tmp_path], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        notes = notes_of(app)
        await pilot.press("y")
        assert app.clipboard == ""
        assert notes == ["No quotation to copy here."]


# -- e ----------------------------------------------------------------------------------


async def _export(pilot, name: str) -> None:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportScreen)
    box = pilot.app.screen.query_one("#export-path", Input)
    box.value = name
    await pilot.press("enter")
    await settle(pilot)  # written in a thread


async def test_export_writes_what_the_list_shows(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = notes_of(app)
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        default = Path(screen.query_one("#export-path", Input).value)
        assert default.parent == tmp_path
        assert re.fullmatch(r"seedread-documents-\d{8}\.jsonl", default.name)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        records = [json.loads(line) for line in default.read_text().splitlines()]
        assert [r["id"] for r in records] == [row.doc_id for row in app.rows]
        assert set(records[0]) == {"id", "path", "title", "date", "source", "place",
                                   "quotations"}
        assert notes[-1] == f"Exported 6 documents to {default}"
        # Filtered: only what the search shows, in its order, as CSV.
        await pilot.press("slash", *"trmp", "enter")
        await settle(pilot)
        shown = [app.rows[d].title for d in app.query_one(DocumentList)._rows]
        assert 1 <= len(shown) < 6
        await _export(pilot, "trump.csv")
        with open(tmp_path / "trump.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [row["title"] for row in rows] == shown


async def test_export_asks_before_overwriting(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("precious\n")
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _export(pilot, str(target))
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen), "the dialog stays, the name kept"
        assert "not overwritten" in str(app.screen.query_one("#export-error", Static).render())
        assert target.read_text() == "precious\n"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen | ConfirmScreen)
        assert json.loads(target.read_text())["title"].startswith("Italy might help")


@pytest.mark.parametrize(("name", "error"), [
    ("missing/out.jsonl", "no such folder"),
    ("out.txt", "end the name in .jsonl or .csv"),
])
async def test_export_errors_show_in_the_dialog(tmp_path: Path, name: str,
                                                error: str) -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _export(pilot, str(tmp_path / name))
        assert isinstance(app.screen, ExportScreen)
        assert error in str(app.screen.query_one("#export-error", Static).render())
        assert list(tmp_path.iterdir()) == []
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1


async def test_export_refuses_to_write_into_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    app = SeedreadApp([tmp_path], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _export(pilot, str(tmp_path / "a.txt.csv"))
        assert "inside the corpus" in str(app.screen.query_one("#export-error").render())
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# -- o ----------------------------------------------------------------------------------


@pytest.fixture
def suspendable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the headless driver suspend as a terminal's would (doing nothing)."""
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda self: True))
    monkeypatch.setattr(HeadlessDriver, "suspend_application_mode", lambda self: None)
    monkeypatch.setattr(HeadlessDriver, "resume_application_mode", lambda self: None)


def fake_editor(folder: Path, name: str = "fake-editor") -> tuple[Path, Path]:
    """A script that records its arguments, one a line."""
    log = folder / "args.txt"
    script = folder / name
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do echo "$a"; done > "{log}"\n')
    script.chmod(0o755)
    return script, log


async def test_o_opens_the_file_in_the_editor_and_comes_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suspendable: None) -> None:
    script, log = fake_editor(tmp_path)
    monkeypatch.setenv("EDITOR", f"'{script}' --wait")
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n", "n", "n")
        await pilot.pause()
        article = app.query_one(ArticleView)
        place = (article.scroll_offset.y, article.current)
        assert place[0] > 0
        await pilot.press("o")
        await settle(pilot)
        assert log.read_text().splitlines() == ["--wait", article.document.path]
        assert (article.scroll_offset.y, article.current) == place
        assert app.focused is article


async def test_o_on_a_json_lines_record_starts_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suspendable: None) -> None:
    script, log = fake_editor(tmp_path, "vim")
    monkeypatch.setenv("EDITOR", str(script))
    app = SeedreadApp([CORPUS / "agency.jsonl"], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("j", "o")
        await settle(pilot)
        doc = app.query_one(ArticleView).document
        assert log.read_text().splitlines() == [f"+{doc.record}", doc.path]


async def test_o_uses_the_pager_and_reports_a_failing_editor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suspendable: None) -> None:
    script, log = fake_editor(tmp_path)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PAGER", str(script))
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        notes = notes_of(app)
        await pilot.press("o")
        await settle(pilot)
        assert log.exists()
        monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
        await pilot.press("o")
        await settle(pilot)
        assert any("Could not run" in note for note in notes)
        assert app.is_running


async def test_o_without_a_terminal_says_it_cannot(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    script, log = fake_editor(tmp_path)
    monkeypatch.setenv("EDITOR", str(script))
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        notes = notes_of(app)
        await pilot.press("o")
        await settle(pilot)
        assert not log.exists()
        assert "Cannot open an editor here" in notes[-1]


# -- the protocol: a view screen is asked first -----------------------------------------


class _QuotesScreen(Screen[None]):
    """A stand-in for the views engineer's screens."""

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def export_name(self) -> str:
        return "quotations"

    def export_records(self) -> list[dict[str, object]]:
        return [{"speaker": "A", "text": "one"}, {"speaker": "B", "text": "two"}]

    def quotation_to_copy(self) -> tuple[Document, int] | None:
        return self.doc, len(self.doc.quotations) - 1


async def test_keys_ask_the_active_view_first(tmp_path: Path) -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        doc = app.query_one(ArticleView).document
        await app.push_screen(_QuotesScreen(doc))
        await pilot.press("y")
        assert app.clipboard == citation(doc, len(doc.quotations) - 1)
        await pilot.press("Y")  # the screen has no document_to_open: the reader's
        assert app.clipboard.startswith(doc.title[:20])
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        assert "seedread-quotations-" in box.value
        box.value = str(tmp_path / "q.jsonl")
        await pilot.press("enter")
        await settle(pilot)
        lines = (tmp_path / "q.jsonl").read_text().splitlines()
        assert [json.loads(line)["speaker"] for line in lines] == ["A", "B"]


# -- the keymap file, the theme, search history -----------------------------------------


async def test_keys_are_remapped_from_the_config_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('[keys]\ncopy-quote = "c"\nnext-quote = "space"\n')
    monkeypatch.setenv("SEEDREAD_CONFIG_DIR", str(config))
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == ""
        await pilot.press("space", "c")
        doc = app.query_one(ArticleView).document
        assert app.query_one(ArticleView).current == 0
        assert app.clipboard == citation(doc, 0)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = {description: keys for _, keys, description in app.screen.entries}
        assert shown["Next quotation in the article"] == "space"
        assert shown[next(d for d in shown if d.startswith("Copy the quotation"))] == "c"


async def test_a_bad_config_file_gives_a_message_and_the_defaults(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.toml").write_text("[keys\ny = ")
    monkeypatch.setenv("SEEDREAD_CONFIG_DIR", str(tmp_path))
    app = SeedreadApp([SEEDS], no_cache=True)
    assert app.config.keymap == {} and "not valid TOML" in app.config.messages[0]
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard.startswith("“")


async def test_theme_is_remembered_across_runs(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEEDREAD_STATE_DIR", str(tmp_path))
    app = SeedreadApp([SEEDS], cache_dir=tmp_path / "cache")
    async with app.run_test() as pilot:
        await settle(pilot)
        app.theme = "nord"  # as the palette's "Theme" command does
        await pilot.pause()
    assert json.loads((tmp_path / "state.json").read_text())["theme"] == "nord"
    again = SeedreadApp([SEEDS], cache_dir=tmp_path / "cache")
    async with again.run_test() as pilot:
        await settle(pilot)
        assert again.theme == "nord"
    quiet = SeedreadApp([SEEDS], no_cache=True)  # --no-cache reads but never writes
    async with quiet.run_test() as pilot:
        await settle(pilot)
        assert quiet.theme == "nord"
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert json.loads((tmp_path / "state.json").read_text())["theme"] == "nord"


async def test_search_history_recalls_earlier_queries_across_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEEDREAD_STATE_DIR", str(tmp_path))
    app = SeedreadApp([CORPUS], cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"putin", "enter")
        await pilot.press("slash", "ctrl+u", *"clinton", "enter")
        await pilot.press("slash", "ctrl+u", *"clinton", "enter")  # no repeat
        await settle(pilot)
    assert (tmp_path / "history").read_text().splitlines() == ['"putin"', '"clinton"']
    again = SeedreadApp([CORPUS], cache_dir=tmp_path / "cache")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"mu")
        search = again.query_one("#search", Input)
        await pilot.press("up")
        assert search.value == "clinton"
        await pilot.press("up", "up")
        assert search.value == "putin", "stops at the oldest"
        await pilot.press("down")
        assert search.value == "clinton"
        await pilot.press("down")
        assert search.value == "mu", "back to what was being typed"
        await pilot.press("up", "x")
        await pilot.press("down")
        assert search.value == "clintonx", "an edited recall is the draft now"
        # An edit and two recalls before any message is handled (one terminal read): the
        # edit's late Changed message must not end the recall.
        search.value = ""
        search.action_history_back()
        search.action_history_back()
        await pilot.pause()
        assert search.value == "putin"
        await pilot.press("down")
        assert search.value == "clinton"
        await settle(pilot)
        assert again.query_one(DocumentList).row_count >= 0


async def test_search_history_is_not_written_under_no_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEEDREAD_STATE_DIR", str(tmp_path))
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"putin", "enter", "slash", "ctrl+u", "up")
        assert app.query_one("#search", Input).value == "putin", "kept for this run"
    assert list(tmp_path.iterdir()) == []


async def test_help_lists_the_new_keys() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = {description: keys for _, keys, description in app.screen.entries}
        assert shown["Copy the whole article"] == "Y"
        assert shown["Export what the view shows (JSONL or CSV)"] == "e"
        assert shown["Open the article's file in $EDITOR (or $PAGER)"] == "o"
        await pilot.press("escape", "slash", "f1")
        await pilot.pause()
        shown = {description: keys for _, keys, description in app.screen.entries}
        assert shown["In the search box: the search before (history)"] == "up"


async def test_view_keys_are_off_under_a_modal() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("question_mark", "y", "e")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.clipboard == ""
        assert len(app.screen_stack) == 2


async def test_a_key_given_twice_in_the_config_is_reported_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.toml").write_text('[keys]\ncopy-quote = "n"\n')
    monkeypatch.setenv("SEEDREAD_CONFIG_DIR", str(tmp_path))
    app = SeedreadApp([SEEDS], no_cache=True)
    notes = notes_of(app)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n", "j", "n")
        await pilot.pause()
        clashes = [note for note in notes if "only one of them gets it" in note]
        assert clashes == ["config: [keys] gives 'n' to next-quote and copy-quote; only one "
                           "of them gets it"]
        assert app.clipboard.startswith("“"), "n copies now, as the file says"


def test_default_export_name_keeps_out_of_the_corpus(tmp_path: Path) -> None:
    import datetime

    from tui.app.getting_out import default_export_path

    day = datetime.date(2024, 1, 2)
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    assert default_export_path("quotations", [str(corpus)], day, tmp_path) == (
        tmp_path / "seedread-quotations-20240102.jsonl")
    assert default_export_path("documents", [str(corpus)], day, corpus / "sub") == (
        Path.home() / "seedread-documents-20240102.jsonl")


class _BadRecordsScreen(_QuotesScreen):
    def export_records(self) -> list[dict[str, object]]:
        return [{"ok": 1}, {"bad": object()}]


async def test_a_record_that_cannot_be_written_is_said_in_the_dialog(tmp_path: Path) -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(_BadRecordsScreen(app.query_one(ArticleView).document))
        await _export(pilot, str(tmp_path / "bad.jsonl"))
        assert isinstance(app.screen, ExportScreen)
        error = str(app.screen.query_one("#export-error", Static).render())
        assert "TypeError" in error and "nothing was written" in error
        assert list(tmp_path.iterdir()) == []
        assert not app.screen.query_one("#export-path", Input).disabled


class _HeldExportScreen(_QuotesScreen):
    """Rows produced one by one, held after the first until ``release`` is set."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self.release = threading.Event()
        self.threads: set[str] = set()

    def export_rows(self) -> ExportRows:
        def produce():
            self.threads.add(threading.current_thread().name)
            yield {"speaker": "A", "text": "one"}
            self.release.wait(10)
            yield {"speaker": "B", "text": "two"}
            yield {"speaker": "C", "text": "three"}

        return ExportRows(3, produce)


async def _until(pilot, condition) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("never happened")


@pytest.mark.parametrize("cancel", [False, True])
async def test_export_writes_in_its_thread_counting_and_esc_cancels(tmp_path: Path,
                                                                   cancel: bool) -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = notes_of(app)
        view = _HeldExportScreen(app.query_one(ArticleView).document)
        await app.push_screen(view)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert "Export 3 quotations" in str(dialog.query_one(Static).render())
        dialog.query_one("#export-path", Input).value = str(tmp_path / "q.jsonl")
        await pilot.press("enter")
        error = dialog.query_one("#export-error", Static)
        # Held after one row: the dialog says so, and keys are answered meanwhile.
        await _until(pilot, lambda: "1 of 3 rows" in str(error.render()))
        assert view.threads and threading.main_thread().name not in view.threads
        if cancel:
            await pilot.press("escape")
            await pilot.pause()
            assert "cancelling" in str(error.render()), "esc answered while the rows wait"
            view.release.set()
            await settle(pilot)
            assert app.screen is view
            assert list(tmp_path.iterdir()) == [], "no half file, no temporary file"
            assert notes[-1].startswith("Export cancelled")
        else:
            await pilot.press("x")  # typed while writing: the name box is off
            view.release.set()
            await settle(pilot)
            assert app.screen is view
            lines = (tmp_path / "q.jsonl").read_text().splitlines()
            assert [json.loads(line)["speaker"] for line in lines] == ["A", "B", "C"]
            assert notes[-1] == f"Exported 3 quotations to {tmp_path / 'q.jsonl'}"
