"""SearchIndex over a small hand-written corpus: matching, operators, ranking, hits."""

from __future__ import annotations

import time

import pytest

from tui.core.model import Document, Quotation
from tui.core.search import SearchIndex, highlight_positions


def quote(text: str, words: str, speaker: str | None, kind: str = "direct") -> Quotation:
    """A quotation over the first occurrence of ``words`` in ``text``."""
    start = text.index(words)
    return Quotation(kind=kind, spans=((start, start + len(words)),), speaker=speaker)


def document(
    title: str,
    body: str,
    date: str | None = None,
    source: str | None = None,
    quotes: tuple[tuple[str, str | None, str], ...] = (),
) -> Document:
    """A document whose text is the title line then the body; ``quotes`` are
    ``(words, speaker, kind)`` triples found in the text."""
    text = f"{title}\n{body}"
    doc = Document(
        path=f"{title[:20]}.txt", text=text, title=title, date=date, source=source,
        body_start=len(title) + 1,
    )
    doc.quotations = [quote(text, w, s, k) for w, s, k in quotes]
    return doc
def corpus() -> list[Document]:
    """Eight documents; the tests refer to them by index."""
    return [
        document(  # 0
            "Trump rallies in Ohio",
            'Donald Trump told supporters in Columbus he would win. "We will win Ohio," '
            "Trump said.",
            "2016-10-01", "Breitbart",
            (("We will win Ohio", "Donald Trump", "direct"),),
        ),
        document(  # 1
            "Hillary Clinton outlines health care plan",
            "Hillary Clinton said her health care plan would cover everyone. Critics said "
            "the plan was too expensive.",
            "2016-09-01", "CNN",
            (("her health care plan would cover everyone", "Hillary Clinton", "indirect"),),
        ),
        document(  # 2
            "Bill Clinton campaigns in Iowa",
            "Former president Bill Clinton spoke in Des Moines. The crowd found him "
            "hilarious. Clinton said the economy was strong.",
            "2016-09-15", "CNN",
            (("the economy was strong", "Bill Clinton", "indirect"),),
        ),
        document(  # 3
            "Merkel meets Müller",
            'Angela Merkel met Thomas Müller in Munich. "Das ist gut," Müller sagte.',
            "2016-08-01", "Der Spiegel",
            (("Das ist gut", "Thomas Müller", "direct"),),
        ),
        document(  # 4
            "Weather report for the weekend",
            "Rain is expected on Saturday and the band will play trumpets in the park. "
            + "Sunny spells follow. " * 20
            + "Separately, officials again discussed the email server.",
            "2016-07-01", "AP",
        ),
        document(  # 5
            "Email server investigation continues",
            "The inquiry into the private email server continued on Tuesday.",
            "2016-07-01", "AP",
        ),
        document(  # 6
            "Putin warns the West",
            "Vladimir Putin said Russia would respond to any threat. "
            '"We are not bluffing," Dmitry Peskov told reporters.',
            "2021-12-05", "TASS",
            (
                ("Russia would respond to any threat", "Vladimir Putin", "indirect"),
                ("We are not bluffing", "Dmitry Peskov", "direct"),
            ),
        ),
        document(  # 7
            "Senate schedule",
            "The Senate will vote on the budget next week.",
            None, "AP",
        ),
    ]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return corpus()


@pytest.fixture(scope="module")
def index(docs: list[Document]) -> SearchIndex:
    return SearchIndex(docs)


def ids(hits) -> list[int]:
    return [h.doc for h in hits]


def marked(text: str, marks: tuple[int, ...]) -> str:
    return "".join(text[i] for i in marks)


# -- matching ------------------------------------------------------------------------


def test_exact_word_in_title(index: SearchIndex, docs: list[Document]) -> None:
    hits = index.search("putin")
    assert ids(hits) == [6]
    assert hits[0].field == "title"
    assert marked(docs[6].title, hits[0].title_marks) == "Putin"


def test_prefix_while_typing(index: SearchIndex, docs: list[Document]) -> None:
    hits = index.search("cli")
    assert set(ids(hits)) == {1, 2}
    first = hits[0]
    assert marked(docs[first.doc].title, first.title_marks) == "Cli"


def test_missing_letter_trmp_finds_trump(index: SearchIndex, docs: list[Document]) -> None:
    hits = index.search("trmp")
    assert hits[0].doc == 0
    assert marked(docs[0].title, hits[0].title_marks) == "Trmp"


def test_every_keystroke_of_a_misspelt_name_keeps_the_article(index: SearchIndex) -> None:
    typed = "hilary clinton"
    for end in range(1, len(typed) + 1):
        if typed[end - 1] != " ":
            assert 1 in ids(index.search(typed[:end])), typed[:end]


def test_misspelt_hilary_clinton(index: SearchIndex) -> None:
    hits = index.search("hilary clinton")
    assert ids(hits)[0] == 1
    assert 2 not in ids(hits)  # Bill only ("hilarious" is no Hillary)


