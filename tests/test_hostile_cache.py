"""A cache directory that fails under seedread: full (at open, or in the middle of a
refresh), read-only, or damaged and then full. Each time the run carries on with the index
in memory and says so, loses nothing, and leaves the index file as its last commit left it,
so the next run (with space again) uses it as it is.

A full disk is simulated with SQLite's ``PRAGMA max_page_count`` on every connection to the
index file (SQLite then fails exactly as on a full disk: ``SQLITE_FULL``), in process; the
command-line test in ``test_hostile.py`` limits the file size of a real process
(``RLIMIT_FSIZE``, an I/O error). A read-only cache is simulated by opening the index file
with ``mode=ro``, since the tests may run as root, whom permissions do not stop.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import tui.core.index.refresh as refresh_module
import tui.core.index.store as store
from tui.core.index import CorpusIndex
from tui.core.index.database import connect as real_connect
from tui.core.index.database import is_unwritable

QUOTE = 'Ann Lee said "article {n} is here, and it says a good deal more than that," she said. '


def corpus(root: Path, files: int = 120) -> Path:
    """``files`` small articles of about 3 kB under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for number in range(files):
        (root / f"{number:03}.txt").write_text(QUOTE.format(n=number) * 30)
    return root


def limited(pages: int | None = None, read_only: bool = False
            ) -> Callable[[Path | None], sqlite3.Connection]:
    """A ``connect`` whose connections to an index file can hold ``pages`` pages (a full
    disk), or cannot write at all (a read-only cache); in-memory ones are left alone."""

    def connect(path: Path | None) -> sqlite3.Connection:
        if path is None:
            return real_connect(None)
        if read_only:
            conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode = WAL")  # as connect does: refused here
            return conn
        conn = real_connect(path)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    return connect


def contents(index: CorpusIndex) -> list[tuple[str, str, int]]:
    """Every document's path, text and number of quotations, in display order."""
    return [(Path(row.path).name, (doc := index.document(row.id)).text, len(doc.quotations))
            for row in index.rows()]


def reference(root: Path) -> list[tuple[str, str, int]]:
    with CorpusIndex.open([root], in_memory=True) as index:
        index.refresh()
        return contents(index)


def test_what_counts_as_unwritable() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    io_error = sqlite3.OperationalError("disk I/O error")
    io_error.sqlite_errorcode = 778  # type: ignore[attr-defined]  # SQLITE_IOERR_WRITE
    damaged = sqlite3.DatabaseError("database disk image is malformed")
    damaged.sqlite_errorcode = 11  # type: ignore[attr-defined]
    assert is_unwritable(full) and is_unwritable(io_error)
    assert is_unwritable(sqlite3.OperationalError("attempt to write a readonly database"))
    assert not is_unwritable(damaged)
    assert not is_unwritable(sqlite3.OperationalError("no such table: x"))
    assert not is_unwritable(ValueError("database or disk is full"))


