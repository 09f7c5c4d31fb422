"""SearchIndex on real news text (PolNeAR train): rankings people would expect, and
invariants of every hit (marks inside the title, offsets inside the text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import POLNEAR, require_shared
from tui.core.model import Document
from tui.core.quotes import extract_quotations
from tui.core.search import SearchIndex, fold


@pytest.fixture(scope="module")
def polnear_index() -> tuple[list[Document], SearchIndex]:
    folder: Path = require_shared(POLNEAR) / "train" / "text"
    docs = []
    for path in sorted(folder.glob("*.txt"))[:400]:
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        title = text.split("\n", 1)[0]
        source, date = path.stem.split("_")[:2]
        doc = Document(str(path), text, title, date, source=source, body_start=len(title) + 1)
        doc.quotations = extract_quotations(text)
        docs.append(doc)
    return docs, SearchIndex(docs)


def titles(docs: list[Document], hits, n: int = 10) -> list[str]:
    return [fold(docs[h.doc].title) for h in hits[:n]]


def test_misspelt_names_rank_articles_about_them(polnear_index) -> None:
    docs, index = polnear_index
    top = titles(docs, index.search("hilary clinton"))
    assert "hillary" in top[0] and "clinton" in top[0]
    assert all("clinton" in t for t in top)
    assert all("trump" in t for t in titles(docs, index.search("trmp")))


def test_quotation_scope_and_speakers(polnear_index) -> None:
    docs, index = polnear_index
    speakers = index.search_speakers("trmp")
    assert speakers and speakers[0].name == "Donald Trump"
    for hit in index.search_quotes("speaker:trump", limit=20):
        assert "trump" in fold(docs[hit.doc].quotations[hit.quote].speaker or "")


@pytest.mark.parametrize(
    "query",
    ["putin", "hilary clinton", "trmp", "health care plan", "t", "cl", "email server",
     "kind:direct obama", '"health care"', "'ump", "obama | clinton !trump", "speaker:sanders"],
)
def test_every_hit_is_consistent(polnear_index, query: str) -> None:
    docs, index = polnear_index
    hits = index.search(query)
    assert hits == index.search(query)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for hit in hits:
        doc = docs[hit.doc]
        assert hit.field in ("title", "speaker", "quotation", "body", "source")
        assert all(0 <= i < len(doc.title) for i in hit.title_marks)
        if hit.offset is not None:
            assert 0 <= hit.offset < len(doc.text)
        if hit.quote is not None:
            assert hit.offset == doc.quotations[hit.quote].start
        if hit.field in ("quotation", "speaker"):
            assert hit.quote is not None
