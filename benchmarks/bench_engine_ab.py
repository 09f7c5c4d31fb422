"""The quotation engine against another commit's, alternating, in one process: CPU seconds.

Usage: python benchmarks/bench_engine_ab.py [FOLDER ...] [--ref main] [--runs 5] [--limit N]
       [--check]

The other engine is ``src/tui/core/quotes`` at ``--ref`` (``git archive``), copied to a
temporary folder and imported as ``refquotes`` (its ``tui.core.quotes`` imports renamed;
``tui.core.model`` stays shared). Each run extracts every text with one engine, then the
other; the table gives the median CPU seconds (``os.times``, not wall: the machine is
shared) and their ratio. The memos the engine keeps across articles (the module-level
dicts named in ``MEMOS``; add new ones there) are emptied before each pass, so every pass
is the indexing of a corpus seen for the first time. ``--check`` first compares every quotation
(kind, spans, cue, mention, speaker, role, confidence) of the two engines and stops at the
first difference. FOLDER defaults to ../shared/data/polnear/train/text.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from tui.core.loaders import load_paths

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
ENGINE = "src/tui/core/quotes"


def load_ref(ref: str, into: Path) -> ModuleType:
    """The engine at git ``ref``, importable as ``refquotes`` from ``into``."""
    archive = subprocess.run(["git", "archive", ref, ENGINE], cwd=ROOT, check=True,
                             capture_output=True).stdout
    package = into / "refquotes"
    package.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.endswith(".py"):
                source = tar.extractfile(member).read().decode("utf-8")  # type: ignore[union-attr]
                (package / Path(member.name).name).write_text(
                    source.replace("tui.core.quotes", "refquotes"), encoding="utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module("refquotes")


#: Module-level dicts in which the engine remembers results across articles.
MEMOS = ("_PLANS", "_MENTIONS", "_SURNAME_KEYS")


def _memos(package: str) -> list[dict]:
    """The :data:`MEMOS` of an engine's modules."""
    return [memo for name, module in list(sys.modules.items())
            if name == package or name.startswith(package + ".")
            for attr in MEMOS if isinstance(memo := getattr(module, attr, None), dict)]


def _cpu(extract: Callable, texts: list[str], memos: list[dict]) -> float:
    for memo in memos:
        memo.clear()
    before = os.times()
    for text in texts:
        extract(text)
    after = os.times()
    return (after.user + after.system) - (before.user + before.system)


def _rows(extract: Callable, text: str) -> list[tuple]:
    return [(q.kind, q.spans, q.cue, q.mention, q.speaker, q.role, q.confidence)
            for q in extract(text)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--ref", default="main")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="the first N articles only")
    ap.add_argument("--check", action="store_true", help="compare the output first")
    args = ap.parse_args()
    texts = [doc.text for doc in load_paths(args.folders).documents]
    if args.limit:
        texts = texts[: args.limit]
    if not texts:
        print("no articles", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        ref = load_ref(args.ref, Path(tmp)).extract_quotations
        new = importlib.import_module("tui.core.quotes").extract_quotations
        if args.check:
            for k, text in enumerate(texts):
                if _rows(ref, text) != _rows(new, text):
                    print(f"article {k}: the output differs", file=sys.stderr)
                    return 1
            print(f"{len(texts)} articles: identical output")
        ref_memos, new_memos = _memos("refquotes"), _memos("tui.core.quotes")
        _cpu(ref, texts, ref_memos)  # (warm the code, not the memos)
        _cpu(new, texts, new_memos)
        times: dict[str, list[float]] = {"ref": [], "new": []}
        for _ in range(args.runs):
            times["ref"].append(_cpu(ref, texts, ref_memos))
            times["new"].append(_cpu(new, texts, new_memos))
    old, now = statistics.median(times["ref"]), statistics.median(times["new"])
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} characters, "
          f"median CPU seconds of {args.runs} alternating runs")
    print(f"{args.ref:>12} {old:8.3f} s  {1000 * old / len(texts):6.3f} ms/article")
    print(f"{'worktree':>12} {now:8.3f} s  {1000 * now / len(texts):6.3f} ms/article  "
          f"ratio {now / old:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
