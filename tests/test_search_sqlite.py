"""IndexSearch over the SQLite corpus index: rows in display order, smart case, operators
and filters, cancellation, capped results, quotations and offsets."""

from __future__ import annotations

import threading
import time

import pytest

from test_search import corpus, document
from tui.core.index.database import connect, prepare
from tui.core.index.records import insert_file
from tui.core.index.store import CorpusIndex, DocRow
from tui.core.model import Document
from tui.core.search import Cancelled, IndexSearch, SearchIndex, highlight_positions
from tui.core.search.sqlsearch import REFINE


@pytest.fixture(scope="module")
def store() -> CorpusIndex:
    return CorpusIndex.from_documents(corpus())


@pytest.fixture(scope="module")
def searcher(store: CorpusIndex) -> IndexSearch:
    return IndexSearch(store.conn, store.rows())


def titles(searcher: IndexSearch, query: str, **kwargs) -> list[str]:
    return [searcher.rows[h.doc].title for h in searcher.search(query, **kwargs)]


def doc_of(store: CorpusIndex, searcher: IndexSearch, position: int) -> Document:
    return store.document(searcher.rows[position].id)


# -- rows, as the store lists them ------------------------------------------------------


def test_hits_are_positions_in_the_rows_given(searcher: IndexSearch) -> None:
    # The store lists by date, not in the order the documents were given.
    assert titles(searcher, "putin") == ["Putin warns the West"]
    assert titles(searcher, "email server")[:2] == [
        "Email server investigation continues", "Weather report for the weekend",
    ]


def test_a_subset_of_rows_limits_the_search(store: CorpusIndex) -> None:
    rows = [r for r in store.rows() if r.source != "CNN"]
    partial = IndexSearch(store.conn, rows)
    assert [partial.rows[h.doc].title for h in partial.search("clinton")] == []
    assert partial.search_quotes("clinton") == []


# -- smart case ----------------------------------------------------------------------------


def test_smart_case(searcher: IndexSearch) -> None:
    assert set(titles(searcher, "trump")) == {"Trump rallies in Ohio",
                                               "Weather report for the weekend"}
    assert titles(searcher, "Trump") == ["Trump rallies in Ohio"]  # not "trumpets"
    assert titles(searcher, "TRUMP") == []
    assert titles(searcher, "Müller") == titles(searcher, "Muller") == ["Merkel meets Müller"]
    assert titles(searcher, "'ERK") == []
    assert titles(searcher, "'erk") == ["Merkel meets Müller"]
    assert [h.name for h in searcher.search_speakers("Putin")] == ["Vladimir Putin"]
    assert searcher.search_speakers("PUTIN") == []


def test_smart_case_in_bodies_and_quotations() -> None:
    docs = [
        document("One", "The US said it would act.", quotes=(("it would act", "US", "indirect"),)),
        document("Two", "Let us wait and see."),
    ]
    store = CorpusIndex.from_documents(docs)
    search = IndexSearch(store.conn, store.rows())
    assert titles(search, "'us") == ["Two", "One"] or set(titles(search, "'us")) == {"One", "Two"}
    assert titles(search, "'US") == ["One"]
    assert titles(search, "us wait") == ["Two"]
    assert titles(search, "US wait") == []


# -- operators and filters -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("'ump", {"Trump rallies in Ohio", "Weather report for the weekend"}),
        ("'trmp", set()),
        ("^merk", {"Merkel meets Müller"}),
        ("ller$", {"Merkel meets Müller"}),
        ("^trump$", {"Trump rallies in Ohio"}),
        ("clinton !bill", {"Hillary Clinton outlines health care plan"}),
        ("putin | merkel", {"Putin warns the West", "Merkel meets Müller"}),
        ('"health care"', {"Hillary Clinton outlines health care plan"}),
        ('"care health"', set()),
        ("speaker:putn", {"Putin warns the West"}),
        ("speaker:merkel", set()),
        ("source:tass", {"Putin warns the West"}),
        ("date:2021-12", {"Putin warns the West"}),
        ("date:2016-09..2016-10", {"Trump rallies in Ohio", "Bill Clinton campaigns in Iowa",
                                   "Hillary Clinton outlines health care plan"}),
        ("kind:direct", {"Trump rallies in Ohio", "Merkel meets Müller", "Putin warns the West"}),
        ("title:email", {"Email server investigation continues"}),
        ("body:columbus", {"Trump rallies in Ohio"}),
        ("quote:bluffing", {"Putin warns the West"}),
        ("speaker:putin kind:direct", set()),
        ("speaker:peskov kind:direct", {"Putin warns the West"}),
        ("!source:ap", {"Trump rallies in Ohio", "Hillary Clinton outlines health care plan",
                        "Bill Clinton campaigns in Iowa", "Merkel meets Müller",
                        "Putin warns the West"}),
    ],
)
def test_operators_and_filters(searcher: IndexSearch, query: str, expected: set[str]) -> None:
    assert set(titles(searcher, query)) == expected


