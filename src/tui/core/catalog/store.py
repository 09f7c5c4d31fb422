"""The speaker catalog kept in the index, like the search cache
(:mod:`tui.core.index.searchcache`): computed at the end of a refresh that changed
something (:func:`ensure`) and read back as a few blobs (:func:`load`).

It lives in table ``speaker_catalog`` (name, data). Triggers on ``files`` empty it
whenever a file is stored or removed, so the catalog is valid exactly when present; no
writer needs to know about it. Its table and triggers are created here when missing (an
index written before they existed).
"""

from __future__ import annotations

import json
import sqlite3
from array import array

from tui.core.catalog.build import compute
from tui.core.catalog.model import Catalog, Entry
from tui.core.index.database import data_version, replace_blobs

#: Bumped when the parts change (an older catalog is recomputed).
LAYOUT = "3"
_ARRAYS = ("by_entry", "entry_days", "entry_firsts", "newest", "newest_days")
_DDL = (
    "CREATE TABLE IF NOT EXISTS speaker_catalog(name TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TRIGGER IF NOT EXISTS speaker_catalog_on_insert AFTER INSERT ON files "
    "BEGIN DELETE FROM speaker_catalog; END",
    "CREATE TRIGGER IF NOT EXISTS speaker_catalog_on_delete AFTER DELETE ON files "
    "BEGIN DELETE FROM speaker_catalog; END",
)


def create(conn: sqlite3.Connection) -> None:
    """Create the catalog's table and the triggers that empty it (if missing)."""
    with conn:
        for statement in _DDL:
            conn.execute(statement)


def ensure(conn: sqlite3.Connection) -> bool:
    """Compute and store the catalog if it is missing; True when it was stored.

    Computed outside any write transaction (seconds at 100k articles) and stored only if
    no other connection committed meanwhile (``PRAGMA data_version``), as the search cache
    is: another process storing files would make it stale (and stores it itself when done).
    """
    create(conn)
    if is_current(conn):
        return False
    version = data_version(conn)
    return store(conn, compute(conn), version)


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether ``conn`` holds a catalog of this layout (its table exists: :func:`create`)."""
    found = conn.execute("SELECT data FROM speaker_catalog WHERE name = 'layout'").fetchone()
    return found is not None and found[0] == LAYOUT.encode()


def store(conn: sqlite3.Connection, catalog: Catalog, version: int | None = None) -> bool:
    """Write ``catalog`` (replacing any) in a write transaction of its own (the index's
    connections are in autocommit mode); when ``version`` is given, only if ``PRAGMA
    data_version`` still says it. True when written."""
    entries = [[e.name, e.role, list(e.aliases), e.quotations, e.articles, e.first_date,
                e.last_date, e.kind, e.key] for e in catalog.entries]
    rows = [(name, getattr(catalog, name).tobytes()) for name in _ARRAYS]
    rows += [("entries", json.dumps(entries).encode()), ("layout", LAYOUT.encode())]
    return replace_blobs(conn, "speaker_catalog", rows, version)


def load(conn: sqlite3.Connection) -> Catalog | None:
    """The stored catalog, or None when there is none (or of another layout)."""
    try:
        parts = dict(conn.execute("SELECT name, data FROM speaker_catalog"))
    except sqlite3.OperationalError:
        return None  # an index without the table
    if parts.get("layout") != LAYOUT.encode() or not all(n in parts for n in _ARRAYS):
        return None
    arrays = {}
    for name in _ARRAYS:
        values = array("I")
        values.frombytes(parts.pop(name))
        arrays[name] = values
    entries = [Entry(n, name, role, tuple(aliases), quotations, articles, first, last, kind, key)
               for n, (name, role, aliases, quotations, articles, first, last, kind, key)
               in enumerate(json.loads(parts["entries"]))]
    return Catalog(entries, **arrays)


def load_or_compute(conn: sqlite3.Connection) -> Catalog:
    """The stored catalog, else one computed now (not stored: ``conn`` may be read-only)."""
    return load(conn) or compute(conn)
