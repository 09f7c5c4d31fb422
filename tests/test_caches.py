"""The end phase of a refresh (tui.core.index.caches): the search cache and the speaker
catalog computed together from one read of the quotations store exactly what the
straightforward computations below store (the ones they replaced: one fetch each, the
catalog tallied document by document), on tricky generated corpora and the fixtures."""

from __future__ import annotations

import random
import sqlite3
from array import array
from collections import Counter, defaultdict
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pytest

from tui.core.catalog import build
from tui.core.catalog import store as catalog_store
from tui.core.catalog.model import GROUP_NAMES, UNKNOWN, UNNAMED, Catalog, Entry
from tui.core.index import caches, quoterows, searchcache
from tui.core.index.store import CorpusIndex
from tui.core.model import Document, Quotation
from tui.core.speakers import finish_speakers, merge_tallies, tally_document

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"

# -- the reference computations (as they were before the end phase was fused) ----------


def _reference_search(conn: sqlite3.Connection, shown: set[int] | None = None):  # type: ignore[no-untyped-def]
    quote_ids, doc_ids, seqs, speakers = array("q"), array("I"), array("I"), array("I")
    kind_codes = bytearray()
    codes = defaultdict(lambda: 255, {kind: n for n, kind in enumerate(searchcache.KINDS)})
    number: dict[str, int] = {"": searchcache.NO_SPEAKER}
    cursor = conn.execute(
        "SELECT id, doc_id, seq, kind, coalesce(speaker, '') FROM quotations ORDER BY id")
    while rows := cursor.fetchmany(100_000):
        if shown is not None:
            rows = [r for r in rows if r[1] in shown]
        quote_ids.extend(map(itemgetter(0), rows))
        doc_ids.extend(map(itemgetter(1), rows))
        seqs.extend(map(itemgetter(2), rows))
        kind_codes.extend(map(codes.__getitem__, map(itemgetter(3), rows)))
        spoken = list(map(itemgetter(4), rows))
        for name in set(spoken) - number.keys():
            number[name] = len(number) - 1
        speakers.extend(map(number.__getitem__, spoken))
    del number[""]
    count = len(quote_ids)
    by_speaker = array("I", sorted(range(count), key=speakers.__getitem__))
    counts = Counter(speakers)
    speaker_firsts = array("I", [0])
    for key in range(len(number)):
        speaker_firsts.append(speaker_firsts[-1] + counts.get(key, 0))
    by_doc = array("I", sorted(range(count), key=doc_ids.__getitem__))
    runs = sorted(Counter(doc_ids).items())
    dates = dict(conn.execute("SELECT id, date FROM documents"))
    ranks = {date: n + 1 for n, date in enumerate(sorted({d for d in dates.values() if d}))}
    age = {doc: -ranks.get(date or "", 0) for doc, date in dates.items()}
    quote_age = array("i", map(age.__getitem__, doc_ids))
    newest = array("I", sorted(range(count), key=quote_age.__getitem__))
    vocab = conn.execute("SELECT term, doc FROM doc_vocab ORDER BY term").fetchall()
    listed = conn.execute(
        f"SELECT id, title FROM documents ORDER BY {searchcache.ROWS_ORDER}").fetchall()
    if shown is not None:
        listed = [row for row in listed if row[0] in shown]
    row_of = {doc: n for n, (doc, _) in enumerate(listed)}
    doc_first, doc_count = array("I", [0]) * len(listed), array("I", [0]) * len(listed)
    first = 0
    for doc, many in runs:
        doc_first[row_of[doc]], doc_count[row_of[doc]] = first, many
        first += many
    title_terms, title_counts, title_rows = searchcache._title_words(t for _, t in listed)
    return searchcache.Cache({
        "quote_ids": quote_ids, "quote_doc_ids": doc_ids, "quote_seq": seqs,
        "quote_speaker": speakers, "quote_kind": bytes(kind_codes),
        "by_speaker": by_speaker, "speaker_firsts": speaker_firsts,
        "speaker_names": list(number), "by_doc": by_doc,
        "run_doc_ids": array("I", map(itemgetter(0), runs)),
        "run_counts": array("I", map(itemgetter(1), runs)),
        "newest_first": newest,
        "vocab_terms": [term for term, _ in vocab],
        "vocab_docs": array("I", (docs for _, docs in vocab)),
        "row_ids": array("I", map(itemgetter(0), listed)),
        "quote_rows": array("I", map(row_of.__getitem__, doc_ids)),
        "doc_first": doc_first, "doc_count": doc_count,
        "title_terms": title_terms, "title_counts": title_counts, "title_rows": title_rows,
    })


