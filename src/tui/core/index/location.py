"""Where the index lives: the cache directory, and one database file per set of roots."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

#: Environment variable that overrides the platform's cache directory.
CACHE_ENV = "SEEDREAD_CACHE_DIR"

def cache_directory(explicit: str | Path | None = None) -> Path:
    """The cache directory: ``explicit`` (``--cache-dir``), else ``$SEEDREAD_CACHE_DIR``,
    else the platform's convention (``~/.cache/seedread`` on Linux)."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(CACHE_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("seedread", appauthor=False))


def roots_key(roots: Sequence[str | Path]) -> str:
    """16 hex digits naming a set of roots, whatever order or spelling they were given in."""
    resolved = sorted({str(Path(root).expanduser().resolve()) for root in roots})
    digest = hashlib.sha256("\0".join(resolved).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def index_path(roots: Sequence[str | Path], cache_dir: str | Path | None = None) -> Path:
    """The database file for ``roots``: ``<cache dir>/index-<16 hex>.sqlite3``."""
    return cache_directory(cache_dir) / f"index-{roots_key(roots)}.sqlite3"
