"""Getting quotations out, without the UI: citations, clipboard text, export files, the
editor command, the config file, search history and remembered state."""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path

import pytest

from tui.core.citation import article_text, citation, clipboard_text
from tui.core.editor import editor_command, line_of_record
from tui.core.export_file import (
    ExportCancelled,
    ExportError,
    FileExists,
    format_of,
    write_records,
)
from tui.core.model import Document, Quotation
from tui.core.settings.config import load_config, parse_config
from tui.core.settings.history import SearchHistory
from tui.core.settings.paths import config_directory, state_directory
from tui.core.settings.state import load_state, save_state

TEXT = ('Title line\n\n"We will win,"  he said,\n"and\tsoon." Nobody said \x1b]52;c;eA==\x07 '
        'that.\n')


def _doc(**fields) -> Document:
    first = TEXT.index("We")
    second = TEXT.index("and")
    quote = Quotation("direct", ((first, first + len("We will win,")),
                                 (second, second + len("and\tsoon."))),
                      speaker="Vladimir Putin", role="Russian President")
    values = {"path": "a.txt", "text": TEXT, "title": "Title line", "date": "2021-12-23",
              "source": "TASS", "quotations": [quote]}
    values.update(fields)
    return Document(**values)


def test_citation_has_every_part() -> None:
    assert citation(_doc(), 0) == ("“We will win, … and soon.” — Vladimir Putin, "
                                   "Russian President (TASS, 2021-12-23)")


@pytest.mark.parametrize(("changes", "expected_tail"), [
    ({"source": None}, "— Vladimir Putin, Russian President (2021-12-23)"),
    ({"date": None}, "— Vladimir Putin, Russian President (TASS)"),
    ({"date": None, "source": None}, "— Vladimir Putin, Russian President"),
])
def test_citation_leaves_out_what_is_missing(changes: dict, expected_tail: str) -> None:
    assert citation(_doc(**changes), 0).endswith(expected_tail)


def test_citation_without_speaker_or_role() -> None:
    doc = _doc()
    doc.quotations[0].speaker = None
    doc.quotations[0].role = None
    assert citation(doc, 0).endswith("” — unattributed (TASS, 2021-12-23)")
    doc.quotations[0].speaker = "Putin"
    assert citation(doc, 0).endswith("” — Putin (TASS, 2021-12-23)")


def test_clipboard_text_has_no_control_characters() -> None:
    cleaned = clipboard_text("a\x1b[31mb\x07c\x9bd\r\ne\u202ef\tg\n")
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\x9b" not in cleaned
    assert cleaned == "a␛[31mb␇c\ufffdd\ne\ufffdf\tg\n"
    whole = article_text(_doc())
    assert "\x1b" not in whole and "␛]52;c;eA==␇" in whole
    assert whole.startswith("Title line\n\n\"We will win,\"")


def test_article_text_puts_the_title_first_when_the_text_lacks_it() -> None:
    doc = _doc(text="Body only.", title="A headline", quotations=[])
    assert article_text(doc) == "A headline\n\nBody only.\n"


def test_format_from_extension() -> None:
    assert format_of("x.jsonl") == "jsonl" and format_of("X.CSV") == "csv"
    with pytest.raises(ExportError, match=r"\.jsonl or \.csv"):
        format_of("x.txt")


RECORDS = [
    {"id": "a#1", "title": 'He said "no", then\nleft', "date": None, "quotations": 2},
    {"id": "b", "title": "Esc \x1b[2J and ünïcode", "date": "2021-01-02", "quotations": 0,
     "spans": [[1, 2], [3, 4]]},
]


