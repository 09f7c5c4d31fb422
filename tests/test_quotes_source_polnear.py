"""Regression floors for the source half on PolNeAR dev, scored by the shared scorer.

Floors sit about 0.02 below what the engine reached (speaker accuracy 0.939 at the source
half's last commit, 0.935 once the content finders found more quotations; direct+speaker
F1 0.865 on dev). Speaker accuracy (over matched
direct quotations) depends mostly on attribution and resolution; direct+speaker F1 also
moves with the content finders, so its floor was set from the whole engine's state at
that commit, with the content finders as they were then.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from tui.core.export import quotation_record
from tui.core.model import Document
from tui.core.quotes import extract_quotations

SPEAKER_ACCURACY_FLOOR = 0.92
DIRECT_SPEAKER_F1_FLOOR = 0.845


def _scorer(shared: Path):
    path = shared / "eval" / "score_quotes.py"
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_quotes", module)
    spec.loader.exec_module(module)
    return module


def test_dev_speaker_accuracy_and_direct_speaker_f1(polnear: Path) -> None:
    scorer = _scorer(polnear.parent.parent)
    split = polnear / "dev"
    docs = scorer.load_gold(split)
    preds: dict[str, list[dict]] = {}
    for stem, (text, _) in docs.items():
        doc = Document(path=str(split / "text" / f"{stem}.txt"), text=text)
        items = []
        for quote in extract_quotations(text):
            record = quotation_record(doc, quote)
            record["_spans"] = [tuple(span) for span in quote.spans]
            items.append(record)
        preds[stem] = items
    tallies = scorer.score(docs, preds, 0.5)
    direct = tallies["direct"]
    accuracy = direct.speaker_ok / direct.with_source
    _, _, f1 = tallies["direct+speaker"].prf()
    assert accuracy >= SPEAKER_ACCURACY_FLOOR, f"speaker accuracy {accuracy:.3f}"
    assert f1 >= DIRECT_SPEAKER_F1_FLOOR, f"direct+speaker F1 {f1:.3f}"
