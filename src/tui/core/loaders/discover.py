"""Which files to read for the paths given on the command line.

Directories are walked recursively; names starting with ``.`` are skipped there, as are
files whose suffix is not supported. A file named explicitly is always read. Symbolic links
are followed, but each directory is entered once (by resolved path), so loops end.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from tui.core.model import Problem

#: Suffixes read when walking a directory (compared in lower case).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
)


def discover(paths: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The files to read under ``paths``, sorted and without repeats, and the problems met
    (missing paths, unreadable directories), in the order met."""
    if isinstance(paths, str | Path):  # one path, not a sequence of characters
        paths = [paths]
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    seen_dirs: set[str] = set()
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except OSError as exc:
            problems.append(Problem(str(path), os_reason(exc)))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, files, problems, seen_dirs)
        elif stat.S_ISREG(info.st_mode):
            files.setdefault(_identity(path), path)
        else:
            problems.append(Problem(str(path), "not a regular file or directory"))
    return sorted(files.values(), key=str), problems


def _walk(root: Path, files: dict[str, Path], problems: list[Problem],
          seen_dirs: set[str]) -> None:
    stack = [root]
    while stack:
        directory = stack.pop()
        real = os.path.realpath(directory)
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        try:
            with os.scandir(directory) as entries:
                listing = list(entries)
        except OSError as exc:
            problems.append(Problem(str(directory), os_reason(exc)))
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue
            path = directory / entry.name
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                problems.append(Problem(str(path), os_reason(exc)))
                continue
            supported = os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES
            if is_dir:
                stack.append(path)
            elif is_file and supported:
                files.setdefault(_identity(path), path)
            elif supported and entry.is_symlink() and not os.path.exists(path):
                problems.append(Problem(str(path), "broken symbolic link (its target is "
                                                   "missing)"))


def _identity(path: Path) -> str:
    """One key per file, however it was reached."""
    return os.path.realpath(path)


def os_reason(exc: OSError) -> str:
    """A one-line, lower-case reason for an operating-system error."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, NotADirectoryError):
        return "not a directory"
    if exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__
