"""Hostile input, loaded through the command line as a user would: nothing crashes, nothing
reaches the terminal, nothing is lost.

A corpus of hostile files is built in ``tmp_path`` by :func:`build_hostile` (no file of it
is committed) and read by ``python -m tui quotes|speakers|search|index`` subprocesses with
a private ``--cache-dir``. The tests assert on behaviour (exit codes, what was loaded,
what was reported) and on the bytes that reach the terminal: no escape, bell, backspace,
DEL or C1 control in table output or on stderr, while JSON lines keep the exact text,
escaped. The large inputs (200 MB, 10 MB line, 20,000 paragraphs, many files) are in
``test_hostile_size.py``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.core.model import Document

ROOT = Path(__file__).resolve().parent.parent
ESC = "\x1b"

#: Terminal controls a document might carry: each must arrive inert.
CONTROLS = {
    "title": ESC + "]0;PWNED" + "\x07",  # OSC 0: set the window title
    "title_st": ESC + "]2;PWNED" + ESC + "\\",  # ... ended by ST
    "link": ESC + "]8;;http://evil.example/" + ESC + "\\click" + ESC + "]8;;" + ESC + "\\",
    "clipboard": ESC + "]52;c;cm0gLXJmIH4=" + "\x07",  # OSC 52: write the clipboard
    "csi_clear": ESC + "[2J" + ESC + "[H",  # clear the screen, cursor home
    "csi_colour": ESC + "[31;1m",
    "dcs": ESC + "P1$r" + ESC + "\\",  # device control string (DECRQSS reply)
    "c1_csi": "\x9b6n",  # 8-bit CSI: report the cursor position
    "c1_osc": "\x9d0;PWNED\x9c",  # 8-bit OSC ... ST
    "bell": "\x07\x07",
    "backspace": "abc\x08\x08\x08XYZ",
    "carriage": "hidden\rshown",
    "delete": "\x7f",
    "bidi": "\u202eevil\u202c",
}
#: Markup of rich and Textual, which must show literally.
MARKUP = ["[bold red]", "[/]", "[link=http://evil.example]", "[@click=app.quit]",
          "$accent", ":warning:", "[reverse]x[/reverse]"]
PAYLOAD = " ".join(CONTROLS.values())
MARKED = " ".join(MARKUP)

#: What must never reach a terminal: C0 controls but tab and newline, DEL, C1, and the
#: direction overrides and isolates that make text read other than it is.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

QUOTE = 'Senator Jane Roe said: "We will fight {payload} and we will win," she said.'


def seedread(*args: str, cache: Path | None = None, timeout: float = 120,
             check_code: int | None = 0, env: dict[str, str] | None = None,
             **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m tui *args`` with ``--cache-dir cache``; raw bytes out."""
    command = [sys.executable, "-m", "tui", *args]
    if cache is not None:
        command += ["--cache-dir", str(cache)]
    result = subprocess.run(command, capture_output=True, timeout=timeout, cwd=ROOT,
                            env=env, **kwargs)  # type: ignore[call-overload]
    if check_code is not None:
        assert result.returncode == check_code, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    return result


