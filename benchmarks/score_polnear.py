"""Run the engine over a PolNeAR split and score it with shared/eval/score_quotes.py.

Usage: python benchmarks/score_polnear.py [SPLIT_DIR] [--out PRED.jsonl] [--json]
SPLIT_DIR defaults to ../shared/data/polnear/dev. Prints the scorer's table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tui.core.export import quotation_record
from tui.core.model import Document
from tui.core.quotes import extract_quotations

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def predict(split: Path, out: Path) -> int:
    """Write predictions for every article of ``split`` to ``out``; return the count."""
    count = 0
    with open(out, "w", encoding="utf-8") as handle:
        for path in sorted((split / "text").glob("*.txt")):
            with open(path, encoding="utf-8", newline="") as source:
                text = source.read()
            doc = Document(path=str(path), text=text)
            doc.quotations = extract_quotations(text)
            for quote in doc.quotations:
                handle.write(json.dumps(quotation_record(doc, quote)) + "\n")
                count += 1
    return count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("split", nargs="?", type=Path, default=SHARED / "data/polnear/dev")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    predict(args.split, out)
    cmd = [sys.executable, str(SHARED / "eval/score_quotes.py"), str(args.split), str(out)]
    if args.json:
        cmd.append("--json")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