def test_a_disk_that_fills_up_mid_refresh(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus(tmp_path / "corpus")
    expected = reference(root)
    cache = tmp_path / "cache"
    notices: list[str] = []
    monkeypatch.setattr(refresh_module, "BATCH_FILES", 8)  # several commits before it fills
    monkeypatch.setattr(store, "connect", limited(pages=90))
    with CorpusIndex.open([root], cache, on_notice=notices.append) as index:
        stats = index.refresh()
        assert index.path is None  # in memory from now on
        assert contents(index) == expected  # nothing lost: every file, read once or twice
        assert stats.files == 120 and not stats.cancelled
        assert index.counts()[1] == 120
    assert len(notices) == 1, notices
    assert "database or disk is full" in notices[0] and "carrying on" in notices[0]
    assert "free some space" in notices[0] and "--cache-dir" in notices[0]
    # With space again: the file is sound and holds the batches committed before the
    # disk filled; the next run reads only the rest, with no notice.
    monkeypatch.setattr(store, "connect", real_connect)
    files = list(cache.glob("index-*.sqlite3"))
    assert len(files) == 1
    check = sqlite3.connect(files[0])
    assert check.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    committed = check.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    check.close()
    assert 0 < committed < 120
    notices.clear()
    with CorpusIndex.open([root], cache, on_notice=notices.append) as index:
        stats = index.refresh()
        assert index.path is not None and not notices
        assert stats.unchanged == committed and stats.added == 120 - committed
        assert contents(index) == expected


def test_a_full_disk_at_open_keeps_the_index_in_memory(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus(tmp_path / "corpus", files=20)
    notices: list[str] = []
    monkeypatch.setattr(store, "connect", limited(pages=2))  # not even room for the tables
    with CorpusIndex.open([root], tmp_path / "cache", on_notice=notices.append) as index:
        assert index.path is None
        index.refresh()
        assert contents(index) == reference(root)
    assert len(notices) == 1 and "cannot write the index" in notices[0]
    assert "keeping it in memory" in notices[0] and "free some space" in notices[0]


def test_a_damaged_index_on_a_full_disk(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Damaged (found by the refresh's check) and then no room to rebuild it."""
    root = corpus(tmp_path / "corpus", files=20)
    cache = tmp_path / "cache"
    with CorpusIndex.open([root], cache) as index:
        index.refresh()
    path = next(cache.glob("index-*.sqlite3"))
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096  # a page of garbage
    path.write_bytes(bytes(data))
    notices: list[str] = []
    with CorpusIndex.open([root], cache, on_notice=notices.append) as index:
        monkeypatch.setattr(store, "connect", limited(pages=1))
        index.refresh()
        assert index.path is None
        assert contents(index) == reference(root)
    assert any("carrying on with it in memory" in n for n in notices), notices


def test_a_read_only_cache_uses_what_the_index_holds(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus(tmp_path / "corpus", files=30)
    cache = tmp_path / "cache"
    with CorpusIndex.open([root], cache) as index:
        index.refresh()
    database = next(cache.glob("index-*.sqlite3"))
    before = database.read_bytes()
    (root / "new.txt").write_text(QUOTE.format(n="new"))
    notices: list[str] = []
    monkeypatch.setattr(store, "connect", limited(read_only=True))
    with CorpusIndex.open([root], cache, on_notice=notices.append) as index:
        stats = index.refresh()  # opened (reading needs no write), then the first write fails
        assert index.path is None
        assert (stats.unchanged, stats.added) == (30, 1)  # the old index copied, not re-read
        assert contents(index) == reference(root)
    assert len(notices) == 1 and "in memory" in notices[0], notices
    assert "readonly database" in notices[0] and "make it writable" in notices[0]
    assert database.read_bytes() == before  # (the simulation makes -wal and -shm files)


def test_an_unreadable_index_in_a_read_only_cache_starts_empty(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    root = corpus(tmp_path / "corpus", files=5)
    cache = tmp_path / "cache"
    cache.mkdir()
    with CorpusIndex.open([root], cache) as index:
        assert index.path is not None
        garbage = index.path
    garbage.write_bytes(b"not a database at all" * 200)
    monkeypatch.setattr(store, "connect", limited(read_only=True))
    notices: list[str] = []
    with CorpusIndex.open([root], cache, on_notice=notices.append) as index:
        index.refresh()
        assert index.path is None
        assert contents(index) == reference(root)
    assert any("keeping it in memory" in n for n in notices), notices


async def test_the_app_says_so_and_shows_everything(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader, its cache disk filling up while it indexes: a warning, the whole list,
    articles readable, search working (over the index now in memory)."""
    from test_hostile_app import shown
    from tui.app.app import SeedreadApp
    from tui.app.widgets.document_list import DocumentList

    root = corpus(tmp_path / "corpus", files=60)
    monkeypatch.setattr(refresh_module, "BATCH_FILES", 8)
    monkeypatch.setattr(store, "connect", limited(pages=60))
    cache = tmp_path / "cache [bold]$accent \x1b]0;TITLE\x07"  # shown in the message
    app = SeedreadApp([root], cache_dir=cache)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.index is not None and app.index.path is None
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("carrying on with it in memory" in w for w in warnings), warnings
        assert any("cache [bold]$accent ␛]0;TITLE␇ failed" in w for w in warnings), warnings
        assert "[bold]$accent" in shown(app)  # the toast, drawn literally and inert
        assert app.query_one(DocumentList).row_count == 60
        await pilot.press("slash", *"article 42")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.hits is not None and len(app.hits) >= 1
        assert app.article(app.rows[app.hits[0].doc]) is not None