def inert(data: bytes) -> str:
    """``data`` decoded, asserting nothing in it could drive a terminal."""
    text = data.decode("utf-8")
    found = FORBIDDEN.findall(text)
    assert not found, f"terminal controls reached the output: {found[:10]!r}"
    return text


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def build_hostile(root: Path) -> dict[str, str]:
    """Write the hostile corpus under ``root``; returns {file name: what it tests}.

    Every case of issue 6 that fits in a few kilobytes: escape sequences and markup in
    text, titles, fields and file names; every encoding; malformed JSON, JSON lines and
    CSV; dates in many formats; symbolic-link loops and dangling links.
    """
    cases: dict[str, str] = {}

    def add(name: str, data: bytes | str, what: str) -> None:
        write(root / name, data)
        cases[name] = what

    quote = QUOTE.format(payload=PAYLOAD + " " + MARKED)
    # Terminal safety and markup, in every place document text can come from.
    add("escapes.txt", f"Title {CONTROLS['title']} {MARKED}\n\n{quote}\n",
        "controls and markup in a text file's title and quotation")
    add("name_" + ESC + "]0;PWNED\x07_\x9b2J_[bold]x.txt",
        'Bob Smith said "the file name is hostile, not me," he said.', "controls in a name")
    add("line\nbreak.txt", 'Bob Smith said "a newline in a file name," he said.',
        "a newline in a file name")
    write(Path(os.fsdecode(bytes(root) + b"/latin_\xe9_name.txt")),
          'Bob Smith said "my name is not UTF-8," he said.')
    cases["latin_\\xe9_name.txt"] = "a file name that is not valid UTF-8"
    add("surrogates.jsonl", json.dumps({"title": "Lone \ud800", "text": 'Ann Lee said "a '
                                        'lone \udcff surrogate," she said.'}) + "\n",
        "lone surrogates from JSON escapes (no encoding can write them)")
    records = [
        {"title": CONTROLS["title"] + MARKED, "text": quote, "author": CONTROLS["link"],
         "source": CONTROLS["clipboard"], "date": "2016-03-05"},
        {"headline": "[@click=app.quit]", "body": QUOTE.format(payload=MARKED),
         "published_at": "March 5, 2016", "unknown_field": {"nested": [1, 2]}},
    ]
    add("escapes.jsonl", "".join(json.dumps(r) + "\n" for r in records),
        "controls in JSON fields")
    add("escapes.csv", _csv([["title", "text", "date"], [CONTROLS["dcs"], quote, "5/3/2016"]]),
        "controls in CSV cells")
    add("escapes.md", f"---\ntitle: \"{CONTROLS['c1_osc']}\"\ndate: 2016-03-05\n---\n"
        f"# {MARKED}\n\n{quote}\n", "controls in Markdown front matter")
    # Encodings.
    text = 'Jean Dupont said "the café is naïve — ça va," he said.'
    add("enc_utf8_bom.txt", b"\xef\xbb\xbf" + text.encode(), "UTF-8 with a BOM")
    add("enc_utf16le_bom.txt", text.encode("utf-16"), "UTF-16 with a BOM")
    add("enc_utf16be_bom.txt", b"\xfe\xff" + text.encode("utf-16-be"), "UTF-16 BE with a BOM")
    add("enc_utf16_nobom.txt", text.encode("utf-16-le"), "UTF-16 LE without a BOM")
    add("enc_utf32_bom.txt", text.encode("utf-32"), "UTF-32 with a BOM")
    add("enc_cp1252.txt", text.replace("—", "-").encode("cp1252") + b" \x93curly\x94",
        "cp1252")
    add("enc_latin1.txt", text.replace("—", "-").encode("latin-1") + b" \x81", "latin-1")
    add("enc_mojibake.txt", text.encode().decode("latin-1").encode(), "mojibake, kept as is")
    add("enc_bad_utf16.txt", b"\xff\xfe" + text.encode("utf-16-le") + b"\x00\xd8",
        "UTF-16 with a lone surrogate")
    add("enc_utf16.jsonl", (json.dumps({"text": text}) + "\n").encode("utf-16"),
        "JSON lines in UTF-16")
    add("enc_bom_then_cp1252.txt", b"\xef\xbb\xbf" + text.replace("—", "-").encode("cp1252"),
        "a UTF-8 byte-order mark on cp1252 text (mixed encodings)")
    add("enc_nul.txt", b"Some text\x00with a NUL byte " * 20, "NUL bytes (binary)")
    add("enc_binary.txt", bytes(range(256)) * 8, "binary")
    add("enc_png.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200), "an image")
    add("enc_empty.txt", b"", "empty")
    add("enc_blank.txt", b" \n\t\r\n  ", "white space only")
    add("enc_bom_only.txt", b"\xef\xbb\xbf", "a BOM and nothing else")
    # Malformed data.
    good = json.dumps({"title": "Good", "text": 'Ann Lee said "good lines are kept," she said.'})
    add("bad.jsonl", "\n".join([
        good, "{broken", "[1, 2]", '"a string"', "42", "null", '{"text": 5}', '{"text": ""}',
        '{"title": "no text"}', '{"text": "unterminated', "\ufeff" + good, good, "",
        '{"text": "NUL \\u0000 and \\ud800 lone surrogate escape"}',
    ]) + "\n", "JSON lines with broken lines")
    add("bracket.jsonl", '["a list"]\n' + good + "\n{broken\n",
        "JSON lines whose first line is an array")
    add("array.jsonl", json.dumps([json.loads(good), {"text": "Ann said \"two,\" she said."}],
                                  indent=2), "a JSON array saved as .jsonl")
    add("huge_int.jsonl", good + "\n" + '{"text": "Bob said \\"big,\\" he said.", "n": '
        + "9" * 5000 + "}\n", "a 5,000-digit number (Python refuses to convert it to int)")
    add("shape_object.json", '{"a": 1, "b": [1, 2]}', "JSON of the wrong shape")
    add("shape_numbers.json", "[1, 2, 3]", "a JSON array of numbers")
    add("shape_string.json", '"just a string"', "a JSON string")
    add("shape_deep.json", "[" * 100_000 + "]" * 100_000, "JSON nested 100,000 deep")
    add("shape_deep_object.json", '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}",
        "a text field nested deep")
    add("shape_truncated.json", '[{"text": "Bob said \\"hi there,\\" he', "truncated JSON")
    add("shape_wrapped.json", json.dumps({"data": {"articles": [
        {"content": 'Ann Lee said "wrapped twice," she said.', "date": 1457136000}]}}),
        "a wrapped array, epoch date")
    add("ragged.csv", "title,text,date\n"
        'A,"Bob said ""ragged rows are skipped,"" he said.",2016-03-05\n'
        "B\nC,d,e,f,g\n"
        'D,"Ann said ""this row is kept,"" she said.",05 March 2016\n', "ragged CSV rows")
    add("noheader.csv", "1,2,3\n4,5,6\n", "CSV without a header")
    add("unclosed.csv", 'title,text\nA,"unclosed quote\nB,more\n', "an unclosed CSV quote")
    add("semicolon.csv", 'titel;text;datum\nX;"Ann said ""semicolons too,"" she said.";'
        "2016/03/05\n", "CSV with semicolons and unknown fields")
    add("tabs.tsv", 'title\ttext\nT\tAnn said "tabs work," she said.\n', "TSV")
    dates = ["2016-03-05T10:00:00Z", "Sat, 05 Mar 2016 10:00:00 GMT", "05.03.2016",
             "yesterday", "", "0000-00-00", "2016-13-45", "99999999999999999999", None]
    add("dates.jsonl", "".join(json.dumps({"text": f'Ann said "date {i}," she said.',
                                           "date": d}) + "\n" for i, d in enumerate(dates)),
        "dates in many formats, or none, or nonsense")
    # Filesystem oddities.
    os.symlink("loop.txt", root / "loop.txt")
    os.symlink(".", root / "self")
    os.symlink("/no/such/target.txt", root / "dangling.txt")
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "parent")
    os.mkfifo(root / "pipe.txt")  # reading it would wait for a writer forever
    os.symlink("/dev/zero", root / "zero.txt")  # endless bytes
    cases["pipe.txt"] = "a named pipe"
    cases["zero.txt"] = "a link to a device"
    cases["loop.txt"] = "a symbolic link to itself"
    cases["self"] = "a directory link loop"
    cases["dangling.txt"] = "a dangling symbolic link"
    return cases


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Content hash and modification time of every file under ``root``."""
    state = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            state[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(),
                                path.stat().st_mtime_ns)
    return state


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build_hostile(root)
    return root


@pytest.fixture(scope="module")
def runs(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """``quotes`` over the hostile corpus in each format (the first run builds the index),
    with the corpus's state before and after."""
    cache = tmp_path_factory.mktemp("cache")
    before = snapshot(hostile)
    out: dict[str, bytes] = {}
    for fmt in ("jsonl", "csv", "table"):
        result = seedread("quotes", str(hostile), "--format", fmt, cache=cache)
        out[fmt] = result.stdout
        out[f"{fmt}-stderr"] = result.stderr
    out["speakers"] = seedread("speakers", str(hostile), cache=cache).stdout
    out["search"] = seedread("search", "fight", str(hostile), "--scope", "quotes",
                             cache=cache).stdout
    out["search-docs"] = seedread("search", "[bold red]", str(hostile), cache=cache).stdout
    assert snapshot(hostile) == before, "seedread modified the corpus"
    return out


