"""Measure the end phase of a refresh that changed something: computing the search cache
and the speaker catalog from every stored quotation.

Usage::

    python benchmarks/bench_end_phase.py INDEX [--runs N] [--baseline SRC]

``INDEX`` is an index file (``index-*.sqlite3``) or the cache directory holding one; it is
opened read-only and nothing is stored. Each run is a fresh process (imports and caches
cold, as in ``seedread index``) that times, on its own connection:

* ``end phase``: both, as the end of a refresh computes them
  (:func:`tui.core.index.caches.compute`; a source tree without it computes the two in
  turn), first, in a process that did nothing else;
* then ``search cache``: :func:`tui.core.index.searchcache.compute` alone;
* and ``catalog``: :func:`tui.core.catalog.build.compute` alone;

each also in CPU seconds of the process (all its threads: the end phase reads some
things on a second connection in a thread, which helps only when a core is free); and a
digest of what :func:`searchcache.store` and :func:`tui.core.catalog.store.store`
would write (into a scratch in-memory table), with ``PYTHONHASHSEED=0`` so two source trees
can be compared byte for byte. Printed: the median of each over ``--runs``.

With ``--baseline SRC`` (the ``src`` directory of another checkout, e.g. ``git archive main
src | tar -x -C /tmp/base``) the runs alternate between that tree and this one (which goes
first alternates too), the ratios baseline/this are printed, and whether the digests agree.
Compare ratios within one run: the machine may be shared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
PARTS = ("end phase", "search cache", "catalog")


def _index_file(path: Path) -> Path:
    if path.is_dir():
        found = sorted(path.glob("index-*.sqlite3"))
        if not found:
            raise SystemExit(f"no index-*.sqlite3 in {path}")
        return found[0]
    return path


def _child(index: Path) -> dict[str, object]:
    """One run in this process: times, CPU times and a digest of what would be stored."""
    import sqlite3

    from tui.core.catalog import build
    from tui.core.catalog import store as catalog_store
    from tui.core.index import searchcache

    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        from tui.core.index import caches
    except ImportError:
        caches = None
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(part: str, work: Callable[[], Any]) -> Any:
        start, start_cpu = time.perf_counter(), time.process_time()
        done = work()
        times[part] = time.perf_counter() - start
        cpu[part] = time.process_time() - start_cpu
        return done

    # First: what it costs a process that did nothing else.
    cache, speakers = timed("end phase", lambda: (
        caches.compute(conn) if caches is not None
        else (searchcache.compute(conn), build.compute(conn))))
    timed("search cache", lambda: searchcache.compute(conn))
    timed("catalog", lambda: build.compute(conn))
    scratch = sqlite3.connect(":memory:", isolation_level=None)
    for table in ("search_cache", "speaker_catalog"):
        scratch.execute(f"CREATE TABLE {table}(name TEXT PRIMARY KEY, data BLOB NOT NULL)")
    searchcache.store(scratch, cache)
    catalog_store.store(scratch, speakers)
    digest = hashlib.sha256()
    for table in ("search_cache", "speaker_catalog"):
        for name, data in scratch.execute(f"SELECT name, data FROM {table} ORDER BY name"):
            digest.update(f"{table}/{name}:{len(data)}:".encode())
            digest.update(data)
    return {"times": times, "cpu": cpu, "digest": digest.hexdigest()}


def _run(src: Path, index: Path) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, __file__, "--child", str(index)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="src directory to compare against")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    index = _index_file(args.index)
    if args.child:
        print(json.dumps(_child(index)))
        return
    trees = {"this": SRC} if args.baseline is None else {"baseline": args.baseline,
                                                          "this": SRC}
    results: dict[str, list[dict[str, object]]] = {name: [] for name in trees}
    for run in range(args.runs):
        names = list(trees) if run % 2 == 0 else list(reversed(trees))
        for name in names:
            results[name].append(_run(trees[name], index))
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"run {run + 1}/{args.runs} done (load {load:.2f})", file=sys.stderr)
    print(f"{index} ({args.runs} runs, medians in seconds; cpu: the process's, all threads)")
    header = "".join(f"{name:>12}" for name in trees)
    print(f"{'':20}{header}" + ("       ratio" if args.baseline else ""))
    for measure in ("times", "cpu"):
        medians = {name: {part: statistics.median(r[measure][part]  # type: ignore[index]
                                                   for r in runs)
                          for part in PARTS}
                   for name, runs in results.items()}
        for part in PARTS:
            label = part if measure == "times" else f"{part} (cpu)"
            line = f"{label:20}" + "".join(f"{medians[name][part]:12.3f}" for name in trees)
            if args.baseline is not None:
                line += f"{medians['baseline'][part] / medians['this'][part]:11.2f}x"
            print(line)
    digests = {r["digest"] for runs in results.values() for r in runs}  # type: ignore[misc]
    print("stored results: " + ("identical" if len(digests) == 1 else
                                f"DIFFERENT ({len(digests)} digests)"))


if __name__ == "__main__":
    main()
