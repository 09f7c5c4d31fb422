"""Speaker resolution: names, titles and roles, surnames, pronouns, descriptions."""

from __future__ import annotations

import re

import pytest

from tui.core.model import DIRECT, Quotation
from tui.core.quotes.attribution import attribute
from tui.core.quotes.resolve import resolve_speakers, split_title

_MARKED = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def resolved(text: str) -> list[tuple[str | None, str | None]]:
    """(speaker, role) of each quotation in marks, after attribution and resolution."""
    quotes = [Quotation(kind=DIRECT, spans=(m.span(1),)) for m in _MARKED.finditer(text)]
    attribute(text, quotes)
    resolve_speakers(text, quotes)
    return [(q.speaker, q.role) for q in quotes]


@pytest.mark.parametrize(
    ("words", "role", "name"),
    [
        ("Russian President Vladimir Putin", "Russian President", "Vladimir Putin"),
        ("Mr. Karl Weber", None, "Karl Weber"),
        ("Sen. Tom Berg", "Sen.", "Tom Berg"),
        ("Secretary of State Anna Kowalski", "Secretary of State", "Anna Kowalski"),
        ("Anna Kowalski", None, "Anna Kowalski"),
        ("Martin Luther King Jr.", None, "Martin Luther King Jr."),
    ],
)
def test_split_title(words: str, role: str | None, name: str) -> None:
    split = split_title(words.split())
    assert (split.role, " ".join(split.name)) == (role, name)


def test_title_becomes_the_role() -> None:
    text = '"We will talk," Finnish President Karl Weber said.'
    assert resolved(text) == [("Karl Weber", "Finnish President")]


def test_appositive_becomes_the_role() -> None:
    text = '"We will talk," Anna Kowalski, the head of the port authority, said.'
    assert resolved(text) == [("Anna Kowalski", "head of the port authority")]



@pytest.mark.parametrize(("appositive", "role"), [
    ("82", None), ("82, a talk show host", "talk show host")])
def test_an_age_is_no_role(appositive: str, role: str | None) -> None:
    text = f'"It was a great show," Larry King, {appositive}, said on Monday.'
    assert resolved(text) == [("Larry King", role)]

def test_honorific_is_dropped_and_surname_expanded() -> None:
    text = ('Karl Weber, the Finnish President, arrived on Monday.\n\n'
            '"We will talk," Mr. Weber said.')
    assert resolved(text)[0][0] == "Karl Weber"


def test_surname_resolves_to_the_full_name_used_earlier() -> None:
    text = ('Hillary Clinton spoke in Ohio.\n\n"We can win," Clinton said.')
    assert resolved(text) == [("Hillary Clinton", None)]


def test_bill_stays_bill_and_a_bare_surname_means_the_first_clinton() -> None:
    text = ('Hillary Clinton campaigned with her husband, former President Bill Clinton.\n\n'
            '"She is ready," Bill Clinton said.\n\n"We can win," Clinton said.')
    assert [s for s, _ in resolved(text)] == ["Bill Clinton", "Hillary Clinton"]


def test_honorific_gender_picks_between_people_sharing_a_surname() -> None:
    text = 'Hillary Clinton and Bill Clinton arrived together.\n\n"It was long," Mr. Clinton said.'
    assert resolved(text)[0][0] == "Bill Clinton"


def test_pronoun_resolves_to_the_last_speaker() -> None:
    text = ('"The vote is close," said Finnish President Karl Weber.\n\n'
            '"We will know tonight," he said.')
    assert resolved(text) == [("Karl Weber", "Finnish President")] * 2


def test_pronoun_gender_skips_an_incompatible_person() -> None:
    text = ('Anna Kowalski met Karl Weber on Monday.\n\n"The talks went well," she said.')
    assert resolved(text)[0][0] == "Anna Kowalski"
    text = ('Anna Kowalski met Karl Weber on Monday.\n\n"The talks went well," he said.')
    assert resolved(text)[0][0] == "Karl Weber"


def test_pronoun_ignores_names_inside_quotations() -> None:
    text = ('Tom Berg arrived first.\n\n"I spoke with Karl Weber twice," he said.')
    assert resolved(text)[0][0] == "Tom Berg"


def test_pronoun_without_antecedent_stays_unresolved() -> None:
    assert resolved('"We will win," she said.') == [(None, None)]


def test_description_resolves_to_the_person_with_that_role() -> None:
    text = ('Finnish President Karl Weber arrived on Monday.\n\n'
            '"The talks were useful," the president said.')
    assert resolved(text) == [("Karl Weber", "Finnish President")]


def test_description_sharing_a_distinctive_word_with_a_role() -> None:
    text = ('Finnish President Karl Weber arrived on Monday.\n\n'
            '"The talks were useful," the Finnish leader said.')
    assert resolved(text)[0][0] == "Karl Weber"


def test_unresolved_descriptions_and_bodies_are_speakers_as_written() -> None:
    text = '"We are ready," a campaign spokesman said. "No comment," the ministry said.'
    assert [s for s, _ in resolved(text)] == ["a campaign spokesman", "the ministry"]


def test_organisation_name_loses_its_article() -> None:
    assert resolved('"No comment," the State Department said.')[0][0] == "State Department"


def test_relative_pronoun_resolves_to_its_antecedent() -> None:
    text = 'Anna Kowalski, who said "it is finished," left early.'
    assert resolved(text)[0][0] == "Anna Kowalski"


def test_it_refers_to_a_named_body_that_spoke() -> None:
    text = ('"We are reviewing the plan," the Transport Ministry said.\n\n'
            '"The review will take a month," it added.')
    assert [s for s, _ in resolved(text)] == ["Transport Ministry"] * 2


def test_appositive_role_carries_over_to_later_pronouns() -> None:
    text = ('"We are ready," said Tom Berg, the harbour master.\n\n'
            '"The ships can come," he added.')
    assert resolved(text) == [("Tom Berg", "harbour master")] * 2
