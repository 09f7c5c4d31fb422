"""Smoke tests of the scale benchmark's pieces on tiny inputs (no shared data needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.core.loaders import load_paths
from tui.core.search import parse_query

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_scale  # noqa: E402
import fzf_reference  # noqa: E402
import make_corpus  # noqa: E402
import measure  # noqa: E402
import search_latency  # noqa: E402

QUOTES = [
    "We will not back down from this fight",
    "The plan covers every family in the state",
    "Nobody told us the server was private",
    "Our hospitals are running out of beds",
    "This is the best deal anyone has ever made",
    "I have never met the man",
]
NAMES = ["Hillary Clinton", "Bernie Sanders", "Vladimir Putin", "Donald Trump",
         "Elizabeth Warren", "Marco Rubio"]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """Six small articles in the PolNeAR layout, each with quotations and a date."""
    folder = tmp_path / "source"
    folder.mkdir()
    for i, (quote, name) in enumerate(zip(QUOTES, NAMES, strict=True)):
        paragraphs = [
            f"{name} spoke in Ohio on Monday about topic number {i}.",
            f"“{quote},” {name} said.",
            f"Aides to {name.split()[-1]} said the remarks were planned weeks ago.",
            f"“{QUOTES[(i + 1) % len(QUOTES)]},” a spokesman said.",
            f"Paragraph {i} closes the story about {name.split()[-1]}.",
        ]
        text = f"{name} makes case number {i} in Ohio\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"wire_2016-0{i + 1}-1{i}_story-{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _texts(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_generator_builds_varied_loadable_corpus(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    manifest = make_corpus.make_corpus(source, out, 50, seed=1, per_folder=20)
    assert not manifest["cached"] and manifest["files"] == 50
    files = sorted(out.rglob("*.txt"))
    assert len(files) == 50
    assert len({p.parent.name for p in files}) == 3  # 20 + 20 + 10 per folder
    docs = load_paths([out]).documents
    assert len(docs) == 50
    dates = [d.date for d in docs]
    assert all(d and "2014-01-01" <= d <= "2019-12-31" for d in dates)
    assert len(set(dates)) > 40
    assert len({d.text for d in docs}) == 50  # no identical copies
    assert len({d.title for d in docs}) > 10
    assert all(d.title in p.read_text(encoding="utf-8").split("\n", 1)[0]
               for d, p in zip(sorted(docs, key=lambda d: d.path), files, strict=True))
    everything = "\n".join(d.text for d in docs)
    for quote in QUOTES:  # quotation text is kept whole
        assert f"“{quote},”" in everything
    for path in files:
        name = path.name
        assert name[:10] in dates and name[10] == "_" and name.endswith(".txt")


def test_generator_is_deterministic_and_cached(source: Path, tmp_path: Path) -> None:
    a = make_corpus.make_corpus(source, tmp_path / "a", 50, seed=7)
    b = make_corpus.make_corpus(source, tmp_path / "b", 50, seed=7)
    make_corpus.make_corpus(source, tmp_path / "c", 50, seed=8)
    assert a["bytes"] == b["bytes"]
    assert _texts(tmp_path / "a") == _texts(tmp_path / "b")
    assert _texts(tmp_path / "a") != _texts(tmp_path / "c")
    again = make_corpus.make_corpus(source, tmp_path / "a", 50, seed=7)
    assert again["cached"]
    other = make_corpus.make_corpus(source, tmp_path / "a", 60, seed=7)
    assert not other["cached"] and len(list((tmp_path / "a").rglob("*.txt"))) == 60


def test_generator_jsonl_and_cli(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "mixed"
    code = make_corpus.main([str(source), str(out), "--n", "50", "--formats", "txt,jsonl"])
    assert code == 0
    assert len(list(out.rglob("*.txt"))) == 25
    assert len(list(out.rglob("*.jsonl"))) == 1
    result = load_paths([out])
    assert len(result.documents) == 50 and not result.problems


def test_slug() -> None:
    slug = make_corpus.slug("O’Malley: campaign — shifts staff!")
    assert slug == "o-malley-campaign-shifts-staff"
    assert make_corpus.slug("!!!") == "article"
    assert len(make_corpus.slug("word " * 40)) <= 32


def test_percentile_and_latencies() -> None:
    values = list(range(1, 101))
    assert measure.percentile(values, 0.5) == 50
    assert measure.percentile(values, 0.95) == 95
    assert measure.percentile(values, 1.0) == 100
    assert measure.percentile([7.0], 0.95) == 7.0
    assert measure.percentile([3, 1, 2], 0.0) == 1
    with pytest.raises(ValueError):
        measure.percentile([], 0.5)
    assert measure.median([None, 1.0, 3.0]) == 2.0
    assert measure.median([None]) is None
    latencies = measure.Latencies()
    for ms in (1.0, 2.0, 30.0):
        latencies.add("a", ms)
    latencies.add("b", 10.0)
    assert latencies.per_label() == {"a": 2.0, "b": 10.0}
    assert latencies.summary() == {"p50": 2.0, "p95": 10.0, "max": 10.0}


def test_timing_memory_and_sizes(tmp_path: Path) -> None:
    ms, result = measure.time_ms(lambda: sum(range(1000)))
    assert result == 499500 and ms >= 0
    memory = measure.memory_mb()
    assert 0 < memory["rss"] <= memory["hwm"] + 1
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a").write_bytes(b"12345")
    (tmp_path / "x" / ".b").write_bytes(b"123")
    assert measure.tree_bytes(tmp_path / "x") == 8
    done = measure.run_timed([sys.executable, "-c",
                              "import sys; b = bytearray(64 << 20); print('out');"
                              "print('err', file=sys.stderr); sys.exit(3)"])
    assert done.returncode == 3 and done.stdout == "out\n" and done.stderr == "err\n"
    assert done.max_rss_mb >= 64
    slow = measure.run_timed([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.3)
    assert slow.returncode != 0 and slow.seconds < 10


def test_queries_keystrokes_and_scopes() -> None:
    assert search_latency.keystrokes("cl") == ["c", "cl"]
    assert len(search_latency.keystrokes("hilary clinton")) == len("hilary clinton")
    assert "xqzvwk" in search_latency.QUERIES
    shaped = parse_query(search_latency.titles_and_speakers("hilary clinton"))
    assert [[t.field for t in group] for group in shaped.groups] == [["title", "speaker"]] * 2


def test_fzf_lines_and_filter(tmp_path: Path) -> None:
    counts = fzf_reference.write_lines(tmp_path, ["Clinton wins", "Trump\nloses"],
                                       ["we will win", "no comment"], ["Clinton", "Clinton", ""])
    assert counts == {"titles.txt": 2, "quotes.txt": 2, "speakers.txt": 1, "all.txt": 5,
                      "titles_speakers.txt": 3}
    assert (tmp_path / "titles.txt").read_text(encoding="utf-8") == "Clinton wins\nTrump loses\n"
    fzf = fzf_reference.fzf_path()
    if fzf is None:
        assert bench_scale.fzf_latency(tmp_path, 1) == {"error": "fzf not installed"}
        return
    ms, found = fzf_reference.time_filter(fzf, tmp_path / "all.txt", "clntn")
    assert found == 2 and ms > 0
    result = bench_scale.fzf_latency(tmp_path, 1)
    assert set(result) == {"all", "titles+speakers"}
    assert result["all"]["p95"] >= result["all"]["p50"] > 0


def test_printing_a_result(capsys: pytest.CaptureFixture[str]) -> None:
    scope = {"p50": 1.0, "p95": 2.0, "max": 3.0, "per_query": {"putin": 1.0}, "hits": {"putin": 4}}
    result = {"size": 10, "corpus_bytes": 1000, "files": 10, "index_bytes": 500,
              "index_ratio": 0.5,
              "cold": {"jobs1": {"runs": [{}], "seconds": 1.0, "rate_per_process": 10.0,
                                 "progress": True, "max_rss_mb": 50.0, "ok": True}},
              "warm": {"runs": [{}], "seconds": 0.5, "rss_mb": 100.0, "hwm_mb": 120.0,
                       "app_search_ms": 3.0},
              "search": {"engine": "x", "open_seconds": 0.1, "rss_mb": 30.0,
                         "scopes": {"all": scope, "titles+speakers": scope}},
              "fzf": {"error": "fzf not installed"}}
    bench_scale.print_size(result, verbose=True)
    bench_scale.print_summary([result])
    out = capsys.readouterr().out
    assert "warm open to interactive" in out and "MET" in out and "MISSED" in out
    assert "fzf not installed" in out and "putin" in out


def test_warm_open_hook_reports_ready_and_memory(source: Path, tmp_path: Path) -> None:
    """The benchmark's headless app reaches "ready" and reports its memory after a search
    (on six articles; the first open builds the index)."""
    result = bench_scale.warm_open(source, tmp_path / "cache", "clinton", timeout=120)
    assert "error" not in result, result
    assert result["returncode"] == 0 and result["rows"] == 6
    assert 0 < result["seconds"] < 120 and result["rss_mb"] > 0 and result["hits"] >= 1
