"""The scale benchmark of issue 4: cold index, warm open, search latency, memory, disk.

Usage::

    python benchmarks/bench_scale.py [--sizes 1000,10000,100000]
        [--source ../shared/data/polnear/train/text] [--work /tmp/seedread-bench]
        [--runs 3] [--large-runs 1] [--search-runs 5] [--skip cold,warm,search,fzf]
        [--json PATH|-] [--verbose]

For each size N: a corpus of N articles is generated from ``--source`` by
``make_corpus.py`` (cached under ``--work`` between runs), then

1. cold index: ``seedread index CORPUS --cache-dir DIR --jobs J`` as a subprocess, J = 1
   and 2, on an empty cache: seconds, articles/s per process (N / seconds / J), whether
   progress appeared on stderr, the child's peak RSS; ``--runs`` times (``--large-runs``
   times from 50,000 articles up, as one run takes minutes);
2. warm open: ``warm_open.py`` starts the app headless on the built index; wall time from
   process start (Python and Textual imports included) to the app no longer ``loading``
   (its rows listed: the app lists what the index holds at once) and the screen refreshed;
   beside it, the time until it is no longer ``indexing`` (every file checked unchanged);
   ``--runs`` times;
3. memory: the resident set of that running app after load and one search (its own
   search, through the app), MB;
4. search latency per keystroke: ``search_latency.py`` times each realistic query and each
   keystroke of a typed query in one process, over ``--search-runs`` rounds (at most 3
   from 50,000 articles up, and one round of fzf there, as fzf takes seconds), for all
   fields and for titles+speakers only; beside it ``fzf --filter`` over the same lines
   (titles, quotations, speaker names) when fzf is installed;
5. the index's size on disk against the corpus's.

Everything printed is a median of the runs (p50/p95 are over the queries' medians). The
machine has 2 cores shared with other work: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fzf_reference import SCOPES as FZF_FILES  # noqa: E402
from fzf_reference import fzf_path, time_queries  # noqa: E402
from make_corpus import make_corpus  # noqa: E402
from measure import Latencies, median, run_timed, tree_bytes  # noqa: E402
from search_latency import QUERIES, TYPED, keystrokes, typed_label  # noqa: E402

ROOT = HERE.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
CACHE_ENV = "SEEDREAD_CACHE_DIR"
#: From this many articles on, the cold index runs ``--large-runs`` times.
LARGE = 50_000
#: The issue's targets.
TARGETS = {"rate": 300.0, "warm": 1.0, "p95_all": 50.0, "p95_titles": 16.0, "rss": 400.0}
#: A progress line of ``seedread index`` ("412/840 files  205.3 files/s  0:02 left").
_PROGRESS = re.compile(r"\d+/\d+ files")


#: Where the children import ``tui`` from (see :func:`snapshot`); None: as installed.
CODE: dict[str, str | None] = {"src": None, "commit": None}


def snapshot(work: Path, ref: str) -> tuple[Path, str]:
    """The ``src/`` of commit ``ref`` extracted under ``work`` (once per commit), and the
    commit's hash.

    The index stores a digest of the engine's sources and rebuilds itself when they
    change; other engineers edit those files in this working tree all the time, so a
    benchmark of the tree as it is would see warm opens turn into rebuilds. A snapshot
    keeps one version of the code for every measurement of a run.
    """
    commit = subprocess.run(["git", "rev-parse", ref], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    target = work / f"code-{commit[:12]}"
    if not (target / "src" / "tui").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit, "src"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src", commit


def child_env(cache: Path) -> dict[str, str]:
    """The environment of the children: the index's cache folder set, so nothing of the
    benchmark lands in the user's cache, and ``tui`` from the snapshot when there is one."""
    env = {**os.environ, CACHE_ENV: str(cache), "PYTHONUNBUFFERED": "1"}
    if CODE["src"]:
        env["PYTHONPATH"] = CODE["src"] + os.pathsep + env.get("PYTHONPATH", "")
    return env


# -- 1. cold index -------------------------------------------------------------------------


def index_command_exists() -> bool:
    """True when the CLI has the ``index`` command (else ``seedread index X`` would start
    the reader on the folders ``index`` and ``X``)."""
    done = subprocess.run([sys.executable, "-c", "import tui.cli as c; print(c.COMMANDS)"],
                          capture_output=True, text=True, check=False,
                          env=child_env(Path(os.devnull)))
    return "'index'" in done.stdout


