"""Indirect (reported) speech: each cue pattern, content boundaries, the cue span."""

from __future__ import annotations

import pytest

from tui.core.model import INDIRECT
from tui.core.quotes.direct import find_direct
from tui.core.quotes.indirect import find_indirect


def indirect(text: str) -> list[tuple[list[str], str | None]]:
    """(content pieces, cue text) of each indirect quotation found in ``text``."""
    out = []
    for quote in find_indirect(text, find_direct(text)):
        assert quote.kind == INDIRECT
        cue = text[quote.cue[0] : quote.cue[1]] if quote.cue else None
        out.append(([text[s:e] for s, e in quote.spans], cue))
    return out


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Ms. Vale said that the budget deal is dead.", "that the budget deal is dead", "said"),
        ("Ms. Vale said the budget deal is dead.", "the budget deal is dead", "said"),
        ("The budget deal is dead, Ms. Vale said.", "The budget deal is dead", "said"),
        (
            "The budget deal is dead, said Ms. Vale, a senior aide.",
            "The budget deal is dead",
            "said",
        ),
        (
            "The budget deal is dead, Ms. Vale said on Tuesday.",
            "The budget deal is dead",
            "said",
        ),
        (
            "According to two aides, the budget deal is dead.",
            "the budget deal is dead",
            "According to",
        ),
        (
            "The budget deal is dead, according to two aides.",
            "The budget deal is dead",
            "according to",
        ),
        (
            "Ms. Vale told reporters that the budget deal is dead.",
            "that the budget deal is dead",
            "told",
        ),
        ("Ms. Vale told reporters the budget deal is dead.", "the budget deal is dead", "told"),
        (
            "Ms. Vale warned that the budget deal would collapse.",
            "that the budget deal would collapse",
            "warned",
        ),
        (
            "Ms. Vale argued that the budget deal was unfair.",
            "that the budget deal was unfair",
            "argued",
        ),
        (
            "Ms. Vale claimed the budget deal was never signed.",
            "the budget deal was never signed",
            "claimed",
        ),
        (
            "Ms. Vale believes that the budget deal can be saved.",
            "that the budget deal can be saved",
            "believes",
        ),
        (
            "Ms. Vale said on Monday that the budget deal is dead.",
            "that the budget deal is dead",
            "said",
        ),
        ("Ms. Vale accused the mayor of lying.", "the mayor of lying", "accused"),
        ("Ms. Vale declined to comment.", "to comment", "declined"),
        ("Ms. Vale endorsed Mr. Park on Tuesday.", "Mr. Park", "endorsed"),
        ("Ms. Vale was referring to the new tax.", "the new tax", "referring"),
        ("Ms. Vale called for a recount.", "a recount", "called"),
        ("Ms. Vale pointed out that the tax failed.", "that the tax failed", "pointed"),
        (
            "Many voters - who are 40 percent, according to a poll - stayed home.",
            "who are 40 percent",
            "according to",
        ),
    ],
)
def test_indirect_patterns(text: str, content: str, cue: str) -> None:
    assert indirect(text) == [([content], cue)]


def test_attribution_inside_the_clause_gives_two_spans() -> None:
    text = "The budget deal, Ms. Vale said, is dead for this year."
    assert indirect(text) == [(["The budget deal", "is dead for this year"], "said")]


def test_coordinated_cue_ends_the_first_clause() -> None:
    text = "Ms. Vale said the deal is dead, adding that talks would resume."
    assert indirect(text) == [
        (["the deal is dead"], "said"),
        (["that talks would resume"], "adding"),
    ]


def test_cue_inside_a_direct_quotation_is_the_speaker_s_own() -> None:
    text = '"I said that the deal is dead," Ms. Vale told the crowd.'
    assert indirect(text) == []


def test_direct_quotation_is_not_reported_twice() -> None:
    text = 'Ms. Vale said: "The deal is dead and nobody can revive it."'
    assert indirect(text) == []


def test_nouns_and_compounds_are_not_cues() -> None:
    text = "The report was long. The so-called plan has a call for votes."
    assert indirect(text) == []


def test_that_said_is_not_a_cue() -> None:
    assert indirect("That said, the deal is dead.") == []


def test_spans_are_well_formed() -> None:
    text = (
        "Ms. Vale said, however, that it failed; according to aides, it did not. "
        "It did, she said, and then, according to, nothing. Said she: no."
    )
    for quote in find_indirect(text, find_direct(text)):
        assert quote.cue is not None
        for start, end in quote.spans:
            assert 0 <= start < end <= len(text)
        for (_, end), (start, _) in zip(quote.spans, quote.spans[1:], strict=False):
            assert end <= start


def _contents(text: str) -> list[str]:
    return [text[s:e] for q in find_indirect(text, find_direct(text)) for s, e in q.spans]


def test_though_ends_the_reported_clause() -> None:
    text = "Most voters say the tax is fair, though many of them pay none of it."
    assert _contents(text) == ["the tax is fair"]


def test_trailing_reported_attribution_is_not_content() -> None:
    text = "In a letter, Ann Lee described how the bridge had been closed, the Times reported."
    # ``described`` reports the clause; ``the Times reported`` reports the whole sentence.
    assert "how the bridge had been closed" in _contents(text)
    assert not any(c.endswith("reported") for c in _contents(text))


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Ann Lee said the plan was sound but warning that it costs more.", "the plan was sound"),
        ("Ann Lee said the plan was sound as she left the hall.", "the plan was sound"),
        ("Ann Lee said the plan was sound when asked about it.", "the plan was sound"),
        ("Ann Lee said the plan was sound and later resigned.", "the plan was sound"),
    ],
)
def test_clause_ends_before_a_clause_of_its_own(text: str, content: str) -> None:
    assert _contents(text)[0] == content
