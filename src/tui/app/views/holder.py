"""The catalog the views and the command palette share, loaded once per change of the
index (in a worker; never on the UI thread)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from tui.core import catalog
from tui.core.catalog import Catalog
from tui.core.catalog.search import EntrySearch
from tui.core.index.store import CorpusIndex


class CatalogHolder:
    """A connection for the views, the catalog read through it, and a finder of entries.

    The connection is the index's own for an in-memory index, else a read-only one of its
    own; :attr:`lock` guards it (workers and the UI thread both read through it).
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()  # around statements on the connection: short
        self._loading = threading.RLock()  # around reading the catalog: may be long
        self._conn: sqlite3.Connection | None = None
        self._index: CorpusIndex | None = None
        self._catalog: Catalog | None = None
        self._search: EntrySearch | None = None
        self.generation = 0

    def attach(self, index: CorpusIndex) -> None:
        """Read from ``index`` from now on."""
        with self.lock:
            self._index = index
            self._conn = None
            self.forget()

    def forget(self) -> None:
        """The index changed: read the catalog again when next asked."""
        with self.lock:
            self._catalog = None
            self._search = None
            self.generation += 1

    @property
    def conn(self) -> sqlite3.Connection | None:
        """The views' connection (None until an index is attached)."""
        with self.lock:
            if self._conn is None and self._index is not None:
                path = self._index.path
                self._conn = self._index.conn if path is None else sqlite3.connect(
                    f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
            return self._conn

    @property
    def loaded(self) -> Catalog | None:
        """The catalog if it has been read, without reading it."""
        return self._catalog

    def get(self, compute: bool = False) -> Catalog | None:
        """The catalog (read on first call; slow: call from a worker). None when the index
        has none yet (it is made when indexing ends), unless ``compute``."""
        with self._loading:
            conn = self.conn
            if self._catalog is None and conn is not None:
                with self.lock:
                    self._catalog = catalog.load(conn)
                if self._catalog is None and compute:
                    self._catalog = self._compute()
            return self._catalog

    def _compute(self) -> Catalog:
        """The catalog computed now (seconds at 100k articles), on a connection of its own
        for an index file, so the views' short reads do not wait for it."""
        index = self._index
        assert index is not None
        if index.path is None:
            with self.lock:
                return catalog.load_or_compute(index.conn)
        conn = sqlite3.connect(f"file:{Path(index.path).resolve()}?mode=ro", uri=True)
        try:
            return catalog.load_or_compute(conn)
        finally:
            conn.close()

    def finder(self) -> EntrySearch | None:
        """A finder of entries by name, alias or role (made on first call: from a worker)."""
        with self._loading:
            found = self.get()
            if found is not None and self._search is None:
                self._search = EntrySearch(found.entries)
            return self._search