def test_quotation_filters_pick_the_quotation(store: CorpusIndex, searcher: IndexSearch) -> None:
    (hit,) = searcher.search("speaker:peskov kind:direct")
    quote = doc_of(store, searcher, hit.doc).quotations[hit.quote]
    assert (quote.speaker, quote.kind) == ("Dmitry Peskov", "direct")
    (hit,) = searcher.search("kind:direct russia | bluffing")
    assert hit.quote == 1


# -- hits: quotations, offsets, marks -------------------------------------------------------


def test_quotation_hit_has_its_seq_and_offset(store: CorpusIndex, searcher: IndexSearch) -> None:
    hit = searcher.search("we will win")[0]
    doc = doc_of(store, searcher, hit.doc)
    assert (hit.field, hit.quote) == ("quotation", 0)
    assert hit.offset == doc.quotations[0].start
    assert doc.text[hit.offset :].startswith("We will win")


def test_body_offset_and_locate(store: CorpusIndex, searcher: IndexSearch) -> None:
    hit = next(h for h in searcher.search("email server") if h.field == "body")
    doc = doc_of(store, searcher, hit.doc)
    assert doc.text[hit.offset :].startswith("email server")
    bare = type(hit)(hit.doc, hit.score, hit.field, hit.title_marks)
    assert searcher.locate("email server", bare, doc) == hit
    quoted = searcher.search("speaker:peskov")[0]
    located = searcher.locate("speaker:peskov", type(quoted)(quoted.doc, 1.0, "speaker", (), 1),
                              doc_of(store, searcher, quoted.doc))
    assert located.offset == doc_of(store, searcher, quoted.doc).quotations[1].start


def test_title_marks(searcher: IndexSearch) -> None:
    (hit,) = searcher.search("Trump")
    title = searcher.rows[hit.doc].title
    assert "".join(title[i] for i in hit.title_marks) == "Trump"
    assert searcher.title_marks("Trump", hit.doc) == hit.title_marks
    assert "".join(title[i] for i in searcher.title_marks("trmp", hit.doc)) == "Trmp"
    assert highlight_positions("Trump", title) == hit.title_marks


# -- limits ----------------------------------------------------------------------------------


def test_capped_results_are_flagged() -> None:
    docs = [document("Budget vote", "Text.", f"2020-01-0{i}") for i in range(1, 6)]
    store = CorpusIndex.from_documents(docs)
    search = IndexSearch(store.conn, store.rows())
    result = search.find("budget", limit=2)
    assert (len(result.hits), result.total, result.capped) == (2, 5, True)
    assert [search.rows[h.doc].date for h in result.hits] == ["2020-01-05", "2020-01-04"]
    full = search.find("budget", limit=None)
    assert (len(full.hits), full.total, full.capped) == (5, 5, False)
    assert search.find("").hits == []


def test_default_limit() -> None:
    docs = [document(f"Vote {i}", "Budget.") for i in range(30)]
    store = CorpusIndex.from_documents(docs)
    search = IndexSearch(store.conn, store.rows())
    assert len(search.search("budget", limit=10)) == 10
    assert len(search.search("budget")) == 30


# -- cancellation -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big() -> IndexSearch:
    docs = [document(f"Title {i} trump", "Donald Trump spoke. " * 50) for i in range(3000)]
    store = CorpusIndex.from_documents(docs)
    return IndexSearch(store.conn, store.rows())


def test_should_stop_gives_empty_or_raises(big: IndexSearch) -> None:
    assert len(big.search("trump", limit=None)) == 3000
    assert big.search("trump", should_stop=lambda: True) == []
    with pytest.raises(Cancelled):
        big.find("trump", should_stop=lambda: True)
    polls = iter([False, False, True])
    assert big.search("trump !spoke", should_stop=lambda: next(polls, True)) == []
    # Nothing stale is left behind: the next search is whole.
    assert len(big.search("trump", limit=None)) == 3000


def test_quotation_search_can_be_cancelled(big: IndexSearch) -> None:
    assert big.search_quotes("trump", should_stop=lambda: True) == []
    assert big.search_quotes("trump") == []  # the bodies have no quotations
    assert len(big.search("trump", limit=None)) == 3000


def test_progress_handler_interrupts_a_long_statement(big: IndexSearch) -> None:
    slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000)"
            " SELECT count(*) FROM n")
    deadline = time.perf_counter() + 0.05
    start = time.perf_counter()
    with big._searching(lambda: time.perf_counter() > deadline), pytest.raises(Cancelled):
        big._sql(slow)
    assert time.perf_counter() - start < 1.0
    assert big.conn.execute("SELECT 1").fetchone() == (1,)  # handler removed afterwards


def test_a_cancelled_search_in_another_thread_does_not_disturb(big: IndexSearch) -> None:
    cancel = threading.Event()
    results: list[list] = []
    worker = threading.Thread(
        target=lambda: results.append(big.search("trump !spoke", should_stop=cancel.is_set)))
    worker.start()
    cancel.set()
    worker.join(5)
    assert results and results[0] in ([], big.search("trump !spoke"))
    assert len(big.search("trump", limit=None)) == 3000


# -- the convenience over documents ------------------------------------------------------------


