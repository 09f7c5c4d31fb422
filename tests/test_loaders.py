"""Loading plain-text and Markdown articles, decoding, discovery and ordering."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SEED_FILE
from tui.core.loaders import SUPPORTED_SUFFIXES, discover, load_file, load_paths
from tui.core.model import Problem


def write(path: Path, content: str | bytes) -> Path:
    """Write ``content`` exactly (no newline translation) and return ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def one(path: Path):
    documents, problems = load_file(path)
    assert problems == []
    assert len(documents) == 1
    return documents[0]


# --- the seed corpus ------------------------------------------------------------------


def test_seed_file_exactly(seed_text: str) -> None:
    doc = one(SEED_FILE)
    assert doc.text == seed_text
    assert doc.date == "2021-12-23"
    assert doc.place == "MOSCOW"
    assert doc.source == "TASS"
    assert doc.text[doc.body_start :].startswith("Italy might help normalize relations")
    lead = seed_text[doc.body_start :].split("\n", 1)[0]
    assert lead.endswith("Russian President Vladimir Putin said on Thursday.")
    # The lead's first sentence is 183 characters: cut at a word, marked with "…".
    assert doc.title.startswith("Italy might help normalize relations between Russia")
    assert doc.title.endswith("…")
    assert len(doc.title) <= 160
    assert lead.startswith(doc.title[:-1])
    assert doc.format == "text"
    assert doc.record is None
    assert doc.quotations == []


def test_short_first_sentence_is_whole_title(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "a.txt", " date 2021-12-23 MOSCOW, December 23. /TASS/. "
                    "Putin spoke. Then he left.\n"))
    assert doc.title == "Putin spoke."


@pytest.mark.parametrize(
    ("opening", "place", "source"),
    [
        ("MOSCOW, December 23. /TASS/. ", "MOSCOW", "TASS"),
        ("ST. PETERSBURG, June 4. /TASS/. ", "ST. PETERSBURG", "TASS"),
        ("WASHINGTON (Reuters) - ", "WASHINGTON", "Reuters"),
        ("NEW YORK (AP) — ", "NEW YORK", "AP"),
        ("RENO, Nev. (AP) — ", "RENO, Nev.", "AP"),
        ("New York (AFP) – ", "New York", "AFP"),
        ("WASHINGTON, Dec 23 (Reuters) - ", "WASHINGTON", "Reuters"),
        ("ST. LOUIS — ", "ST. LOUIS", None),
        ("CHARLESTON, S.C.\u00a0— ", "CHARLESTON, S.C.", None),
    ],
)
def test_dateline_variants(tmp_path: Path, opening: str, place: str, source: str | None) -> None:
    text = opening + "The minister said the talks would go on. More followed.\n"
    doc = one(write(tmp_path / "wire.txt", text))
    assert doc.place == place
    assert doc.source == source
    assert doc.date is None
    assert doc.body_start == len(opening)
    assert doc.title == "The minister said the talks would go on."


@pytest.mark.parametrize(
    "opening",
    ["SIEGEL--Jerome Arthur, 98, died. ", "Sen. Jeff Sessions (R-AL) and others said so. ",
     "Handout/Reuters. Then text. "],
)
def test_not_datelines(tmp_path: Path, opening: str) -> None:
    doc = one(write(tmp_path / "x.txt", opening + "More.\n"))
    assert doc.place is None and doc.source is None
    assert doc.body_start == 0


def test_date_prefix_with_colon(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "c.txt", "Date: 2020-01-05 LONDON (Reuters) - Text.\n"))
    assert (doc.date, doc.place, doc.source) == ("2020-01-05", "LONDON", "Reuters")


def test_date_prefix_without_dateline(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "d.txt", "date 2020-01-05 Nothing else here. Really.\n"))
    assert doc.date == "2020-01-05"
    assert doc.text[doc.body_start :].startswith("Nothing else")
    assert doc.title == "Nothing else here."


# --- plain text titles ----------------------------------------------------------------


def test_title_line_then_blank_line(tmp_path: Path) -> None:
    text = "Markets rally on rate hopes\n\nStocks rose on Monday. Traders cheered.\n"
    doc = one(write(tmp_path / "bbc.txt", text))
    assert doc.title == "Markets rally on rate hopes"
    assert doc.text[doc.body_start :].startswith("Stocks rose")
    assert doc.place is None