def test_build_hostile_covers_every_case(tmp_path: Path) -> None:
    cases = build_hostile(tmp_path)
    assert len(cases) >= 47


def test_table_output_and_stderr_are_inert(runs: dict[str, bytes]) -> None:
    for name in ("table", "table-stderr", "jsonl-stderr", "csv-stderr", "speakers",
                 "search", "search-docs"):
        inert(runs[name])
    table = inert(runs["table"])
    assert "␛]0;PWNED␇" in table  # visible, not acted on
    assert "[@click=app.quit]" in table and "[bold red]" in table  # markup shown literally


def test_json_lines_escape_controls_and_parse_back_exactly(runs: dict[str, bytes],
                                                           hostile: Path) -> None:
    raw = runs["jsonl"]
    inert(raw)  # every control written as \\uXXXX, C1 included
    records = [json.loads(line) for line in raw.decode().splitlines()]
    assert records
    payload = [r for r in records if "We will fight" in r["text"] and "PWNED" in r["text"]]
    assert len(payload) >= 4 and all(CONTROLS["title"] in r["text"] for r in payload)
    assert any(r["title"].startswith(CONTROLS["title"]) for r in payload)
    texts: dict[str, str] = {}
    for record in records:
        path = Path(record["path"])
        if path.suffix == ".txt" and "spans" not in record and path.exists():
            text = texts.setdefault(record["path"], _decoded(path))
            assert text[record["start"] : record["end"]] == record["text"]


