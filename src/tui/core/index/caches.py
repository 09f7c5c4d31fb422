"""The search cache and the speaker catalog, computed together at the end of a refresh.

Both are computed from every quotation row once the files are stored
(:mod:`tui.core.index.searchcache`, :mod:`tui.core.catalog`), which took 13–15 s at 100k
articles, a twentieth of a cold index. Computed together they read the rows once
(:func:`tui.core.index.quoterows.read`) and group them by speaker once, while SQLite counts
what it can on a second connection; what is stored is what each computes alone.
"""

from __future__ import annotations

import sqlite3

from tui.core import catalog
from tui.core.catalog import build
from tui.core.catalog import store as catalog_store
from tui.core.catalog.model import Catalog
from tui.core.index import quoterows, searchcache
from tui.core.index.database import data_version

__all__ = ["compute", "ensure"]


def compute(conn: sqlite3.Connection) -> tuple[searchcache.Cache, Catalog]:
    """The search cache and the catalog of ``conn``'s quotations, from one read of them.

    What SQLite computes alone (the full-text vocabulary, the catalog's counts of roles and
    mentions) runs beside, on a second connection (:class:`quoterows.Beside`), while this
    thread reads the quotations and computes the rest."""
    with quoterows.Beside(conn) as beside:
        groups = beside.submit(build.GROUPS)  # the longest first: needed last
        vocab = beside.submit(searchcache.VOCAB_QUERY)
        rows = quoterows.read(conn)
        pending = build.begin(conn, rows, beside, groups)
        cache = searchcache.compute(conn, rows=rows, vocab=vocab, by_speaker=pending.by_speaker)
        return cache, pending.catalog()


def ensure(conn: sqlite3.Connection) -> bool:
    """Compute and store whichever of the two is missing (:func:`searchcache.ensure`,
    :func:`catalog.ensure`); True when something was stored.

    When both are missing (the end of a refresh that changed something) they are computed
    together and stored only if no other connection committed meanwhile, as each
    ``ensure`` does.
    """
    catalog_store.create(conn)
    if searchcache.is_current(conn) or catalog_store.is_current(conn):
        return searchcache.ensure(conn) | catalog.ensure(conn)
    version = data_version(conn)
    try:
        cache, speakers = compute(conn)
    except (KeyError, ValueError):
        # Rows read beside from a later commit than this connection's (another process
        # storing files meanwhile) may not match: that process stores both when done.
        if data_version(conn) != version:
            return False
        raise
    return (searchcache.store(conn, cache, version)
            and catalog_store.store(conn, speakers, version))
