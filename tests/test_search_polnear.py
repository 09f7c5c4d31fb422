"""SearchIndex on real news text (PolNeAR train): rankings people would expect, and
invariants of every hit (marks inside the title, offsets inside the text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import POLNEAR, require_shared
from tui.core.index.store import CorpusIndex
from tui.core.model import Document
from tui.core.quotes import extract_quotations
from tui.core.search import IndexSearch, SearchIndex, fold


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


# -- properties over the SQLite path (PolNeAR text) ---------------------------------------


def _all_text(doc: Document) -> str:
    speakers = " ".join(q.speaker or "" for q in doc.quotations)
    return f"{doc.text}\n{speakers}\n{doc.source or ''}"


@pytest.mark.parametrize("word", ["clinton", "health", "email", "ump", "ation"])
def test_exact_terms_are_in_every_hit(polnear_index, word: str) -> None:
    docs, index = polnear_index
    hits = index.search(f"'{word}")
    assert hits
    for hit in hits:
        assert word in fold(_all_text(docs[hit.doc]))


@pytest.mark.parametrize(("query", "absent"), [("clinton !trump", "trump"),
                                               ("obama !health", "health")])
def test_excluded_terms_are_in_no_hit(polnear_index, query: str, absent: str) -> None:
    docs, index = polnear_index
    hits = index.search(query)
    assert hits
    for hit in hits:
        assert absent not in fold(_all_text(docs[hit.doc]))


def test_smart_case_hits_have_the_case_typed(polnear_index) -> None:
    docs, index = polnear_index
    assert index.search("trump")
    for hit in index.search("Trump"):
        assert "Trump" in docs[hit.doc].text
    lower = {h.doc for h in index.search("'us", limit=None)}
    upper = {h.doc for h in index.search("'US", limit=None)}
    assert upper and upper < lower
    for doc in upper:
        assert "US" in docs[doc].text


@pytest.mark.parametrize("query", ["speaker:trump", "speaker:clintn", "kind:direct obama"])
def test_quotation_hits_point_at_matching_quotations(polnear_index, query: str) -> None:
    docs, index = polnear_index
    hits = index.search(query)
    assert hits
    for hit in hits:
        quote = docs[hit.doc].quotations[hit.quote]
        if query.startswith("speaker:"):
            assert query[8:11] in fold(quote.speaker or "")
        else:
            assert quote.kind == "direct"


def test_store_rows_and_positions_agree(polnear_index) -> None:
    docs, index = polnear_index
    store = CorpusIndex.from_documents(docs)
    searcher = IndexSearch(store.conn, store.rows())
    for query in ["putin", "hilary clinton", "speaker:sanders", '"health care"', "cl"]:
        expected = {(docs[h.doc].title, docs[h.doc].date) for h in index.search(query)}
        found = {(searcher.rows[h.doc].title, searcher.rows[h.doc].date)
                 for h in searcher.search(query, limit=None)}
        assert found == expected, query
