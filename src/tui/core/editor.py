"""Which program opens an article's file: ``$EDITOR``, else ``$PAGER``, else less or vi."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path

#: Programs that take ``+N`` before the file to start at line N.
_TAKES_LINE = frozenset({"vi", "vim", "nvim", "view", "gvim", "nano", "emacs", "emacsclient",
                         "less", "more", "micro", "joe", "mg", "ne", "kak", "jed", "pico"})


def editor_command(
    path: str | Path,
    line: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[str] | None:
    """The command that shows ``path``: ``$EDITOR`` (split as a shell would), else
    ``$PAGER``, else ``less``, else ``vi``; None when none is set or found.

    ``line`` (from 1) is passed as ``+N`` to programs known to take it.
    """
    env = os.environ if environ is None else environ
    command: list[str] = []
    for variable in ("EDITOR", "PAGER"):
        value = env.get(variable, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError:
                command = []
            if command:
                break
    if not command:
        found = (shutil.which(name, path=env.get("PATH")) for name in ("less", "vi"))
        fallback = next((program for program in found if program), None)
        if fallback is None:
            return None
        command = [fallback]
    if line is not None and line > 0 and Path(command[0]).name in _TAKES_LINE:
        command.append(f"+{line}")
    return [*command, str(path)]


def line_of_record(fmt: str, record: int | None) -> int | None:
    """The line of a multi-article file that holds record ``record``, when known: in JSON
    lines record N is line N (blank and broken lines are counted too); CSV rows may span
    lines, so no line is given there."""
    if fmt == "jsonl" and record is not None:
        return record
    return None