def _reference_catalog(conn: sqlite3.Connection) -> Catalog:
    dates = dict(conn.execute("SELECT id, date FROM documents"))
    corpus: dict = {}
    ids, docs, days, keys = array("I"), array("I"), array("I"), array("i")
    key_number: dict[str, int] = {}
    cursor = conn.execute("SELECT id, doc_id, speaker, role, mention FROM quotations "
                          "ORDER BY doc_id, id")
    for doc_id, group in groupby(cursor, key=itemgetter(1)):
        rows = list(group)
        date = dates.get(doc_id)
        tallies, found = tally_document(doc_id, date, [row[2:] for row in rows])
        merge_tallies(corpus, tallies)
        ids.extend(map(itemgetter(0), rows))
        docs.extend([doc_id] * len(rows))
        days.extend([build.day_number(date)] * len(rows))
        keys.extend([key_number.setdefault(key, len(key_number)) if key is not None
                     else -1 if row[2] is None else -2
                     for row, key in zip(rows, found, strict=True)])
    speakers, moved = finish_speakers(corpus)
    place = {key: n for n, (key, _) in enumerate(speakers)}
    unknown, unnamed = len(speakers), len(speakers) + 1
    by_number = array("I", (place[moved.get(key, key)] for key in key_number))
    entry_of = array("I", (by_number[k] if k >= 0 else (unknown if k == -1 else unnamed)
                           for k in keys))
    order_key = array("q", ((build._LAST_DAY - d) << 32 | i
                            for d, i in zip(days, ids, strict=True)))
    newest_order = sorted(range(len(ids)), key=order_key.__getitem__)
    by_entry_order = sorted(newest_order, key=entry_of.__getitem__)
    counts = Counter(entry_of)
    firsts = array("I", [0])
    for number in range(len(speakers) + 2):
        firsts.append(firsts[-1] + counts.get(number, 0))
    entries = [Entry(n, s.name, s.role, tuple(sorted(s.aliases)), s.quotations, s.articles,
                     s.first_date, s.last_date, key=key)
               for n, (key, s) in enumerate(speakers)]
    import datetime as dt

    for number, kind in ((unknown, UNKNOWN), (unnamed, UNNAMED)):
        positions = by_entry_order[firsts[number] : firsts[number + 1]]
        dated = [days[p] for p in positions if days[p]]
        entries.append(Entry(
            number, GROUP_NAMES[kind], None, (), len(positions),
            len({docs[p] for p in positions}),
            dt.date.fromordinal(min(dated)).isoformat() if dated else None,
            dt.date.fromordinal(max(dated)).isoformat() if dated else None, kind=kind))
    return Catalog(
        entries,
        by_entry=array("I", map(ids.__getitem__, by_entry_order)),
        entry_days=array("I", map(days.__getitem__, by_entry_order)),
        entry_firsts=firsts,
        newest=array("I", map(ids.__getitem__, newest_order)),
        newest_days=array("I", map(days.__getitem__, newest_order)),
    )


def _stored(cache: searchcache.Cache | None, catalog: Catalog | None) -> dict[str, bytes]:
    """What searchcache.store and catalog's store write, by table and name."""
    scratch = sqlite3.connect(":memory:", isolation_level=None)
    for table in ("search_cache", "speaker_catalog"):
        scratch.execute(f"CREATE TABLE {table}(name TEXT PRIMARY KEY, data BLOB NOT NULL)")
    if cache is not None:
        searchcache.store(scratch, cache)
    if catalog is not None:
        catalog_store.store(scratch, catalog)
    return {f"{table}/{name}": data for table in ("search_cache", "speaker_catalog")
            for name, data in scratch.execute(f"SELECT name, data FROM {table}")}


def _assert_as_reference(conn: sqlite3.Connection) -> None:
    expected = _stored(_reference_search(conn), _reference_catalog(conn))
    assert _stored(*caches.compute(conn)) == expected
    assert _stored(searchcache.compute(conn), build.compute(conn)) == expected


# -- generated corpora: the cases that decide ties ---------------------------------------

#: Bare surnames with one full name or several (whose roles then decide), in families.
#: Forms of one name as long as each other, and roles as long as each other, tie: the
#: order in which they were met decides.
_FAMILIES = [["Vladimir Putin", "Putin", "PUTIN", "Mr. Putin", "Vladimir PUTIN"],
             ["Bill Clinton", "Hillary Clinton", "Clinton", "Hillary CLINTON"],
             ["Barack Obama", "Michelle Obama", "Obama", "OBAMA"],
             ["Donald J. Trump", "Donald Trump", "Trump"], ["Müller", "Thomas Müller"],
             ["Li He", "He"], ["Kremlin", "the Kremlin"]]
_OTHERS = ["an official", "officials", "", None, None, None]
_ROLES = [None, None, "", "President", "President", "first lady", "Rival", "his wife",
          "former secretary of State", "spokesman", "professor", "candidate", "coach"]
