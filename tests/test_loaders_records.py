"""Loading structured articles (JSON lines, JSON, CSV/TSV) and parsing dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.loaders import load_file, load_paths
from tui.core.loaders.dates import date_in_name, parse_date
from tui.core.model import Problem


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def lines(*records: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# --- JSON lines -----------------------------------------------------------------------


def test_jsonl_field_name_variants(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", lines(
        {"title": "One", "text": "Body one.", "date": "2021-12-23T10:00:00Z",
         "source": "TASS", "author": "Ann", "url": "https://x/1"},
        {"Headline": "Two", "Body": "Body two.", "published_at": "December 23, 2021",
         "Publisher": {"name": "Reuters"}, "authors": ["A B", "C D"], "link": "https://x/2"},
        {"name": "Three", "maintext": "Body three.", "pub_date": 1640253600,
         "outlet": "AP", "byline": "By E F"},
        {"CONTENT": "MOSCOW, December 23. /TASS/. No title here. Second.",
         "Publication-Date": "23 Dec 2021"},
    ))
    documents, problems = load_file(path)
    assert problems == []
    assert [d.title for d in documents] == ["One", "Two", "Three", "No title here."]
    assert [d.text for d in documents][:3] == ["Body one.", "Body two.", "Body three."]
    assert [d.date for d in documents] == ["2021-12-23"] * 4
    assert [d.source for d in documents] == ["TASS", "Reuters", "AP", "TASS"]
    assert [d.author for d in documents] == ["Ann", "A B, C D", "By E F", None]
    assert [d.url for d in documents] == ["https://x/1", "https://x/2", None, None]
    assert [d.record for d in documents] == [1, 2, 3, 4]
    assert {d.format for d in documents} == {"jsonl"}
    last = documents[3]
    assert last.place == "MOSCOW"
    assert last.text[last.body_start :].startswith("No title here.")
    assert documents[0].doc_id == f"{path}#1"


def test_jsonl_broken_line_and_missing_text(tmp_path: Path) -> None:
    content = (
        '{"text": "First."}\n'
        "\n"
        '{"text": "Second." "title": 1}\n'
        '{"title": "No body"}\n'
        '{"text": "   "}\n'
        "[1, 2]\n"
        '{"text": "Last."}\r\n'
    )
    path = write(tmp_path / "b.ndjson", content)
    documents, problems = load_file(path)
    assert [(d.text, d.record) for d in documents] == [("First.", 1), ("Last.", 7)]
    name = str(path)
    assert problems == [
        Problem(name, "not valid JSON (Expecting ',' delimiter at column 20)", 3),
        Problem(name, "record has no text field (looked for text, body, content, article, "
                      "full_text, fulltext, …)", 4),
        Problem(name, "record has an empty text field", 5),
        Problem(name, "expected a JSON object, found a list", 6),
    ]


def test_text_kept_exactly(tmp_path: Path) -> None:
    body = "  He said: \u201cYes.\u201d\r\n\r\nThen left.  "
    documents, _ = load_file(write(tmp_path / "c.jsonl", lines({"text": body})))
    assert documents[0].text == body


def test_paragraph_list_text(tmp_path: Path) -> None:
    documents, _ = load_file(write(tmp_path / "p.jsonl", lines({"text": ["One.", "Two."]})))
    assert documents[0].text == "One.\n\nTwo."


def test_jsonl_that_is_an_array(tmp_path: Path) -> None:
    data = json.dumps([{"text": "A."}, {"text": "B."}], indent=2)
    documents, problems = load_file(write(tmp_path / "arr.jsonl", data))
    assert [d.text for d in documents] == ["A.", "B."] and problems == []


# --- JSON -----------------------------------------------------------------------------


def test_json_array(tmp_path: Path) -> None:
    data = json.dumps([{"title": "A", "text": "A body."}, "oops", {"headline": "C"}], indent=1)
    path = write(tmp_path / "a.json", data)
    documents, problems = load_file(path)
    assert [(d.title, d.record, d.format) for d in documents] == [("A", 1, "json")]
    assert [p.reason for p in problems] == [
        "record 2: expected a JSON object, found a string",
        "record 3: record has no text field (looked for text, body, content, article, "
        "full_text, fulltext, …)",
    ]


@pytest.mark.parametrize("key", ["articles", "data", "items", "Results"])
def test_json_wrapped_object(tmp_path: Path, key: str) -> None:
    data = {"status": "ok", "total": 2, key: [{"story": "A."}, {"story": "B."}]}
    documents, problems = load_file(write(tmp_path / "w.json", json.dumps(data)))
    assert [d.text for d in documents] == ["A.", "B."] and problems == []


def test_json_nested_wrapper_and_unnamed_list(tmp_path: Path) -> None:
    nested = {"data": {"articles": [{"text": "A."}]}}
    unnamed = {"meta": {}, "hits": [{"text": "B."}]}
    a, _ = load_file(write(tmp_path / "n.json", json.dumps(nested)))
    b, _ = load_file(write(tmp_path / "u.json", json.dumps(unnamed)))
    assert [d.text for d in a + b] == ["A.", "B."]


def test_newsapi_style_response(tmp_path: Path) -> None:
    data = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Reuters"}, "author": None, "title": "T1",
         "description": "Short.", "url": "https://r/1", "publishedAt": "2021-12-23T10:00:00Z",
         "content": "WASHINGTON (Reuters) - Full text."},
        {"source": {"id": "ap", "name": "AP"}, "title": "T2", "description": "Only this.",
         "publishedAt": "2021-12-24T10:00:00Z"},
    ]}
    documents, problems = load_file(write(tmp_path / "news.json", json.dumps(data)))
    assert problems == []
    assert [(d.title, d.source, d.date, d.text) for d in documents] == [
        ("T1", "Reuters", "2021-12-23", "WASHINGTON (Reuters) - Full text."),
        ("T2", "AP", "2021-12-24", "Only this."),
    ]
    assert documents[0].place == "WASHINGTON"
    assert documents[0].text[documents[0].body_start :] == "Full text."


def test_kaggle_all_the_news_csv(tmp_path: Path) -> None:
    content = ",id,title,publication,author,date,year,month,url,content\n" \
              "0,17283,House Republicans Fret,New York Times,Carl Hulse,2016-12-31,2016.0,12.0,,"\
              "WASHINGTON — Congressional Republicans have a new fear.\n"
    documents, problems = load_file(write(tmp_path / "articles1.csv", content))
    assert problems == []
    doc = documents[0]
    assert (doc.title, doc.source, doc.author, doc.date, doc.place) == (
        "House Republicans Fret", "New York Times", "Carl Hulse", "2016-12-31", "WASHINGTON")


def test_json_single_article_object(tmp_path: Path) -> None:
    data = {"title": "Solo", "content": "Solo body.", "date": "2020-02-29"}
    documents, problems = load_file(write(tmp_path / "s.json", json.dumps(data)))
    assert [(d.title, d.date, d.record) for d in documents] == [("Solo", "2020-02-29", 1)]
    assert problems == []


def test_json_lines_in_a_json_file(tmp_path: Path) -> None:
    path = write(tmp_path / "l.json", lines({"text": "A."}, {"text": "B."}))
    documents, problems = load_file(path)
    assert [(d.text, d.record) for d in documents] == [("A.", 1), ("B.", 2)]
    assert problems == []


def test_json_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '[\n  {"text": "A."},\n  {"text" "B."}\n]\n')
    documents, problems = load_file(path)
    assert documents == []
    assert problems == [Problem(str(path), "not valid JSON (Expecting ':' delimiter at line 3, "
                                           "column 11)", 3)]


def test_json_scalar_and_object_without_articles(tmp_path: Path) -> None:
    scalar = write(tmp_path / "n.json", "42")
    obj = write(tmp_path / "o.json", '{"status": "ok"}')
    assert load_file(scalar)[1][0].reason == "expected JSON objects, found a number"
    assert load_file(obj)[1][0].reason.startswith(
        "no list of articles, and the object has no text field (looked for text, body")


@pytest.mark.parametrize("data", ["[]", '{"articles": []}'])
def test_json_without_articles(tmp_path: Path, data: str) -> None:
    path = write(tmp_path / "e.json", data)
    assert load_file(path) == ([], [Problem(str(path), "no articles found")])


def test_header_only_csv(tmp_path: Path) -> None:
    path = write(tmp_path / "h.csv", "title,text\n")
    assert load_file(path) == ([], [Problem(str(path), "no articles found")])


def test_text_field_of_the_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path / "t.jsonl", lines({"body": 12}, {"text": {"en": "x"}}, {"text": None}))
    assert [p.reason for p in load_file(path)[1]] == [
        'record\'s text field "body" holds a number, not text',
        'record\'s text field "text" holds an object, not text',
        "record has an empty text field",
    ]


def test_json_in_txt_file_is_sniffed(tmp_path: Path) -> None:
    documents, _ = load_file(write(tmp_path / "dump.txt", lines({"text": "A."})))
    assert [d.text for d in documents] == ["A."]
    documents, _ = load_file(write(tmp_path / "brackets.txt", "[Photo] Caption.\n"))
    assert documents[0].text == "[Photo] Caption.\n"


# --- CSV ------------------------------------------------------------------------------


def test_csv_header_aliases_and_ragged_row(tmp_path: Path) -> None:
    content = (
        "Headline,Article,Published,Publisher,Authors\r\n"
        'First,"He said, ""yes.""\r\nSecond line.",2021-12-23,TASS,Ann\r\n'
        "Ragged,Body,2021-12-24\r\n"
        "\r\n"
        "Third,Body three.,24/12/2021,AP,Bo\r\n"
        "Empty,,2021-12-25,AP,Bo\r\n"
    )
    path = write(tmp_path / "a.csv", content)
    documents, problems = load_file(path)
    assert [(d.title, d.record, d.date, d.source, d.author) for d in documents] == [
        ("First", 1, "2021-12-23", "TASS", "Ann"),
        ("Third", 3, "2021-12-24", "AP", "Bo"),
    ]
    assert documents[0].text == 'He said, "yes."\r\nSecond line.'
    assert documents[0].format == "csv"
    name = str(path)
    assert problems == [
        Problem(name, "row 2 has 3 fields, the header has 5", 4),
        Problem(name, "row 4: record has an empty text field", 7),
    ]


def test_csv_huge_field(tmp_path: Path) -> None:
    body = "word " * 100_000
    documents, problems = load_file(write(tmp_path / "big.csv", f'text\n"{body}"\n'))
    assert problems == [] and documents[0].text == body


def test_tsv_and_semicolon_csv(tmp_path: Path) -> None:
    tsv, _ = load_file(write(tmp_path / "a.tsv", "title\ttext\nT\tBody, with comma.\n"))
    semi, _ = load_file(write(tmp_path / "b.csv", "title;text\nS;Body, with comma.\n"))
    assert [(d.title, d.text, d.format) for d in tsv + semi] == [
        ("T", "Body, with comma.", "tsv"), ("S", "Body, with comma.", "csv")]


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "meta.csv", "id,label\n1,x\n")
    documents, problems = load_file(path)
    assert documents == []
    assert problems[0].line == 1
    assert problems[0].reason.startswith("no text column in the header")


def test_csv_with_bom_header(tmp_path: Path) -> None:
    documents, _ = load_file(write(tmp_path / "b.csv", "\ufefftext,title\nA.,T\n"))
    assert [(d.text, d.title) for d in documents] == [("A.", "T")]


def test_records_sorted_with_files(tmp_path: Path) -> None:
    write(tmp_path / "r.jsonl", lines({"text": "late", "date": "2022-01-01"},
                                      {"text": "early", "date": "2001-01-01"}))
    result = load_paths([tmp_path])
    assert [d.text for d in result.documents] == ["early", "late"]


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-12-23", "2021-12-23"),
        ("2021-12-23T10:00:00Z", "2021-12-23"),
        ("2021-12-23 23:59:59+05:00", "2021-12-23"),
        ("2021/12/23", "2021-12-23"),
        ("20211223", "2021-12-23"),
        ("23/12/2021", "2021-12-23"),
        ("12/23/2021", "2021-12-23"),
        ("23.12.2021", "2021-12-23"),
        ("05/05/2021", "2021-05-05"),
        ("03/04/2021", None),
        ("December 23, 2021", "2021-12-23"),
        ("Dec 23 2021", "2021-12-23"),
        ("Dec. 23, 2021", "2021-12-23"),
        ("Thursday, December 23, 2021", "2021-12-23"),
        ("23 December 2021", "2021-12-23"),
        ("23rd Dec 2021", "2021-12-23"),
        ("23-Dec-2021", "2021-12-23"),
        ("Thu, 23 Dec 2021 10:00:00 +0000", "2021-12-23"),
        (1640253600, "2021-12-23"),
        (1640253600000, "2021-12-23"),
        ("1640253600", "2021-12-23"),
        (1640253600.5, "2021-12-23"),
        ("2021-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        (2021, None),
        ({"a": 1}, None),
        ("Smarch 3, 2021", None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_date_in_name() -> None:
    assert date_in_name("/data/2019-01-02/nyt_2016-03-05_x.txt") == "2016-03-05"
    assert date_in_name("/data/2019-01-02/story.txt") is None
    assert date_in_name("v12016-03-051.txt") is None
