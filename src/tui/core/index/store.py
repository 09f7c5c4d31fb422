"""The corpus index: open it (or rebuild it when damaged), refresh it, read from it.

Listing reads only metadata (:class:`DocRow`, one SELECT); an article's text and
quotations are read back one document at a time (:meth:`CorpusIndex.document`).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.core.index import caches
from tui.core.index.database import (
    DamagedIndex,
    connect,
    connect_read_only,
    is_damage,
    is_unwritable,
    prepare,
    quick_check,
)
from tui.core.index.location import index_path
from tui.core.index.records import decode_problems, insert_file, read_document
from tui.core.index.refresh import Progress, Refresher, RefreshStats, scan
from tui.core.index.shown import ShownPaths
from tui.core.model import Document, Problem

__all__ = ["CorpusIndex", "DocRow", "Progress", "RefreshStats"]

Notice = Callable[[str], None]

QUICK_CHECK_BYTES = 256_000_000  # indexes up to this size get a quick_check on each refresh

# Display order, as tui.core.loaders.sort_key: dated first by date, then path, then record.
# The terms are those of the documents_in_order index, which answers it without a sort.
_ROWS = ("SELECT id, path, record, title, date, source, place, quotes FROM documents "
         "ORDER BY (date IS NULL OR date = ''), date, path, COALESCE(record, 0)")


@dataclass(frozen=True, slots=True)
class DocRow:
    """What a list of documents (and search) needs of one document: no text."""

    id: int
    path: str
    record: int | None
    title: str
    date: str | None
    source: str | None
    place: str | None
    quotes: int

    @property
    def doc_id(self) -> str:
        """As :attr:`tui.core.model.Document.doc_id`: the path, ``#record`` when numbered."""
        return self.path if self.record is None else f"{self.path}#{self.record}"


