"""Property-based tests: the loaders, the engine and the output helpers on arbitrary text
and bytes never raise, and every offset they report is true of the text.

Example counts are kept modest (the whole module runs in a few seconds); no example
database is written (``database=None``).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import corpus
from tui.core.export import quotation_record
from tui.core.loaders import load_file
from tui.core.loaders.decode import decode_bytes
from tui.core.loaders.stream import LineReader
from tui.core.model import Document
from tui.core.quotes import extract_quotations
from tui.core.textsafe import json_line, one_line, visible

FAST = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
RAW_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Text that looks like news often enough for the engine to find quotations in it, mixed
# with anything at all.
TOKENS = ['"', "“", "”", "‘", "’", "«", "»", "'", ",", ".", ":", ";", "!", "?", " ", " ",
          "\n", "\n\n", "\r\n", "\t", "said", "says", "told", "according to", "he", "she",
          "they", "Senator", "Jane", "Roe", "Mr.", "the", "minister", "We", "will", "win",
          "that", "(", ")", "—", "-", "\x1b[31m", "\x9b", "\x00", "[bold]", "é", "👍",
          "\u202e", "\ufeff", "A", "Bob"]
newsy = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)),
                 max_size=80).map("".join)
any_text = st.one_of(newsy, st.text(max_size=300))


def check_quotations(text: str, quotations: list) -> None:
    """Every span lies within ``text`` and the JSON-lines record of each quotation slices
    ``text`` exactly and parses back."""
    doc = Document(path="p.txt", text=text, quotations=quotations)
    for quote in quotations:
        assert quote.spans
        for start, end in quote.spans:
            assert 0 <= start <= end <= len(text)
        for span in (quote.cue, quote.mention):
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(text)
        record = quotation_record(doc, quote)
        if len(quote.spans) == 1:
            assert record["text"] == text[record["start"] : record["end"]]
        if record["cue"] is not None:
            assert record["cue"] == text[record["cue_start"] : record["cue_end"]]
        line = json_line(record)
        assert "\n" not in line and not RAW_TERMINAL.search(line)
        assert json.loads(line) == record


@FAST
@given(any_text)
def test_the_engine_never_raises_and_its_spans_slice_the_text(text: str) -> None:
    check_quotations(text, extract_quotations(text))


@FAST
@given(st.lists(newsy, min_size=1, max_size=12).map("\n\n".join))
def test_the_engine_in_pieces_keeps_offsets_true(text: str) -> None:
    """``bounded_quotations`` with tiny pieces, so that nearly every text is cut."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(corpus, "QUOTE_CHUNK", 60)
        patch.setattr(corpus, "LONG_PARAGRAPH", 24)
        patch.setattr(corpus, "PIECE", 10)
        patch.setattr(corpus, "QUOTE_LIMIT", 10_000)
        quotations, searched = corpus.bounded_quotations(text, seconds=60)
    assert searched == len(text)
    check_quotations(text, quotations)


@settings(max_examples=150, deadline=None, database=None)
@given(st.binary(max_size=600), st.booleans())
def test_decoding_never_raises(data: bytes, partial: bool) -> None:
    decoded = decode_bytes(data, partial=partial)
    assert (decoded.text is None) == (decoded.error is not None)
    if decoded.text is not None:
        assert decoded.text.strip()


byte_soup = st.one_of(
    st.binary(max_size=400),
    any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    any_text.map(lambda t: t.encode("utf-16", "surrogatepass")),
    st.lists(st.one_of(st.sampled_from([b"{", b"}", b"[", b"]", b'"text": ', b'"title": ',
                                        b",", b"\n", b'"', b"\\", b"\xef\xbb\xbf", b"\x00",
                                        b"null", b"1", b"\r\n", b";", b"\t"]),
                       st.binary(max_size=5)), max_size=60).map(b"".join),
    st.lists(any_text, max_size=5).map(
        lambda texts: "\n".join(json.dumps({"text": t}) for t in texts).encode()),
)


@settings(max_examples=120, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(byte_soup, st.sampled_from([".txt", ".md", ".json", ".jsonl", ".csv", ".tsv"]))
def test_loading_any_bytes_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        documents, problems = load_file(path)
        with open(path, "rb") as handle:
            lines = list(LineReader(handle))
    assert documents or problems
    for problem in problems:
        assert problem.reason and "\n" not in problem.reason
        assert "could not be read" not in problem.reason, problem  # a loader bug
    for document in documents:
        assert document.text.strip()
        assert 0 <= document.body_start <= len(document.text)
        assert "\n" not in document.title
    assert all(line is None or isinstance(line, str) for line in lines)


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(st.one_of(any_text.map(lambda t: json.dumps({"text": t, "title": t[:9]})),
                          any_text.filter(lambda t: "\n" not in t and "\r" not in t)
                          .map(lambda t: t.replace("\x00", ""))),  # NUL: a binary file
                min_size=1, max_size=12))
def test_json_lines_keep_every_good_line_and_number_the_bad(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        documents, problems = load_file(path)
    good = set()
    for number, line in enumerate(lines, start=1):
        try:
            value = json.loads(line.removeprefix("\ufeff"))
        except ValueError:
            continue
        if isinstance(value, dict) and isinstance(value.get("text"), str) \
                and value["text"].strip():
            good.add(number)
    assert {doc.record for doc in documents} == good
    bad_lines = {p.line for p in problems if p.line is not None}
    assert not bad_lines & good


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=200))
def test_visible_text_is_inert_and_keeps_offsets(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert not RAW_TERMINAL.search(shown.replace("\n", "").replace("\t", ""))
    row = one_line(text)
    assert "\n" not in row and not RAW_TERMINAL.search(row)
    line = json_line({"text": text})
    assert json.loads(line) == {"text": text} and not RAW_TERMINAL.search(line)


@settings(max_examples=40, deadline=None, database=None)
@given(any_text.filter(str.strip))
def test_analyse_file_never_raises_whatever_the_engine_does(text: str) -> None:
    """The user-facing guarantee, engine bugs or not: a document, quotations or a problem."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        documents, problems = corpus.analyse_file(path)
    assert documents or problems
    for document in documents:
        for quote in document.quotations:
            assert all(0 <= s <= e <= len(document.text) for s, e in quote.spans)


def test_the_wordless_quote_that_crashed_the_engine(tmp_path: Path) -> None:
    """Found by these tests (quotes/direct.py indexed the words of a quoted run that has
    none); fixed in the engine, kept as a regression test."""
    path = tmp_path / "emoji.txt"
    path.write_text('"👍')
    documents, problems = corpus.analyse_file(path)
    assert [doc.text for doc in documents] == ['"👍'] and not problems
