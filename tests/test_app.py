"""The reader driven as a person would, through Textual's pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from tui.app.app import SeedreadApp
from tui.app.screens.help import HelpScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.document_list import DocumentList
from tui.core.textsafe import one_line

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).parent.parent / "seeds"
CORPUS = FIXTURES / "corpus"
BROKEN = FIXTURES / "broken"


async def settle(pilot) -> None:
    """Wait until loading and searching workers are done and the screen has caught up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plain_lines(app: SeedreadApp) -> list[str]:
    layout = app.query_one(ArticleView).layout_lines
    assert layout is not None
    return [line.plain for line in layout.lines]


async def test_launch_on_seeds_shows_the_seed_and_its_quotations() -> None:
    app = SeedreadApp([SEEDS], label="seeds", no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        documents = app.query_one(DocumentList)
        assert documents.row_count == 1
        article = app.query_one(ArticleView)
        assert article.document is not None
        assert article.document.title.startswith("Italy might help normalize")
        assert len(article.document.quotations) >= 4
        lines = "\n".join(plain_lines(app))
        assert "2021-12-23 · MOSCOW · TASS" in lines
        assert "[Italian Prime Minister]" in lines
        status = str(app.query_one("#status").render())
        assert "1 document" in status and "0 problems" in status


async def test_detail_follows_the_highlighted_row() -> None:
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        documents = app.query_one(DocumentList)
        article = app.query_one(ArticleView)
        assert documents.row_count == 6
        first = article.document
        await pilot.press("j")
        await pilot.pause()
        assert article.document.title != first.title
        assert article.document.title == app.rows[1].title
        await pilot.press("G")
        await pilot.pause()
        assert article.document.title == app.rows[-1].title
        await pilot.press("g")
        await pilot.pause()
        assert article.document.title == first.title
        await pilot.press("down", "down", "up")
        await pilot.pause()
        assert article.document.title == app.rows[1].title


async def test_quotation_navigation_marks_and_wraps() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView)
        total = len(article.document.quotations)
        await pilot.press("n")
        await pilot.pause()
        assert article.current == 0
        assert "quotation 1/" in str(app.query_one("#status").render())
        layout = article.layout_lines
        first_line = layout.quote_first_line[0]
        assert layout.lines[first_line].plain.startswith("▌")
        for _ in range(total - 1):
            await pilot.press("n")
        await pilot.pause()
        assert article.current == total - 1
        last_line = article.layout_lines.quote_first_line[-1]
        top = int(article.scroll_offset.y)
        assert top <= last_line < top + article.size.height, "current quotation is on screen"
        await pilot.press("n")
        await pilot.pause()
        assert article.current == 0, "wraps round to the first"
        await pilot.press("N")
        await pilot.pause()
        assert article.current == total - 1


async def test_search_filters_highlights_and_clears() -> None:
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        documents = app.query_one(DocumentList)
        await pilot.press("slash")
        search = app.query_one("#search", Input)
        assert app.focused is search
        await pilot.press(*"trmp")
        await settle(pilot)
        assert 1 <= documents.row_count < 6
        titles = [app.rows[d].title for d in documents._rows]
        assert any("Trump" in title for title in titles)
        count = str(app.query_one("#search-count").render())
        assert f"{documents.row_count} / 6" in count
        hit = documents.current_hit
        assert hit is not None
        await pilot.press("escape")
        await settle(pilot)
        assert search.value == ""
        assert documents.row_count == 6
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query_one("#search-row").has_class("-active")
        assert app.focused is documents


@pytest.mark.parametrize(("query", "expected"), [
    ("hilary clinton", "Clinton unveils health care plan in Iowa"),
    ("muller", "Müller warns of a hard winter for German industry"),
])
async def test_search_tolerates_typos_and_accents(query: str, expected: str) -> None:
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *query)
        await settle(pilot)
        documents = app.query_one(DocumentList)
        titles = [app.rows[d].title for d in documents._rows]
        assert expected in titles


async def test_document_found_through_a_quotation_opens_at_it() -> None:
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"wrong on every deal")
        await settle(pilot)
        documents = app.query_one(DocumentList)
        hit = documents.current_hit
        assert hit is not None and hit.quote is not None
        article = app.query_one(ArticleView)
        assert article.current == hit.quote
        quote = article.document.quotations[hit.quote]
        assert "wrong on every deal" in quote.content(article.document.text)


async def test_enter_tab_and_escape_move_between_panes() -> None:
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        documents = app.query_one(DocumentList)
        article = app.query_one(ArticleView)
        assert app.focused is documents
        await pilot.press("enter")
        assert app.focused is article
        await pilot.press("escape")
        assert app.focused is documents
        await pilot.press("tab")
        assert app.focused is article
        await pilot.press("shift+tab")
        assert app.focused is documents