def test_title_then_dateline(tmp_path: Path) -> None:
    text = "O’Malley shifts staff to Iowa.\n\nDALLAS (AP) — O’Malley is moving staff.\n"
    doc = one(write(tmp_path / "t.txt", text))
    assert doc.title == "O’Malley shifts staff to Iowa."
    assert (doc.place, doc.source) == ("DALLAS", "AP")
    assert doc.text[doc.body_start :].startswith("O’Malley is moving")


def test_title_with_subtitle_line(tmp_path: Path) -> None:
    text = "Trump leads pack; \nAhead by double digits.\n\nAttacks in Paris mattered.\n"
    doc = one(write(tmp_path / "t.txt", text))
    assert doc.title == "Trump leads pack;"
    assert doc.text[doc.body_start :].startswith("Attacks")


def test_no_title_uses_first_sentence(tmp_path: Path) -> None:
    text = ("Mr. Smith said on Tuesday that the U.S. economy is strong, and that Dr. J. Doe "
            "agreed with him on that point in a long meeting at the White House that day. "
            "Others did not.\nSecond line.\n")
    doc = one(write(tmp_path / "n.txt", text))
    assert doc.title.startswith("Mr. Smith said on Tuesday")
    assert doc.title.endswith("White House that day.")
    assert doc.body_start == 0


def test_long_first_line_is_not_a_title(tmp_path: Path) -> None:
    text = "word " * 60 + "end.\n\nBody.\n"
    doc = one(write(tmp_path / "l.txt", text))
    assert doc.body_start == 0
    assert doc.title.endswith("…")
    assert len(doc.title) <= 160


def test_single_paragraph_without_sentence_end(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "s.txt", "just some words"))
    assert doc.title == "just some words"
    assert doc.body_start == 0


def test_leading_blank_lines(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "b.txt", "\n\n  Headline here\n\nBody text.\n"))
    assert doc.title == "Headline here"
    assert doc.text[doc.body_start :] == "Body text.\n"


def test_crlf_kept_verbatim(tmp_path: Path) -> None:
    text = "Headline\r\n\r\nWASHINGTON (Reuters) - He said \"yes.\"\r\nMore.\r\n"
    doc = one(write(tmp_path / "crlf.txt", text))
    assert doc.text == text
    assert doc.title == "Headline"
    assert doc.place == "WASHINGTON"
    assert doc.text[doc.body_start :].startswith("He said")


def test_date_from_file_name(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "nyt_2016-03-05_polls.txt", "Polls\n\nText.\n"))
    assert doc.date == "2016-03-05"


# --- Markdown -------------------------------------------------------------------------


def test_markdown_heading(tmp_path: Path) -> None:
    text = "# Budget passes\n\nThe bill passed on Friday.\n"
    doc = one(write(tmp_path / "a.md", text))
    assert doc.title == "Budget passes"
    assert doc.format == "markdown"
    assert doc.text == text
    assert doc.text[doc.body_start :].startswith("The bill")


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = (
        "---\n"
        'title: "Front title"\n'
        "date: December 23, 2021\n"
        "source: TASS\n"
        "authors:\n"
        "  - Ann Lee\n"
        "  - Bo Chen\n"
        "url: https://example.org/a\n"
        "---\n"
        "\n"
        "# Heading title\n"
        "\n"
        "MOSCOW, December 23. /TASS/. Body here.\n"
    )
    doc = one(write(tmp_path / "fm.markdown", text))
    assert doc.title == "Front title"
    assert doc.date == "2021-12-23"
    assert doc.source == "TASS"
    assert doc.author == "Ann Lee, Bo Chen"
    assert doc.url == "https://example.org/a"
    assert doc.place == "MOSCOW"
    assert doc.text[doc.body_start :] == "Body here.\n"


def test_markdown_without_heading(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "p.md", "---\ndate: 2020-02-02\n---\nFirst words. Then.\n"))
    assert doc.title == "First words."
    assert doc.date == "2020-02-02"
    assert doc.text[doc.body_start :].startswith("First words")


def test_markdown_setext_heading(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "s.md", "Big news\n========\n\nBody.\n"))
    assert doc.title == "Big news"
    assert doc.text[doc.body_start :] == "Body.\n"