def indexed_documents(cache: Path) -> int:
    """Documents stored in the index database(s) under ``cache`` (0 when none can be read:
    missing, or wiped by a newer schema version)."""
    total = 0
    for database in cache.glob("*.sqlite3") if cache.is_dir() else ():
        try:
            conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            try:
                total += conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            continue
    return total


def cold_index(corpus: Path, cache: Path, jobs: int, n: int, timeout: float) -> dict:
    """One cold ``seedread index`` of ``corpus`` into an empty ``cache``, its stderr a
    terminal (progress is drawn for a person; a pipe gets a line only every few seconds)."""
    if cache.exists():
        shutil.rmtree(cache)
    argv = [sys.executable, "-m", "tui", "index", str(corpus), "--cache-dir", str(cache),
            "--jobs", str(jobs)]
    done = run_timed(argv, env=child_env(cache), timeout=timeout, stderr_tty=True)
    result = {"jobs": jobs, "seconds": round(done.seconds, 2), "returncode": done.returncode,
              "rate_per_process": round(n / done.seconds / jobs, 1),
              "progress": bool(_PROGRESS.search(done.stderr)), "max_rss_mb": done.max_rss_mb,
              "index_bytes": tree_bytes(cache)}
    if done.returncode != 0:
        result["error"] = (done.stderr.strip().splitlines() or ["(no message)"])[-1][:300]
    return result


# -- 2, 3. warm open and memory --------------------------------------------------------------


def warm_open(corpus: Path, cache: Path, query: str, timeout: float) -> dict:
    """Start the app headless on the built index; seconds from process start to ready,
    then its memory after one search."""
    read_fd, write_fd = os.pipe()
    argv = [sys.executable, str(HERE / "warm_open.py"), str(corpus), "--fd", str(write_fd),
            "--cache-dir", str(cache), "--query", query, "--timeout", str(timeout)]
    events: dict[str, dict] = {}
    buffer = b""
    start = time.perf_counter()
    with subprocess.Popen(argv, pass_fds=(write_fd,), env=child_env(cache),
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE) as proc:
        os.close(write_fd)
        while True:
            ready, _, _ = select.select([read_fd], [], [], timeout)
            if not ready:
                proc.kill()
                break
            chunk = os.read(read_fd, 65536)
            now = time.perf_counter()
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                event = json.loads(line)
                event["at"] = now - start
                events[event["event"]] = event
        os.close(read_fd)
        _, err = proc.communicate()
    result: dict = {"returncode": proc.returncode}
    if "checked" in events:
        result["checked_seconds"] = round(events["checked"]["at"], 3)
    if "ready" in events:
        result.update(seconds=round(events["ready"]["at"], 3), rows=events["ready"]["rows"],
                      rss_ready_mb=events["ready"]["rss"])
    if "searched" in events:
        found = events["searched"]
        result.update(rss_mb=found["rss"], hwm_mb=found["hwm"], hits=found["hits"],
                      app_search_ms=round(found["app_search_ms"], 1))
    if "ready" not in events or proc.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        result["error"] = (lines or ["(no message)"])[-1][:300]
    return result


# -- 4. search latency -----------------------------------------------------------------------


def search_latency(corpus: Path, cache: Path, runs: int, lines_dir: Path,
                   timeout: float) -> dict:
    """Run ``search_latency.py`` on the built index; its JSON, summarised."""
    argv = [sys.executable, str(HERE / "search_latency.py"), str(corpus), "--cache-dir",
            str(cache), "--runs", str(runs), "--lines-dir", str(lines_dir)]
    done = run_timed(argv, env=child_env(cache), timeout=timeout)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return {"error": (lines or ["(no message)"])[-1][:300]}
    found = json.loads(done.stdout)
    scopes = {}
    for scope, samples in found["samples"].items():
        latencies = Latencies(samples)
        scopes[scope] = {**{k: round(v, 2) for k, v in latencies.summary().items()},
                         "per_query": {k: round(v, 2) for k, v in latencies.per_label().items()},
                         "hits": found["hits"][scope]}
    return {"engine": found["engine"], "open_seconds": found["open_seconds"],
            "rss_mb": found["rss"], "lines": found.get("lines", {}), "scopes": scopes}


