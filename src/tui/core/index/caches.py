"""The search cache and the speaker catalog, computed together at the end of a refresh.

Both are computed from every quotation row once the files are stored
(:mod:`tui.core.index.searchcache`, :mod:`tui.core.catalog`), which took 13–15 s at 100k
articles, a twentieth of a cold index. Computed together they read the rows once
(:func:`tui.core.index.quoterows.read`) and group them by speaker once, while SQLite counts
what it can on a second connection; what is stored is what each computes alone.
"""

from __future__ import annotations

import sqlite3
from multiprocessing.connection import Connection as Pipe
from pathlib import Path

from tui.core import catalog
from tui.core.catalog import build
from tui.core.catalog import store as catalog_store
from tui.core.catalog.model import Catalog
from tui.core.index import quoterows, searchcache
from tui.core.index.database import connect, data_version
from tui.core.index.processes import ignore_interrupts, pool_context

__all__ = ["APART_QUOTATIONS", "compute", "ensure", "ensure_apart"]

#: From this many quotations on, :func:`ensure_apart` computes in a process of its own.
#: The computation's peak is about 200 bytes a quotation (390 MB at 100k articles); below
#: this it is a few tens of MB, less than starting a process costs in time.
APART_QUOTATIONS = 200_000


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


def ensure_apart(conn: sqlite3.Connection, path: Path | None) -> bool:
    """:func:`ensure` for the index ``conn`` has open at ``path``, run in a child process
    when the index is large (:data:`APART_QUOTATIONS`): the computation's peak memory is
    then never the caller's (the app's resident memory stays what its own data needs).

    The child opens the file itself and stores what it computes, as :func:`ensure` does;
    an error it meets is raised here. If no process can be started, or the child dies,
    this process computes instead. An interruption here (Ctrl-C) ends the child, whose
    transaction, if any, is rolled back.
    """
    if path is None:
        return ensure(conn)
    catalog_store.create(conn)
    if searchcache.is_current(conn) and catalog_store.is_current(conn):
        return False
    quotations = conn.execute("SELECT COALESCE(MAX(id), 0) FROM quotations").fetchone()[0]
    if quotations < APART_QUOTATIONS:
        return ensure(conn)
    context = pool_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_ensure_in_child, args=(str(path), sender),
                            name="seedread-caches", daemon=True)
    try:
        child.start()
    except OSError:
        receiver.close()
        return ensure(conn)
    finally:
        sender.close()
    try:
        outcome, value = receiver.recv()
    except EOFError:  # the child died without a word (killed): do it here
        child.join()
        return ensure(conn)
    except BaseException:
        child.terminate()
        raise
    finally:
        receiver.close()
        child.join()
    if outcome == "error":
        raise value
    return bool(value)


def _ensure_in_child(path: str, sender: Pipe) -> None:
    """The child of :func:`ensure_apart`: ``ensure`` on its own connection, its outcome
    sent back as ``("done", stored)`` or ``("error", exception)``."""
    ignore_interrupts()  # the parent decides, and ends this process if need be
    try:
        conn = connect(Path(path))
        try:
            message: tuple[str, object] = ("done", ensure(conn))
        finally:
            conn.close()
    except Exception as exc:  # every error is the parent's to raise
        message = ("error", exc)
    try:
        sender.send(message)
    except Exception as exc:  # an exception that does not pickle
        sender.send(("error", RuntimeError(f"computing the search data failed: {exc!r}")))
    finally:
        sender.close()