# --- decoding -------------------------------------------------------------------------


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfTitle\n\nBody \xe2\x80\x9cq\xe2\x80\x9d.\n"
    doc = one(write(tmp_path / "bom.txt", data))
    assert doc.text == "Title\n\nBody “q”.\n"
    assert doc.title == "Title"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    text = "Title\r\n\r\nBody “quoted”.\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = one(write(tmp_path / "u.txt", data))
    assert doc.text == text
    assert doc.title == "Title"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    text = "Title\n\nBody “quoted”.\n"
    doc = one(write(tmp_path / "u.txt", text.encode(encoding)))
    assert doc.text == text


def test_cp1252_fallback_is_noted(tmp_path: Path) -> None:
    path = write(tmp_path / "w.txt", "Title\n\nHe said \u201cyes\u201d.\n".encode("cp1252"))
    documents, problems = load_file(path)
    assert [d.text for d in documents] == ["Title\n\nHe said “yes”.\n"]
    assert problems == [Problem(str(path), "decoded as cp1252 (not valid UTF-8)")]


def test_latin1_when_cp1252_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "l.txt", b"Caf\xe9 \x81 menu\n")
    documents, problems = load_file(path)
    assert documents[0].text == "Café \x81 menu\n"
    assert problems[0].reason == "decoded as latin-1 (not valid UTF-8)"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n", "empty file"),
        (b"\xef\xbb\xbf\n", "empty file"),
        (b"GIF89a\x00\x01\x02", "binary file (contains NUL bytes)"),
        (b"\xff\xfe\x00\xd8", "not valid UTF-16 (bad bytes at offset 0)"),
    ],
)
def test_unusable_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    assert load_file(path) == ([], [Problem(str(path), reason)])


def test_directory_given_as_file(tmp_path: Path) -> None:
    assert load_file(tmp_path) == ([], [Problem(str(tmp_path), "is a directory")])


def test_vanished_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    assert load_file(path) == ([], [Problem(str(path), "no such file or directory")])


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "x")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert load_file(path) == ([], [Problem(str(path), "permission denied")])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "x")
    path.chmod(0)
    try:
        assert load_file(path) == ([], [Problem(str(path), "permission denied")])
    finally:
        path.chmod(0o644)


def test_unknown_suffix_named_explicitly(tmp_path: Path) -> None:
    good = write(tmp_path / "story.text", "Headline\n\nBody.\n")
    bad = write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    result = load_paths([good, bad])
    assert [d.title for d in result.documents] == ["Headline"]
    assert result.problems == [Problem(str(bad), "binary file (contains NUL bytes)")]


def test_loader_never_raises(tmp_path: Path) -> None:
    samples = [b"{", b"[1, 2", b'{"a": 1}', b"[[[[", b"a,b\n1,2,3\n", b"---\n---\n", b"#",
               b"\xff" * 10, b"[" * 100_000, b'"text"', b"-- x", b"\r\n\r\n.\r\n"]
    suffixes = [".txt", ".md", ".json", ".jsonl", ".csv", ".tsv", ".bin"]
    for i, data in enumerate(samples):
        for suffix in suffixes:
            load_file(write(tmp_path / f"s{i}{suffix}", data))


# --- discovery, ordering --------------------------------------------------------------


def test_single_path_not_a_list(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A")
    assert len(load_paths(str(tmp_path)).documents) == 1
    assert len(discover(tmp_path)[0]) == 1


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".markdown", ".jsonl", ".ndjson", ".json", ".csv"} <= (
        SUPPORTED_SUFFIXES
    )


def test_discover_recursion_hidden_and_suffixes(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A")
    write(tmp_path / "sub" / "deeper" / "b.MD", "B")
    write(tmp_path / "sub" / "c.jsonl", "{}")
    write(tmp_path / "sub" / "image.png", "P")
    write(tmp_path / ".hidden.txt", "H")
    write(tmp_path / ".git" / "d.txt", "D")
    write(tmp_path / "sub" / ".cache" / "e.txt", "E")
    files, problems = discover([tmp_path])
    assert problems == []
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a.txt", "sub/c.jsonl", "sub/deeper/b.MD"]


def test_discover_missing_path_and_explicit_hidden(tmp_path: Path) -> None:
    hidden = write(tmp_path / ".notes.txt", "N")
    missing = tmp_path / "nope"
    files, problems = discover([missing, hidden, hidden])
    assert files == [hidden]
    assert problems == [Problem(str(missing), "no such file or directory")]


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    write(tmp_path / "root" / "sub" / "a.txt", "A")
    try:
        (tmp_path / "root" / "sub" / "loop").symlink_to(tmp_path / "root")
        (tmp_path / "root" / "self").symlink_to(".")
    except OSError:
        pytest.skip("symlinks not supported here")
    files, problems = discover([tmp_path / "root"])
    assert len(files) == 1
    assert problems == []


def test_broken_symlink_reported(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "absent.txt")
    files, problems = discover([link])
    assert files == [] and problems == [Problem(str(link), "no such file or directory")]


def test_unreadable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "locked" / "a.txt", "A")

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    files, problems = discover([tmp_path / "locked"])
    assert files == []
    assert problems == [Problem(str(tmp_path / "locked"), "permission denied")]


