"""Full-text rows indexed in one statement per batch, on the writer's thread."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from tui.core.index import CorpusIndex, fulltext, writer
from tui.core.index.database import connect, prepare
from tui.core.index.records import delete_file, insert_file
from tui.core.model import Document, Quotation
from tui.core.search import IndexSearch

_INSTANCES = "CREATE VIRTUAL TABLE temp.{0}_words USING fts5vocab(main, {0}, 'instance')"


def _documents() -> list[Document]:
    texts = [
        ("Plain title", 'The minister said "we will not yield" on Monday.'),
        ("Accents: Zürich café", "Ça va, dit-il. “Nous verrons,” said Élodie Dupont."),
        ("NUL\0inside", 'Before\0after "quoted\0words here" said Bob Stone.'),
        ("Controls \x1b[31m", "Escape \x1b]52;c;ZXZpbA==\x07 and a tab\tand\r\nnewline."),
        ("Emoji 😀 and 中文", "Said 😀 happily: \"𝒳 marks 中文 the spot\" 🇺🇦 Kyiv."),
        ("", ""),
    ]
    docs = []
    for title, text in texts:
        doc = Document(path="/x", text=text, title=title)
        start = text.find('"') if '"' in text else text.find("“")
        if start >= 0:
            doc.quotations = [Quotation(kind="direct", spans=((start, start + 12),),
                                        speaker="Bob\0Stone" if "\0" in text else "Élodie",
                                        role=None, confidence=1.0)]
        docs.append(doc)
    return docs


def _words(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    out = []
    for table in ("doc_fts", "quote_fts"):
        conn.execute(_INSTANCES.format(table))
        out += conn.execute(f"SELECT * FROM temp.{table}_words ORDER BY 1, 2, 3, 4").fetchall()
    return out


def _state(n: int) -> SimpleNamespace:
    return SimpleNamespace(key=f"/corpus/{n}.txt", shown=f"{n}.txt", size=n, mtime_ns=n)


@pytest.mark.parametrize("background", [True, False])
def test_a_batch_indexes_the_same_words_as_row_by_row(tmp_path: Path,
                                                      background: bool) -> None:
    """Every word at every position, NULs and controls included, as one statement per
    row gave them."""
    one_by_one = connect(None)
    prepare(one_by_one)
    for n, doc in enumerate(_documents()):
        insert_file(one_by_one, f"/corpus/{n}.txt", n, n, [doc], [])
    batched = connect(tmp_path / "index.sqlite3")
    prepare(batched)
    files = [(_state(n), [doc], []) for n, doc in enumerate(_documents())]
    with writer.BatchWriter(batched, background=background) as batches:
        batches.store(files[:3])  # type: ignore[arg-type]
        batches.store(files[3:])  # type: ignore[arg-type]
    words = _words(batched)
    assert words == _words(one_by_one)
    assert {"after", "yield", "zurich", "elodie", "stone", "中文"} <= {row[0] for row in words}


def test_words_after_a_nul_are_found_and_deleted() -> None:
    conn = connect(None)
    prepare(conn)
    doc = _documents()[2]
    writer.store_batch(conn, [(_state(1), [doc], [])])
    found = conn.execute("SELECT rowid FROM doc_fts WHERE doc_fts MATCH 'after'").fetchall()
    assert len(found) == 1
    assert conn.execute("SELECT COUNT(*) FROM quote_fts "
                        "WHERE quote_fts MATCH 'quoted AND word'").fetchone() == (1,)
    conn.execute("BEGIN")
    delete_file(conn, 1)
    conn.execute("COMMIT")
    assert _words(conn) == []


def test_the_next_batch_is_read_while_the_last_is_indexed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``store`` returns with the full-text rows still going in; the next ``store`` and
    ``close`` wait for them; what was stored is all there afterwards."""
    release = threading.Event()
    started = threading.Event()
    real = fulltext.index

    def held(conn: sqlite3.Connection, encoded: tuple[str | None, str | None]) -> None:
        started.set()
        assert release.wait(10)
        real(conn, encoded)

    monkeypatch.setattr(fulltext, "index", held)
    conn = connect(tmp_path / "index.sqlite3")
    prepare(conn)
    batches = writer.BatchWriter(conn)
    batches.store([(_state(1), _documents()[:1], [])])
    assert started.wait(10)  # the thread holds the batch's transaction open ...
    reader = sqlite3.connect(tmp_path / "index.sqlite3")
    assert reader.execute("SELECT COUNT(*) FROM documents").fetchone() == (0,)  # uncommitted
    release.set()
    batches.store([(_state(2), _documents()[1:2], [])])  # ... and store waited for it
    batches.close()
    assert reader.execute("SELECT COUNT(*) FROM documents").fetchone() == (2,)
    assert conn.execute("SELECT COUNT(*) FROM doc_fts WHERE doc_fts MATCH 'minister'"
                        ).fetchone() == (1,)


def test_an_error_on_the_writers_thread_reaches_the_next_call(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(conn: sqlite3.Connection, encoded: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    conn = connect(tmp_path / "index.sqlite3")
    prepare(conn)
    batches = writer.BatchWriter(conn)
    monkeypatch.setattr(fulltext, "index", failing)
    batches.store([(_state(1), _documents()[:1], [])])
    with pytest.raises(sqlite3.OperationalError, match="full"):
        batches.close()
    assert conn.execute("SELECT COUNT(*) FROM files").fetchone() == (0,)  # rolled back
    assert not conn.in_transaction


def test_a_cache_folder_with_uri_characters_is_refreshed_in_the_background(
        tmp_path: Path) -> None:
    """The refresh looks files up on a second connection opened by URI: a cache folder
    named with ``?``, ``#``, ``%`` and a space must still be the one opened."""
    root = tmp_path / "news"
    root.mkdir()
    for number in range(12):
        (root / f"{number}.txt").write_text(
            f'Story {number}\n\n"We are number {number}," said Ann Lee.\n', encoding="utf-8")
    cache = tmp_path / "odd ?#%20 cache"
    with CorpusIndex.open([root], cache) as index:
        assert index.path is not None and index.path.parent == cache
        assert index.refresh().added == 12
        assert index.path is not None  # not fallen back to memory
        assert index.counts()[0] == 12
        searcher = IndexSearch(None, index.rows(), path=index.path)  # read-only, by URI
        assert len(searcher.find("lee").hits) == 12
        searcher.close()
    with CorpusIndex.open([root], cache) as index:
        assert index.refresh().unchanged == 12