def _decoded(path: Path) -> str:
    from tui.core.loaders.decode import decode_bytes

    decoded = decode_bytes(path.read_bytes())
    assert decoded.text is not None
    return decoded.text


def test_csv_to_a_file_keeps_the_exact_text(runs: dict[str, bytes]) -> None:
    rows = list(csv.DictReader(io.StringIO(runs["csv"].decode(), newline="")))
    assert any(CONTROLS["title"] in row["text"] for row in rows)
    assert len(rows) == len(runs["jsonl"].splitlines())


def test_every_bad_input_is_reported_and_the_good_ones_load(runs: dict[str, bytes]) -> None:
    errors = inert(runs["jsonl-stderr"])
    expected = {
        "enc_nul.txt": "binary", "enc_binary.txt": "binary", "enc_png.md": "binary",
        "enc_empty.txt": "empty", "enc_blank.txt": "empty", "enc_bom_only.txt": "empty",
        "enc_bad_utf16.txt": "not valid UTF-16",
        "bad.jsonl:2": "not valid JSON", "bad.jsonl:3": "expected a JSON object",
        "bad.jsonl:4": "found a string", "bad.jsonl:5": "found a number",
        "bad.jsonl:6": "found null", "bad.jsonl:7": "holds a number",
        "bad.jsonl:8": "empty text", "bad.jsonl:9": "no text field",
        "bad.jsonl:10": "not valid JSON",
        "shape_object.json": "no list of articles", "shape_numbers.json": "found a number",
        "shape_string.json": "found a string", "shape_deep.json": "nested too deeply",
        "shape_deep_object.json": "nested too deeply", "shape_truncated.json": "not valid JSON",
        "ragged.csv:3": "row 2 has 1 fields", "ragged.csv:4": "row 3 has 5 fields",
        "noheader.csv": "no text column", "loop.txt": "symbolic links",
        "dangling.txt": "broken symbolic link", "enc_cp1252.txt": "decoded as cp1252",
        "pipe.txt": "not a regular file", "zero.txt": "not a regular file",
        "enc_bom_then_cp1252.txt": "decoded as cp1252 (not valid UTF-8 after its byte-order",
        "bracket.jsonl:1": "expected a JSON object", "bracket.jsonl:3": "not valid JSON",
        "enc_latin1.txt": "decoded as latin-1",
        "latin_\ufffd_name.txt": "file name is not valid UTF-8",
    }
    for where, reason in expected.items():
        assert any(f"{where}:" in line and reason in line for line in errors.splitlines()), \
            (where, reason)
    assert "note: " in errors and "skipped " in errors
    loaded = {Path(json.loads(line)["path"]).name for line in runs["jsonl"].splitlines()}
    for name in ("enc_utf8_bom.txt", "enc_utf16le_bom.txt", "enc_utf16be_bom.txt",
                 "enc_utf16_nobom.txt", "enc_utf32_bom.txt", "enc_cp1252.txt",
                 "enc_latin1.txt", "enc_mojibake.txt", "enc_utf16.jsonl", "bad.jsonl",
                 "shape_wrapped.json", "ragged.csv", "semicolon.csv", "tabs.tsv",
                 "dates.jsonl", "escapes.txt", "escapes.jsonl", "escapes.csv", "escapes.md",
                 "enc_bom_then_cp1252.txt", "bracket.jsonl", "array.jsonl", "huge_int.jsonl",
                 "line\nbreak.txt", "surrogates.jsonl"):
        assert name in loaded, name
    assert any(name.startswith("name_\x1b") for name in loaded)