def test_load_paths_order_and_problems(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", " date 2021-12-23 MOSCOW, December 23. /TASS/. B.\n")
    write(tmp_path / "a.txt", "Undated A\n\nBody.\n")
    write(tmp_path / "c.txt", "date 2020-01-01 C.\n")
    write(tmp_path / "z.txt", "date 2020-01-01 Z.\n")
    write(tmp_path / "e.txt", "")
    write(tmp_path / "d.jsonl", '{"text": "D.", "date": "2022-05-01"}\n{"text": "D2."}\n')
    seen: list[Problem] = []
    result = load_paths([tmp_path / "missing", tmp_path], on_problem=seen.append)
    names = [(Path(d.path).name, d.record) for d in result.documents]
    assert names == [("c.txt", None), ("z.txt", None), ("b.txt", None), ("d.jsonl", 1),
                     ("a.txt", None), ("d.jsonl", 2)]
    assert [p.reason for p in result.problems] == ["no such file or directory", "empty file"]
    assert seen == result.problems


def test_many_small_files_load_quickly(tmp_path: Path) -> None:
    import time

    for i in range(500):
        write(tmp_path / f"f{i:04}.txt", f"Title {i}\n\nWASHINGTON (AP) — Body {i}. More.\n")
    start = time.perf_counter()
    result = load_paths([tmp_path])
    elapsed = time.perf_counter() - start
    assert len(result.documents) == 500
    assert elapsed < 0.5, f"{500 / elapsed:.0f} files/s"


# --- PolNeAR --------------------------------------------------------------------------


def test_polnear_train_titles(polnear: Path) -> None:
    folder = polnear / "train" / "text"
    result = load_paths([folder])
    files = sorted(folder.glob("*.txt"))
    assert result.problems == []
    assert len(result.documents) == len(files) > 0
    for doc in result.documents:
        with open(doc.path, encoding="utf-8", newline="") as handle:
            content = handle.read()
        assert doc.text == content
        first_line = content.split("\n", 1)[0].strip()
        assert doc.title, doc.path
        assert doc.title == first_line, doc.path
        assert 0 < doc.body_start < len(content)
        assert doc.date is not None  # from the file name


def test_title_with_long_standfirst(tmp_path: Path) -> None:
    text = "Bush sees hope; \n" + "A long standfirst line. " * 12 + "\n\nQ: Why?\n"
    doc = one(write(tmp_path / "t.txt", text))
    assert doc.title == "Bush sees hope;"
    assert doc.text[doc.body_start :] == "Q: Why?\n"


def test_hard_wrapped_prose_has_no_title_line(tmp_path: Path) -> None:
    text = "The committee met on Monday and\ndecided to approve the plan.\n\nNext paragraph.\n"
    doc = one(write(tmp_path / "w.txt", text))
    assert doc.body_start == 0
    assert doc.title == "The committee met on Monday and decided to approve the plan."


def test_kicker_is_not_a_place(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "k.txt", "EXCLUSIVE – Stone warns of fraud.\n\nRoger said.\n"))
    assert doc.title == "EXCLUSIVE – Stone warns of fraud."
    assert doc.place is None
    assert doc.text[doc.body_start :] == "Roger said.\n"


def test_weak_dateline_on_short_line_is_a_title(tmp_path: Path) -> None:
    doc = one(write(tmp_path / "h.txt", "WHITE HOUSE — The week ahead\n\nMonday: talks.\n"))
    assert doc.title == "WHITE HOUSE — The week ahead"
    assert doc.place is None
