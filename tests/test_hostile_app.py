"""The reader on a hostile corpus, driven through Textual's pilot: it stays responsive while
it indexes, lists every bad input in the problems view, and nothing a document holds reaches
the terminal as a control sequence or is read as markup.

What reaches the terminal is taken as Textual would write it: the screen's full update
rendered to the raw string the driver sends (``render_segments``). Textual's own sequences
there are cursor moves (``CSI row;col H``) and colours (``CSI … m``); anything else (an
escape, a bell, a C1 control, an OSC hyperlink) could only have come from a document.

The corpus is :func:`test_hostile.build_hostile`'s (escapes, markup, every encoding,
binaries, broken JSON lines and CSV, link loops) under a folder whose name is hostile too,
plus an article of 20,000 paragraphs, a single line over the 4 MB cap and 1,000 tiny files,
sized so the test takes seconds. Indexing is held at one file until the keys have been
tried, so "while indexing" is certain rather than a matter of timing.
"""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

import pytest

import tui.core.index.refresh as refresh_module
from test_hostile import ESC, FORBIDDEN, QUOTE, build_hostile, write
from tui.app.app import SeedreadApp
from tui.app.screens.help import HelpScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.document_list import DocumentList
from tui.core.loaders.stream import MB

#: Textual's own sequences in a screen update: cursor moves and colours.
TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[Hm]")


def terminal_output(app: SeedreadApp) -> str:
    """What Textual would write to the terminal to draw the current screen whole."""
    return app.screen._compositor.render_full_update().render_segments(app.console)


