"""The reference the issue asks for: ``fzf --filter QUERY`` over the same lines seedread
searches (titles, quotations, speaker names), one process per query as a script would.

fzf is Debian's package (``apt-get install -y fzf``); nothing here requires it: callers
check :func:`fzf_path` and report "fzf not installed" when it is None.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

#: The line files written by :func:`write_lines`, by scope.
SCOPES = {"all": "all.txt", "titles+speakers": "titles_speakers.txt"}


def fzf_path() -> str | None:
    """The fzf executable, or None when it is not installed."""
    return shutil.which("fzf")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_lines(out: Path, titles: Iterable[str], quotes: Iterable[str],
                speakers: Iterable[str]) -> dict[str, int]:
    """Write ``titles.txt``, ``quotes.txt``, ``speakers.txt`` (distinct names) and the two
    scope files of :data:`SCOPES` under ``out``; return the line count of each file."""
    out.mkdir(parents=True, exist_ok=True)
    parts = {
        "titles.txt": [_one_line(t) for t in titles],
        "quotes.txt": [_one_line(q) for q in quotes],
        "speakers.txt": sorted({_one_line(s) for s in speakers if s and s.strip()}),
    }
    parts["all.txt"] = parts["titles.txt"] + parts["quotes.txt"] + parts["speakers.txt"]
    parts["titles_speakers.txt"] = parts["titles.txt"] + parts["speakers.txt"]
    counts = {}
    for name, lines in parts.items():
        (out / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        counts[name] = len(lines)
    return counts


def lines_from_index(database: Path) -> tuple[list[str], list[str], list[str]]:
    """Titles, quotation contents and speaker names stored in an index database (the
    tables of :mod:`tui.core.index.schema`), read-only."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        titles = [row[0] for row in conn.execute("SELECT title FROM documents ORDER BY id")]
        quotes = [row[0] for row in conn.execute("SELECT content FROM quotations ORDER BY id")]
        speakers = [row[0] for row in conn.execute(
            "SELECT DISTINCT speaker FROM quotations WHERE speaker IS NOT NULL")]
    finally:
        conn.close()
    return titles, quotes, speakers


def time_filter(fzf: str, lines_file: Path, query: str) -> tuple[float, int]:
    """Milliseconds for ``fzf --filter QUERY < lines_file`` from start to exit (process
    start included, as a script pays it), and the number of lines it printed."""
    with open(lines_file, "rb") as handle:
        start = time.perf_counter()
        done = subprocess.run([fzf, "--filter", query], stdin=handle, capture_output=True,
                              check=False)
        ms = (time.perf_counter() - start) * 1000.0
    return ms, done.stdout.count(b"\n")


def time_queries(fzf: str, lines_file: Path, queries: Sequence[str],
                 runs: int = 3) -> dict[str, list[float]]:
    """Every query's timings over ``runs`` rounds (ms), by query."""
    samples: dict[str, list[float]] = {q: [] for q in queries}
    for _ in range(runs):
        for query in queries:
            samples[query].append(time_filter(fzf, lines_file, query)[0])
    return samples
