"""The persistent corpus index: freshness, versions, damage, fallbacks, cancellation, order."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from tui.core.corpus import analyse_file, open_corpus
from tui.core.index import CorpusIndex, database, fulltext, index_path, refresh, writer
from tui.core.loaders import sort_key
from tui.core.model import Document, Quotation

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
ARTICLE = (CORPUS / "wire" / "2016-03-08_campaign-trail.txt").read_text(encoding="utf-8")


def article(number: int) -> str:
    """A distinct article with quotations: the fixture with a numbered title line."""
    return f"Article number {number}\n\n{ARTICLE}"


def make_corpus(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (root / f"{number:03}.txt").write_text(article(number), encoding="utf-8")
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the refresher reads (in this process), in order."""
    seen: list[str] = []

    def counting(path: Path):  # type: ignore[no-untyped-def]
        seen.append(Path(path).name)
        return analyse_file(path)

    monkeypatch.setattr(refresh, "analyse_file", counting)
    return seen


def texts(index: CorpusIndex) -> dict[str, str]:
    return {row.doc_id: index.document(row.id).text for row in index.rows()}


def test_index_follows_changes_and_never_rereads_unchanged_files(
        tmp_path: Path, reads: list[str]) -> None:
    root = make_corpus(tmp_path / "news", 5)
    cache = tmp_path / "cache"
    with CorpusIndex.open([root], cache) as index:
        stats = index.refresh()
        assert (stats.added, stats.unchanged, stats.documents) == (5, 0, 5)
        assert len(index.rows()) == 5
    assert sorted(reads) == [f"{n:03}.txt" for n in range(5)]
    reads.clear()

    changed = root / "001.txt"
    changed.write_text(article(101), encoding="utf-8")
    os.utime(changed, ns=(1_000_000_000, 1_000_000_000))
    (root / "002.txt").unlink()
    (root / "new.txt").write_text(article(7), encoding="utf-8")
    with CorpusIndex.open([root], cache) as index:
        stats = index.refresh()
        assert (stats.added, stats.changed, stats.removed, stats.unchanged) == (1, 1, 1, 3)
        assert sorted(reads) == ["001.txt", "new.txt"]
        stored = texts(index)
    assert stored == {str(p): p.read_text(encoding="utf-8") for p in root.iterdir()}

    reads.clear()
    with CorpusIndex.open([root], cache) as index:
        stats = index.refresh()
    assert reads == [] and stats.unchanged == 5 and stats.documents == 0


def test_documents_equal_open_corpus_in_display_order(tmp_path: Path) -> None:
    corpus = open_corpus([FIXTURES])
    with CorpusIndex.open([FIXTURES], tmp_path) as index:
        index.refresh()
        rows = index.rows()
        assert [row.doc_id for row in rows] == [doc.doc_id for doc in corpus.documents]
        assert [index.document(row.id) for row in rows] == corpus.documents
        assert [row.quotes for row in rows] == [len(d.quotations) for d in corpus.documents]
        assert sorted(map(str, index.problems())) == sorted(map(str, corpus.problems))