def test_text_in_every_encoding_reads_the_same(runs: dict[str, bytes]) -> None:
    texts = {}
    for line in runs["jsonl"].splitlines():
        record = json.loads(line)
        name = Path(record["path"]).name
        if name.startswith("enc_") and "naïve" in record["text"]:
            texts[name] = record["text"]
    assert {"enc_utf8_bom.txt", "enc_utf16le_bom.txt", "enc_utf16be_bom.txt",
            "enc_utf16_nobom.txt", "enc_utf32_bom.txt", "enc_utf16.jsonl"} <= set(texts)
    legacy = ("enc_cp1252.txt", "enc_latin1.txt", "enc_bom_then_cp1252.txt")
    assert len({texts[n] for n in texts if n not in legacy}) == 1


def test_malformed_json_lines_keep_their_good_lines(runs: dict[str, bytes]) -> None:
    kept = [json.loads(line) for line in runs["jsonl"].splitlines()]
    bad = [r for r in kept if Path(r["path"]).name == "bad.jsonl"]
    # 11 opens with a byte-order mark (files joined with ``cat``): read all the same
    assert sorted(r["doc_id"].rsplit("#", 1)[1] for r in bad) == ["1", "11", "12"]


def test_json_lines_that_are_not_quite(runs: dict[str, bytes]) -> None:
    kept: dict[str, set[str]] = {}
    for line in runs["jsonl"].splitlines():
        record = json.loads(line)
        kept.setdefault(Path(record["path"]).name, set()).add(record["doc_id"].rsplit("#")[-1])
    assert kept["bracket.jsonl"] == {"2"}  # a first line that is an array: lines all the same
    assert kept["array.jsonl"] == {"1", "2"}  # a whole array: read as one JSON document
    assert kept["huge_int.jsonl"] == {"1", "2"}  # the 5,000-digit number costs nothing


