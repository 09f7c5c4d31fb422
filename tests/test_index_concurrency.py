"""Several seedread processes on one index at once: no corruption, no duplicate rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.index import CorpusIndex, database

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "tests" / "fixtures" / "corpus" / "wire" /
           "2016-03-08_campaign-trail.txt").read_text(encoding="utf-8")


def test_two_processes_indexing_at_once_agree(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Others may edit the engine meanwhile: one version for all three processes.
    monkeypatch.setenv(database.ENGINE_VERSION_ENV, "pinned-for-this-test")
    monkeypatch.setattr(database, "engine_version", lambda: "pinned-for-this-test")
    corpus = tmp_path / "news"
    corpus.mkdir()
    count = 120
    for number in range(count):
        (corpus / f"{number:03}.txt").write_text(f"Article {number}\n\n{ARTICLE}",
                                                 encoding="utf-8")
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "tui", "index", str(corpus), "--cache-dir", str(cache)]
    workers = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, cwd=ROOT) for _ in range(2)]
    snapshots = []
    with CorpusIndex.open([corpus], cache) as reader:  # a reader while both write
        while any(worker.poll() is None for worker in workers):
            snapshots.append(reader.conn.execute(
                "SELECT (SELECT COUNT(*) FROM files), (SELECT COUNT(*) FROM documents)"
            ).fetchone())
            assert len(reader.rows()) <= count
    results = [worker.communicate() for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], results
    assert all(files == documents for files, documents in snapshots)
    with CorpusIndex.open([corpus], cache) as index:
        assert index.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = index.rows()
        assert len(rows) == count == len({row.path for row in rows})
        files, documents, quotations = index.counts()
        assert (files, documents) == (count, count)
        per_doc = index.conn.execute(
            "SELECT COUNT(*) FROM quotations GROUP BY doc_id").fetchall()
        assert len(set(per_doc)) == 1 and quotations == count * per_doc[0][0]
        stats = index.refresh()
        assert stats.unchanged == count and stats.added == 0


def test_search_cache_is_not_stored_over_another_process_commit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache computed while another connection committed is stale: it is not stored (the
    other writer stores its own), and two writers never interleave their cache rows."""
    from tui.core.index import searchcache

    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"Article a\n\n{ARTICLE}", encoding="utf-8")
    cache = tmp_path / "cache"
    with CorpusIndex.open([corpus], cache) as index:
        index.refresh()
        path = index.path
    assert path is not None
    first = database.connect(path)
    other = database.connect(path)
    other.execute("DELETE FROM search_cache")  # as a write of a file does
    compute = searchcache.compute

    def compute_while_another_commits(conn, shown=None):  # type: ignore[no-untyped-def]
        cache_data = compute(conn, shown)
        other.execute("UPDATE files SET mtime_ns = mtime_ns + 1")  # another commit meanwhile
        return cache_data

    monkeypatch.setattr(searchcache, "compute", compute_while_another_commits)
    assert searchcache.ensure(first) is False
    assert searchcache.load(first) is None
    monkeypatch.setattr(searchcache, "compute", compute)
    assert searchcache.ensure(first) is True  # nothing committed meanwhile: stored
    assert searchcache.load(other) is not None
    first.close()
    other.close()