def test_paths_are_shown_as_the_user_gave_them(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    corpus = open_corpus(["corpus"])
    with CorpusIndex.open(["corpus"], tmp_path / "cache") as index:
        index.refresh()
        assert [r.doc_id for r in index.rows()] == [d.doc_id for d in corpus.documents]
        assert index.document(index.rows()[0].id).path.startswith("corpus/")
    with CorpusIndex.open([tmp_path / "corpus"], tmp_path / "cache") as index:
        stats = index.refresh()  # the same database and files: nothing re-read
        assert stats.added == stats.changed == 0 and stats.unchanged == stats.files == 5
        assert index.rows()[0].path.startswith(str(tmp_path))


def test_rows_follow_sort_key(tmp_path: Path) -> None:
    docs = [Document(path=f"/x/{name}", text=f"Text of {name}.", title=name, date=date,
                     record=record)
            for name, date, record in [("b", None, None), ("a", "2016-05-01", 2),
                                       ("a", "2016-05-01", 1), ("c", "2015-01-01", None),
                                       ("d", "", None), ("a", None, 3)]]
    index = CorpusIndex.from_documents(docs)
    expected = [d.doc_id for d in sorted(docs, key=sort_key)]
    assert [row.doc_id for row in index.rows()] == expected


def test_from_documents_round_trip() -> None:
    documents = open_corpus([CORPUS]).documents
    documents.append(Document(path="/odd.txt", text="Odd \udcff text “quoted,” he said.",
                              quotations=[Quotation("direct", ((5, 9), (11, 15)),
                                                    cue=(24, 28), mention=(21, 23),
                                                    speaker="He Said", role="r",
                                                    confidence=0.5)]))
    index = CorpusIndex.from_documents(documents)
    assert index.path is None
    back = {index.document(row.id).doc_id: index.document(row.id) for row in index.rows()}
    assert len(back) == len(documents)
    for doc in documents:
        assert back[doc.doc_id] == doc


def test_engine_version_change_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        reads: list[str]) -> None:
    root = make_corpus(tmp_path / "news", 3)
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        index.refresh()
    reads.clear()
    monkeypatch.setattr(database, "engine_version", lambda: "999+new")
    notices: list[str] = []
    with CorpusIndex.open([root], tmp_path / "cache", on_notice=notices.append) as index:
        assert index.rows() == []
        stats = index.refresh()
        assert stats.added == 3 and len(index.rows()) == 3
        meta = dict(index.conn.execute("SELECT key, value FROM meta"))
    assert meta["engine_version"] == "999+new"
    assert len(reads) == 3
    assert any("another version" in n for n in notices)


@pytest.mark.parametrize("damage", ["garbage", "torn pages", "foreign database"])
def test_damaged_index_is_rebuilt_with_a_notice(tmp_path: Path, damage: str) -> None:
    root = make_corpus(tmp_path / "news", 4)
    cache = tmp_path / "cache"
    with CorpusIndex.open([root], cache) as index:
        index.refresh()
        index.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = index_path([root], cache)
    if damage == "garbage":
        path.write_bytes(os.urandom(3000))
    elif damage == "torn pages":
        data = bytearray(path.read_bytes())
        data[4096:] = os.urandom(len(data) - 4096)
        path.write_bytes(bytes(data))
    else:
        path.unlink()
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE unrelated(x)")
    notices: list[str] = []
    with CorpusIndex.open([root], cache, on_notice=notices.append) as index:
        index.refresh()
        assert len(index.rows()) == 4
        assert index.path == path
    assert any("damaged; rebuilt" in n for n in notices), notices


def test_unwritable_cache_dir_falls_back_to_memory(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "news", 2)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    notices: list[str] = []
    with CorpusIndex.open([root], blocker / "cache", on_notice=notices.append) as index:
        assert index.path is None
        index.refresh()
        assert len(index.rows()) == 2
    assert notices and "memory" in notices[0]


def test_in_memory_writes_nothing(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "news", 2)
    cache = tmp_path / "cache"
    with CorpusIndex.open([root], cache, in_memory=True) as index:
        index.refresh()
        assert len(index.rows()) == 2 and index.path is None
    assert not cache.exists()


def test_cancel_keeps_committed_work_and_a_later_refresh_completes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh, "BATCH_FILES", 2)
    monkeypatch.setattr(refresh, "BATCH_SECONDS", 600.0)
    root = make_corpus(tmp_path / "news", 9)
    polls = iter(range(1000))
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        stats = index.refresh(should_stop=lambda: next(polls) >= 5)
        assert stats.cancelled
        kept = len(index.rows())
    assert 3 <= kept < 9
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        stats = index.refresh()
        assert not stats.cancelled and stats.added == 9 - kept
        assert len(index.rows()) == 9


