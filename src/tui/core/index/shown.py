"""Paths as the user reaches them: the index stores absolute paths, but a file found
under the root ``news`` is ``news/a.txt`` to the user (and in every ``doc_id``), exactly as
:func:`tui.core.loaders.discover` names it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


class ShownPaths:
    """Turns stored (absolute) paths into paths under the roots as given, in Python and
    as an SQL expression (so a listing needs no per-row Python work)."""

    def __init__(self, roots: Sequence[str | Path]) -> None:
        # (absolute root, as given, prefix of the absolute paths under it, shown prefix)
        self.rules: list[tuple[str, str, str, str]] = []
        for root in roots:
            shown = str(Path(root))  # as discover joins names to it
            absolute = os.path.abspath(shown)
            if absolute == shown:
                continue
            under = absolute if absolute.endswith("/") else absolute + "/"
            self.rules.append((absolute, shown, under, "" if shown == "." else shown + "/"))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def __call__(self, path: str) -> str:
        """``path`` (stored) as the user reaches it."""
        for absolute, shown, under, prefix in self.rules:
            if path == absolute:
                return shown
            if path.startswith(under):
                return prefix + path[len(under):]
        return path

    def sql(self, column: str) -> tuple[str, list[str | int]]:
        """An SQL expression giving ``column`` as shown, and its parameters."""
        if not self.rules:
            return column, []
        terms: list[str] = []
        params: list[str | int] = []
        for absolute, shown, under, prefix in self.rules:
            terms.append(f"WHEN {column} = ? THEN ? WHEN substr({column}, 1, ?) = ? "
                         f"THEN ? || substr({column}, ?)")
            params += [absolute, shown, len(under), under, prefix, len(under) + 1]
        return f"CASE {' '.join(terms)} ELSE {column} END", params