class CorpusIndex:
    """Documents, quotations and problems of the files under some roots, in SQLite.

    Open with :meth:`open` (a file in the cache directory, or in memory) or
    :meth:`from_documents`; bring up to date with :meth:`refresh`; list with :meth:`rows`
    and read one article with :meth:`document`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None,
                 roots: Sequence[str | Path], on_notice: Notice | None = None) -> None:
        self.conn = conn
        self.path = path
        self.roots = [str(root) for root in roots]
        self._on_notice = on_notice
        self._shown = ShownPaths(self.roots)
        self._scan_problems: list[Problem] = []
        # Connections replaced by an in-memory copy mid-run: another thread (the app's
        # list) may still be reading from one, so they are closed with the index.
        self._retired: list[sqlite3.Connection] = []

    @classmethod
    def open(
        cls,
        roots: Sequence[str | Path],
        cache_dir: Path | None = None,
        *,
        in_memory: bool = False,
        on_notice: Notice | None = None,
    ) -> CorpusIndex:
        """The index of ``roots``: its file in ``cache_dir`` (see
        :func:`tui.core.index.location.cache_directory`), created if need be, or rebuilt
        with a notice when damaged or from another version; in memory when ``in_memory``
        (nothing written anywhere) or when the cache directory cannot be written (read-only,
        full): then what the index file holds, if it can be read, is copied into memory, and
        nothing is written for the rest of the run."""
        if isinstance(roots, str | Path):
            roots = [roots]
        if in_memory:
            return cls._memory(roots, on_notice)
        path = index_path(roots, cache_dir)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(_open_file(path, on_notice), path, roots, on_notice)
        except (OSError, sqlite3.Error) as exc:
            if on_notice is not None:
                on_notice(f"cannot write the index in {path.parent} ({_reason(exc)}); "
                          f"keeping it in memory for this run ({_advice(exc, path.parent)})")
            return cls(_memory_copy(path), None, roots, on_notice)

    @classmethod
    def _memory(cls, roots: Sequence[str | Path], on_notice: Notice | None) -> CorpusIndex:
        conn = connect(None)
        prepare(conn)
        return cls(conn, None, roots, on_notice)

    @classmethod
    def from_documents(cls, documents: Sequence[Document]) -> CorpusIndex:
        """An in-memory index holding ``documents`` as given (quotations not re-extracted),
        each under its ``path``; nothing to refresh."""
        conn = connect(None)
        prepare(conn)
        by_path: dict[str, list[Document]] = {}
        for doc in documents:
            by_path.setdefault(doc.path, []).append(doc)
        conn.execute("BEGIN")
        for path, docs in by_path.items():
            insert_file(conn, path, 0, 0, docs, [])
        conn.execute("COMMIT")
        caches.ensure(conn)
        return cls(conn, None, [])

    def refresh(
        self,
        jobs: int = 1,
        on_progress: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        on_problem: Callable[[Problem], None] | None = None,
    ) -> RefreshStats:
        """Bring the index up to date with the files under the roots: read new and changed
        files (over ``jobs`` processes when > 1), drop vanished ones, leave the rest.

        ``on_progress`` is called a few times a second; ``should_stop()`` is polled between
        files, and what was stored so far is kept. ``on_problem`` hears the problems of
        the files read this time and of discovery (:meth:`problems` has them all).

        A damaged index file is set aside and rebuilt; one that cannot be written any more
        (disk full, an I/O error, made read-only) is left as its last commit left it, and
        the refresh carries on with a copy in memory (:attr:`path` becomes None), with a
        notice: the files of the batch that failed are read again.
        """
        states, self._scan_problems = scan(self.roots)
        if on_problem is not None:
            for problem in self._scan_problems:
                on_problem(problem)

        def run() -> RefreshStats:
            # A connection of its own (file indexes): readers of self.conn, in another
            # thread while this runs, see committed batches only.
            conn = self.conn if self.path is None else connect(self.path)
            try:
                if self.path is not None and _worth_checking(self.path) \
                        and not quick_check(conn):
                    raise DamagedIndex("quick_check failed")
                stats = Refresher(conn, on_progress, should_stop, on_problem).run(states, jobs)
                if should_stop is None or not should_stop():
                    # What search loads and the speakers view's catalog, once per change.
                    caches.ensure_apart(conn, self.path)
                return stats
            finally:
                if conn is not self.conn:
                    conn.close()

        for _ in range(2):  # at worst: damaged, rebuilt, then found unwritable
            try:
                return run()
            except (sqlite3.Error, DamagedIndex) as exc:
                if self.path is None:
                    raise
                if is_damage(exc):
                    self._rebuild()
                elif is_unwritable(exc):
                    self._to_memory(exc)
                else:
                    raise
        return run()

    def rows(self) -> list[DocRow]:
        """Every document's metadata, in display order (as ``tui.core.loaders.sort_key``)."""
        path, params = self._shown.sql("path")
        query = _ROWS.replace("id, path,", f"id, {path},", 1)
        rows = list(itertools.starmap(DocRow, self.conn.execute(query, params)))
        if self._shown and len(self.roots) > 1:  # shown paths of two roots may sort otherwise
            rows.sort(key=lambda r: (0 if r.date else 1, r.date or "", r.path, r.record or 0))
        return rows

    def document(self, doc_id: int) -> Document:
        """Document ``doc_id`` (a :attr:`DocRow.id`) with its text and quotations."""
        doc = read_document(self.conn, doc_id)
        doc.path = self._shown(doc.path)
        return doc

    def problems(self) -> list[Problem]:
        """Problems of the last refresh's discovery, then those stored with each file."""
        problems = list(self._scan_problems)
        for path, encoded in self.conn.execute(
                "SELECT path, problems FROM files WHERE problems != '[]' ORDER BY path"):
            problems.extend(decode_problems(self._shown(path), encoded))
        return problems

    def counts(self) -> tuple[int, int, int]:
        """Files, documents and quotations stored."""
        return tuple(self.conn.execute(  # type: ignore[return-value]
            "SELECT (SELECT COUNT(*) FROM files), (SELECT COUNT(*) FROM documents), "
            "(SELECT COUNT(*) FROM quotations)").fetchone())

    def close(self) -> None:
        """Close the database (the index stays on disk)."""
        for conn in (*self._retired, self.conn):
            conn.close()
        self._retired.clear()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _rebuild(self) -> None:
        """Replace a damaged index file with an empty index, with a notice."""
        assert self.path is not None
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        set_aside(self.path)
        try:
            self.conn = _open_file(self.path, None)
        except sqlite3.Error as exc:
            if not is_unwritable(exc):
                raise
            self.conn = connect(None)
            prepare(self.conn)
            self._to_memory(exc, copy=False)
            return
        if self._on_notice is not None:
            self._on_notice(f"index {self.path} was damaged; rebuilt")

    def _to_memory(self, exc: BaseException, copy: bool = True) -> None:
        """Carry on in memory, from what the index file holds (when ``copy``), with a notice;
        the file is left as its last commit left it, for the next run."""
        assert self.path is not None
        if copy:
            self._retired.append(self.conn)
            self.conn = _memory_copy(self.path, self.conn)
            _give_back_space(self._retired[-1])
        where, self.path = self.path, None
        if self._on_notice is not None:
            self._on_notice(f"writing the index in {where.parent} failed ({_reason(exc)}); "
                            "carrying on with it in memory for this run, the index on disk "
                            f"keeping what was written before ({_advice(exc, where.parent)})")


