"""Direct and mixed quotations: quote styles, mark pairing, grouping, rejection."""

from __future__ import annotations

import pytest

from tui.core.model import DIRECT, MIXED, Quotation
from tui.core.quotes.direct import find_direct
from tui.core.quotes.marks import CLOSE, OPEN, find_marks, pair_marks


def contents(text: str, quotes: list[Quotation]) -> list[list[str]]:
    return [[text[s:e] for s, e in q.spans] for q in quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win the vote," Ann Lee said.', "We will win the vote,"),
        ("“We will win the vote,” Ann Lee said.", "We will win the vote,"),
        ("«We will win the vote», Ann Lee said.", "We will win the vote"),
        ("''We will win the vote,'' Ann Lee said.", "We will win the vote,"),
        ("„We will win the vote“, Ann Lee said.", "We will win the vote"),
    ],
)
def test_each_quote_style(text: str, expected: str) -> None:
    quotes = find_direct(text)
    assert contents(text, quotes) == [[expected]]
    assert quotes[0].kind == DIRECT


def test_nested_single_quotes_stay_inside() -> None:
    text = "\"He told me 'not a chance' at lunch,\" she said."
    assert contents(text, find_direct(text)) == [["He told me 'not a chance' at lunch,"]]


def test_nyt_nested_single_before_closing_double() -> None:
    text = "''He kept saying, 'Wait for it,''' Mr. Cole recalled. ''Then it came.''"
    expected = [["He kept saying, 'Wait for it,'", "Then it came."]]
    assert contents(text, find_direct(text)) == expected


def test_apostrophes_possessives_and_dropped_letters_are_not_marks() -> None:
    text = (
        "The voters' mood was sour and Lyin' Ted's team knew it. "
        '"We\'re going to fix the rules of the game," the chair said.'
    )
    assert contents(text, find_direct(text)) == [["We're going to fix the rules of the game,"]]


def test_opening_and_closing_told_apart_by_context() -> None:
    marks = find_marks('He said "no way" to it.')
    assert [m.role for m in marks] == [OPEN, CLOSE]
    # A curly closing mark used as an opener is read by its context.
    marks = find_marks("aides ”get close to him” on it")
    assert [m.role for m in marks] == [OPEN, CLOSE]


def test_stray_mark_does_not_shift_the_rest() -> None:
    text = (
        'The guard is 6\'2" tall and the "best plan ever, he said.\n\n'
        '"We will hold the line every single day," the mayor said.\n\n'
        '"Nobody will leave this town without a fight," she added.'
    )
    assert contents(text, find_direct(text)) == [
        ["We will hold the line every single day,"],
        ["Nobody will leave this town without a fight,"],
    ]


def test_split_quotation_is_one_quotation_with_two_spans() -> None:
    text = '"We will win this fight," he said, "and soon."'
    quotes = find_direct(text)
    assert len(quotes) == 1
    assert contents(text, quotes) == [["We will win this fight,", "and soon."]]


def test_quotation_resumed_after_its_attribution_sentence() -> None:
    text = '"The budget is a mess," Mr. Diaz said. "Nobody in the room could explain it."'
    assert contents(text, find_direct(text)) == [
        ["The budget is a mess,", "Nobody in the room could explain it."]
    ]


def test_new_attribution_with_colon_starts_a_new_quotation() -> None:
    text = '"We are tired of this," Ms. Ode said. Mr. Park said: "We are not tired at all."'
    assert len(find_direct(text)) == 2


def test_quotation_over_paragraphs_is_one_quotation() -> None:
    text = (
        '"The first thing we did was call the bank.\n\n'
        '"Then we called the lawyers, who told us to wait," she said.'
    )
    quotes = find_direct(text)
    assert len(quotes) == 1
    assert contents(text, quotes) == [
        [
            "The first thing we did was call the bank.",
            "Then we called the lawyers, who told us to wait,",
        ]
    ]


def test_editorial_brackets_stay_inside() -> None:
    text = '"He [the governor] will sign it by Friday," the aide said.'
    assert contents(text, find_direct(text)) == [["He [the governor] will sign it by Friday,"]]


def test_scare_quotes_titles_and_nicknames_are_not_quotations() -> None:
    text = (
        'The so-called "deal" came up on "Meet the Press" after "Little Marco" left. '
        "The ''Buffett rule'' was mentioned too."
    )
    assert find_direct(text) == []


def test_titles_and_headlines_in_marks_are_not_quotations() -> None:
    text = (
        "“The Late Show With Stephen Colbert” returns tonight.\n\n"
        '"VOTERS MAKE GOOD DECISIONS"\n\n"Related:"\n\nHe read "Profiles in Courage" twice.'
    )
    assert find_direct(text) == []


