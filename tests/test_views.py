"""The speakers and quotations views driven as a person would (pilot): every key, the
palette, opening a quotation in the reader, and the contract with copy and export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from tui.app.app import SeedreadApp
from tui.app.screens.help import HelpScreen
from tui.app.views.base import CorpusView, QuoteTable
from tui.app.views.quotations import QuotationsScreen
from tui.app.views.speakers import ColumnHeader, SpeakersScreen, SpeakerTable
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.document_list import DocumentList
from tui.app.widgets.timeline import TimelineView
from tui.core.index.store import Progress
from tui.keys import KEYS

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"


async def settle(pilot) -> None:
    """Wait until workers are done and the screen has caught up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _app(path: Path = CORPUS) -> SeedreadApp:
    return SeedreadApp([path], label="corpus", no_cache=True)


def _names(screen: SpeakersScreen) -> list[str]:
    table = screen.query_one(SpeakerTable)
    return [table.entries[n].name for n in table.order]


async def test_number_keys_switch_views_and_back() -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, SpeakersScreen)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, QuotationsScreen)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, SpeakersScreen)
        await pilot.press("1")
        await settle(pilot)
        assert app.screen is app.default_screen
        assert len(app.screen_stack) == 1


async def test_speakers_view_lists_each_person_once_with_counts_and_grouped_entries() -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        names = _names(screen)
        for person in ("Vladimir Putin", "Donald Trump", "Hillary Clinton", "Bill Clinton"):
            assert names.count(person) == 1
        assert names[-1].startswith("unnamed speakers"), "grouped entries come last"
        assert "unknown speaker" not in names, "a group without quotations is left out"
        putin = screen.query_one(SpeakerTable).current_entry
        assert putin is not None and putin.name == "Vladimir Putin" and putin.quotations == 4
        quotes = screen.query_one("#speaker-quotes", QuoteTable)
        assert quotes.row_count == 4
        dates = [quotes.pages.get(n).date for n in range(quotes.row_count)]
        assert dates == sorted(dates, reverse=True)
        assert screen.query_one(TimelineView).timeline.total == 4
        status = str(screen.query_one(".view-status").render())
        assert "sorted by quotes" in status


async def test_list_keys_move_in_the_speakers_and_their_quotations() -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(SpeakerTable)
        await pilot.press("j")
        assert table.cursor == 1
        await pilot.press("down", "k")
        assert table.cursor == 1
        await pilot.press("G")
        assert table.cursor == table.row_count - 1
        await pilot.press("g")
        assert table.cursor == 0
        await pilot.press("end", "home", "pagedown")
        assert table.cursor == table.row_count - 1, "half a page covers this short list"
        await pilot.press("pageup", "ctrl+d", "ctrl+u", "up")
        assert table.cursor == 0
        await pilot.press("enter")  # to the speaker's quotations
        quotes = screen.query_one("#speaker-quotes", QuoteTable)
        assert app.focused is quotes
        await pilot.press("j")
        assert quotes.cursor == 1
        await pilot.press("escape")
        assert app.focused is table


@pytest.mark.parametrize(("key", "column"), [("s", "articles"), ("S", "quotations")])
async def test_sort_keys_and_header_clicks(key: str, column: str) -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        await pilot.press(key)
        await settle(pilot)
        assert screen.sort_column == column
        table = screen.query_one(SpeakerTable)
        people = [table.entries[n] for n in table.order if table.entries[n].is_person]
        values = [getattr(e, column) for e in people]
        descending = screen.descending
        assert values == sorted(values, reverse=descending)
        await pilot.click(ColumnHeader, offset=(1, 0))  # "speaker": by name
        await settle(pilot)
        assert screen.sort_column == "name" and not screen.descending
        assert _names(screen)[0] == "Bernie Sanders"
        await pilot.click(ColumnHeader, offset=(1, 0))  # again: reversed
        await settle(pilot)
        assert screen.descending


async def test_speakers_search_box_filters_and_escape_backs_out() -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", *"clintn")
        await settle(pilot)
        box = screen.query_one(".view-search", Input)
        assert app.focused is box and box.value == "clintn"
        assert set(_names(screen)) == {"Hillary Clinton", "Bill Clinton"}
        await pilot.press("enter")
        assert app.focused is screen.query_one(SpeakerTable)
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert box.value == ""
        assert len(_names(screen)) > 2
        await pilot.press("escape")
        assert not screen.query_one(".view-search-row").display