_WORDS = ["he", "she", "Putin", "Mr. Putin", "Vladimir Putin", "Clinton", "Hillary Clinton",
          "a Clinton", "Obama", "President Obama", "Trump", "Mueller", "Müller", "He",
          "the Kremlin", "Kremlin", "officials", "they"]
_DATES = ["2016-01-04", "2016-03-01", "2017-07-30", "2016-13-01", "", None, "2016-03-01"]


def _documents(seed: int, count: int = 60) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        words = [rng.choice(_WORDS) for _ in range(12)]
        text = " ".join(words)
        starts, at = [], 0
        for word in words:
            starts.append((at, at + len(word)))
            at += len(word) + 1
        quotes = []
        cast = [*rng.sample(_OTHERS, 2)]
        for family in rng.sample(_FAMILIES, rng.randint(1, 3)):
            cast += rng.sample(family, rng.randint(1, len(family)))
        usual = {speaker: rng.choice(_ROLES) for speaker in cast}
        for _ in range(rng.randint(0, 12)):
            mention = rng.choice([None, *starts])
            speaker = rng.choice(cast)
            role = usual[speaker] if rng.random() < 0.7 else rng.choice(_ROLES)
            quotes.append(Quotation(rng.choice(["direct", "indirect", "mixed"]), ((0, 2),),
                                    mention=mention, speaker=speaker, role=role))
        docs.append(Document(path=f"{n % 7}/{n:03}.txt", text=text, title=f"Title {text[:20]}",
                             date=rng.choice(_DATES), quotations=quotes))
    return docs


@pytest.mark.parametrize("seed", range(16))
def test_the_fused_end_phase_stores_what_the_reference_stores(seed: int) -> None:
    with CorpusIndex.from_documents(_documents(seed)) as index:
        _assert_as_reference(index.conn)


@pytest.mark.parametrize("seed", range(4))
def test_quotations_not_stored_document_by_document(seed: int) -> None:
    """Rows out of document order (never written so, but nothing forbids it) take the
    general path: sorted positions rather than runs."""
    with CorpusIndex.from_documents(_documents(seed)) as index:
        conn = index.conn
        first_doc = conn.execute("SELECT min(doc_id) FROM quotations").fetchone()[0]
        conn.execute("UPDATE quotations SET id = id + 100000 WHERE doc_id = ?", (first_doc,))
        rows = quoterows.read(conn)
        assert rows.spans is None
        _assert_as_reference(conn)


def test_only_the_documents_shown() -> None:
    with CorpusIndex.from_documents(_documents(3)) as index:
        shown = {doc for (doc,) in index.conn.execute("SELECT id FROM documents")
                 if doc % 3 != 1}
        assert _stored(searchcache.compute(index.conn, shown), None) == \
            _stored(_reference_search(index.conn, shown), None)


def test_an_empty_index() -> None:
    with CorpusIndex.from_documents([]) as index:
        _assert_as_reference(index.conn)


def test_a_file_index_computes_beside_and_stores_both(tmp_path: Path) -> None:
    with CorpusIndex.open([CORPUS], tmp_path / "cache") as index:
        index.refresh()
        conn = index.conn
        stored = {f"{table}/{name}": data for table in ("search_cache", "speaker_catalog")
                  for name, data in conn.execute(f"SELECT name, data FROM {table}")}
        assert stored == _stored(_reference_search(conn), _reference_catalog(conn))
        assert caches.ensure(conn) is False  # both current
        conn.execute("DELETE FROM search_cache")
        assert caches.ensure(conn) is True  # one missing: that one alone
        assert searchcache.load(conn) is not None and catalog_store.load(conn) is not None


def test_beside_runs_on_a_thread_for_a_file_and_lazily_in_memory(tmp_path: Path) -> None:
    (tmp_path / "odd ?#%20 dir").mkdir()
    path = tmp_path / "odd ?#%20 dir" / "x.sqlite3"  # opened by URI: quoted
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(5)])
    conn.commit()
    with quoterows.Beside(conn) as beside:
        assert beside._pool is not None
        assert beside.submit("SELECT sum(x) FROM t")() == [(10,)]
        conn.execute("CREATE TEMP TABLE mine(y)")  # which the second connection cannot see
        conn.execute("INSERT INTO mine VALUES (3)")
        assert beside.submit("SELECT y FROM mine WHERE y > ?", (2,))() == [(3,)]
    memory = sqlite3.connect(":memory:")
    memory.execute("CREATE TABLE t(x)")
    with quoterows.Beside(memory) as beside:
        rows = beside.submit("SELECT count(*) FROM t")
        memory.execute("INSERT INTO t VALUES (1)")
        assert beside._pool is None and rows() == [(1,)]


