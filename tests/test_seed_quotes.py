"""The acceptance case: the seed TASS item's quotations are all Vladimir Putin's."""

from __future__ import annotations

from pathlib import Path

from tui.core.model import DIRECT, MIXED
from tui.core.quotes import extract_quotations

SEED_FILE = Path(__file__).resolve().parent.parent / "seeds" / "000_99d23540cb3e3fd8.txt"


def test_seed_direct_quotations_are_putins() -> None:
    with open(SEED_FILE, encoding="utf-8", newline="") as handle:
        text = handle.read()
    quotes = [q for q in extract_quotations(text) if q.kind in (DIRECT, MIXED)]
    starts = ("We have spoken", "As far as I feel", "After all", "I think this nationwide")
    for start in starts:
        assert any(q.content(text).startswith(start) for q in quotes), start
    for quote in quotes:
        assert quote.speaker == "Vladimir Putin", quote.content(text)[:40]
        assert quote.role == "Russian President"
        mention = text[quote.mention[0] : quote.mention[1]]
        cue = text[quote.cue[0] : quote.cue[1]]
        assert (mention, cue) in (("he", "said"), ("Putin", "stressed"))
    by_start = {start: q for start in starts for q in quotes
                if q.content(text).startswith(start)}
    assert text[slice(*by_start["I think this nationwide"].cue)] == "stressed"
    assert text[slice(*by_start["We have spoken"].mention)] == "he"


def test_bracketed_insertions_are_not_speakers() -> None:
    with open(SEED_FILE, encoding="utf-8", newline="") as handle:
        text = handle.read()
    speakers = {q.speaker for q in extract_quotations(text) if q.speaker}
    assert speakers == {"Vladimir Putin"}
