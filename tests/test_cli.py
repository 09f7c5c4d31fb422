"""The command line, run as a user would: a subprocess, its output and exit code."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__

HERE = Path(__file__).parent
ROOT = HERE.parent
SEED = ROOT / "seeds" / "000_99d23540cb3e3fd8.txt"
CORPUS = HERE / "fixtures" / "corpus"
BROKEN = HERE / "fixtures" / "broken"


def seedread(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True,
                          text=True, check=check, cwd=ROOT)


def test_version_and_help() -> None:
    assert seedread("--version").stdout.strip() == f"seedread {__version__}"
    help_text = seedread("--help").stdout
    for word in ("quotes", "speakers", "search", "keys in the reader", "Next quotation",
                 "j / down", "Quit"):
        assert word in help_text


def test_quotes_jsonl_is_the_scorer_format_and_slices_the_file() -> None:
    out = seedread("quotes", str(SEED), "--format", "jsonl").stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert records
    with open(SEED, encoding="utf-8", newline="") as handle:
        text = handle.read()
    for record in records:
        for key in ("path", "start", "end", "text", "kind", "speaker", "speaker_start",
                    "speaker_end", "cue", "cue_start", "cue_end", "doc_id", "title"):
            assert key in record
        assert record["kind"] in ("direct", "mixed", "indirect")
        spans = record.get("spans") or [[record["start"], record["end"]]]
        if "spans" not in record:
            assert text[record["start"] : record["end"]] == record["text"]
        assert all(0 <= s < e <= len(text) for s, e in spans)
        if record["speaker_start"] is not None:
            assert record["speaker_end"] > record["speaker_start"]
        if record["cue_start"] is not None:
            assert text[record["cue_start"] : record["cue_end"]] == record["cue"]
    direct = [r for r in records if r["kind"] == "direct"]
    assert len(direct) == 4
    assert {r["speaker"] for r in direct} == {"Vladimir Putin"}


def test_quotes_csv_parses_back() -> None:
    out = seedread("quotes", str(CORPUS), "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) >= 10
    assert {"doc_id", "speaker", "kind", "text", "start", "end"} <= set(rows[0])


def test_quotes_table_and_default_seeds() -> None:
    out = seedread("quotes").stdout
    assert "Vladimir Putin" in out and "speaker" in out


def test_jobs_gives_identical_output() -> None:
    one = seedread("quotes", str(CORPUS), "--format", "jsonl").stdout
    two = seedread("quotes", str(CORPUS), "--format", "jsonl", "--jobs", "2").stdout
    assert one == two


def test_problems_go_to_stderr_and_the_rest_is_printed() -> None:
    result = seedread("quotes", str(BROKEN), "--format", "jsonl")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) >= 2
    errors = result.stderr.splitlines()
    assert any("archive.txt" in line and "binary" in line for line in errors)
    assert any("feed.jsonl:2" in line for line in errors)
    assert any("empty.txt" in line for line in errors)


def test_missing_path_is_a_usage_error() -> None:
    result = seedread("quotes", "/no/such/folder", check=False)
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr


def test_unknown_option_is_a_usage_error() -> None:
    result = seedread("quotes", "--frobnicate", check=False)
    assert result.returncode == 2


@pytest.mark.parametrize("scope", ["docs", "quotes", "speakers"])
def test_search_scopes(scope: str) -> None:
    out = seedread("search", "clinton", str(CORPUS), "--scope", scope, "--format", "jsonl")
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert records
    assert "clinton" in json.dumps(records[0]).lower()


def test_speakers_lists_each_person_once() -> None:
    out = seedread("speakers", str(CORPUS), "--format", "jsonl").stdout
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert len(names) == len(set(names))
    assert "Hillary Clinton" in names and "Bill Clinton" in names


def test_broken_pipe_exits_quietly(tmp_path: Path) -> None:
    article = (CORPUS / "wire" / "2016-03-08_campaign-trail.txt").read_text(encoding="utf-8")
    for number in range(300):  # far more output than a pipe buffers
        (tmp_path / f"{number:03}.txt").write_text(article, encoding="utf-8")
    command = f"{sys.executable} -m tui quotes {tmp_path} --format jsonl | head -n 1"
    result = subprocess.run(["bash", "-c", "set -o pipefail; " + command],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""
    assert result.returncode == 0