async def test_enter_on_a_quotation_opens_it_in_the_reader() -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"muller")  # a reader search that hides Putin's article
        await settle(pilot)
        await pilot.press("enter")
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter", "j")
        quote = screen.query_one("#speaker-quotes", QuoteTable).current_quote
        assert quote is not None and quote.speaker == "Vladimir Putin"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.default_screen
        article = app.query_one(ArticleView)
        assert app.focused is article
        assert article.document.title == quote.title
        assert article.current == quote.seq
        assert app.query_one(DocumentList).current_row.id == quote.doc_id
        assert app.query_one("#search", Input).value == "", "the hiding search was cleared"
        await pilot.press("n")  # the reader's keys work on from there
        assert article.current == (quote.seq + 1) % len(article.document.quotations)


async def test_quotations_view_lists_every_quotation_and_filters_with_the_query_syntax(
) -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuotationsScreen)
        table = screen.query_one(QuoteTable)
        assert table.row_count == 17
        dates = [table.pages.get(n).date or "" for n in range(table.row_count)]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("slash", *"speaker:clinton kind:direct")
        await settle(pilot)
        shown = screen.export_records()
        assert shown and all("Clinton" in r["speaker"] and r["kind"] == "direct"
                             for r in shown)
        assert screen.query_one(TimelineView).timeline.total == len(shown)
        await pilot.press("enter", "enter")
        await settle(pilot)
        article = app.query_one(ArticleView)
        assert app.screen is app.default_screen
        assert article.document.quotations[article.current].speaker == shown[0]["speaker"]


@pytest.mark.parametrize("view", ["2", "3"])
async def test_t_switches_the_timeline_between_weeks_and_months(view: str) -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press(view)
        await settle(pilot)
        timeline = app.screen.query_one(TimelineView)
        assert timeline.timeline.unit == "month"
        await pilot.press("t")
        assert timeline.timeline.unit == "week"
        assert all(start.weekday() == 0 for start in timeline.timeline.starts)
        await pilot.press("t")
        assert timeline.timeline.unit == "month"


@pytest.mark.parametrize("view", ["2", "3"])
async def test_reader_keys_never_fail_in_a_view(view: str) -> None:
    """Every key of the key table, pressed in a view: nothing raises, the reader's own keys
    do nothing there, and the app is still running."""
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press(view)
        await settle(pilot)
        screen = app.screen
        reader_article = app.query_one(ArticleView).current
        for key in ("n", "N", "p", "escape", "tab", "shift+tab", "question_mark", "escape",
                    "ctrl+t", "s", "S", "t", "j", "k", "g", "G", "ctrl+d", "ctrl+u"):
            await pilot.press(key)
            await pilot.pause()
            if app.screen is not screen:  # p and ? open a modal: close it
                await pilot.press("escape")
                await pilot.pause()
        await settle(pilot)
        assert app.screen is screen and app.is_running
        assert app.query_one(ArticleView).current == reader_article


async def test_help_in_a_view_lists_its_keys() -> None:
    app = _app()
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = {description: keys for _, keys, description in app.screen.entries}
        for key in KEYS:
            if key.where in ("app", "view", "speakers", "speaker-list") and key.id != "search":
                if key.id in ("next-quote", "prev-quote", "back"):
                    assert key.description not in shown, "the reader's keys are off here"
                else:
                    assert key.description in shown, key.id
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, SpeakersScreen)


async def test_contract_for_copy_and_export() -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        speakers = app.screen
        assert isinstance(speakers, CorpusView)
        assert speakers.export_name() == "speakers"
        records = speakers.export_records()
        assert [r["name"] for r in records] == _names(speakers)
        json.dumps(records)
        assert all(not isinstance(v, list | dict) for r in records for v in r.values())
        doc, seq = speakers.quotation_to_copy()
        assert doc.quotations[seq].speaker == "Vladimir Putin"
        assert speakers.document_to_open().title == doc.title
        await pilot.press("3")
        await settle(pilot)
        quotations = app.screen
        assert quotations.export_name() == "quotations"
        records = quotations.export_records()
        assert len(records) == 17
        json.dumps(records)
        doc, seq = quotations.quotation_to_copy()
        first = records[0]
        assert doc.quotations[seq].content(doc.text) == first["text"]
        assert quotations.document_to_open().title == first["title"]
        await pilot.press("slash", *"zzzqqqxxx")
        await settle(pilot)
        assert quotations.export_records() == []
        assert quotations.quotation_to_copy() is None
        assert quotations.document_to_open() is None