def test_markup_attribute_quotes_are_ignored() -> None:
    text = '<tweet id="1" author="@someone">No quotation here</tweet>.'
    assert find_direct(text) == []


def test_mixed_quotation_spans_the_reported_clause() -> None:
    text = 'Trump said the plan was "a total disaster" and must go.'
    quotes = find_direct(text)
    assert len(quotes) == 1
    assert quotes[0].kind == MIXED
    assert contents(text, quotes) == [['the plan was "a total disaster" and must go']]
    cue = quotes[0].cue
    assert cue is not None and text[cue[0] : cue[1]] == "said"


def test_two_fragments_in_one_clause_make_one_mixed_quotation() -> None:
    text = 'She argued that the bill was "reckless" and "cruel" to families.'
    quotes = find_direct(text)
    assert len(quotes) == 1
    assert contents(text, quotes) == [['that the bill was "reckless" and "cruel" to families']]


def test_paraphrase_resumed_after_the_attribution() -> None:
    text = '"Only you, Dinesh," she said, would see a jail term as a gift. Then she left.'
    quotes = find_direct(text)
    assert contents(text, quotes) == [["Only you, Dinesh,", "would see a jail term as a gift"]]
    assert quotes[0].kind == MIXED


def test_sentence_finished_by_the_writer() -> None:
    text = '"We are frustrated and horrified" by the attack on the club, the imam said.'
    quotes = find_direct(text)
    assert contents(text, quotes) == [
        ["We are frustrated and horrified", "by the attack on the club"]
    ]


def test_sentence_opening_fragment_attributed_after() -> None:
    text = 'Several parties "have tied refugees to terror," Mr. Roy said.'
    quotes = find_direct(text)
    assert contents(text, quotes) == [['Several parties "have tied refugees to terror,']]
    assert quotes[0].kind == MIXED


def test_unclosed_quotation_ends_with_its_paragraph() -> None:
    # A missing closing mark loses nothing and the next paragraph is read afresh.
    text = '"Open and never closed.\nplain line "short one" here'
    runs = pair_marks(text)
    assert [[text[s:e] for s, e in run.spans] for run in runs] == [
        ["Open and never closed."],
        ["short one"],
    ]


def test_stray_opening_mark_mid_sentence_is_dropped() -> None:
    text = 'a stray "mark here\n"Then a real one," she said.'
    runs = pair_marks(text)
    assert [[text[s:e] for s, e in run.spans] for run in runs] == [["Then a real one,"]]


TRICKY = [
    '"A," he said, "b." "C" d "e',
    "''x'' ''' y '' z''",
    '“a” ” b “ c” "d"\n\n"e\n\n"f," she said.',
    "Lyin' Ted's voters' ''pick'' was ''Jeb'' - \"no\" «oui» „ja“",
    '"""""',
    "",
    'Smith said the "plan" was dead, according to "sources."',
]


@pytest.mark.parametrize("text", TRICKY)
def test_spans_are_well_formed(text: str) -> None:
    for quote in find_direct(text):
        assert quote.spans
        for start, end in quote.spans:
            assert 0 <= start < end <= len(text)
        for (_, end), (start, _) in zip(quote.spans, quote.spans[1:], strict=False):
            assert end <= start


def test_quotation_continues_into_an_unattributed_paragraph() -> None:
    text = '"The bridge is finished," Mayor Ann Lee said.\n\n"Now the road has to follow."'
    expected = [["The bridge is finished,", "Now the road has to follow."]]
    assert contents(text, find_direct(text)) == expected


def test_paragraph_with_its_own_attribution_is_a_new_quotation() -> None:
    text = '"The bridge is finished," Ann Lee said.\n\n"The road is next," Tom Hart said.'
    assert contents(text, find_direct(text)) == [["The bridge is finished,"], ["The road is next,"]]


def test_paragraph_after_an_unattributed_one_is_not_joined() -> None:
    text = 'Ann Lee spoke at noon.\n\n"The bridge is finished."\n\n"Now the road."'
    assert contents(text, find_direct(text)) == [["The bridge is finished."], ["Now the road."]]


def test_quotation_split_by_its_attribution_continues_into_the_next_paragraph() -> None:
    text = '"We won," Ann Lee said. "It took years."\n\n"Now the real work starts."'
    expected = [["We won,", "It took years.", "Now the real work starts."]]
    assert contents(text, find_direct(text)) == expected


def test_paragraph_opened_by_the_writer_does_not_carry_the_quotation_on() -> None:
    text = 'At noon, Ann Lee said "the bridge is finished for good now."\n\n"Next is the road."'
    assert len(find_direct(text)) == 2


def test_less_common_attribution_verb_joins_the_parts() -> None:
    text = '"This is a failure," Ann Lee charged. "Nobody planned for the winter."'
    expected = [["This is a failure,", "Nobody planned for the winter."]]
    assert contents(text, find_direct(text)) == expected