def fzf_latency(lines_dir: Path, runs: int) -> dict:
    """``fzf --filter`` over the scope files written by the search child."""
    fzf = fzf_path()
    if fzf is None:
        return {"error": "fzf not installed"}
    queries = list(QUERIES)
    typed = [text for query in TYPED for text in keystrokes(query)]
    result = {}
    for scope, name in FZF_FILES.items():
        if not (lines_dir / name).exists():
            return {"error": f"no lines in {lines_dir}"}
        samples = time_queries(fzf, lines_dir / name, queries + typed, runs)
        latencies = Latencies()
        for query in queries:
            for ms in samples[query]:
                latencies.add(query, ms)
        for text in typed:
            for ms in samples[text]:
                latencies.add(typed_label(text), ms)
        result[scope] = {**{k: round(v, 2) for k, v in latencies.summary().items()},
                         "per_query": {k: round(v, 2) for k, v in latencies.per_label().items()}}
    return result


# -- one size ------------------------------------------------------------------------------


def bench_size(n: int, args: argparse.Namespace) -> dict:
    """Every measurement for a corpus of ``n`` articles."""
    work: Path = args.work
    corpus = work / f"corpus-{n}"
    cache = work / f"cache-{n}"
    made = make_corpus(args.source, corpus, n, args.seed)
    how = "cached" if made["cached"] else f"generated in {made['seconds']} s"
    log(f"\n== {n:,} articles: {made['bytes'] / 1e6:.1f} MB in {made['files']:,} files "
        f"({how}) ==")
    result: dict = {"size": n, "commit": CODE["commit"] or "working tree",
                    "corpus_bytes": made["bytes"], "files": made["files"],
                    "load_average": os.getloadavg()}
    timeout = args.timeout
    if not index_command_exists():
        log("  `seedread index` does not exist yet: no cold index, no built index")
        result["missing"] = ["seedread index"]
    elif "cold" not in args.skip:
        runs = args.large_runs if n >= LARGE else args.runs
        result["cold"] = {}
        for jobs in (1, 2):
            trials = []
            for run in range(runs):
                trial = cold_index(corpus, work / f"cold-{n}", jobs, n, timeout)
                trials.append(trial)
                log(f"  cold index jobs={jobs} run {run + 1}/{runs}: {trial['seconds']} s, "
                    f"{trial['rate_per_process']} articles/s/process"
                    + (f"  ERROR {trial['error']}" if "error" in trial else ""))
                if "error" in trial:
                    break
            result["cold"][f"jobs{jobs}"] = {
                "runs": trials,
                "seconds": median(t["seconds"] for t in trials),
                "rate_per_process": median(t["rate_per_process"] for t in trials),
                "progress": all(t["progress"] for t in trials),
                "max_rss_mb": median(t["max_rss_mb"] for t in trials),
                "ok": all(t["returncode"] == 0 for t in trials)}
            if jobs == 1 and trials[-1]["returncode"] == 0:
                if cache.exists():
                    shutil.rmtree(cache)
                (work / f"cold-{n}").rename(cache)
    if indexed_documents(cache) != n and not result.get("missing"):
        log("  building the index (no up-to-date index kept from a cold run)")
        trial = cold_index(corpus, cache, 2, n, timeout)
        if "error" in trial:
            log(f"  ERROR {trial['error']}")
    result["index_bytes"] = tree_bytes(cache)
    result["index_ratio"] = round(result["index_bytes"] / max(1, made["bytes"]), 3)
    if "warm" not in args.skip:
        trials = []
        for run in range(args.runs):
            trial = warm_open(corpus, cache, "hilary clinton", timeout)
            trials.append(trial)
            log(f"  warm open run {run + 1}/{args.runs}: {trial.get('seconds')} s, RSS "
                f"{trial.get('rss_mb')} MB" + (f"  ERROR {trial['error']}"
                                               if "error" in trial else ""))
        result["warm"] = {"runs": trials,
                          "seconds": median(t.get("seconds") for t in trials),
                          "checked_seconds": median(t.get("checked_seconds") for t in trials),
                          "rss_mb": median(t.get("rss_mb") for t in trials),
                          "hwm_mb": median(t.get("hwm_mb") for t in trials),
                          "app_search_ms": median(t.get("app_search_ms") for t in trials)}
    lines_dir = work / f"lines-{n}"
    if "search" not in args.skip:
        runs = min(args.search_runs, 3) if n >= LARGE else args.search_runs
        result["search"] = search_latency(corpus, cache, runs, lines_dir, timeout)
        log(f"  search: {result['search'].get('engine', result['search'].get('error'))}")
    if "fzf" not in args.skip:
        # fzf reads and sorts millions of lines per query at 100k: seconds each.
        result["fzf"] = fzf_latency(lines_dir, 1 if n >= LARGE else args.search_runs)
    result["load_average_after"] = os.getloadavg()
    print_size(result, args.verbose)
    return result


