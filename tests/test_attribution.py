"""Attribution patterns: which cue and speaker mention each quotation gets.

Quotations are built by hand (the words inside the marks) so these tests exercise only the
source half of the engine, whatever the content finders do.
"""

from __future__ import annotations

import re

import pytest

from tui.core.model import DIRECT, INDIRECT, Quotation
from tui.core.quotes.attribution import attribute
from tui.core.quotes.resolve import resolve_speakers

_MARKED = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def quotes_in(text: str) -> list[Quotation]:
    """One direct quotation per pair of double quotation marks, attributed and resolved."""
    quotes = [Quotation(kind=DIRECT, spans=(m.span(1),)) for m in _MARKED.finditer(text)]
    attribute(text, quotes)
    resolve_speakers(text, quotes)
    return quotes


def said(text: str, quote: Quotation) -> tuple[str | None, str | None]:
    """The quotation's (mention, cue) as written."""
    mention = text[quote.mention[0] : quote.mention[1]] if quote.mention else None
    cue = text[quote.cue[0] : quote.cue[1]] if quote.cue else None
    return mention, cue


@pytest.mark.parametrize(
    ("text", "mention", "cue"),
    [
        ('"The bridge will open in May," he said.', "he", "said"),
        ('"The bridge will open in May," said Anna Kowalski.', "Anna Kowalski", "said"),
        ('"The bridge will open in May," Mayor Anna Kowalski told reporters.',
         "Mayor Anna Kowalski", "told"),
        ('"We are ready," Anna Kowalski, the city engineer, said on Monday.',
         "Anna Kowalski, the city engineer,", "said"),
        ('"We are ready," said Anna Kowalski, the city engineer.',
         "Anna Kowalski, the city engineer", "said"),
        ('Anna Kowalski said: "The bridge will open in May."', "Anna Kowalski", "said"),
        ('Anna Kowalski said on Monday that the bridge was "nearly finished."',
         "Anna Kowalski", "said"),
        ('According to the transport ministry, "the bridge is safe."',
         "the transport ministry", "According to"),
        ('"The bridge is safe," a spokesman for the Transport Ministry said.',
         "a spokesman for the Transport Ministry", "said"),
        ('"The bridge is safe," the ministry added.', "the ministry", "added"),
        ('The plan was described by Anna Kowalski as "a triumph of patience."',
         "Anna Kowalski", "described"),
        ('Anna Kowalski praised the crews, saying "they never gave up."',
         "Anna Kowalski", "saying"),
        ('"We will finish," she insisted.', "she", "insisted"),
        ('"Is it safe?" asked Tom Berg.', "Tom Berg", "asked"),
        ('"It is safe," Sen. Tom Berg (D-Ore.) said.', "Sen. Tom Berg (D-Ore.)", "said"),
        ('"It is safe," Berg points out.', "Berg", "points out"),
        ('Tom Berg on Monday said the bridge was "perfectly safe."', "Tom Berg", "said"),
        ('Said Anna Kowalski: "We are ready."', "Anna Kowalski", "Said"),
        ('"We are ready," said Sen. Tom Berg (D-Ore.) on Monday.', "Sen. Tom Berg", "said"),
        ('"Not yet," the 43-year-old engineer replied.', "the 43-year-old engineer", "replied"),
        ('"Never," Anna Kowalski snapped.', "Anna Kowalski", "snapped"),
        ('"It was a mistake," he\'s said repeatedly.', "he", "said"),
        ('Tom Berg later told Radio North: "We are ready."', "Tom Berg", "told"),
        ('As the Harbour Singers put it, "the tide waits for no one."',
         "the Harbour Singers", None),
        ('"It works," wrote one commenter.', "one commenter", "wrote"),
        ('Many said the plan was "a good start."', "Many", "said"),
        ('"No path is left," said one of those advisers.', "one of those advisers", "said"),
    ],
)
def test_single_sentence_patterns(text: str, mention: str, cue: str) -> None:
    (quote,) = quotes_in(text)
    assert said(text, quote) == (mention, cue)


def test_interrupted_quotation_takes_the_attribution_between_its_pieces() -> None:
    text = '"We will finish," Tom Berg said, "and we will finish early."'
    first, second = _MARKED.finditer(text)
    quote = Quotation(kind=DIRECT, spans=(first.span(1), second.span(1)))
    attribute(text, [quote])
    assert said(text, quote) == ("Tom Berg", "said")


