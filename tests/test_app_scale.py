"""The reader on a generated 5,000-article corpus: usable while it is being indexed."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

import pytest

from conftest import POLNEAR, require_shared
from tui.app.app import SeedreadApp
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.document_list import DocumentList

HERE = Path(__file__).parent
ARTICLES = 5000


def _make_corpus_module():
    path = HERE.parent / "benchmarks" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5,000 varied articles generated from PolNeAR train (real article lengths)."""
    source = require_shared(POLNEAR / "train" / "text")
    out = tmp_path_factory.mktemp("corpus5k")
    _make_corpus_module().make_corpus(source, out, ARTICLES, seed=7)
    return out


async def _wait_for(pilot, condition, timeout: float = 60.0) -> None:
    waited = 0.0
    while not condition():
        await pilot.pause(0.05)
        waited += 0.05
        assert waited < timeout, "timed out"


async def test_search_and_scroll_work_while_indexing(big_corpus: Path, tmp_path: Path) -> None:
    app = SeedreadApp([big_corpus], cache_dir=tmp_path / "cache", jobs=1)
    async with app.run_test(size=(120, 36)) as pilot:
        documents = app.query_one(DocumentList)
        await _wait_for(pilot, lambda: documents.row_count > 0)
        assert app.indexing, "indexing 5,000 articles should still be under way"
        await pilot.press("j", "j", "ctrl+d")
        await pilot.pause()
        assert documents.cursor > 2
        article = app.query_one(ArticleView)
        assert article.document is not None
        assert article.document.title == documents.current_row.title
        assert app.indexing, "still indexing when the search starts"
        await pilot.press("slash", *"trump")
        await _wait_for(pilot, lambda: app.hits is not None)
        assert app.hits, "search answers from what is indexed so far"
        await _wait_for(pilot, lambda: not app.indexing, timeout=300)
        await pilot.press("escape", "escape")
        await _wait_for(pilot, lambda: documents.row_count == ARTICLES)


async def test_escape_stops_indexing_and_keeps_what_was_done(
    big_corpus: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    app = SeedreadApp([big_corpus], cache_dir=cache, jobs=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _wait_for(pilot, lambda: app.query_one(DocumentList).row_count > 0)
        await pilot.press("escape")
        await _wait_for(pilot, lambda: not app.indexing)
        kept = len(app.rows)
    assert 0 < kept < ARTICLES
    again = SeedreadApp([big_corpus], cache_dir=cache, jobs=1)
    async with again.run_test(size=(100, 30)) as pilot:
        await _wait_for(pilot, lambda: len(again.rows) >= kept)
        await _wait_for(pilot, lambda: not again.indexing, timeout=300)
        assert len(again.rows) == ARTICLES


async def test_a_search_while_indexing_is_made_again_only_as_the_corpus_grows(
        big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a search on screen, the list (and the searcher, whose tables are built from
    the index's rows while there is no search cache) is replaced only once the corpus has
    grown by _SEARCHED_GROWTH, never past _SEARCHED_MOST, and in full when indexing ends;
    replacing it every two seconds held hundreds of MB at 100k articles."""
    import tui.app.app as app_module

    monkeypatch.setattr(app_module, "_ROWS_EVERY", 0.05)
    app = SeedreadApp([big_corpus], cache_dir=tmp_path / "cache", jobs=1)
    sizes: list[int] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash", *"trump")
        await _wait_for(pilot, lambda: app.hits is not None)
        first = len(app.rows)
        if not app.indexing or first > ARTICLES * 0.8:
            pytest.skip(f"indexing outran the search ({first:,} documents listed)")
        # Bounds set from where the search began, so the list must grow past it a few
        # times before the cap, whatever the machine's speed.
        growth, most = 1.05, first + (ARTICLES - first) // 2
        monkeypatch.setattr(app_module, "_SEARCHED_GROWTH", growth)
        monkeypatch.setattr(app_module, "_SEARCHED_MOST", most)
        while app.indexing:
            if not sizes or sizes[-1] != len(app.rows):
                sizes.append(len(app.rows))
            await pilot.pause(0.01)
        await _wait_for(pilot, lambda: len(app.rows) == ARTICLES)
        assert app.hits, "the search runs over every document once indexing is done"
    assert len(sizes) >= 2, sizes
    for before, after in itertools.pairwise(sizes):
        assert after >= growth * before, sizes
        assert before < most, sizes