async def test_palette_offers_commands_speakers_and_articles() -> None:
    from tui.app.commands import SeedreadCommands

    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        provider = SeedreadCommands(app.screen)
        hits = [hit async for hit in provider.search("hilary")]  # before any view opened
        hillary = next(h for h in hits if h.text == "Go to speaker: Hillary Clinton")
        hillary.command()
        await settle(pilot)
        assert isinstance(app.screen, SpeakersScreen)
        assert app.screen.query_one(SpeakerTable).current_entry.name == "Hillary Clinton"
        await pilot.press("1")
        await settle(pilot)
        found = [hit async for hit in provider.search("speakers view")]
        assert found and "Speakers view" in found[0].text
        discovered = [hit.text async for hit in provider.discover()]
        for key in KEYS:
            if key.where == "app" and key.id not in ("interrupt", "back", "switch-pane",
                                                     "switch-pane-back"):
                assert key.description in discovered, key.id
        hits = [hit async for hit in provider.search("putin")]
        texts = [hit.text for hit in hits]
        assert "Go to speaker: Vladimir Putin" in texts
        assert any(t.startswith("Go to article: Putin says") for t in texts)
        speaker = next(h for h in hits if h.text == "Go to speaker: Vladimir Putin")
        speaker.command()
        await settle(pilot)
        assert isinstance(app.screen, SpeakersScreen)
        assert app.screen.query_one(SpeakerTable).current_entry.name == "Vladimir Putin"
        article = next(h for h in hits if h.text.startswith("Go to article"))
        article.command()
        await settle(pilot)
        assert app.screen is app.default_screen
        assert app.query_one(ArticleView).document.title.startswith("Putin says")


async def test_ctrl_p_opens_the_palette_with_our_commands_in_a_view() -> None:
    from textual.command import CommandPalette

    from tui.app.commands import SeedreadCommands

    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        view = app.screen
        provider = SeedreadCommands(view)
        texts = [hit.text async for hit in provider.discover()]
        assert "Speakers: sort by the next column (or click a column's title)" in texts
        assert "Next quotation in the article" not in texts, "off in a view"
        hits = [h async for h in provider.search("sort next column")]
        sort = hits[0]
        await sort.command()
        await settle(pilot)
        assert view.sort_column == "articles"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        under = SeedreadCommands(app.screen_stack[-2])  # as the open palette asks
        texts = [hit.text async for hit in under.discover()]
        for wanted in ("Speakers view", "Quotations view", "Documents view", "Help",
                       "Speakers: sort"):
            assert any(t.startswith(wanted) for t in texts), wanted
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is view


async def test_names_with_markup_show_literally() -> None:
    """Speaker names, titles and quotations from documents reach the screen as written:
    markup and theme variables are not interpreted, control characters are made visible."""
    from tui.core.index.store import CorpusIndex
    from tui.core.model import Document, Quotation

    name = "Evil [bold]Person[/bold] $accent"
    text = "He said: [red]shout[/red] \x1b]0;x\x07 here."
    doc = Document(path="a.txt", text=text, title="[link=http://x]t[/link]", date="2016-01-04",
                   quotations=[Quotation("direct", ((9, len(text) - 1),), speaker=name)])
    app = _app()
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        app.catalog_holder.attach(CorpusIndex.from_documents([doc]))
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(SpeakerTable)
        drawn = "".join(segment.text for segment in table.render_line(0))
        assert name in drawn
        title = str(screen.query_one("#speaker-title").render())
        assert name in title
        quotes = screen.query_one("#speaker-quotes", QuoteTable)
        line = "".join(segment.text for segment in quotes.render_line(0))
        assert "[link=http://x]t[/link]" in line and "[red]shout[/red]" in line
        assert "\x1b" not in line and "␛" in line
        await pilot.press("3")
        await settle(pilot)
        quotes = app.screen.query_one(QuoteTable)
        line = "".join(segment.text for segment in quotes.render_line(0))
        assert "Evil [bold]Person[/bold" in line and "[red]shout[/red]" in line
        assert app.is_running


async def test_a_view_opened_while_the_corpus_loads_fills_when_indexing_ends() -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")  # at once: the index is still being read
        await settle(pilot)
        assert not app.indexing
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        assert "Vladimir Putin" in _names(screen)
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.query_one(QuoteTable).row_count == 17


async def test_copy_and_export_keys_ask_the_active_view() -> None:
    from tui.app.screens.export import ExportScreen

    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("y")  # the highlighted speaker's newest quotation
        await pilot.pause()
        assert "Vladimir Putin" in app.clipboard
        await pilot.press("j", "Y")  # the article of Trump's newest quotation
        await pilot.pause()
        assert app.clipboard.startswith("Trump rallies supporters in Ohio")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("3", "slash", *"speaker:muller", "enter")
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert "Jürgen Müller" in app.clipboard


def test_cells_keep_columns_with_wide_characters() -> None:
    from rich.cells import cell_len

    from tui.app.widgets.virtual_table import cell

    for text in ("Putin", "習近平", "Владимир Путин", "Ünal 🙂 Özkan", ""):
        for width in (1, 4, 7, 12):
            assert cell_len(cell(text, width)) == width + 1, (text, width)
    assert cell("7", 4, right=True) == "   7 "
    assert cell("Vladimir Putin", 8) == "Vladimi… "


