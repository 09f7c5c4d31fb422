"""Opening the index database: settings, schema, versions, and what counts as damage."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from tui.core.index.schema import SCHEMA, SCHEMA_VERSION
from tui.core.quotes import ENGINE_VERSION

#: Tables an index must have; any missing means the file is not (or no longer) ours.
REQUIRED_TABLES = frozenset({"meta", "files", "documents", "quotations", "doc_fts", "quote_fts"})

#: How long a writer waits for another process's transaction before giving up (ms).
BUSY_TIMEOUT_MS = 30_000

#: Environment variable pinning :func:`engine_version` (tests, benchmarks).
ENGINE_VERSION_ENV = "SEEDREAD_ENGINE_VERSION"

# SQLite result codes that mean the file itself is bad, not that it is busy or unwritable.
_DAMAGE_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
# ... and those that mean it cannot be written now (the file may be sound): SQLITE_PERM,
# BUSY (past the timeout), LOCKED, READONLY, IOERR (a file size limit), FULL, CANTOPEN.
_UNWRITABLE_CODES = frozenset({3, 5, 6, 8, 10, 13, 14})


class DamagedIndex(Exception):
    """The database file is not a usable index (not SQLite, corrupt, or foreign tables)."""


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` says the database file is damaged (as opposed to busy or read-only)."""
    if isinstance(exc, DamagedIndex):
        return True
    return isinstance(exc, sqlite3.DatabaseError) and (
        getattr(exc, "sqlite_errorcode", None) in _DAMAGE_CODES
        or "malformed" in str(exc) or "not a database" in str(exc))


def is_unwritable(exc: BaseException) -> bool:
    """Whether ``exc`` says the index cannot be written (disk full, read-only, an I/O error,
    busy for too long) rather than that the file is damaged."""
    if not isinstance(exc, sqlite3.OperationalError) or is_damage(exc):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _UNWRITABLE_CODES  # extended codes keep the primary's low byte
    message = str(exc)
    return any(words in message for words in (
        "disk is full", "disk I/O error", "readonly database", "unable to open", "locked"))


def engine_version() -> str:
    """What produced the stored documents: ``ENGINE_VERSION`` and a digest of the sources of
    the loaders and the quotation engine, so any change to them re-indexes (and
    ``seedread quotes`` never prints what an older engine found).

    ``$SEEDREAD_ENGINE_VERSION`` replaces it, for tests and benchmarks that must not see a
    rebuild while others edit the sources."""
    return os.environ.get(ENGINE_VERSION_ENV) or _source_version()


@functools.cache
def _source_version() -> str:
    digest = hashlib.sha256()
    core = Path(__file__).resolve().parent.parent
    sources = [core / "model.py", core / "corpus.py", core / "speakers.py",
               *sorted((core / "loaders").glob("*.py")), *sorted((core / "quotes").glob("*.py"))]
    for source in sources:
        try:
            digest.update(source.read_bytes())
        except OSError:  # an installed build without some file: its version still counts
            digest.update(source.name.encode())
    return f"{ENGINE_VERSION}+{digest.hexdigest()[:12]}"


def connect(path: Path | None) -> sqlite3.Connection:
    """A connection with the settings every index connection uses (``None``: in memory).

    Transactions are explicit (``BEGIN IMMEDIATE`` … ``COMMIT``): autocommit mode otherwise.
    """
    conn = sqlite3.connect(":memory:" if path is None else str(path), isolation_level=None,
                           check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if path is None:
        conn.execute("PRAGMA temp_store = MEMORY")
    else:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def connect_read_only(path: str | Path, threads: bool = True) -> sqlite3.Connection:
    """``path`` opened read-only (``mode=ro``), by a URI that quotes every character of
    the path (a cache folder may be named with ``?``, ``#`` or ``%``). ``threads``: the
    connection may be used from other threads than this one."""
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True,
                           check_same_thread=not threads, timeout=BUSY_TIMEOUT_MS / 1000)