def test_accents_and_case_fold(index: SearchIndex, docs: list[Document]) -> None:
    hits = index.search("muller")
    assert hits[0].doc == 3
    assert marked(docs[3].title, hits[0].title_marks) == "Müller"
    assert ids(index.search("müller")) == ids(hits)
    # Smart case: a capital asks for case; accents are still folded.
    assert ids(index.search("Muller")) == ids(hits)
    assert index.search("MULLER") == []


def test_terms_are_anded(index: SearchIndex) -> None:
    assert ids(index.search("clinton iowa")) == [2]
    assert index.search("clinton ohio") == []


def test_no_match_and_blank(index: SearchIndex) -> None:
    assert index.search("xyzzyq") == []
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search("! ^ speaker:") == []


# -- operators and fields ------------------------------------------------------------


def test_exact_substring_operator(index: SearchIndex) -> None:
    assert set(ids(index.search("'ump"))) == {0, 4}  # Trump, trumpets
    assert index.search("'trmp") == []  # no spelling correction


def test_prefix_and_suffix_operators(index: SearchIndex) -> None:
    assert ids(index.search("^merk")) == [3]
    assert 3 in ids(index.search("ller$"))
    assert ids(index.search("^trump$")) == [0]  # not trumpets
    assert set(ids(index.search("trump"))) == {0, 4}  # plain term: trumpets by prefix


def test_exclusion(index: SearchIndex) -> None:
    assert ids(index.search("clinton !bill")) == [1]
    assert 4 not in ids(index.search("email !weather"))


def test_or(index: SearchIndex) -> None:
    assert set(ids(index.search("putin | merkel"))) == {3, 6}
    assert ids(index.search("putin | merkel munich")) == [3]


def test_phrase(index: SearchIndex) -> None:
    assert ids(index.search('"health care"')) == [1]
    assert index.search('"care health"') == []


def test_speaker_field(index: SearchIndex, docs: list[Document]) -> None:
    hits = index.search("speaker:putn")
    assert ids(hits) == [6]
    assert hits[0].field == "speaker"
    assert docs[6].quotations[hits[0].quote].speaker == "Vladimir Putin"
    assert index.search("speaker:merkel") == []  # in the text, but never quoted


def test_source_date_kind_title_fields(index: SearchIndex) -> None:
    assert ids(index.search("source:tass")) == [6]
    assert ids(index.search("date:2021-12")) == [6]
    assert set(ids(index.search("date:2016-09..2016-10"))) == {0, 1, 2}
    assert set(ids(index.search("kind:direct"))) == {0, 3, 6}
    assert set(ids(index.search("kind:ind"))) == {1, 2, 6}
    assert ids(index.search("title:email")) == [5]
    assert set(ids(index.search("!source:ap"))) == {0, 1, 2, 3, 6}
    assert set(ids(index.search("source:cnn | source:tass"))) == {1, 2, 6}


def test_kind_filter_picks_a_quotation_of_that_kind(index: SearchIndex) -> None:
    hits = index.search("kind:direct russia | bluffing")
    assert ids(hits) == [6]
    assert hits[0].quote == 1  # Peskov's direct quotation, not Putin's indirect one


def test_quotation_filters_apply_to_one_quotation(index: SearchIndex) -> None:
    # Document 6 has an indirect quotation by Putin and a direct one by Peskov.
    assert index.search("speaker:putin kind:direct") == []
    hits = index.search("speaker:peskov kind:direct")
    assert [(h.doc, h.quote, h.field) for h in hits] == [(6, 1, "speaker")]
    assert [(h.doc, h.quote) for h in index.search("kind:indirect speaker:putin")] == [(6, 0)]
    assert [(h.doc, h.quote) for h in index.search("quote:bluffing speaker:peskov")] == [(6, 1)]
    assert index.search("quote:bluffing speaker:putin") == []
    assert ids(index.search("speaker:putin kind:direct | kind:indirect")) == [6]
    titled = index.search("west speaker:peskov")
    assert [(h.doc, h.field, h.quote) for h in titled] == [(6, "title", 1)]


def test_negated_field(index: SearchIndex) -> None:
    assert 6 not in ids(index.search("!speaker:putin said"))
    assert 6 in ids(index.search("said"))


# -- ranking -------------------------------------------------------------------------


def test_title_match_ranks_above_body_match(index: SearchIndex) -> None:
    hits = index.search("email server")
    assert ids(hits) == [5, 4]
    assert hits[0].field == "title"
    assert hits[1].field == "body"


def test_exact_ranks_above_corrected() -> None:
    docs = [
        document("Mueller report", "Nothing else."),
        document("Muller goal", "Nothing else."),
    ]
    assert ids(SearchIndex(docs).search("muller")) == [1, 0]


def test_ties_go_to_newer_then_original_order() -> None:
    docs = [
        document("Budget vote", "Text.", "2020-01-01"),
        document("Budget vote", "Text.", "2021-01-01"),
        document("Budget vote", "Text.", "2021-01-01"),
        document("Budget vote", "Text.", None),
    ]
    assert ids(SearchIndex(docs).search("budget")) == [1, 2, 0, 3]


