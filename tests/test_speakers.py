"""The corpus-wide speaker index: one entry per person, and no wrong merges."""

from __future__ import annotations

from tui.core.model import DIRECT, Document, Quotation
from tui.core.speakers import Speaker, build_speakers, speaker_index, speaker_key


def doc(path: str, date: str | None, *speakers: str | tuple[str, str | None]) -> Document:
    """A document whose quotations have the given speakers (or (speaker, role) pairs)."""
    quotes = []
    for item in speakers:
        name, role = item if isinstance(item, tuple) else (item, None)
        quotes.append(Quotation(kind=DIRECT, spans=((0, 1),), speaker=name, role=role))
    return Document(path=path, text="x", date=date, quotations=quotes)


def by_name(speakers: list[Speaker]) -> dict[str, Speaker]:
    return {s.name: s for s in speakers}


def test_forms_of_one_name_make_one_entry() -> None:
    docs = [
        doc("a.txt", "2021-12-23", ("Vladimir Putin", "Russian President"), "Vladimir Putin"),
        doc("b.txt", "2021-11-02", ("Putin", None), ("Mr. Vladimir Putin", "President")),
    ]
    (putin,) = build_speakers(docs)
    assert putin.name == "Vladimir Putin"
    assert putin.role == "Russian President"
    assert putin.quotations == 4 and putin.articles == 2
    assert (putin.first_date, putin.last_date) == ("2021-11-02", "2021-12-23")
    assert {"Putin", "Mr. Vladimir Putin"} <= putin.aliases


def test_people_sharing_a_surname_stay_apart() -> None:
    docs = [doc("a.txt", None, "Bill Clinton", "Hillary Clinton", "Hillary Clinton")]
    names = by_name(build_speakers(docs))
    assert names["Hillary Clinton"].quotations == 2
    assert names["Bill Clinton"].quotations == 1


def test_bare_surname_joins_only_an_unambiguous_full_name() -> None:
    one = build_speakers([doc("a.txt", None, "Hillary Clinton", "Clinton")])
    assert [(s.name, s.quotations) for s in one] == [("Hillary Clinton", 2)]
    both = build_speakers([doc("a.txt", None, "Hillary Clinton", "Bill Clinton", "Clinton")])
    assert sorted(s.name for s in both) == ["Bill Clinton", "Clinton", "Hillary Clinton"]


def test_accents_and_case_do_not_split_a_person() -> None:
    docs = [doc("a.txt", None, "Thomas Müller"), doc("b.txt", None, "THOMAS MULLER")]
    (muller,) = build_speakers(docs)
    assert muller.quotations == 2 and muller.articles == 2
    assert speaker_key("Thomas Müller") == speaker_key("THOMAS MULLER") == "thomas muller"


def test_middle_initials_and_honorifics_are_ignored_in_keys() -> None:
    assert speaker_key("Donald J. Trump") == speaker_key("Mr. Donald Trump") == "donald trump"
    assert speaker_key("Martin Luther King Jr.") == "martin king"


def test_unattributed_quotations_make_no_entry_and_order_is_by_count() -> None:
    docs = [doc("a.txt", None, "Anna Kowalski", "Tom Berg", "Tom Berg")]
    docs[0].quotations.append(Quotation(kind=DIRECT, spans=((0, 1),)))
    speakers = build_speakers(docs)
    assert [s.name for s in speakers] == ["Tom Berg", "Anna Kowalski"]


def test_index_maps_every_quotation_speaker_to_its_entry() -> None:
    docs = [doc("a.txt", None, "Vladimir Putin", "Putin"), doc("b.txt", None, "Putin")]
    index = speaker_index(build_speakers(docs))
    entries = {id(index[speaker_key(q.speaker)]) for d in docs for q in d.quotations}
    assert len(entries) == 1
    assert index[speaker_key("Putin")].name == "Vladimir Putin"


def test_role_prefers_the_more_informative_of_equally_frequent_roles() -> None:
    docs = [doc("a.txt", None, ("Tom Berg", "Sen."), ("Tom Berg", "Oregon Senate candidate"))]
    assert build_speakers(docs)[0].role == "Oregon Senate candidate"


def test_descriptions_are_not_entries_but_named_bodies_are() -> None:
    docs = [doc("a.txt", None, "a campaign spokesman", "officials", "State Department")]
    assert [s.name for s in build_speakers(docs)] == ["State Department"]


def test_bare_surname_joins_the_full_name_with_the_same_role() -> None:
    docs = [
        doc("a.txt", None, ("Barack Obama", "President"), ("Barack Obama", "President")),
        doc("b.txt", None, ("Michelle Obama", "first lady")),
        doc("c.txt", None, ("Obama", "President")),
    ]
    names = by_name(build_speakers(docs))
    assert names["Barack Obama"].quotations == 3
    assert names["Michelle Obama"].quotations == 1


def test_a_bare_surname_joins_the_full_name_that_dominates_its_role() -> None:
    """Barack and (wrongly resolved, a few times) Michelle Obama both usually 'President':
    a bare 'Obama' in the President's role goes to the one quoted so far more often."""
    from tui.core.model import Document, Quotation

    def said(path: str, *who: tuple[str, str]) -> Document:
        quotes = [Quotation("direct", ((n, n + 1),), speaker=name, role=role)
                  for n, (name, role) in enumerate(who)]
        return Document(path=path, text="x" * len(who), quotations=quotes)

    barack = [said(f"b{n}.txt", ("Barack Obama", "President")) for n in range(6)]
    michelle = [said("m.txt", ("Michelle Obama", "President"), ("Michelle Obama", "First Lady"))]
    bare = [said("o.txt", ("Obama", "President"), ("Obama", "President"))]
    names = {s.name: s.quotations for s in build_speakers(barack + michelle + bare)}
    assert names == {"Barack Obama": 8, "Michelle Obama": 2}
    even = [said("m2.txt", ("Michelle Obama", "President"))] * 2
    names = {s.name for s in build_speakers(barack[:3] + michelle + even + bare)}
    assert "Obama" in names, "three to three: no join"


def test_aliases_are_mentions_headed_by_the_name() -> None:
    """A mention counts as another name of the speaker only when the name is its head:
    not a possessive, and not the complement of another word (the spokeswoman's own
    words were resolved to Clinton, but she is not called that)."""
    mentions = ["Democrat Hillary Clinton", "Clinton", "A spokeswoman for Hillary Clinton",
                "Clinton's", "the Clinton campaign", "a Clinton", "the primary after Clinton",
                "the Democratic candidate Hillary Clinton"]
    text = " · ".join(mentions)
    quotes, at = [], 0
    for mention in mentions:
        quotes.append(Quotation(kind=DIRECT, spans=((0, 1),), speaker="Hillary Clinton",
                                mention=(at, at + len(mention))))
        at += len(mention) + len(" · ")
    (clinton,) = build_speakers([Document(path="a.txt", text=text, quotations=quotes)])
    assert clinton.aliases == {"Democrat Hillary Clinton", "Clinton",
                               "the Democratic candidate Hillary Clinton"}


def test_a_relation_is_the_role_only_when_there_is_nothing_else() -> None:
    docs = [doc("a.txt", None, *[("Hillary Clinton", "Rival")] * 5,
                ("Hillary Clinton", "Democratic nominee")),
            doc("b.txt", None, ("Bill Clinton", "his wife"), ("Bill Clinton", None))]
    names = by_name(build_speakers(docs))
    assert names["Hillary Clinton"].role == "Democratic nominee"
    assert names["Bill Clinton"].role == "his wife"
