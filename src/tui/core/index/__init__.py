"""The persistent corpus index (SQLite): what is stored, and how it is kept fresh."""

from tui.core.index.location import cache_directory, index_path
from tui.core.index.refresh import Progress, RefreshStats
from tui.core.index.store import CorpusIndex, DocRow

__all__ = ["CorpusIndex", "DocRow", "Progress", "RefreshStats", "cache_directory", "index_path"]