def test_group_by_number_is_a_stable_sort() -> None:
    rng = random.Random(5)
    numbers = array("I", (rng.choice([0, 1, 2, 4, quoterows.NO_SPEAKER]) for _ in range(500)))
    order, firsts = quoterows.group_by_number(numbers, 5)
    assert list(order) == sorted(range(500), key=numbers.__getitem__)
    counts = Counter(numbers)
    assert list(firsts) == [sum(counts[k] for k in range(n)) for n in range(6)]
    positions = rng.sample(range(500), 500)
    order, _ = quoterows.group_by_number(map(numbers.__getitem__, positions), 5, positions)
    assert list(order) == sorted(positions, key=numbers.__getitem__)


def test_doc_runs() -> None:
    assert quoterows.doc_runs(array("I", [3, 3, 5, 9, 9, 9])) == [(3, 0, 2), (5, 2, 3),
                                                                (9, 3, 6)]
    assert quoterows.doc_runs(array("I")) == []
    assert quoterows.doc_runs(array("I", [3, 5, 3])) is None
    assert quoterows.doc_runs(array("I", [5, 3])) is None


def test_a_role_first_met_in_a_joined_quotation_is_met_later_under_its_own_speaker() -> None:
    """``Putin`` as professor first in a document that joins him to Vladimir Putin: under
    the bare ``Putin`` (two full names share the surname, so he stays apart) the roles are
    met candidate first, then professor; equally often, equally long, the first met wins."""
    def doc(path: str, *quotes: tuple[str, str | None]) -> Document:
        return Document(path=path, text="x", title=path, date="2016-01-04", quotations=[
            Quotation("direct", ((0, 1),), speaker=speaker, role=role)
            for speaker, role in quotes])

    docs = [doc("a.txt", ("Vladimir Putin", "President"), ("Putin", "professor")),
            doc("b.txt", ("Putin", "candidate"), ("Putin", "professor")),
            doc("c.txt", ("Lyudmila Putin", "teacher"))]
    with CorpusIndex.from_documents(docs) as index:
        _assert_as_reference(index.conn)
        bare = next(e for e in build.compute(index.conn).entries if e.name == "Putin")
        assert bare.role == "candidate" and bare.quotations == 2


@pytest.mark.parametrize("mention", [
    "Putin", "Mr. Putin", "Vladimir Putin", "President Putin", "he", "He", "O’Brien",
    "Conan O’Brien", "Mr. O'Brien", "Müller", "MÜLLER", "Mueller", "Thomas  Müller ,",
    "Martin Luther King Jr.", "King", "Dr. King", "ﬁnn", "Finn", "Ǆokić", "Dokic",
    "Straße", "Strasse", "Li He", "the Kremlin", "Kremlin", "Trump’s", "Obama-Biden"])
@pytest.mark.parametrize("speaker", [
    "Vladimir Putin", "Conan O'Brien", "Thomas Müller", "Thomas Mueller",
    "Martin Luther King Jr.", "Huck Finn", "Nikola Đokić", "Nikola Dokic", "Ana Straße",
    "Li He", "Kremlin", "Joe Obama-Biden"])
def test_an_alias_holds_the_surname_as_the_catalog_assumes(mention: str, speaker: str) -> None:
    """The catalog asks for an alias only when the folded mention holds the surname."""
    from tui.core.speakers import _alias, fold, speaker_key

    key = speaker_key(speaker)
    if _alias(mention, key):
        assert key.split()[-1] in fold(mention).replace("’", "'")


def test_a_large_index_computes_its_caches_in_a_child_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past APART_QUOTATIONS the end of a refresh runs in a process of its own (its peak
    memory is never the app's): this process's ensure is not called, yet both caches
    are stored, the same as computed here."""
    from tui.core.catalog import store as catalog_store
    from tui.core.index import CorpusIndex, searchcache

    root = tmp_path / "news"
    root.mkdir()
    for number in range(30):
        (root / f"{number}.txt").write_text(
            f'Story {number}\n\n"We said it {number} times," said Ann Lee. "Again," he said.\n',
            encoding="utf-8")

    def not_here(conn: sqlite3.Connection) -> bool:
        raise AssertionError("computed in the parent")

    monkeypatch.setattr(caches, "APART_QUOTATIONS", 1)
    monkeypatch.setattr(caches, "ensure", not_here)
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        index.refresh()
        assert searchcache.is_current(index.conn) and catalog_store.is_current(index.conn)
        stored = searchcache.load(index.conn)
        assert stored is not None
        computed = searchcache.compute(index.conn)
        assert list(stored.quote_ids) == list(computed.quote_ids)
        assert catalog_store.load(index.conn) is not None
