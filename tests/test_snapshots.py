"""SVG snapshots of the main screens (update with ``pytest --snapshot-update``)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tui.app.app import SeedreadApp

HERE = Path(__file__).parent
SEEDS = HERE.parent / "seeds"
CORPUS = HERE / "fixtures" / "corpus"


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.query_one("#search", Input).cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_on_the_seed(snap_compare) -> None:
    app = SeedreadApp([SEEDS], label="seeds", no_cache=True)
    assert snap_compare(app, terminal_size=(120, 36),
                        run_before=_settle)


def test_main_screen_on_the_seed_at_80x24(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("n")
        await _settle(pilot)

    app = SeedreadApp([SEEDS], label="seeds", no_cache=True)
    assert snap_compare(app, terminal_size=(80, 24),
                        run_before=run_before)


def test_light_theme_at_200x50(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("ctrl+t", "n", "n")
        await _settle(pilot)

    app = SeedreadApp([SEEDS], label="seeds", no_cache=True)
    assert snap_compare(app, terminal_size=(200, 50),
                        run_before=run_before)


def test_search_in_progress(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"clinton")
        await _settle(pilot)

    app = SeedreadApp([CORPUS], label="corpus", no_cache=True)
    assert snap_compare(app, terminal_size=(120, 36),
                        run_before=run_before)


def test_help_screen(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    app = SeedreadApp([SEEDS], label="seeds", no_cache=True)
    assert snap_compare(app, terminal_size=(100, 40),
                        run_before=run_before)


async def _settle_view(pilot) -> None:
    await _settle(pilot)
    for box in pilot.app.screen.query(".view-search").results(Input):
        box.cursor_blink = False
    await _settle(pilot)


def test_speakers_view(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("2")
        await _settle_view(pilot)
        await pilot.press("j")
        await _settle_view(pilot)

    app = SeedreadApp([CORPUS], label="corpus", no_cache=True)
    assert snap_compare(app, terminal_size=(140, 36), run_before=run_before)


def test_speakers_view_searched_sorted_by_name_weekly(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("2")
        await _settle_view(pilot)
        await pilot.press("slash", *"clinton", "enter", "s", "s", "t")
        await _settle_view(pilot)

    app = SeedreadApp([CORPUS], label="corpus", no_cache=True)
    assert snap_compare(app, terminal_size=(120, 30), run_before=run_before)


def test_quotations_view(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("3")
        await _settle_view(pilot)

    app = SeedreadApp([CORPUS], label="corpus", no_cache=True)
    assert snap_compare(app, terminal_size=(140, 36), run_before=run_before)


def test_quotations_view_filtered(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("3")
        await _settle_view(pilot)
        await pilot.press("slash", *"kind:direct date:2016 | win")
        await _settle_view(pilot)

    app = SeedreadApp([CORPUS], label="corpus", no_cache=True)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