def test_progress_is_reported_and_ends_complete(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "news", 3)
    seen = []
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        index.refresh(on_progress=seen.append)
    assert seen and (seen[-1].done, seen[-1].total, seen[-1].indexed) == (3, 3, 3)
    assert seen[-1].eta == 0.0 and seen[-1].rate > 0


def test_jobs_give_the_same_index(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "news", 40)
    with CorpusIndex.open([root], tmp_path / "one") as one, \
            CorpusIndex.open([root], tmp_path / "two") as two:
        one.refresh(jobs=1)
        assert two.refresh(jobs=2).documents == 40
        assert texts(one) == texts(two)
        assert [one.document(r.id) for r in one.rows()] == [
            two.document(r.id) for r in two.rows()]


def test_cache_dir_comes_from_the_environment(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEEDREAD_CACHE_DIR", str(tmp_path / "env"))
    root = make_corpus(tmp_path / "news", 1)
    with CorpusIndex.open([root]) as index:
        index.refresh()
    assert index.path is not None and index.path.parent == tmp_path / "env"
    assert index.path.name.startswith("index-") and index.path.name.endswith(".sqlite3")
    assert index_path([root, root / ".." / "news"]) == index_path([str(root)])


def test_deleting_a_file_removes_its_full_text_rows() -> None:
    from tui.core.index.records import delete_file

    odd = Document(path="/odd.jsonl", text="Odd \udcff “words here,” said Ann Lee.",
                   title="Odd \udcff title", record=1)
    odd.quotations = [Quotation("direct", ((7, 17),), speaker="Ann \udcff Lee")]
    index = CorpusIndex.from_documents([odd])
    index.conn.execute(
        "CREATE VIRTUAL TABLE temp.quote_words USING fts5vocab(main, quote_fts, row)")
    for table in ("doc_vocab", "quote_words"):
        assert index.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] > 0
    index.conn.execute("BEGIN")
    delete_file(index.conn, index.conn.execute("SELECT id FROM files").fetchone()[0])
    index.conn.execute("COMMIT")
    for table in ("doc_vocab", "quote_words", "documents", "quotations"):
        assert index.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_rows_can_be_read_while_a_thread_refreshes(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(refresh, "BATCH_FILES", 3)
    monkeypatch.setattr(refresh, "BATCH_SECONDS", 600.0)
    root = make_corpus(tmp_path / "news", 30)
    counts: list[int] = []
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        worker = threading.Thread(target=index.refresh)
        worker.start()
        while worker.is_alive():
            counts.append(len(index.rows()))
        worker.join()
        assert len(index.rows()) == 30
    assert counts == sorted(counts) and all(count % 3 == 0 for count in counts)


def test_listing_reads_one_covering_index_without_sorting() -> None:
    from tui.core.index.store import _ROWS

    index = CorpusIndex.from_documents(open_corpus([CORPUS]).documents)
    plan = " ".join(str(row[-1]) for row in index.conn.execute("EXPLAIN QUERY PLAN " + _ROWS))
    assert "COVERING INDEX documents_in_order" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize("roots", [["."], ["./news/"], ["news", "news/sub"], ["../here/news"],
                                   ["news/sub/a.txt", "other"], [".", "news"]])
def test_shown_paths_are_those_discover_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              roots: list[str]) -> None:
    from tui.core.index.shown import ShownPaths
    from tui.core.loaders import discover

    here = tmp_path / "here"
    for name in ("news/sub/a.txt", "news/b.txt", "other/c.md", "d.txt"):
        (here / name).parent.mkdir(parents=True, exist_ok=True)
        (here / name).write_text("x")
    monkeypatch.chdir(here)
    shown = ShownPaths(roots)
    expression, params = shown.sql("p")
    conn = sqlite3.connect(":memory:")
    for path in discover(roots)[0]:
        stored = os.path.abspath(str(path))
        assert shown(stored) == str(path)
        assert conn.execute(f"SELECT {expression} FROM (SELECT ? AS p)",
                            [*params, stored]).fetchone()[0] == str(path)


