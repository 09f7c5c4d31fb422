"""parse_query: fzf syntax, field filters, incomplete input."""

from __future__ import annotations

import pytest

from tui.core.search import Term, parse_query
from tui.core.search.query import EXACT, FUZZY, META, PHRASE, PREFIX, SUFFIX, WORD


def terms(query: str) -> list[list[tuple[str, str, str | None]]]:
    return [[(t.text, t.mode, t.field) for t in g] for g in parse_query(query).groups]


def test_plain_words_are_anded_and_folded() -> None:
    assert terms("Hilary  CLINTON") == [[("hilary", FUZZY, None)], [("clinton", FUZZY, None)]]


@pytest.mark.parametrize(
    ("token", "mode"),
    [("'ump", EXACT), ("^pre", PREFIX), ("fix$", SUFFIX), ("^word$", WORD), ("plain", FUZZY)],
)
def test_operators(token: str, mode: str) -> None:
    (group,) = parse_query(token).groups
    assert group[0].mode == mode
    assert group[0].text == token.strip("'^$")


def test_or_binds_tighter_than_and() -> None:
    assert terms("a | b c") == [[("a", FUZZY, None), ("b", FUZZY, None)], [("c", FUZZY, None)]]
    assert terms("| a |") == [[("a", FUZZY, None)]]


def test_negation_goes_to_excludes_as_exact() -> None:
    query = parse_query("clinton !bill !^hil")
    assert [(t.text, t.mode, t.negate) for t in query.excludes] == [
        ("bill", EXACT, True), ("hil", PREFIX, True),
    ]


def test_phrases_and_fields() -> None:
    assert terms('"Health  Care" plan') == [
        [("health care", PHRASE, None)], [("plan", FUZZY, None)],
    ]
    assert terms('speaker:"Donald Trmp"') == [
        [("donald", FUZZY, "speaker")], [("trmp", FUZZY, "speaker")],
    ]
    assert terms("by:putin quote:win text:ohio title:x source:TASS") == [
        [("putin", FUZZY, "speaker")], [("win", FUZZY, "quotation")], [("ohio", FUZZY, "body")],
        [("x", FUZZY, "title")], [("tass", FUZZY, "source")],
    ]
    assert terms("date:2021-12 kind:Direct") == [
        [("2021-12", META, "date")], [("direct", META, "kind")],
    ]
    assert terms("http://example") == [[("http", FUZZY, None)], [("example", FUZZY, None)]]


def test_incomplete_input_is_ignored() -> None:
    for query in ("", "   ", "!", "^", "'", "speaker:", 'speaker:""', "|", '"'):
        assert parse_query(query).empty, query


def test_possessive_tail_is_dropped_and_hyphenated_words_split() -> None:
    assert terms("trump's") == [[("trump", FUZZY, None)]]
    assert terms("e-mail") == [[("e", FUZZY, None)], [("mail", FUZZY, None)]]
    assert terms("'e-mail") == [[("e mail", PHRASE, None)]]


def test_term_words() -> None:
    assert Term("a b", PHRASE).words == ("a", "b")
    assert Term("a b").words == ("a b",)