def _schema_statements() -> list[str]:
    """SCHEMA split into statements (comments may hold semicolons, so not ``str.split``)."""
    statements: list[str] = []
    buffer = ""
    for line in SCHEMA.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return statements


def _stored_versions(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    tables = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if not tables:
        return None, None  # a new, empty database
    if "meta" not in tables:
        raise DamagedIndex("no meta table")
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    schema, engine = meta.get("schema_version"), meta.get("engine_version")
    if schema == SCHEMA_VERSION and not tables >= REQUIRED_TABLES:
        raise DamagedIndex("tables missing")
    return schema, engine


def prepare(conn: sqlite3.Connection, on_notice: Callable[[str], None] | None = None) -> None:
    """Make ``conn`` hold an empty or current index: create the tables in a new database,
    wipe one written by another schema or engine version (with a notice).

    Raises :class:`DamagedIndex` (or an ``sqlite3.DatabaseError``) for a damaged file.
    """
    wanted = (SCHEMA_VERSION, engine_version())
    if _stored_versions(conn) == wanted:
        return
    conn.execute("BEGIN IMMEDIATE")  # another process may be doing the same: check again
    wiped = False
    try:
        stored = _stored_versions(conn)
        if stored != wanted:
            wiped = stored != (None, None)
            if wiped and on_notice is not None:
                on_notice("index was written by another version of seedread; rebuilding it")
            _drop_everything(conn)
            for statement in _schema_statements():
                conn.execute(statement)
            conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                             [("schema_version", wanted[0]), ("engine_version", wanted[1])])
        conn.execute("COMMIT")
    except BaseException:
        # The transaction may be over already (a Ctrl-C just after COMMIT, a COMMIT that
        # failed): the ROLLBACK's own error must not replace the one that says what happened.
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    if wiped:  # give the dropped pages back to the file system (quick: nothing is left)
        conn.execute("PRAGMA busy_timeout = 1000")  # busy elsewhere: keep them, don't wait
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file shrinks only now
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _drop_everything(conn: sqlite3.Connection) -> None:
    # Vocabulary tables, then full-text tables (which drop their shadow tables), then the
    # rest: a shadow table dropped first leaves its FTS table impossible to open, or drop
    # ("vtable constructor failed"), and after a VACUUM the shadow tables come first in
    # sqlite_master.
    objects = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY (sql LIKE 'CREATE VIRTUAL TABLE%fts5vocab%') DESC, "
        "(sql LIKE 'CREATE VIRTUAL TABLE%') DESC"
    ).fetchall()
    for kind, name in objects:
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        if exists:  # dropping an FTS table drops its shadow tables too
            quoted = name.replace('"', '""')
            conn.execute(f'DROP {"VIEW" if kind == "view" else "TABLE"} IF EXISTS "{quoted}"')


def quick_check(conn: sqlite3.Connection) -> bool:
    """Whether SQLite's ``quick_check`` finds the file sound."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return rows == [("ok",)]


def data_version(conn: sqlite3.Connection) -> int:
    """SQLite's ``PRAGMA data_version``: it changes when another connection commits."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def replace_blobs(conn: sqlite3.Connection, table: str, rows: Sequence[tuple[str, bytes]],
                  version: int | None = None) -> bool:
    """Replace every ``(name, data)`` row of ``table`` (a precomputed cache: the search
    data, the speaker catalog) by ``rows``, in a write transaction of its own (the index's
    connections are in autocommit mode, so ``with conn`` would not make one).

    With ``version`` (:func:`data_version` taken before the rows were computed), only if no
    other connection has committed since: what was computed would be stale (another
    process storing files stores the cache itself when done). True when written.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        if version is not None and data_version(conn) != version:
            conn.execute("ROLLBACK")
            return False
        conn.execute(f"DELETE FROM {table}")
        conn.executemany(f"INSERT INTO {table}(name, data) VALUES (?, ?)", rows)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return True