def test_search_index_fills_every_offset_and_mark() -> None:
    docs = [document(f"Trump title {i}", "Body. Donald Trump spoke.") for i in range(300)]
    index = SearchIndex(docs)
    hits = index.search("trump")
    assert len(hits) == 300
    assert all(h.offset is not None and h.title_marks for h in hits)


def test_quotations_past_the_first_hits_come_from_locate() -> None:
    docs = [document(f"Day {i}", f'Intro {i}. "We will win," Peskov said.',
                     f"2020-01-{i % 28 + 1:02d}",
                     quotes=(("We will win", "Dmitry Peskov", "direct"),)) for i in range(120)]
    store = CorpusIndex.from_documents(docs)
    search = IndexSearch(store.conn, store.rows())
    hits = search.search("speaker:peskov")
    assert len(hits) == 120
    assert all(h.quote == 0 and h.offset is not None for h in hits[:REFINE])
    late = hits[-1]
    assert late.quote is None and late.offset is None
    doc = store.document(search.rows[late.doc].id)
    located = search.locate("speaker:peskov", late, doc)
    assert (located.quote, located.field) == (0, "speaker")
    assert located.offset == doc.quotations[0].start


def test_a_searcher_given_a_path_reads_on_its_own_connection(tmp_path) -> None:
    path = tmp_path / "index.sqlite"
    conn = connect(path)
    prepare(conn)
    conn.execute("BEGIN")
    for n, doc in enumerate(corpus()):
        insert_file(conn, f"{n}", 0, 0, [doc], [])
    conn.execute("COMMIT")
    rows = [DocRow(*row) for row in conn.execute(
        "SELECT d.id, f.path, d.record, d.title, d.date, d.source, d.place, d.quotes "
        "FROM documents d JOIN files f ON f.id = d.file_id ORDER BY d.id")]
    search = IndexSearch(None, rows, path=path)
    assert search.conn is not conn
    assert next(rows[h.doc].title for h in search.search("hilary clinton")) == (
        "Hillary Clinton outlines health care plan")
    assert [h.name for h in search.search_speakers("putn")] == ["Vladimir Putin"]
    search.close()
    conn.close()


def test_the_stored_search_cache_loads_as_computing_it_would(store: CorpusIndex) -> None:
    from tui.core.index import searchcache
    from tui.core.search.tables import Tables

    rows = store.rows()
    assert searchcache.load(store.conn) is not None  # from_documents stores it
    cached = Tables(store.conn, rows)
    assert cached._listed_as_cached
    computed = Tables(store.conn, list(reversed(rows)))  # other positions: mapped
    assert not computed._listed_as_cached
    back = {n: len(rows) - 1 - n for n in range(len(rows))}
    for n in range(len(rows)):
        assert [cached.quote_seq[q] for q in cached.quotes_in(n)] == [
            computed.quote_seq[q] for q in computed.quotes_in(back[n])]
    assert {w: {back[n] for n in ids} for w, ids in cached.title_postings.items()} == {
        w: set(ids) for w, ids in computed.title_postings.items()}
    assert cached.vocabulary.words == computed.vocabulary.words
    assert cached.speakers.counts == computed.speakers.counts


def test_a_file_write_empties_the_search_cache_and_a_refresh_fills_it(tmp_path) -> None:
    from tui.core.index import searchcache

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Putin warns the West\n\n\"We will act,\" Putin said.\n")
    with CorpusIndex.open([folder], cache_dir=tmp_path / "cache") as index:
        index.refresh()
        assert searchcache.load(index.conn) is not None
        index.conn.execute("BEGIN")
        insert_file(index.conn, "x", 0, 0, [document("Another", "text")], [])
        index.conn.execute("COMMIT")
        assert searchcache.load(index.conn) is None


def test_closing_a_searcher_while_it_builds_its_tables_does_not_crash(tmp_path) -> None:
    """The app drops a searcher when the rows change while indexing, maybe while a worker
    is still building its tables on the searcher's connection: closing that connection
    under a running statement crashed the process (a segmentation fault). The statement
    is interrupted and the connection closed once the search lets go of it."""
    root = tmp_path / "news"
    root.mkdir()
    for number in range(400):
        (root / f"{number}.txt").write_text(
            f'Story {number}\n\n"We said it {number} times," said Ann Lee. "Again," he '
            f'said. "And again," said Bob Stone.\n', encoding="utf-8")
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        index.refresh()
        index.conn.execute("DELETE FROM search_cache")  # built from the rows, as while indexing
        rows = index.rows()
        path = index.path
    for _ in range(20):
        searcher = IndexSearch(None, rows, path=path)
        outcome: list[object] = []

        def search(searcher: IndexSearch = searcher, outcome: list[object] = outcome) -> None:
            try:
                outcome.append(searcher.find("stone"))
            except Exception as exc:  # interrupted, or closed: either is fine
                outcome.append(exc)

        worker = threading.Thread(target=search)
        worker.start()
        time.sleep(0.001)
        searcher.close()
        worker.join(10)
        assert outcome, "the search ended"
    time.sleep(0.2)  # the closing threads finish
