"""``seedread index`` and the cache options, run as a user would."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import indexing, run_command
from tui.cli.indexing import progress_printer
from tui.cli.printers import print_quotes
from tui.core.corpus import open_corpus
from tui.core.index import Progress

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus"
BROKEN = FIXTURES / "broken"


def seedread(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True,
                          text=True, check=check, cwd=ROOT)


def test_index_prints_a_summary_and_progress_goes_to_stderr(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = seedread("index", str(FIXTURES), "--cache-dir", str(cache))
    summary = cold.stdout.strip()
    assert len(cold.stdout.splitlines()) == 1
    for word in ("files", "documents", "quotations", "articles/s", str(cache), "MB"):
        assert word in summary
    assert "files/s" not in cold.stdout
    assert "skipped" in cold.stderr  # the broken fixtures
    warm = seedread("index", str(FIXTURES), "--cache-dir", str(cache), "--jobs", "2")
    assert "0 new, 0 changed, 0 removed" in warm.stdout
    assert len(list(cache.glob("index-*.sqlite3"))) == 1


def test_progress_on_a_terminal_is_one_line_redrawn() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    show, end = progress_printer(err)
    show(Progress(10, 100, 10, 5.0, 18.0))
    show(Progress(100, 100, 100, 50.0, 0.0))
    end()
    written = err.getvalue()
    assert "\r10/100 files  5.0 files/s  0:18 left" in written
    assert "\n" not in written and written.endswith("\r")


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = seedread("index", str(tmp_path / "nowhere"), check=False)
    assert result.returncode == 2 and "no such file or folder" in result.stderr


def test_progress_elsewhere_is_an_occasional_plain_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexing, "PLAIN_PROGRESS_SECONDS", 0.0)
    err = io.StringIO()
    show, end = progress_printer(err)
    show(Progress(10, 100, 10, 5.0, None))
    end()
    assert err.getvalue() == "seedread: 10/100 files  5.0 files/s  ? left\n"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_quotes_through_the_index_equal_open_corpus(tmp_path: Path, fmt: str) -> None:
    expected = io.StringIO(newline="")
    print_quotes(open_corpus([FIXTURES]).documents, fmt, expected)
    for _ in ("cold", "warm"):
        out = io.StringIO(newline="")
        argv = [str(FIXTURES), "--format", fmt, "--cache-dir", str(tmp_path)]
        assert run_command("quotes", argv, out) == 0
        assert out.getvalue() == expected.getvalue()


def test_problems_are_reported_again_from_a_warm_index(tmp_path: Path) -> None:
    args = ("quotes", str(BROKEN), "--format", "jsonl", "--cache-dir", str(tmp_path))
    cold, warm = seedread(*args), seedread(*args)
    assert cold.stdout == warm.stdout
    assert sorted(cold.stderr.splitlines()) == sorted(warm.stderr.splitlines())
    assert any("feed.jsonl:2" in line for line in warm.stderr.splitlines())


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for command in (("index",), ("quotes", "--format", "jsonl"), ("speakers",),
                    ("search", "clinton")):
        result = seedread(*command, str(CORPUS), "--no-cache", "--cache-dir", str(cache))
        assert result.returncode == 0
    assert list(cache.iterdir()) == []
    assert "in memory" in seedread("index", str(CORPUS), "--no-cache").stdout


def test_help_names_the_index_and_the_cache_options() -> None:
    text = seedread("--help").stdout
    for word in ("seedread index", "--cache-dir", "--no-cache", "SEEDREAD_CACHE_DIR"):
        assert word in text
    index_help = seedread("index", "--help").stdout
    assert "--jobs" in index_help and "--cache-dir" in index_help


def test_ctrl_c_keeps_what_was_stored(tmp_path: Path) -> None:
    import signal
    import sqlite3
    import time

    article = (CORPUS / "wire" / "2016-03-08_campaign-trail.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "news"
    corpus.mkdir()
    for number in range(1500):
        (corpus / f"{number:04}.txt").write_text(f"Article {number}\n\n{article}")
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "tui", "index", str(corpus), "--cache-dir", str(cache)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=ROOT)
    stored = 0
    deadline = time.monotonic() + 60
    while not stored and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        for path in cache.glob("index-*.sqlite3"):
            with contextlib.suppress(sqlite3.Error), sqlite3.connect(path) as conn:
                stored = conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert out.startswith("cancelled: ") and "Traceback" not in err
    again = seedread("index", str(corpus), "--cache-dir", str(cache))
    assert "1500 files" in again.stdout and " 0 unchanged" not in again.stdout