# -- printing ------------------------------------------------------------------------------


def log(text: str) -> None:
    """Progress of the benchmark itself, on stderr."""
    print(text, file=sys.stderr, flush=True)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _verdict(value: float | None, target: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "not measured"
    ok = value >= target if higher_is_better else value <= target
    ratio = value / target
    return f"{'MET' if ok else 'MISSED'} ({ratio:.2f}× target)"


def _best(runs: Sequence[dict], key: str, pick: Callable[..., float]) -> float | None:
    """The best of the runs' ``key`` (``pick`` is min or max), None when none has it."""
    found = [run[key] for run in runs if run.get(key) is not None]
    return pick(found) if found else None


def print_size(result: dict, verbose: bool = False) -> None:
    """The table of one size, on stdout."""
    n = result["size"]
    loads = [result.get("load_average", (None,))[0], result.get("load_average_after", (None,))[0]]
    print(f"\n{n:,} articles · corpus {result['corpus_bytes'] / 1e6:.1f} MB · load average "
          + " → ".join(_fmt(x, 2) for x in loads) + " (2 cores)")
    for jobs in ("jobs1", "jobs2"):
        cold = result.get("cold", {}).get(jobs)
        if cold:
            print(f"  cold index {jobs:6} {_fmt(cold['seconds'], 2):>9} s "
                  f"{_fmt(cold['rate_per_process']):>8} articles/s/process  "
                  f"progress {'yes' if cold['progress'] else 'NO'}  peak RSS "
                  f"{_fmt(cold['max_rss_mb'], 0)} MB  runs {len(cold['runs'])} (best "
                  f"{_fmt(_best(cold['runs'], 'rate_per_process', max))}/s)  "
                  f"≥{TARGETS['rate']:.0f}/s: "
                  + _verdict(cold["rate_per_process"], TARGETS["rate"], True))
    warm = result.get("warm")
    if warm:
        print(f"  warm open to interactive  {_fmt(warm['seconds'], 3)} s (best "
              f"{_fmt(_best(warm['runs'], 'seconds', min), 3)} s, runs {len(warm['runs'])})"
              "   ≤1.0 s: " + _verdict(warm["seconds"], TARGETS["warm"]))
        if warm.get("checked_seconds") is not None:
            print(f"  … and the files checked unchanged (indexing over) "
                  f"{_fmt(warm['checked_seconds'], 3)} s")
        print(f"  app memory after a search  RSS {_fmt(warm['rss_mb'], 0)} MB (peak "
              f"{_fmt(warm['hwm_mb'], 0)})  ≤400 MB: " + _verdict(warm["rss_mb"], TARGETS["rss"])
              + f"   search in app {_fmt(warm['app_search_ms'])} ms")
    print(f"  index on disk {result['index_bytes'] / 1e6:.1f} MB = "
          f"{result['index_ratio']:.2f}× the corpus")
    search, fzf = result.get("search", {}), result.get("fzf", {})
    if "error" in search:
        print(f"  search: {search['error']}")
    elif search:
        print(f"  search per keystroke ({search['engine']}; opened in "
              f"{search['open_seconds']} s, RSS {search['rss_mb']:.0f} MB)")
        print(f"    {'scope':16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   "
              f"{'fzf p50':>8} {'fzf p95':>8}   target")
        for scope, target in (("all", "p95_all"), ("titles+speakers", "p95_titles")):
            ours, ref = search["scopes"][scope], fzf.get(scope, {})
            print(f"    {scope:16} {_fmt(ours['p50']):>8} {_fmt(ours['p95']):>8} "
                  f"{_fmt(ours['max']):>8}   {_fmt(ref.get('p50')):>8} "
                  f"{_fmt(ref.get('p95')):>8}   p95 ≤{TARGETS[target]:.0f}: "
                  + _verdict(ours["p95"], TARGETS[target]))
        if "error" in fzf:
            print(f"    fzf: {fzf['error']}")
        if verbose:
            for scope in search["scopes"]:
                print(f"    {scope}: query, ms, hits, fzf ms")
                ours = search["scopes"][scope]
                ref = fzf.get(scope, {}).get("per_query", {})
                for label, ms in ours["per_query"].items():
                    print(f"      {label:26} {ms:9.2f} {ours['hits'][label]:7} "
                          f"{_fmt(ref.get(label), 2):>9}")


def print_summary(results: Sequence[dict]) -> None:
    """One line per size, so the growth shows."""
    commits = sorted({str(r.get("commit", "?"))[:12] for r in results})
    print(f"\nsummary (medians; code {', '.join(commits)})")
    head = (f"{'articles':>9} {'cold/s j1':>9} {'cold/s j2':>9} {'warm s':>7} "
            f"{'all p50':>8} {'all p95':>8} {'t+s p50':>8} {'t+s p95':>8} "
            f"{'fzf all95':>9} {'fzf t+s95':>9} {'RSS MB':>7} {'index×':>7}")
    print(head)
    for r in results:
        cold = r.get("cold", {})
        scopes = r.get("search", {}).get("scopes", {})
        fzf = r.get("fzf", {})
        print(f"{r['size']:>9,} {_fmt(cold.get('jobs1', {}).get('rate_per_process')):>9} "
              f"{_fmt(cold.get('jobs2', {}).get('rate_per_process')):>9} "
              f"{_fmt(r.get('warm', {}).get('seconds'), 2):>7} "
              f"{_fmt(scopes.get('all', {}).get('p50')):>8} "
              f"{_fmt(scopes.get('all', {}).get('p95')):>8} "
              f"{_fmt(scopes.get('titles+speakers', {}).get('p50')):>8} "
              f"{_fmt(scopes.get('titles+speakers', {}).get('p95')):>8} "
              f"{_fmt(fzf.get('all', {}).get('p95')):>9} "
              f"{_fmt(fzf.get('titles+speakers', {}).get('p95')):>9} "
              f"{_fmt(r.get('warm', {}).get('rss_mb'), 0):>7} {r['index_ratio']:>7.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="comma-separated corpus sizes (articles)")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                    help="folder of articles the corpora are made from")
    ap.add_argument("--work", type=Path, default=Path("/tmp/seedread-bench"),
                    help="where corpora, indexes and line files go")
    ap.add_argument("--runs", type=int, default=3, help="runs of cold index and warm open")
    ap.add_argument("--large-runs", type=int, default=1,
                    help=f"runs of the cold index from {LARGE:,} articles up")
    ap.add_argument("--search-runs", type=int, default=5, help="rounds of the query list")
    ap.add_argument("--seed", type=int, default=0, help="corpus generator seed")
    ap.add_argument("--skip", default="", help="comma-separated: cold, warm, search, fzf")
    ap.add_argument("--timeout", type=float, default=3600.0, help="per child process (s)")
    ap.add_argument("--json", metavar="PATH", help="append one JSON line per size ('-': stdout)")
    ap.add_argument("--verbose", action="store_true", help="per-query timings and hits")
    ap.add_argument("--from-json", type=Path, metavar="PATH",
                    help="measure nothing: print the tables of the JSON lines in PATH")
    ap.add_argument("--code", default="HEAD",
                    help="commit whose src/ the children run (extracted under --work), or "
                         "'tree' for the working tree as installed")
    args = ap.parse_args(argv)
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.from_json is not None:
        saved = [json.loads(line) for line in
                 args.from_json.read_text(encoding="utf-8").splitlines() if line.strip()]
        for result in saved:
            print_size(result, args.verbose)
        print_summary(saved)
        return 0
    if not args.source.is_dir():
        print(f"bench_scale: no folder of articles at {args.source}", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.work.mkdir(parents=True, exist_ok=True)
    if args.code != "tree":
        src, commit = snapshot(args.work, args.code)
        CODE.update(src=str(src), commit=commit)
        log(f"code: {commit[:12]} ({src})")
    results = []
    for n in sizes:
        result = bench_size(n, args)
        results.append(result)
        if args.json:
            line = json.dumps(result)
            if args.json == "-":
                print(line)
            else:
                with open(args.json, "a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
    print_summary(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
