"""Write flat records to a JSON-lines or CSV file, safely, as they are produced.

The file is written to a temporary file beside the target and renamed into place, so a
failure (a full disk, an interrupted write, a cancelled export) never leaves half a file
and never harms a file that was there. An existing file is replaced only when asked; a
file inside the corpus being read is never written (it would be read back as articles).
Records may be a list or any iterable (a generator reading them page by page), so an
export of millions of rows is streamed to the file without holding them in memory.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from tui.core.textsafe import json_line

#: Formats by file extension.
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


class ExportError(Exception):
    """The export could not be written; ``str()`` says why, for people."""


class FileExists(ExportError):
    """The target exists and overwriting was not asked for."""


class ExportCancelled(ExportError):
    """``should_stop`` said stop: nothing was written (the temporary file is removed)."""


@dataclass(frozen=True, slots=True)
class ExportRows:
    """What an export will write, fixed when it is asked for: ``count`` rows, produced by
    ``produce()`` (an iterator of flat dicts, which may read them a page at a time and is
    called in the thread that writes them, not the UI's)."""

    count: int
    produce: Callable[[], Iterable[Mapping[str, object]]]

    @classmethod
    def of(cls, records: Sequence[Mapping[str, object]]) -> ExportRows:
        """Rows already in a list."""
        return cls(len(records), lambda: iter(records))


def format_of(path: str | Path) -> str:
    """``jsonl`` or ``csv`` from the file's extension; :class:`ExportError` otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"cannot tell the format from {Path(path).name!r}: "
                          "end the name in .jsonl or .csv")
    return FORMATS[suffix]


def inside_corpus(path: str | Path, roots: Iterable[str | Path]) -> Path | None:
    """The corpus root ``path`` would fall into (a root file itself, or a file under a
    root folder), or None."""
    target = Path(path).expanduser().resolve()
    for root in roots:
        base = Path(root).expanduser().resolve()
        if target == base or (base.is_dir() and target.is_relative_to(base)):
            return base
    return None


def csv_fields(records: Sequence[Mapping[str, object]]) -> list[str]:
    """Every key of ``records``, in the order they first appear."""
    fields: dict[str, None] = {}
    for record in records:
        fields.update(dict.fromkeys(record))
    return list(fields)


def _csv_value(value: object) -> object:
    """A CSV cell: empty for None, JSON for lists and mappings, the value otherwise."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _counted(records: Iterable[Mapping[str, object]], on_progress: Callable[[int], None],
             should_stop: Callable[[], bool]) -> Iterator[Mapping[str, object]]:
    """``records``, stopping with :class:`ExportCancelled` when ``should_stop()`` and
    telling ``on_progress`` how many were written before each next one is produced."""
    for written, record in enumerate(records, 1):
        if should_stop():
            raise ExportCancelled("export cancelled: nothing was written")
        yield record
        on_progress(written)


def _write(handle, records: Iterable[Mapping[str, object]], fmt: str,
           fields: list[str] | None) -> int:
    written = 0
    if fmt == "jsonl":
        for record in records:
            handle.write(json_line(record) + "\n")
            written += 1
        return written
    if fields is None:  # a stream: its records share the first one's fields (views' do)
        stream = iter(records)
        first = next(stream, None)
        fields = [] if first is None else list(first)
        records = stream if first is None else chain([first], stream)
    writer = csv.DictWriter(handle, fieldnames=fields)
    writer.writeheader()
    for record in records:
        writer.writerow({key: _csv_value(value) for key, value in record.items()})
        written += 1
    return written


def _umask() -> int:
    """The process's umask, read without changing it (Linux); 0o022 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _reason(exc: OSError, path: Path) -> str:
    folder = path.parent
    if isinstance(exc, PermissionError):
        return f"permission denied: cannot write in {folder}"
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        if folder.is_dir():  # /proc, say
            return f"files cannot be made in {folder}"
        return f"no such folder: {folder}"
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder"
    if exc.errno == errno.ENOSPC:
        return f"the disk is full: nothing was written to {path}"
    if exc.errno == errno.EROFS:
        return f"read-only file system: cannot write in {folder}"
    return f"cannot write {path}: {exc.strerror or exc}"


def _nothing(_written: int) -> None:
    pass


def _never() -> bool:
    return False


def write_records(
    path: str | Path,
    records: Iterable[Mapping[str, object]],
    *,
    overwrite: bool = False,
    corpus: Iterable[str | Path] = (),
    on_progress: Callable[[int], None] = _nothing,
    should_stop: Callable[[], bool] = _never,
) -> int:
    """Write ``records`` to ``path`` (format from its extension); return how many.

    ``records`` are consumed one at a time (a generator is never held whole); CSV takes
    its columns from every record of a list, from the first record of anything else.
    ``on_progress(n)`` is called after each record written, ``should_stop()`` before each
    (true: :class:`ExportCancelled`). Raises :class:`FileExists` when ``path`` exists and
    ``overwrite`` is false, and :class:`ExportError` (with a reason for people) when the
    name, the folder or the disk will not do, or when ``path`` is inside one of the
    ``corpus`` roots. Nothing is left behind on failure or cancellation.
    """
    target = Path(path).expanduser()
    fmt = format_of(target)
    root = inside_corpus(target, corpus)
    if root is not None:
        raise ExportError(f"{target} is inside the corpus being read ({root}): it would be "
                          "read back as articles; save it outside")
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"no such folder: {folder}")
    if target.is_dir():
        raise ExportError(f"{target} is a folder")
    if target.exists() and not overwrite:
        raise FileExists(f"{target} exists")
    fields = csv_fields(records) if fmt == "csv" and isinstance(records, Sequence) else None
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.",
                                                 suffix=".part")
    except OSError as exc:
        raise ExportError(_reason(exc, target)) from exc
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            written = _write(handle, _counted(records, on_progress, should_stop), fmt,
                             fields)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        if overwrite:
            os.replace(temporary, target)
        else:
            _place_new(temporary, target)
    except OSError as exc:
        raise ExportError(_reason(exc, target)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return written


def _place_new(temporary: str, target: Path) -> None:
    """Move ``temporary`` to ``target`` unless something is there (also if it appeared
    meanwhile: a hard link fails rather than replaces)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise FileExists(f"{target} exists") from None
    except OSError:  # a file system without hard links
        if target.exists():
            raise FileExists(f"{target} exists") from None
        os.replace(temporary, target)