async def test_help_lists_every_key_and_closes() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = {description: keys for _, keys, description in app.screen.entries}
        assert shown["Next quotation in the article"] == "n"
        assert shown["Down one line"] == "j / down"
        assert shown["Help: every key"] == "? / f1"
        for description in ("Search titles, bodies, quotations, speakers", "Quit",
                            "Files that were skipped, and why", "First line"):
            assert description in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_problems_view_lists_broken_files_and_the_rest_loads() -> None:
    app = SeedreadApp([BROKEN], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.query_one(DocumentList).row_count == 2
        reasons = [p.reason for p in app.problems]
        assert len(reasons) == 3
        assert "3 problems" in str(app.query_one("#status").render())
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = str(app.screen.query_one("#problem-lines").render())
        assert "archive.txt" in shown and "binary" in shown
        assert "feed.jsonl:2" in shown
        assert "empty file" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


async def test_quit() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_markup_and_escapes_in_documents_stay_literal(tmp_path: Path) -> None:
    hostile = ("[bold red]Loud[/] title [@click=app.quit]x[/]\n\n"
               "Body with \x1b]0;pwned\x07 and $accent and [link=http://x]y[/link]. "
               "\"[red]Quoted[/red],\" she said.\n")
    (tmp_path / "hostile.txt").write_text(hostile, encoding="utf-8")
    app = SeedreadApp([tmp_path], no_cache=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        text = "\n".join(plain_lines(app))
        assert "[bold red]Loud[/] title [@click=app.quit]x[/]" in text
        assert "$accent" in text and "[link=http://x]y[/link]" in text
        assert "\x1b" not in text and "\x07" not in text and "␛]0;pwned␇" in text
        await pilot.click(DocumentList, offset=(30, 0))
        await pilot.pause()
        assert app.is_running


async def test_theme_toggle_keeps_quotations_coloured() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.current_theme.dark is not dark
        assert app.query_one(ArticleView).layout_lines is not None


async def test_body_match_is_marked_in_the_article() -> None:
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"college")
        await settle(pilot)
        documents = app.query_one(DocumentList)
        assert documents.row_count == 1
        hit = documents.current_hit
        assert hit is not None and hit.offset is not None
        article = app.query_one(ArticleView)
        (start, end), = article._marks
        assert article.document.text[start:end].lower() == "college"


async def test_ctrl_c_quits_from_the_search_box_too() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("slash", "x", "ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


async def test_letters_typed_straight_after_slash_land_in_the_search_box() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.post_message(events.Key("slash", "/"))
        for letter in "put":  # queued before the box could take focus the slow way
            app.post_message(events.Key(letter, letter))
        await settle(pilot)
        assert app.query_one("#search", Input).value == "put"
        assert not isinstance(app.screen, ProblemsScreen)
        await pilot.press("9", "slash", "1", "1")
        assert app.query_one("#search", Input).value == "put9/11", "a slash in the box is text"


async def test_reader_keys_are_off_under_a_modal() -> None:
    app = SeedreadApp([SEEDS], no_cache=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("slash", "x")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.query_one("#search-row").display, "no search box behind the help"
        await pilot.press("question_mark")  # help's own key: closes it, opens no second one
        await pilot.pause()
        assert len(app.screen_stack) == 1


async def test_a_long_article_is_laid_out_off_the_ui_thread_and_the_list_keeps_moving(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Held mid-layout (an event), the article shows its header and "laying out…", the
    list answers keys, and a layout that arrives after the reader moved on is dropped."""
    import threading

    from tui.app.widgets import article_view

    monkeypatch.setattr(article_view, "LAYOUT_IN_THREAD", 0)  # every article is "long"
    release = threading.Event()
    threads: list[str] = []
    real = article_view.render_article

    def held(doc, *args, **kwargs):
        threads.append(threading.current_thread().name)
        release.wait(5)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(article_view, "render_article", held)
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.rows:
                break
            await pilot.pause(0.02)
        documents = app.query_one(DocumentList)
        article = app.query_one(ArticleView)
        first = documents.current_row
        await pilot.pause()
        assert article.document is not None and article.layout_lines is None
        drawn = "".join(s.text for y in range(6) for s in article.render_line(y))
        assert "laying out" in drawn and one_line(first.title)[:20] in drawn
        await pilot.press("j")  # answered while the first article's layout is held
        assert documents.cursor == 1
        second = article.document
        assert second.title == documents.current_row.title
        assert threading.main_thread().name not in threads
        release.set()
        await settle(pilot)
        layout = article.layout_lines
        assert layout is not None and article.document is second
        assert one_line(second.title)[:20] in layout.lines[0].plain, "not the stale layout"
        await pilot.press("n")
        assert article.current == 0


async def test_a_layout_for_a_width_left_meanwhile_is_dropped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Resized and resized back while a long article is laid out for the other width:
    that layout, when it arrives, is not shown (the one for this width stays)."""
    import threading

    from tui.app.widgets import article_view

    monkeypatch.setattr(article_view, "LAYOUT_IN_THREAD", 0)  # every article in a thread
    held: list[int] = []
    release = threading.Event()
    release.set()  # not held until the first layouts are done
    real = article_view.render_article

    def render(doc, width, *args, **kwargs):
        held.append(width)
        release.wait(5)
        return real(doc, width, *args, **kwargs)

    monkeypatch.setattr(article_view, "render_article", render)
    app = SeedreadApp([CORPUS], no_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView)
        width = article._layout_width
        laid_out = article.layout_lines
        assert laid_out is not None
        held.clear()
        release.clear()
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert held and held[-1] != width, "laid out again for the new width, in a thread"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert article._layout_width == width
        assert article.layout_lines is laid_out, "the other width's layout was dropped"