def test_early_body_match_ranks_above_deep_one() -> None:
    filler = "Nothing to report today. " * 40
    docs = [
        document("News", filler + "The senator criticised the pipeline."),
        document("News", "The pipeline was criticised. " + filler),
    ]
    assert ids(SearchIndex(docs).search("pipeline")) == [1, 0]


def test_adjacent_words_rank_higher() -> None:
    docs = [
        document("Plan", "The care of the health system needs a plan."),
        document("Plan", "The health care plan."),
    ]
    assert ids(SearchIndex(docs).search("health care")) == [1, 0]


# -- hits ----------------------------------------------------------------------------


def test_hit_via_quotation_gives_quote_and_offset(
    index: SearchIndex, docs: list[Document]
) -> None:
    hits = index.search("we will win")
    assert hits[0].doc == 0
    assert hits[0].field == "quotation"
    assert hits[0].quote == 0
    assert hits[0].offset == docs[0].quotations[0].start
    assert docs[0].text[hits[0].offset :].startswith("We will win")


def test_body_hit_offset_points_at_the_word(index: SearchIndex, docs: list[Document]) -> None:
    hit = next(h for h in index.search("email server") if h.doc == 4)
    assert docs[4].text[hit.offset :].startswith("email server")


def test_limit(index: SearchIndex) -> None:
    full = index.search("the")
    assert index.search("the", limit=2) == full[:2]


def test_should_stop_cancels_promptly() -> None:
    docs = [document(f"Title {i} trump", "Donald Trump spoke. " * 50) for i in range(3000)]
    index = SearchIndex(docs)
    assert len(index.search("trump")) == 3000
    calls = []

    def stop() -> bool:
        calls.append(1)
        return True

    start = time.perf_counter()
    assert index.search("trump", should_stop=stop) == []
    assert time.perf_counter() - start < 0.05
    assert calls
    polls = iter([False, False, True])
    assert index.search("trump", should_stop=lambda: next(polls, True)) == []


def test_results_are_deterministic(docs: list[Document]) -> None:
    queries = ["clinton", "t", "speaker:trump", "'ump", "hilary clinton"]
    first, second = SearchIndex(docs), SearchIndex(docs)
    for query in queries:
        assert first.search(query) == second.search(query) == first.search(query)


# -- quotations and speakers ---------------------------------------------------------


def test_search_quotes(index: SearchIndex, docs: list[Document]) -> None:
    hits = index.search_quotes("win ohio")
    assert [(h.doc, h.quote) for h in hits] == [(0, 0)]
    content = docs[0].quotations[0].content(docs[0].text)
    assert marked(content, hits[0].marks) == "winOhio"
    by_speaker = index.search_quotes("putin")
    assert [(h.doc, h.quote) for h in by_speaker] == [(6, 0)]
    assert [(h.doc, h.quote) for h in index.search_quotes("kind:direct date:2021")] == [(6, 1)]
    assert index.search_quotes("") == []


def test_search_speakers(index: SearchIndex) -> None:
    hits = index.search_speakers("muller")
    assert [h.name for h in hits] == ["Thomas Müller"]
    assert marked(hits[0].name, hits[0].marks) == "Müller"
    assert hits[0].count == 1
    assert [h.name for h in index.search_speakers("clinton")] == [
        "Bill Clinton", "Hillary Clinton",
    ]
    assert [h.name for h in index.search_speakers("hilary")] == ["Hillary Clinton"]
    assert [h.name for h in index.search_speakers("clinton !bill")] == ["Hillary Clinton"]
    assert index.search_speakers("   ") == []


# -- highlight_positions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("muller", "Herr Müller sagt", "Müller"),
        ("trmp", "Donald Trump speaks", "Trmp"),
        ("cli", "Hillary Clinton", "Cli"),
        ("hilary", "Hillary Clinton", "Hilary"),
        ("'ump", "Trump", "ump"),
        ("ing$", "thinking", "ing"),
        ("^thi", "thinking athi", "thi"),
        ('"health care"', "The health care plan", "healthcare"),
        ("speaker:putin", "Vladimir Putin", "Putin"),
        ("nothing", "Vladimir Putin", ""),
        ("", "Vladimir Putin", ""),
    ],
)
def test_highlight_positions(query: str, text: str, expected: str) -> None:
    assert marked(text, highlight_positions(query, text)) == expected


def test_highlight_positions_stay_on_letters_of_the_text(docs: list[Document]) -> None:
    queries = ["trmp", "clintn", "'ar", "^th", "ing$", '"health care"', "muller wil", "e s"]
    for doc in docs:
        for query in queries:
            marks = highlight_positions(query, doc.text)
            assert list(marks) == sorted(set(marks))
            assert all(0 <= i < len(doc.text) and doc.text[i].isalnum() for i in marks)