def test_quoted_headline_with_its_byline_is_not_a_quotation() -> None:
    text = 'CLOSING - "Old bakery to shut its doors after fifty years," by Ann Lee: more.'
    assert find_direct(text) == []


def test_quotes_inside_a_tag_over_two_lines_are_not_marks() -> None:
    text = '<note author="Ann Lee" date="May 2,\n2016">Busy day in the town hall today</note>.'
    assert find_direct(text) == []


def test_participle_after_a_closing_mark_ends_the_mixed_clause() -> None:
    text = "Ann Lee described the plan as “a costly and slow mistake,” echoing her critics."
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED]
    assert "echoing" not in quotes[0].content(text)


def test_a_comma_inside_the_quoted_words_does_not_end_the_clause() -> None:
    text = 'Ann Lee said that the rule "hurts workers, and we will fight it" in every court.'
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED]
    assert quotes[0].content(text).endswith("in every court")


def test_lower_case_quotation_finishing_a_reported_clause_is_one_mixed_quotation() -> None:
    text = 'Ann Lee said that while the bridge opened, "it will not last the winter."'
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED]
    assert quotes[0].content(text).startswith("that while the bridge opened")


def test_whole_sentence_after_a_reported_clause_stays_direct() -> None:
    text = 'Ann Lee said that the plan had one big flaw: "It will fail by May."'
    assert [(q.kind, q.content(text)) for q in find_direct(text)] == [
        (DIRECT, "It will fail by May.")
    ]


def test_nested_report_is_widened_to_the_report_holding_it() -> None:
    text = 'Ann Lee said the plan was what Tom Hart called a "mess" from the start.'
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED]
    assert quotes[0].content(text) == 'the plan was what Tom Hart called a "mess" from the start'
    assert text[quotes[0].cue[0] : quotes[0].cue[1]] == "said"


def test_clause_cut_short_by_a_relative_clause_reaches_the_quotation() -> None:
    text = 'Ann Lee said the plan, which passed in May, is "a mess that will cost us all dearly."'
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED]
    assert quotes[0].content(text).startswith("the plan, which passed in May, is")


def test_words_called_out_are_a_quotation_however_short() -> None:
    text = 'The crowd chanted "Lock her up" outside.'
    quotes = find_direct(text)
    assert contents(text, quotes) == [["Lock her up"]]
    assert text[quotes[0].cue[0] : quotes[0].cue[1]] == "chanted"


def test_inverted_attribution_with_an_appositive_is_not_content() -> None:
    text = '"We are horrified" by the attack, said Ann Lee, a spokeswoman for the city.'
    assert contents(text, find_direct(text)) == [["We are horrified", "by the attack"]]


def test_quoted_fragment_closed_by_a_comma_ends_before_an_appositive() -> None:
    text = 'Ann Lee called the remarks "racist," an extraordinary charge from a friend.'
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED]
    assert "extraordinary" not in quotes[0].content(text)


def test_second_reporting_verb_after_a_quotation_reports_its_own_clause() -> None:
    text = 'Ann Lee said that the bill is "a start" and said that the vote "came too late."'
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED, MIXED]
    assert quotes[1].content(text).startswith("that the vote")


def test_quotation_after_the_attribution_of_a_mixed_one_continues_it() -> None:
    text = 'Ann Lee "felt bound to act" on the bridge, Tom Hart said. "It was her project."'
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED]
    assert contents(text, quotes)[0][-1] == "It was her project."


def test_reporting_verb_after_a_title_in_marks_reports_the_clause_after_it() -> None:
    text = 'Asked about it on "Meet the Press," Ann Lee said the plan had "no future at all."'
    quotes = find_direct(text)
    assert [q.kind for q in quotes] == [MIXED]
    assert quotes[0].content(text).startswith("the plan had")


def test_coordinated_participle_ends_the_mixed_clause() -> None:
    text = 'Ann Lee praised the "bold vision" and vowing to fight on in May.'
    quotes = find_direct(text)
    assert [q.content(text) for q in quotes] == ['the "bold vision"']


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb before the colon attributes the first part, so the second is a new one.
        ('Ann Lee scolded him: "You are late," she said. "Next time, call."', 2),
        # A bare noun phrase does not: the parts around the attribution are one quotation.
        ('Her final verdict: "It is late," she said. "Next time, call."', 1),
    ],
)
def test_colon_attributes_only_after_a_verb(text: str, expected: int) -> None:
    assert len(find_direct(text)) == expected


def test_a_quoted_run_without_words_is_no_quotation_and_no_error() -> None:
    for text in ('"\U0001f44d', '"…" he said.', 'It read "—" and nothing else.', '"!?"'):
        assert find_direct(text) == []
