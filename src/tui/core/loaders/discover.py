"""Which files to read for the paths given on the command line.

Directories are walked recursively; names starting with ``.`` are skipped there, as are
files whose suffix is not supported. A file named explicitly is always read. Symbolic links
are followed, but each directory is entered once (by device and inode), so loops end, and
a file reached twice is read once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from tui.core.model import Problem

_Key = tuple[int, int]  # (device, inode)

#: Suffixes read when walking a directory (compared in lower case).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
)


def discover(paths: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The files to read under ``paths``, sorted and without repeats, and the problems met
    (missing paths, unreadable directories), in the order met."""
    if isinstance(paths, str | Path):  # one path, not a sequence of characters
        paths = [paths]
    files: dict[_Key, Path] = {}
    problems: list[Problem] = []
    seen_dirs: set[_Key] = set()
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
            files.setdefault((info.st_dev, info.st_ino), path)
        else:
            problems.append(Problem(str(path), "not a regular file or directory"))
    return sorted(files.values(), key=str), problems


def _walk(root: Path, files: dict[_Key, Path], problems: list[Problem],
          seen_dirs: set[_Key]) -> None:
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            info = os.stat(directory)
            key = (info.st_dev, info.st_ino)
            if key in seen_dirs:
                continue
            seen_dirs.add(key)
            with os.scandir(directory) as entries:
                listing = list(entries)
        except OSError as exc:
            problems.append(Problem(str(directory), os_reason(exc)))
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue
            path = directory / entry.name
            supported = os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
                key = _file_key(entry, info.st_dev) if is_file and supported else None
            except OSError as exc:  # gone, or unreadable, since the listing
                problems.append(Problem(str(path), os_reason(exc)))
                continue
            if is_dir:
                stack.append(path)
            elif key is not None:
                files.setdefault(key, path)
            elif supported and entry.is_symlink() and not os.path.exists(path):
                problems.append(Problem(str(path), "broken symbolic link (its target is "
                                                   "missing)"))
            elif supported and not is_file:  # a pipe (reading it would wait forever), a device
                problems.append(Problem(str(path), "not a regular file or directory"))


def _file_key(entry: os.DirEntry[str], device: int) -> _Key:
    """One key per file, however it was reached: (device, inode).

    A plain entry's inode comes with the directory listing (no system call; a file lives
    on its directory's device); only a symbolic link is followed to its target.
    """
    if entry.is_symlink():
        info = os.stat(entry.path)
        return info.st_dev, info.st_ino
    return device, entry.inode()


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
