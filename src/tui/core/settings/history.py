"""Search history: the queries typed, oldest first, kept in a small file across runs.

The file holds one JSON string per line (so any query survives the round trip). It is
bounded (the newest ``limit`` queries), a query equal to the one before it is not
repeated, and a file that cannot be read is an empty history, never an error.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.core.settings.paths import replace_file

#: How many queries are kept.
LIMIT = 200


class SearchHistory:
    """Queries, oldest first; ``path`` None keeps them in memory only (``--no-cache``)."""

    def __init__(self, path: Path | None, limit: int = LIMIT) -> None:
        self.path = path
        self.limit = limit
        self.entries: list[str] = []
        self.error: str | None = None

    @classmethod
    def load(cls, path: Path, *, write: bool = True, limit: int = LIMIT) -> SearchHistory:
        """The history kept at ``path`` (empty when missing or unreadable); ``write``
        False reads it but never writes it back."""
        history = cls(path if write else None, limit)
        history._read(path)
        return history

    def _read(self, path: Path) -> None:
        """Put the queries kept at ``path`` in place of those in memory (if readable)."""
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        self.entries = []
        for line in lines:
            try:
                query = json.loads(line)
            except ValueError:
                continue
            if isinstance(query, str):
                self._append(query)

    def _append(self, query: str) -> bool:
        query = query.strip()
        if not query or "\n" in query or (self.entries and self.entries[-1] == query):
            return False
        self.entries.append(query)
        del self.entries[: max(len(self.entries) - self.limit, 0)]
        return True

    def add(self, query: str) -> None:
        """Remember ``query`` (blank ones and repeats of the last are not) and save. The
        file is read again first, so readers open side by side keep each other's."""
        if self.path is not None:
            self._read(self.path)
        if self._append(query) and self.path is not None:
            text = "".join(json.dumps(entry, ensure_ascii=False) + "\n"
                           for entry in self.entries)
            try:
                replace_file(self.path, text)
            except OSError as exc:
                self.error = f"search history not saved: {exc.strerror or exc}"
                self.path = None  # said once; kept in memory from now on