async def test_quotations_search_marks_its_matches_in_the_words() -> None:
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "slash", *"wrong deal", "enter")
        await settle(pilot)
        quotes = app.screen.query_one(QuoteTable)
        line = quotes.row_text(0, 140)
        match = quotes.style_of("match")
        marked = "".join(line.plain[span.start:span.end] for span in line.spans
                         if span.style == match)
        assert "wrong" in marked and "deal" in marked, marked


async def test_quotations_export_reads_in_its_thread_what_was_shown_when_e_was_pressed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from tui.app.screens.export import ExportScreen
    from tui.core.catalog import rows

    threads: list[str] = []
    read = rows.quote_rows

    def recording(conn, ids, length=300):
        if length is None:  # whole words: an export's read, not a page of the list
            threads.append(threading.current_thread().name)
        return read(conn, ids, length)

    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "slash", *"speaker:clinton", "enter")
        await settle(pilot)
        view = app.screen
        shown = view.export_records()
        assert 1 <= len(shown) < 17
        monkeypatch.setattr(rows, "quote_rows", recording)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert threads == [], "nothing read on the UI thread when e is pressed"
        view.search_text = ""
        view.run_search("")  # the view changes under the dialog: the export does not
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "q.jsonl")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is view
        written = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text().splitlines()]
        assert written == shown
        assert threads and threading.main_thread().name not in threads


def _held_refresh(monkeypatch: pytest.MonkeyPatch, empty_catalog: bool):
    """Hold every refresh before it reads a file, the stored catalog emptied first as the
    triggers empty it at the first file write; returns the event that lets it go on."""
    import sqlite3
    import threading

    from tui.core.index.store import CorpusIndex

    release = threading.Event()
    real = CorpusIndex.refresh

    def held(self, *args, **kwargs):
        if empty_catalog and self.path is not None:
            with sqlite3.connect(self.path) as conn:
                conn.execute("DELETE FROM speaker_catalog")
        release.wait(30)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(CorpusIndex, "refresh", held)
    return release


async def _until(pilot, condition) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("never happened")


def _status(screen) -> str:
    return str(screen.query_one(".view-status").render())


async def test_views_keep_the_last_catalog_while_the_index_refreshes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cache = tmp_path / "cache"
    first = SeedreadApp([corpus], label="corpus", cache_dir=cache)
    async with first.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
    (corpus / "zz-new.md").write_text(
        "---\ntitle: New\ndate: 2016-12-01\n---\n"
        '"We will win," said Zebulon Quorn, the mayor.\n', encoding="utf-8")
    release = _held_refresh(monkeypatch, empty_catalog=True)
    app = SeedreadApp([corpus], label="corpus", cache_dir=cache)
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: app.rows)
        await pilot.press("2")
        speakers = app.screen
        table = speakers.query_one(SpeakerTable)
        await _until(pilot, lambda: table.row_count > 0)
        assert app.indexing
        assert "brought up to date" in _status(speakers)
        await pilot.press("j")
        trump = table.current_entry
        assert trump is not None and trump.name == "Donald Trump"
        await pilot.press("3")
        quotes = app.screen.query_one(QuoteTable)
        await _until(pilot, lambda: quotes.row_count == 17)
        assert "brought up to date" in _status(app.screen)
        await pilot.press("j", "j")
        kept = quotes.current_quote
        release.set()
        await _until(pilot, lambda: not app.indexing)
        await settle(pilot)
        assert quotes.row_count == 18, "the new catalog, with the new file's quotation"
        assert quotes.current_quote.id == kept.id, "the cursor stays on the same quotation"
        assert "brought up to date" not in _status(app.screen)
        await pilot.press("2")
        await settle(pilot)
        assert "Zebulon Quorn" in _names(speakers)
        assert table.current_entry.name == "Donald Trump", "the cursor stays on the speaker"
        assert "brought up to date" not in _status(speakers)


async def test_a_first_index_says_the_views_come_when_indexing_ends(
        monkeypatch: pytest.MonkeyPatch) -> None:
    release = _held_refresh(monkeypatch, empty_catalog=False)
    app = _app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await _until(pilot, lambda: "when indexing ends" in _status(app.screen))
        app._show_progress(Progress(3, 6, 3, 10.0, 0.3))
        await pilot.pause()
        assert "3/6 files" in _status(app.screen)
        release.set()
        await _until(pilot, lambda: not app.indexing)
        await settle(pilot)
        assert "Vladimir Putin" in _names(app.screen)