def test_mojibake_is_left_as_it_is(runs: dict[str, bytes]) -> None:
    texts = [json.loads(line)["text"] for line in runs["jsonl"].splitlines()
             if b"enc_mojibake.txt" in line]
    assert texts and all("cafÃ© is naÃ¯ve" in text for text in texts)


def test_output_that_cannot_be_written_exits_1_with_a_reason(tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus" / "a.txt", QUOTE.format(payload="again") * 50).parent
    with open("/dev/full", "w") as full:  # every write: no space left on device
        result = subprocess.run([sys.executable, "-m", "tui", "quotes", str(corpus), "--format",
                                 "jsonl", "--cache-dir", str(tmp_path / "c")], stdout=full,
                                stderr=subprocess.PIPE, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert inert(result.stderr) == "seedread: no space left on device\n"


def test_dates_in_any_format_or_none(runs: dict[str, bytes]) -> None:
    dated = {}
    for line in runs["jsonl"].splitlines():
        record = json.loads(line)
        if Path(record["path"]).name == "dates.jsonl":
            dated[int(record["doc_id"].rsplit("#", 1)[1])] = record["date"]
    assert len(dated) == 9  # every record kept, whatever its date
    assert dated[1] == "2016-03-05" and dated[2] == "2016-03-05"
    assert dated[4] is None and dated[9] is None
    assert all(d is None or re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dated.values())


@pytest.mark.parametrize("args", [
    ["quotes", "--format", "xml"],
    ["quotes", "--limit", "3"],
    ["search"],
    ["search", "x", "--limit", "-1"],
    ["quotes", "--jobs", "many"],
    ["quotes", "/no/such/" + ESC + "]0;PWNED\x07"],
    ["search", "x", "--scope", ESC + "[2J"],
])
def test_usage_errors_exit_2_with_advice_and_inert(args: list[str], tmp_path: Path) -> None:
    result = seedread(*args, cache=tmp_path, check_code=2)
    errors = inert(result.stderr)
    assert "--help" in errors or "Give files or folders" in errors
    assert result.stdout == b""


def test_strict_exits_1_when_input_was_skipped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "good.txt", 'Ann Lee said "all is well," she said.')
    cache = tmp_path / "cache"
    assert seedread("quotes", str(corpus), "--strict", cache=cache).returncode == 0
    write(corpus / "legacy.txt", 'Ann Lee said "caf\xe9," she said.'.encode("cp1252"))
    result = seedread("quotes", str(corpus), "--strict", cache=cache)
    assert b"note: " in result.stderr  # a fallback encoding is a note, not a skip
    write(corpus / "empty.txt", b"")
    for command in (["quotes"], ["speakers"], ["search", "well"], ["index"]):
        result = seedread(*command, str(corpus), "--strict", cache=cache, check_code=1)
        assert b"empty.txt: empty file" in result.stderr
    seedread("quotes", str(corpus), cache=cache, check_code=0)  # without --strict


def test_a_broken_pipe_is_quiet_in_every_format(hostile: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    for number in range(400):
        write(corpus / f"{number:03}.txt", QUOTE.format(payload="again") * 3)
    cache = tmp_path / "cache"
    seedread("index", str(corpus), cache=cache)
    for fmt in ("jsonl", "csv", "table"):
        command = (f"{sys.executable} -m tui quotes {corpus} --format {fmt} "
                   f"--cache-dir {cache} | head -c 100 >/dev/null")
        result = subprocess.run(["bash", "-c", "set -o pipefail; " + command],
                                capture_output=True, cwd=ROOT, timeout=60)
        assert result.stderr == b"", result.stderr
        assert result.returncode == 0


def test_ctrl_c_while_printing_exits_130_without_a_traceback(tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    for number in range(300):
        write(corpus / f"{number:03}.txt", QUOTE.format(payload="again") * 20)
    cache = tmp_path / "cache"
    seedread("index", str(corpus), cache=cache)
    command = [sys.executable, "-m", "tui", "quotes", str(corpus), "--format", "jsonl",
               "--cache-dir", str(cache)]
    # A reader that never reads: the writer blocks on a full pipe, then gets Ctrl-C.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=ROOT)
    time.sleep(1.5)
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    process.stdout.close()  # type: ignore[union-attr]
    err = process.stderr.read()  # type: ignore[union-attr]
    process.wait(timeout=20)
    assert time.monotonic() - started < 10
    assert process.returncode == 130, err
    assert b"Traceback" not in err
    inert(err)


def test_a_corrupted_index_is_rebuilt_and_the_corpus_untouched(hostile: Path,
                                                               tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = seedread("quotes", str(hostile), "--format", "jsonl", cache=cache)
    before = snapshot(hostile)
    for index in cache.glob("index-*"):
        index.write_bytes(b"this is not a database" * 100)
    again = seedread("quotes", str(hostile), "--format", "jsonl", cache=cache)
    inert(again.stderr)
    assert again.stdout == first.stdout
    assert snapshot(hostile) == before


def test_a_cache_that_cannot_be_written_keeps_the_index_in_memory(hostile: Path,
                                                                  tmp_path: Path) -> None:
    blocker = write(tmp_path / "not-a-dir", "a file where the cache folder should be")
    first = seedread("quotes", str(hostile), "--format", "jsonl", cache=tmp_path / "c")
    result = seedread("quotes", str(hostile), "--format", "jsonl", cache=blocker / "sub")
    assert result.stdout == first.stdout
    assert b"keeping it in memory" in result.stderr
    inert(result.stderr)


def test_a_full_cache_disk_carries_on_in_memory(tmp_path: Path) -> None:
    """A full disk, simulated with a file size limit (RLIMIT_FSIZE) on the process: the
    index cannot grow past 256 kB. The run carries on in memory and prints everything; the
    next run, without the limit, uses the index file as the failed run left it."""
    import resource

    corpus = tmp_path / "corpus"
    for number in range(200):
        write(corpus / f"{number:03}.txt", QUOTE.format(payload=f"number {number}") * 30)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))

    cache = tmp_path / "cache"
    expected = seedread("quotes", str(corpus), "--format", "jsonl", "--no-cache").stdout
    result = seedread("quotes", str(corpus), "--format", "jsonl", cache=cache,
                      preexec_fn=limit)
    errors = inert(result.stderr)
    assert result.stdout == expected
    assert "carrying on with it in memory" in errors and "--cache-dir" in errors, errors
    again = seedread("index", str(corpus), cache=cache)
    assert inert(again.stderr) == ""  # no damage found, nothing to say
    assert b" new, 0 changed, 0 removed, " in again.stdout
    assert seedread("quotes", str(corpus), "--format", "jsonl", cache=cache).stdout == expected


def test_two_processes_at_once_agree(hostile: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "tui", "quotes", str(hostile), "--format", "jsonl",
               "--cache-dir", str(cache)]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  cwd=ROOT) for _ in range(2)]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results[0][1] + results[1][1]
    assert results[0][0] == results[1][0] and results[0][0]
    for _, err in results:
        assert b"Traceback" not in err
        inert(err)


