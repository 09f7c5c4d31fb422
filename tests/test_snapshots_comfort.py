"""SVG snapshots of the export dialog and the overwrite question (update with
``pytest --snapshot-update``)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tui.app.app import SeedreadApp

SEEDS = Path(__file__).parent.parent / "seeds"


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_export_dialog(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("e")
        await _settle(pilot)
        pilot.app.screen.query_one("#export-path", Input).value = "/no/such/folder/out.jsonl"
        await pilot.press("enter")
        await _settle(pilot)

    app = SeedreadApp([SEEDS], label="seeds", no_cache=True)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_overwrite_question(snap_compare, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("x\n")

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("e")
        await _settle(pilot)
        box = pilot.app.screen.query_one("#export-path", Input)
        box.value = str(target)
        await pilot.press("enter")
        await _settle(pilot)
        # The path differs from run to run: show a fixed one.
        question = pilot.app.screen.query_one("#confirm-question")
        question.update("/home/reader/out.csv exists. Overwrite it?")
        box.value = "/home/reader/out.csv"
        await pilot.pause()

    app = SeedreadApp([SEEDS], label="seeds", no_cache=True)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