def shown(app: SeedreadApp) -> str:
    """The current screen's text, asserting first that what draws it is inert."""
    stream = terminal_output(app)
    rest = TEXTUAL_SEQUENCES.sub("", stream)
    found = FORBIDDEN.findall(rest)
    assert not found, f"control characters from a document reached the screen: {found[:8]!r}"
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def build(root: Path) -> None:
    build_hostile(root)
    # Mostly words, a quotation now and then: the engine's time is not what is tested.
    filler = "Words go on and on without a quotation. " * 40
    line = filler + QUOTE.format(payload="in a line that never ends") + " "
    write(root / "size" / "one_line.txt", line * (9 * MB // 2 // len(line)))
    write(root / "size" / "paragraphs.txt", "Twenty thousand paragraphs\n\n" + "\n\n".join(
        f'Clerk {n} said "paragraph {n}," he said.' if n % 100 == 0 else f"Paragraph {n}."
        for n in range(20_000)))
    for number in range(1000):
        write(root / "tiny" / f"{number // 100}" / f"{number:03}.txt",
              f'Ann Lee said "tiny {number}," she said.')
    write(root / "gate.txt", 'Ann Lee said "indexing waits for the test here," she said.')


async def until(pilot, condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("app") / ("corpus " + ESC + "]2;LABEL\x07[bold]")
    build(root)
    return root


async def test_keys_while_indexing_then_the_problems(hostile_root: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = hostile_root
    gate, reached = threading.Event(), threading.Event()
    real = refresh_module.analyse_file

    def gated(path: Path):  # type: ignore[no-untyped-def]
        if path.name == "gate.txt":
            reached.set()
            gate.wait(60)
        return real(path)

    monkeypatch.setattr(refresh_module, "analyse_file", gated)
    app = SeedreadApp([root], label=root.name, cache_dir=tmp_path / "cache", jobs=1)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        try:
            await until(pilot, reached.is_set)
            # -- while indexing: every key answers -------------------------------------
            assert app.indexing
            shown(app)  # the screen so far is inert
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            shown(app)
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
            await pilot.press("slash", *"fight")
            assert app.query_one("#search").value == "fight"
            await pilot.press("escape", "escape")
            assert not app.query_one("#search-row").display
            dark = app.current_theme.dark
            await pilot.press("ctrl+t")
            assert app.current_theme.dark is not dark
            await pilot.press("p")
            assert isinstance(app.screen, ProblemsScreen)
            await pilot.press("escape")
            assert app.indexing, "the keys were tried while indexing"
        finally:
            gate.set()
        await until(pilot, lambda: not app.indexing)
        await app.workers.wait_for_complete()
        await pilot.pause()

        # -- the problems view lists every bad input ----------------------------------
        problems = [str(problem) for problem in app.problems]
        for where, reason in [("enc_binary.txt", "binary"), ("enc_nul.txt", "binary"),
                              ("enc_empty.txt", "empty"), ("bad.jsonl:2", "not valid JSON"),
                              ("shape_deep.json", "nested too deeply"),
                              ("ragged.csv:3", "fields"), ("noheader.csv", "no text column"),
                              ("loop.txt", "symbolic links"), ("dangling.txt", "broken symbolic"),
                              ("enc_cp1252.txt", "decoded as cp1252"),
                              ("one_line.txt", "article truncated to its first 4 MB"),
                              ("one_line.txt", "quotations looked for in the first 1 MB")]:
            assert any(f"{where}:" in p and reason in p for p in problems), (where, reason)
        status = shown(app)
        assert f"{len(problems)} problems" in str(app.query_one("#status").render())
        assert "LABEL" in status and "␛]2;LABEL␇[bold]" in status  # the folder's own name
        assert "press p to see why" in status  # the notification, drawn
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        assert "problems while reading" in shown(app)  # drawn inert (the top of it)
        listed = str(app.screen.query_one("#problem-lines").render())  # all of it
        assert "enc_binary.txt  binary file" in listed and "bad.jsonl:2  not valid" in listed
        assert "latin_�_name.txt  file name is not valid UTF-8" in listed  # a hostile name
        await pilot.press("escape")
        assert app.is_running


async def test_every_hostile_document_drawn_inert(hostile_root: Path, tmp_path: Path) -> None:
    """Each document of the hostile corpus under the cursor, the article of 20,000
    paragraphs to its end, a search for markup, help: what is drawn holds no control
    character, and markup shows as the text it is."""
    root = hostile_root
    app = SeedreadApp([root], label=root.name, cache_dir=tmp_path / "cache", jobs=1)
    app.animation_level = "none"  # "end" scrolls at once
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: not app.indexing)
        await app.workers.wait_for_complete()
        await pilot.pause()
        documents = app.query_one(DocumentList)
        rows = app.rows
        assert documents.row_count == len(rows) > 1000
        seen = []
        for number, row in enumerate(rows):
            if any(part in row.path for part in ("/tiny/", "/size/", "/enc_", "/dates.")):
                continue  # no controls in these: the corpus's plain filler
            documents.cursor = number
            await pilot.pause()
            seen.append(shown(app))
        text = "\n".join(seen)
        for literal in ("[@click=app.quit]", "[bold red]", "$accent", "[link=http://evil",
                        "␛]0;PWNED␇", "␛]52;c;", "␛[2J"):
            assert literal in text, literal
        # the article of 20,000 paragraphs, its last one included
        documents.cursor = next(n for n, row in enumerate(rows)
                                if row.path.endswith("paragraphs.txt"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.focused, ArticleView))
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.scroll_offset.y == view.max_scroll_y > 40_000
        assert "Paragraph 19999." in shown(app)
        await pilot.press("n")
        shown(app)
        # search for markup: literal text, found, inert
        await pilot.press("escape", "slash")
        await pilot.press(*"[bold")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.hits, "markup is searched as text"
        shown(app)
        await pilot.press("question_mark")
        shown(app)
        await asyncio.sleep(0)
        assert app.is_running


def test_stepping_through_quotations_redoes_only_their_lines() -> None:
    """``n`` in an article of megabytes took seconds a press (the whole article laid out
    again), and so did each keystroke of a search that marked a hit in it; the emphasis and
    the marks now move in place. Stepping from any quotation (and marks) to any other gives
    exactly the lines a fresh layout gives, and the other lines are the very same
    objects."""
    from rich.console import Console

    from tui.app.article_render import emphasise, render_article
    from tui.app.palette import Palette
    from tui.core.model import Document
    from tui.core.quotes import extract_quotations

    names = ["Ann Lee", "Bob Roe", "Cy Day", "Di Fox", "Ed Gay", "Flo Hu", "Gus Ives",
             "Hal Jo"]  # more speakers than colours: the second round of styles too
    body = " ".join(
        f'{name} said "the {n}th thing is a long quotation that wraps over lines," and '
        f"{name.split()[0]} said that it was true, according to {name}."
        for n, name in enumerate(names * 2))
    text = "A title\n\n" + body
    doc = Document(path="a.txt", text=text, title="A title", body_start=9)
    doc.quotations = extract_quotations(text)
    assert len(doc.quotations) >= 16
    palette = Palette({"text-accent": "#FFC473", "text-success": "#8AD4A1",
                       "text-primary": "#88C0D0"})
    console = Console(width=60, color_system="truecolor")

    def drawn(lines):  # type: ignore[no-untyped-def]
        return [list(line.render(console)) for line in lines]

    layout = render_article(doc, 60, palette)
    plain = list(layout.lines)
    hit = text.index("5th thing")
    for current, marks in [(0, ()), (5, ((hit, hit + 9),)), (15, ()), (6, ((hit, hit + 3),)),
                           (1, ()), (None, ((hit + 4, hit + 60),)), (3, ())]:
        before = list(layout.lines)
        emphasise(layout, doc, current, marks)
        fresh = render_article(doc, 60, palette, current, marks)
        assert drawn(layout.lines) == drawn(fresh.lines)
        touched = {y for y, (a, b) in enumerate(zip(before, layout.lines, strict=True))
                   if a is not b}
        assert all(line is plain[y] or y in touched or y in layout._replaced
                   for y, line in enumerate(layout.lines))
        assert len(touched) <= 12  # the lines of two quotations, not the article