def test_unreadable_files_and_folders_are_reported(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads anything: permissions cannot be tested")
    corpus = tmp_path / "corpus"
    write(corpus / "good.txt", 'Ann Lee said "all is well," she said.')
    secret = write(corpus / "secret.txt", "x")
    locked = corpus / "locked"
    locked.mkdir()
    secret.chmod(0)
    locked.chmod(0)
    try:
        result = seedread("quotes", str(corpus), cache=tmp_path / "cache")
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    assert b"secret.txt: permission denied" in result.stderr
    assert b"locked: permission denied" in result.stderr


def test_a_file_that_vanishes_or_changes_while_indexed(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """In process: a file found, then removed (or rewritten) before it is read."""
    from tui.core import corpus as corpus_module
    from tui.core.index import CorpusIndex

    corpus = tmp_path / "corpus"
    for number in range(5):
        write(corpus / f"{number}.txt", f'Ann Lee said "article {number} is here," she said.')
    real = corpus_module.analyse_file
    seen: list[str] = []

    def meddling(path: Path):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        if path.name == "1.txt":
            path.unlink()
        elif path.name == "2.txt":
            path.write_text('Bob Roe said "I changed meanwhile," he said.')
        return real(path)

    import tui.core.index.refresh as refresh

    monkeypatch.setattr(refresh, "analyse_file", meddling)
    with CorpusIndex.open([corpus], tmp_path / "cache") as index:
        index.refresh()
        problems = [str(p) for p in index.problems()]
        titles = [index.document(row.id).text for row in index.rows()]
    assert any("1.txt: no such file" in p for p in problems)
    assert any("I changed meanwhile" in t for t in titles)
    monkeypatch.undo()
    with CorpusIndex.open([corpus], tmp_path / "cache") as index:
        index.refresh()
        assert len(index.rows()) == 4


def test_permission_denied_simulated_for_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The same as above where the tests run as root (who reads anything): ``open`` and
    ``os.scandir`` refuse one file and one folder, in process, through ``main``."""
    import builtins

    import tui.core.loaders as loaders
    from tui.cli import main

    corpus = tmp_path / "corpus"
    write(corpus / "good.txt", 'Ann Lee said "all is well," she said.')
    secret = write(corpus / "secret.txt", "x")
    (corpus / "locked").mkdir()
    real_open, real_scandir = builtins.open, os.scandir

    def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(secret):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def refusing_scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(loaders, "open", refusing_open, raising=False)
    monkeypatch.setattr(os, "scandir", refusing_scandir)
    code = main(["quotes", str(corpus), "--format", "jsonl", "--strict", "--cache-dir",
                 str(tmp_path / "cache")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "secret.txt: permission denied" in err and "locked: permission denied" in err
    assert "all is well" in out


def test_a_file_of_a_million_bad_lines_lists_100_problems(tmp_path: Path) -> None:
    """300,000 broken JSON lines: the first 100 are listed, the rest counted in one line."""
    feed = write(tmp_path / "corpus" / "feed.jsonl",
                 "{bad\n" * 300_000 + json.dumps({"text": 'Ann said "kept," she said.'}) + "\n")
    result = seedread("quotes", str(feed.parent), "--format", "jsonl", cache=tmp_path / "c")
    errors = inert(result.stderr).splitlines()
    assert len(errors) == 101
    assert errors[-1].endswith("feed.jsonl: 299,900 more problems like these, not listed")
    assert b"kept" in result.stdout


class _Terminal(io.StringIO):
    """An output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("fmt", ["csv", "table", "jsonl"])
def test_output_to_a_terminal_is_inert_in_every_format(fmt: str) -> None:
    """On a terminal even CSV cells are made visible; only seedread's own styling (SGR
    colour codes of the table header) may remain."""
    from tui.cli.printers import print_quotes, print_speakers
    from tui.core.corpus import bounded_quotations

    text = QUOTE.format(payload=PAYLOAD + " " + MARKED)
    doc = Document(path="name" + CONTROLS["title"] + ".txt", text=text,
                   title=CONTROLS["clipboard"] + MARKED, date="2016-03-05")
    doc.quotations, _ = bounded_quotations(text)
    assert doc.quotations
    for printer in (print_quotes, print_speakers):
        out = _Terminal()
        printer([doc], fmt, out)
        shown = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())  # the table's own styles
        assert not FORBIDDEN.search(shown.replace("\r\n", "\n")), repr(shown[:300])
        assert "PWNED" in shown or printer is print_speakers