def test_a_warm_index_lists_shown_paths_before_any_refresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    with CorpusIndex.open(["corpus"], tmp_path / "cache") as index:
        index.refresh()
        after_refresh = [row.doc_id for row in index.rows()]
    with CorpusIndex.open(["./corpus/"], tmp_path / "cache") as index:
        assert [row.doc_id for row in index.rows()] == after_refresh
    assert after_refresh == [doc.doc_id for doc in open_corpus(["corpus"]).documents]


def test_engine_version_follows_the_sources_unless_pinned(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.quotes import ENGINE_VERSION

    monkeypatch.delenv(database.ENGINE_VERSION_ENV, raising=False)
    assert database.engine_version().startswith(ENGINE_VERSION + "+")
    monkeypatch.setenv(database.ENGINE_VERSION_ENV, "pinned")
    assert database.engine_version() == "pinned"


@pytest.mark.parametrize("step", ["rows", "full text"])
def test_an_error_while_storing_reaches_the_caller(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """Whether storing fails on the refresh's thread (the rows) or on the writer's own
    (the full-text rows and the commit), the refresh raises it and stores nothing."""
    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    if step == "rows":
        monkeypatch.setattr(writer, "insert_file", failing)
    else:
        monkeypatch.setattr(fulltext, "index", failing)
    root = make_corpus(tmp_path / "news", 3)
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        with pytest.raises(RuntimeError, match="disk on fire"):
            index.refresh()
        assert index.rows() == []
        assert index.counts() == (0, 0, 0)


def test_a_rebuild_for_a_new_version_gives_the_space_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_corpus(tmp_path / "news", 40)
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        index.refresh()
    path = index_path([root], tmp_path / "cache")
    full = path.stat().st_size
    monkeypatch.setattr(database, "engine_version", lambda: "999+new")
    with CorpusIndex.open([root], tmp_path / "cache"):
        assert path.stat().st_size < full / 2



def test_a_new_version_rebuilds_a_vacuumed_index_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a VACUUM the full-text tables' shadow tables come first in sqlite_master;
    dropping them before their tables made the rebuild fail ("vtable constructor failed:
    doc_fts") and the run fall back to memory."""
    root = make_corpus(tmp_path / "news", 3)
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        index.refresh()
        index.conn.execute("VACUUM")
        names = [name for (name,) in index.conn.execute("SELECT name FROM sqlite_master")]
    assert names.index("doc_fts_data") < names.index("doc_fts")
    monkeypatch.setattr(database, "engine_version", lambda: "999+new")
    notices: list[str] = []
    with CorpusIndex.open([root], tmp_path / "cache", on_notice=notices.append) as index:
        assert index.path is not None, notices  # on disk, not fallen back to memory
        assert index.refresh().added == 3
    assert not any("memory" in notice for notice in notices), notices

def test_batches_are_bounded_by_documents_too(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    stored: list[int] = []
    real = writer.BatchWriter.store

    def counting(self: writer.BatchWriter, batch: list) -> None:  # type: ignore[type-arg]
        stored.append(sum(len(documents) for _, documents, _ in batch))
        real(self, batch)

    monkeypatch.setattr(writer.BatchWriter, "store", counting)
    monkeypatch.setattr(refresh, "BATCH_DOCUMENTS", 10)
    monkeypatch.setattr(refresh, "BATCH_SECONDS", 600.0)
    root = tmp_path / "feeds"
    root.mkdir()
    for number in range(4):
        lines = [json.dumps({"title": f"T{number}-{n}", "text": f"Body {number} {n}."})
                 for n in range(6)]
        (root / f"{number}.jsonl").write_text("\n".join(lines) + "\n")
    with CorpusIndex.open([root], tmp_path / "cache") as index:
        index.refresh()
        assert len(index.rows()) == 24
    assert stored == [12, 12]