def test_colon_introduction_in_the_previous_paragraph() -> None:
    text = 'Anna Kowalski had a warning for the council:\n\n"Do not cut the budget again."'
    (quote,) = quotes_in(text)
    assert said(text, quote)[0] == "Anna Kowalski"


def test_bare_attribution_sentence_before_the_quotation() -> None:
    text = 'Tom Berg was unmoved. He added:\n\n"We stay on schedule."'
    (quote,) = quotes_in(text)
    assert said(text, quote) == ("He", "added")


def test_quotation_paragraph_continues_the_previous_speaker() -> None:
    text = ('"The crews worked through the winter," Anna Kowalski said.\n\n'
            '"Nobody expected them to finish before the spring."')
    first, second = quotes_in(text)
    assert second.mention == first.mention and second.speaker == "Anna Kowalski"


def test_second_quotation_of_a_paragraph_keeps_its_speaker() -> None:
    text = '"The crews worked hard," Anna Kowalski said. "They deserve a rest."'
    first, second = quotes_in(text)
    assert second.speaker == first.speaker == "Anna Kowalski"


def test_signature_line_under_a_quotation() -> None:
    text = '"Build the bridge now."\n— Tom Berg\n'
    (quote,) = quotes_in(text)
    assert said(text, quote) == ("Tom Berg", None)
    assert quote.speaker == "Tom Berg"


@pytest.mark.parametrize(
    "text",
    [
        'The bridge, known as "the long one," opened in 1990.\n\n"Nothing else was built."',
        'The word "bridge" appears twice in the report.',
        '"Stay tuned."',
    ],
)
def test_unattributed_quotations_stay_unattributed(text: str) -> None:
    for quote in quotes_in(text):
        assert quote.mention is None and quote.speaker is None


def test_a_new_speaker_in_between_stops_the_continuation() -> None:
    text = ('"We are ready," Anna Kowalski said.\n\nTom Berg disagreed with her estimate '
            'and asked for a second survey of the river bed.\n\n"Not this year."')
    quotes = quotes_in(text)
    assert quotes[-1].speaker != "Anna Kowalski"


def test_indirect_quotation_gets_the_subject_of_its_cue() -> None:
    text = "Anna Kowalski said the bridge would open in May."
    cue = text.index("said")
    quote = Quotation(kind=INDIRECT, spans=((cue + 5, len(text) - 1),), cue=(cue, cue + 4))
    attribute(text, [quote])
    assert said(text, quote) == ("Anna Kowalski", "said")


def test_existing_mentions_are_left_alone() -> None:
    text = '"Yes," Tom Berg said.'
    quote = Quotation(kind=DIRECT, spans=((1, 4),), mention=(0, 1))
    attribute(text, [quote])
    assert quote.mention == (0, 1)


def test_brackets_inside_a_quotation_are_not_speakers() -> None:
    text = ('Tom Berg spoke first.\n\n'
            '"I met [Finance Minister] Mr. [Karl] Weber twice," he said.')
    (quote,) = quotes_in(text)
    assert said(text, quote) == ("he", "said")
    assert quote.speaker == "Tom Berg"


def test_a_question_put_to_someone_is_not_theirs() -> None:
    text = 'Tom Berg was asked, "Is the bridge safe?"'
    (quote,) = quotes_in(text)
    assert quote.speaker != "Tom Berg"


def test_participle_takes_the_subject_of_its_clause() -> None:
    text = ('At the hearing on Monday, Anna Kowalski defended the budget, saying '
            '"every cent was spent on the bridge."')
    (quote,) = quotes_in(text)
    assert said(text, quote) == ("Anna Kowalski", "saying")


def test_words_called_out_take_the_subject_of_the_calling_verb() -> None:
    from tui.core.quotes import extract_quotations

    text = 'The protesters chanted "Lock her up" as the senator spoke.'
    quotes = extract_quotations(text)
    assert [(q.kind, q.content(text)) for q in quotes] == [(DIRECT, "Lock her up")]
    assert text[quotes[0].mention[0] : quotes[0].mention[1]] == "The protesters"
