"""The reader on a generated 5,000-article corpus: usable while it is being indexed."""

from __future__ import annotations

import importlib.util
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
