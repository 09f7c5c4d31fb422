"""The persistent corpus index (SQLite): what is stored, and how it is kept fresh.

One database per set of roots in the cache directory (:mod:`.location`); tables in
:mod:`.schema`, rows mapped by :mod:`.records`. Typical use, fast when the index is warm::

    index = CorpusIndex.open(paths, on_notice=show_message)  # or in_memory=True
    rows = index.rows()          # metadata in display order: one indexed SELECT
    ...show rows, then in a worker thread:
    index.refresh(jobs, on_progress=..., should_stop=...)    # stat, read what changed
    rows = index.rows()          # again, when the refresh changed something
    doc = index.document(rows[i].id)                        # text and quotations
"""

from tui.core.index.location import cache_directory, index_path
from tui.core.index.refresh import Progress, RefreshStats
from tui.core.index.store import CorpusIndex, DocRow

__all__ = ["CorpusIndex", "DocRow", "Progress", "RefreshStats", "cache_directory", "index_path"]
