"""The speaker catalog (tui.core.catalog): the same speakers as build_speakers, from the
index alone; each speaker's quotations newest first; timelines; sorting; finding."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core import catalog
from tui.core.catalog.build import compute, day_number
from tui.core.catalog.model import UNKNOWN, UNNAMED
from tui.core.catalog.search import EntrySearch
from tui.core.catalog.sorting import sort_entries
from tui.core.index.store import CorpusIndex
from tui.core.model import Document, Quotation
from tui.core.speakers import build_speakers

HERE = Path(__file__).parent
ROOT = HERE.parent
CORPUS = HERE / "fixtures" / "corpus"


def _index(path: Path) -> CorpusIndex:
    index = CorpusIndex.open([path], in_memory=True)
    index.refresh()
    return index


def _speakers(entries) -> list[tuple]:
    return [(s.name, s.role, tuple(sorted(s.aliases)), s.quotations, s.articles,
             s.first_date, s.last_date) for s in entries]


@pytest.mark.parametrize("path", [CORPUS, ROOT / "seeds"])
def test_catalog_has_the_speakers_of_build_speakers(path: Path) -> None:
    with _index(path) as index:
        docs = [index.document(row.id) for row in index.rows()]
        cat = catalog.load(index.conn)
        assert cat is not None, "stored at the end of the refresh"
        assert _speakers(cat.people) == _speakers(build_speakers(docs))
        assert sum(e.quotations for e in cat.entries) == index.counts()[2]


def test_catalog_agrees_on_polnear_dev(polnear: Path) -> None:
    with _index(polnear / "dev" / "text") as index:
        docs = [index.document(row.id) for row in index.rows()]
        cat = catalog.load(index.conn)
        assert _speakers(cat.people) == _speakers(build_speakers(docs))
        names = [e.name for e in cat.people]
        for person in ("Donald Trump", "Hillary Clinton"):
            assert names.count(person) == 1


def _doc(path: str, date: str | None, *speakers: str | None) -> Document:
    text = " ".join(f"q{n}" for n in range(len(speakers)))
    quotes = [Quotation("direct", ((3 * n, 3 * n + 2),), speaker=s)
              for n, s in enumerate(speakers)]
    return Document(path=path, text=text, title=path, date=date, quotations=quotes)


def test_quotations_of_a_speaker_newest_first_and_the_grouped_entries() -> None:
    docs = [_doc("a.txt", "2016-01-04", "Jane Roe", None, "an official"),
            _doc("b.txt", "2016-03-01", "Jane Roe", "Roe"),
            _doc("c.txt", None, "Jane Roe")]
    with CorpusIndex.from_documents(docs) as index:
        cat = catalog.load(index.conn)
        jane = next(e for e in cat.entries if e.name == "Jane Roe")
        assert (jane.quotations, jane.articles) == (4, 3)
        assert (jane.first_date, jane.last_date) == ("2016-01-04", "2016-03-01")
        rows = catalog.quote_rows(index.conn, list(cat.quotes_of(jane.number)))
        dates = [rows[i].date for i in cat.quotes_of(jane.number)]
        assert dates == ["2016-03-01", "2016-03-01", "2016-01-04", None]
        assert list(cat.days_of(jane.number))[:1] == [dt.date(2016, 3, 1).toordinal()]
        kinds = {e.kind: e for e in cat.entries if not e.is_person}
        assert kinds[UNKNOWN].quotations == 1 and kinds[UNNAMED].quotations == 1
        assert len(cat.newest) == 6 and cat.newest_days[-1] == 0


def test_the_catalog_is_dropped_when_a_file_changes_and_rebuilt_by_refresh(
        tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('Title\n\n"We will win," said Jane Roe.\n', encoding="utf-8")
    index = CorpusIndex.open([tmp_path], tmp_path / "cache")
    index.refresh()
    assert [e.name for e in catalog.load(index.conn).people] == ["Jane Roe"]
    (tmp_path / "b.txt").write_text('Other\n\n"No," said John Doe.\n', encoding="utf-8")
    index.refresh()
    assert sorted(e.name for e in catalog.load(index.conn).people) == ["Jane Roe", "John Doe"]
    with index.conn:
        index.conn.execute("DELETE FROM files")
    assert catalog.load(index.conn) is None, "a write of files empties it"
    index.close()


def test_timeline_counts_per_week_and_month_with_empty_buckets() -> None:
    days = [day_number(d) for d in ("2016-01-04", "2016-01-06", "2016-01-20", "2016-03-02")]
    weeks = catalog.timeline([*days, 0], "week")
    assert weeks.starts[0] == dt.date(2016, 1, 4) and weeks.starts[0].weekday() == 0
    assert weeks.counts[:3] == [2, 0, 1] and weeks.total == 4 and weeks.undated == 1
    months = catalog.timeline(days, "month")
    shown = [(s.month, c) for s, c in zip(months.starts, months.counts, strict=True)]
    assert shown == [(1, 3), (2, 0), (3, 1)]
    assert months.peak == 0
    assert catalog.timeline([], "week").counts == []
    assert day_number("2016-13-01") == 0 and day_number(None) == 0


def test_sorting_by_each_column_keeps_the_groups_last() -> None:
    docs = [_doc("a.txt", "2016-01-04", "Jane Roe", "Jane Roe", None),
            _doc("b.txt", "2017-01-01", "Abe Zed")]
    with CorpusIndex.from_documents(docs) as index:
        entries = catalog.load(index.conn).entries
    names = lambda order: [entries[n].name for n in order]  # noqa: E731
    assert names(sort_entries(entries, "quotations"))[:2] == ["Jane Roe", "Abe Zed"]
    assert names(sort_entries(entries, "name"))[:2] == ["Abe Zed", "Jane Roe"]
    assert names(sort_entries(entries, "last"))[:2] == ["Abe Zed", "Jane Roe"]
    assert names(sort_entries(entries, "last", descending=False))[:2] == ["Jane Roe",
                                                                          "Abe Zed"]
    assert not entries[sort_entries(entries, "name")[-1]].is_person


def test_entries_are_found_by_name_alias_or_role_with_typos() -> None:
    with _index(CORPUS) as index:
        entries = catalog.load(index.conn).entries
    search = EntrySearch(entries)
    found = [entries[n].name for n in search.find("putn")]
    assert found[0] == "Vladimir Putin"
    assert "Jürgen Müller" in [entries[n].name for n in search.find("muller")]
    assert search.find("") is None and search.find("kind:direct") is None
    assert search.find("zzzzqqq") == []


def test_quote_ids_of_pairs() -> None:
    with _index(CORPUS) as index:
        cat = catalog.load(index.conn)
        rows = catalog.quote_rows(index.conn, list(cat.newest))
        pairs = [(rows[i].doc_id, rows[i].seq) for i in cat.newest]
        assert catalog.quote_ids_of(index.conn, [*pairs, (10 ** 9, 0)]) == [*cat.newest, None]


def _seedread(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True,
                          text=True, check=True, cwd=ROOT).stdout


def test_seedread_speakers_output_parses_back_in_every_format() -> None:
    with _index(CORPUS) as index:
        expected = catalog.load(index.conn).people
    records = [json.loads(line) for line in _seedread("speakers", str(CORPUS), "--format",
                                                       "jsonl").splitlines()]
    assert [(r["name"], r["role"], r["aliases"], r["quotations"], r["articles"],
             r["first_date"], r["last_date"]) for r in records] == [
        (e.name, e.role, list(e.aliases), e.quotations, e.articles, e.first_date,
         e.last_date) for e in expected]
    rows = list(csv.DictReader(io.StringIO(_seedread("speakers", str(CORPUS), "--format",
                                                      "csv"))))
    assert [r["name"] for r in rows] == [e.name for e in expected]
    assert rows[0]["aliases"].split("; ") == list(expected[0].aliases)
    assert int(rows[0]["quotations"]) == expected[0].quotations
    table = _seedread("speakers", str(CORPUS)).splitlines()
    assert table[0].split()[:3] == ["speaker", "role", "quotes"]
    assert all(any(e.name in line for line in table) for e in expected)


def test_compute_on_an_index_without_the_catalog_table() -> None:
    with _index(CORPUS) as index:
        with index.conn:
            index.conn.execute("DROP TABLE speaker_catalog")
        assert catalog.load(index.conn) is None
        assert len(catalog.load_or_compute(index.conn).people) == len(compute(index.conn).people)
        assert catalog.ensure(index.conn) and catalog.load(index.conn) is not None


def test_the_catalog_is_not_stored_over_another_connections_commit(tmp_path: Path) -> None:
    """Like the search cache: computed outside a write transaction, stored only if no
    other connection committed meanwhile, in one transaction (DELETE and INSERTs)."""
    from tui.core.catalog import store
    from tui.core.index.database import connect, data_version

    (tmp_path / "a.txt").write_text('Title\n\n"We will win," said Jane Roe.\n', encoding="utf-8")
    index = CorpusIndex.open([tmp_path], tmp_path / "cache")
    index.refresh()
    conn = index.conn
    version = data_version(conn)
    computed = compute(conn)
    other = connect(index.path)
    other.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')")
    other.close()
    assert not store.store(conn, computed, version)
    assert store.store(conn, computed, data_version(conn))
    assert [e.name for e in catalog.load(conn).people] == ["Jane Roe"]
    index.close()