def _worth_checking(path: Path) -> bool:
    """Whether a full ``quick_check`` is cheap enough to run on every refresh; a larger index
    is checked by SQLite as it is read (a damaged page raises, and the index is rebuilt)."""
    try:
        return path.stat().st_size <= QUICK_CHECK_BYTES
    except OSError:
        return False


def _open_file(path: Path, on_notice: Notice | None) -> sqlite3.Connection:
    """A prepared connection to the index at ``path``; a damaged file is set aside for an
    empty index, with a notice."""
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path)
        prepare(conn, on_notice)
        return conn
    except (sqlite3.Error, DamagedIndex) as exc:
        if conn is not None:
            conn.close()
        if not is_damage(exc):
            raise
    set_aside(path)
    conn = connect(path)
    prepare(conn, on_notice)
    if on_notice is not None:
        on_notice(f"index {path} was damaged; rebuilt")
    return conn


def _memory_copy(path: Path, source: sqlite3.Connection | None = None) -> sqlite3.Connection:
    """An in-memory index holding what the index at ``path`` holds (read through ``source``
    when given, else opened read-only); empty when it cannot be read, is damaged, or is of
    another version."""
    memory = connect(None)
    opened: sqlite3.Connection | None = None
    try:
        if source is None:
            source = opened = _read_only(path)
        source.backup(memory)
        prepare(memory)  # another version, or never finished: made empty and current
        if _worth_checking(path) and not quick_check(memory):
            raise DamagedIndex("quick_check failed")
    except (OSError, sqlite3.Error, DamagedIndex):
        memory.close()
        memory = connect(None)
        prepare(memory)
    finally:
        if opened is not None:
            opened.close()
    return memory


def _read_only(path: Path) -> sqlite3.Connection:
    """``path`` opened read-only. A write-ahead-log database needs its ``-shm`` file, which a
    read-only directory may not let SQLite make; without a ``-wal`` file the database file
    is all there is, and it can be read as immutable."""
    if not path.exists():
        raise FileNotFoundError(path)
    uri = path.absolute().as_uri()
    try:
        conn = connect_read_only(path)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error:
        if path.with_name(path.name + "-wal").exists():
            raise
    conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    return conn


def _give_back_space(conn: sqlite3.Connection) -> None:
    """Empty the write-ahead log of the failed writes (a full disk wants its space back),
    if no reader holds it; never waits."""
    with contextlib.suppress(sqlite3.Error):
        conn.execute("PRAGMA busy_timeout = 0")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def set_aside(path: Path) -> None:
    """Move a damaged index to ``<name>.damaged`` (replacing an older one); drop its
    write-ahead log and shared-memory files."""
    with contextlib.suppress(OSError):
        os.replace(path, path.with_name(path.name + ".damaged"))
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(path.with_name(path.name + suffix))


def _advice(exc: BaseException, directory: Path) -> str:
    """What to do so that the index can be kept between runs (in ``directory``)."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    number = getattr(exc, "errno", None)
    if code == 13 or number in (errno.ENOSPC, errno.EDQUOT) or "full" in str(exc):
        fix = "free some space there"
    elif code in (3, 8) or number in (errno.EACCES, errno.EPERM, errno.EROFS) \
            or (directory.is_dir() and not os.access(directory, os.W_OK)):
        fix = "make it writable"
    else:
        fix = "check that it can be written and has space"
    return f"to keep it between runs, {fix} or give another folder with --cache-dir"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__
