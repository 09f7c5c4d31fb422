"""fold(): case and accent folding that keeps length, so offsets carry over."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from tui.core.search import fold
from tui.core.search.fold import fold_accents, fold_char


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Müller", "muller"),
        ("ÉLYSÉE", "elysee"),
        ("Straße", "strase"),
        ("İstanbul", "istanbul"),
        ("São Paulo", "sao paulo"),
        ("Łódź", "lodz"),
        ("don’t", "don't"),
        ("plain ascii", "plain ascii"),
        ("", ""),
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


def _random_strings(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pools = [
        (0x20, 0x7F), (0xA0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00), (0x2000, 0x2100),
        (0xFB00, 0xFB50), (0xFF00, 0xFF60), (0x0, 0x110000),
    ]
    out = []
    for _ in range(count):
        chars = []
        for _ in range(rng.randrange(0, 30)):
            low, high = rng.choice(pools)
            code = rng.randrange(low, high)
            if not 0xD800 <= code < 0xE000:
                chars.append(chr(code))
        out.append("".join(chars))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_fold_keeps_length_and_is_char_by_char(seed: int) -> None:
    for text in _random_strings(2000, seed):
        folded = fold(text)
        assert len(folded) == len(text)
        assert folded == "".join(fold_char(c) for c in text)
        assert fold(folded) == folded


def test_every_code_point_folds_to_one_lowercase_fixed_point() -> None:
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        folded = fold_char(chr(code))
        assert len(folded) == 1, hex(code)
        assert folded.lower() == folded, hex(code)
        assert fold_char(folded) == folded, hex(code)


def test_search_core_imports_no_ui_library() -> None:
    code = (
        "import sys, tui.core.search; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize("seed", range(3))
def test_fold_accents_keeps_length_and_case(seed: int) -> None:
    for text in _random_strings(2000, seed):
        kept = fold_accents(text)
        assert len(kept) == len(text)
        assert fold(kept) == fold(text)
    assert fold_accents("Müller, ÉLYSÉE") == "Muller, ELYSEE"