def test_jsonl_export_parses_back(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    assert write_records(target, RECORDS) == 2
    raw = target.read_text(encoding="utf-8")
    assert "\x1b" not in raw  # escaped as \u001b
    assert [json.loads(line) for line in raw.splitlines()] == RECORDS
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"], "no temporary left"
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & 0o044, "readable like any new file, not 0600"


def test_csv_export_parses_back(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_records(target, RECORDS)
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["id", "title", "date", "quotations", "spans"]
    assert rows[0]["title"] == 'He said "no", then\nleft' and rows[0]["date"] == ""
    assert rows[1]["title"] == "Esc \x1b[2J and ünïcode"  # exact text in a file
    assert json.loads(rows[1]["spans"]) == [[1, 2], [3, 4]]


def test_export_never_overwrites_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("precious\n")
    with pytest.raises(FileExists):
        write_records(target, RECORDS)
    assert target.read_text() == "precious\n"
    write_records(target, RECORDS, overwrite=True)
    assert len(target.read_text().splitlines()) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_export_errors_say_why_and_leave_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such folder"):
        write_records(tmp_path / "missing" / "out.csv", RECORDS)
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        write_records(tmp_path / "dir.csv", RECORDS)
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ExportError, match="permission denied"):
            write_records(locked / "out.csv", RECORDS)


def test_export_fails_whole_when_a_record_cannot_be_written(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("precious\n")
    with pytest.raises(TypeError):
        write_records(target, [{"ok": 1}, {"bad": object()}], overwrite=True)
    assert target.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_export_refuses_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "feed.jsonl"
    article.write_text("{}\n")
    for target in (article, corpus / "new.jsonl"):
        with pytest.raises(ExportError, match="inside the corpus"):
            write_records(target, RECORDS, overwrite=True, corpus=[corpus])
    with pytest.raises(ExportError, match="inside the corpus"):
        write_records(article, RECORDS, overwrite=True, corpus=[article])
    assert article.read_text() == "{}\n"
    write_records(tmp_path / "beside.jsonl", RECORDS, corpus=[corpus])


def test_editor_command(tmp_path: Path) -> None:
    env = {"EDITOR": "code --wait", "PAGER": "less", "PATH": ""}
    assert editor_command("a b.txt", None, env) == ["code", "--wait", "a b.txt"]
    assert editor_command("f.jsonl", 7, {"EDITOR": "/usr/bin/vim"}) == [
        "/usr/bin/vim", "+7", "f.jsonl"]
    assert editor_command("f", 3, {"PAGER": "'my pager' -R", "PATH": ""}) == [
        "my pager", "-R", "f"]
    fake = tmp_path / "less"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert editor_command("f", None, {"PATH": str(tmp_path)}) == [str(fake), "f"]
    assert editor_command("f", None, {"PATH": str(tmp_path / "none")}) is None
    assert line_of_record("jsonl", 4) == 4
    assert line_of_record("csv", 4) is None and line_of_record("text", None) is None


IDS = {"copy-quote", "export", "quit"}


def test_config_maps_ids_to_keys() -> None:
    config = parse_config('[keys]\ncopy-quote = "c"\nexport = ["ctrl+e", "x"]\n'
                          'quit = "q,ctrl+q"\n', IDS)
    assert config.keymap == {"copy-quote": "c", "export": "ctrl+e,x", "quit": "q,ctrl+q"}
    assert config.messages == []


@pytest.mark.parametrize(("text", "message"), [
    ("[keys\ncopy-quote = 'c'", "not valid TOML"),
    ("keys = 3", "should be a table"),
    ("[keys]\nnope = 'c'", "no key id 'nope'"),
    ("[keys]\ncopy-quote = 3", "is not a key name"),
    ("[keys]\ncopy-quote = 'two words'", "is not a key name"),
    ("colour = 'red'", "unknown setting 'colour'"),
])
def test_bad_config_gives_a_message_and_defaults(text: str, message: str) -> None:
    config = parse_config(text, IDS)
    assert config.keymap == {}
    assert len(config.messages) == 1 and message in config.messages[0]


def test_config_file_missing_or_unreadable(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.toml", IDS).messages == []
    (tmp_path / "bad.toml").write_bytes(b"\xff\xfe[keys")
    assert "cannot be read" in load_config(tmp_path / "bad.toml", IDS).messages[0]


def test_directories_follow_the_environment(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEEDREAD_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("SEEDREAD_STATE_DIR", str(tmp_path / "s"))
    assert config_directory() == tmp_path / "c"
    assert state_directory() == tmp_path / "s"


def test_history_is_bounded_has_no_repeats_and_survives(tmp_path: Path) -> None:
    path = tmp_path / "state" / "history"
    history = SearchHistory.load(path, limit=3)
    for query in ("putin", "putin", "  ", "trump", "biden", "merkel", 'a "quoted" \x1b'):
        history.add(query)
    assert history.entries == ["biden", "merkel", 'a "quoted" \x1b']
    again = SearchHistory.load(path, limit=3)
    assert again.entries == history.entries
    path.write_text('"ok"\nnot json\n3\n"ok"\n"fine"\n', encoding="utf-8")
    assert SearchHistory.load(path).entries == ["ok", "fine"]


def test_two_readers_keep_each_others_history(tmp_path: Path) -> None:
    path = tmp_path / "history"
    first, second = SearchHistory.load(path), SearchHistory.load(path)
    first.add("putin")
    second.add("merkel")
    first.add("biden")
    assert SearchHistory.load(path).entries == ["putin", "merkel", "biden"]
    assert first.entries == ["putin", "merkel", "biden"]


def test_history_not_written_when_told_not_to(tmp_path: Path) -> None:
    path = tmp_path / "history"
    history = SearchHistory.load(path, write=False)
    history.add("putin")
    assert history.entries == ["putin"] and not path.exists()


def test_state_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s" / "state.json"
    assert load_state(path) == {}
    assert save_state(path, theme="nord") is None
    save_state(path, other=1)
    assert load_state(path) == {"theme": "nord", "other": 1}
    path.write_text("[1, 2]")
    assert load_state(path) == {}


def test_export_streams_records_counts_them_and_cancels_leaving_nothing(
        tmp_path: Path) -> None:
    produced: list[int] = []

    def records():
        for n in range(5):
            produced.append(n)
            yield {"n": n, "text": f"row {n}"}

    seen: list[int] = []
    target = tmp_path / "out.csv"
    assert write_records(target, records(), on_progress=seen.append) == 5
    assert seen == [1, 2, 3, 4, 5]
    with open(target, encoding="utf-8", newline="") as handle:
        assert [row["n"] for row in csv.DictReader(handle)] == ["0", "1", "2", "3", "4"]
    produced.clear()
    with pytest.raises(ExportCancelled):
        write_records(tmp_path / "cut.jsonl", records(), should_stop=lambda: len(produced) > 2)
    assert produced == [0, 1, 2], "not read on after the stop"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"], "no half file, no temporary"
