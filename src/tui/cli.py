"""The ``seedread`` command: the app by default, and scriptable commands over the core.

Each command is a thin call into :mod:`tui.core`; the app is imported only when it runs,
so scripted use starts fast and never touches the terminal's screen.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from tui import __version__
from tui.core.corpus import Corpus, bundled_seeds, default_jobs, open_corpus
from tui.core.export import CSV_FIELDS, quotation_records
from tui.core.model import Problem
from tui.core.textsafe import one_line
from tui.keys import help_lines

COMMANDS = ("quotes", "speakers", "search")

_DESCRIPTION = """\
A terminal reader for news corpora that shows who said what.

  seedread [PATH ...]              open the reader (no PATH: the bundled seeds/)
  seedread quotes [PATH ...]       print every quotation (--format jsonl|csv|table)
  seedread speakers [PATH ...]     print every speaker (--format jsonl|csv|table)
  seedread search QUERY [PATH ...] print what matches QUERY (--scope docs|quotes|speakers)

PATH is a file or a folder (read recursively; hidden files skipped). Formats: news text
(.txt, with a TASS-style dateline or a title line), Markdown (.md), JSON lines (.jsonl),
JSON (.json) and CSV (.csv) with the usual field names. Files that cannot be read are
skipped with a reason on stderr; seedread never writes to your files.
"""


def _keys_epilog() -> str:
    width = max(len(keys) for keys, _ in help_lines())
    lines = [f"  {keys.ljust(width)}  {description}" for keys, description in help_lines()]
    return "keys in the reader:\n" + "\n".join(lines)


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to read (default: the bundled seeds/)")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser (used for the app and for ``--help``/``--version``)."""
    parser = argparse.ArgumentParser(
        prog="seedread", description=_DESCRIPTION, epilog=_keys_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"seedread {__version__}")
    _add_paths(parser)
    return parser


def build_command_parser(command: str) -> argparse.ArgumentParser:
    """The parser for one scripted command."""
    parser = argparse.ArgumentParser(prog=f"seedread {command}",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    if command == "search":
        parser.description = "Print the documents, quotations or speakers matching QUERY."
        parser.add_argument("query", metavar="QUERY",
                            help="words to find; typos and accents are tolerated")
        parser.add_argument("--scope", choices=("docs", "quotes", "speakers"), default="docs")
        parser.add_argument("--limit", type=int, default=20, help="at most N results (0: all)")
        parser.add_argument("--format", choices=("jsonl", "table"), default="table")
    else:
        parser.description = {
            "quotes": "Print every quotation with its speaker, cue and character offsets.",
            "speakers": "Print every speaker: one entry per person across the corpus.",
        }[command]
        parser.add_argument("--format", choices=("jsonl", "csv", "table"), default="table")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="spread the work over N processes (0: one per core)")
    _add_paths(parser)
    return parser


def _report(problem: Problem) -> None:
    print(f"seedread: skipped {one_line(str(problem))}", file=sys.stderr)


def _open(paths: Sequence[str], jobs: int = 1) -> Corpus:
    jobs = default_jobs() if jobs <= 0 else jobs
    return open_corpus(paths or [str(bundled_seeds())], on_problem=_report, jobs=jobs)


def _missing(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if not os.path.lexists(p)]


def _table(rows: Iterable[Sequence[str]], headers: Sequence[str], out: TextIO) -> None:
    """A plain table, every cell made inert (no markup, no control characters)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*headers, box=None, pad_edge=False, header_style="bold")
    for row in rows:
        table.add_row(*(Text(one_line(cell)) for cell in row))
    width = None if out.isatty() else 200
    Console(file=out, width=width, soft_wrap=False).print(table)


def _print_quotes(corpus: Corpus, fmt: str, out: TextIO) -> None:
    records = quotation_records(corpus.documents)
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow(record)
    else:
        rows = ([r["speaker"] or "(unattributed)", r["kind"], r["date"] or "",
                 r["text"][:100], r["title"][:50]] for r in records)
        _table(rows, ("speaker", "kind", "date", "quotation", "article"), out)


def _print_speakers(corpus: Corpus, fmt: str, out: TextIO) -> None:
    from tui.core.speakers import build_speakers

    speakers = build_speakers(corpus.documents)
    records = [{"name": s.name, "role": s.role, "aliases": sorted(s.aliases),
                "quotations": s.quotations, "articles": s.articles,
                "first_date": s.first_date, "last_date": s.last_date} for s in speakers]
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(["name", "role", "aliases", "quotations", "articles", "first_date",
                         "last_date"])
        for r in records:
            writer.writerow([r["name"], r["role"] or "", "; ".join(r["aliases"]),
                             r["quotations"], r["articles"], r["first_date"] or "",
                             r["last_date"] or ""])
    else:
        rows = ([r["name"], r["role"] or "", str(r["quotations"]), str(r["articles"]),
                 r["first_date"] or "", r["last_date"] or ""] for r in records)
        _table(rows, ("speaker", "role", "quotes", "articles", "first", "last"), out)


def _print_search(corpus: Corpus, args: argparse.Namespace, out: TextIO) -> None:
    from tui.core.search import SearchIndex

    index = SearchIndex(corpus.documents)
    limit = args.limit or None
    docs = corpus.documents
    records: list[dict]
    if args.scope == "docs":
        records = [{"doc_id": docs[h.doc].doc_id, "title": docs[h.doc].title,
                    "date": docs[h.doc].date, "source": docs[h.doc].source,
                    "score": round(h.score, 2), "field": h.field}
                   for h in index.search(args.query, limit=limit)]
        headers = ("score", "date", "field", "title", "doc_id")
        keys = ("score", "date", "field", "title", "doc_id")
    elif args.scope == "quotes":
        records = []
        for h in index.search_quotes(args.query, limit=limit):
            doc = docs[h.doc]
            quote = doc.quotations[h.quote]
            records.append({"doc_id": doc.doc_id, "title": doc.title, "date": doc.date,
                            "speaker": quote.speaker, "kind": quote.kind,
                            "text": quote.content(doc.text), "start": quote.start,
                            "end": quote.end, "score": round(h.score, 2)})
        headers = ("score", "speaker", "date", "quotation", "title")
        keys = ("score", "speaker", "date", "text", "title")
    else:
        records = [{"name": h.name, "quotations": h.count, "score": round(h.score, 2)}
                   for h in index.search_speakers(args.query, limit=limit)]
        headers = ("score", "speaker", "quotations")
        keys = ("score", "name", "quotations")
    if args.format == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        _table(([str(r[k] if r[k] is not None else "")[:100] for k in keys] for r in records),
               headers, out)


def run_command(command: str, argv: Sequence[str], out: TextIO) -> int:
    """Run a scripted command; returns the exit code."""
    args = build_command_parser(command).parse_args(argv)
    missing = _missing(args.paths)
    if missing and len(missing) == len(args.paths):
        print(f"seedread: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    corpus = _open(args.paths, args.jobs)
    if command == "quotes":
        _print_quotes(corpus, args.format, out)
    elif command == "speakers":
        _print_speakers(corpus, args.format, out)
    else:
        _print_search(corpus, args, out)
    return 0


def run_app(paths: Sequence[str]) -> int:
    """Start the reader on ``paths`` (the bundled seeds when empty)."""
    from tui.app.app import SeedreadApp

    missing = _missing(paths)
    if paths and len(missing) == len(paths):
        print(f"seedread: no such file or folder: {', '.join(missing)}\n"
              "Give files or folders of articles, or no PATH for the bundled seeds.",
              file=sys.stderr)
        return 2
    targets = list(paths) or [str(bundled_seeds())]
    label = "seeds" if not paths else (Path(paths[0]).name or paths[0])
    if len(paths) > 1:
        label += f" +{len(paths) - 1}"
    SeedreadApp(targets, label=label).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``seedread`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            return run_command(argv[0], argv[1:], sys.stdout)
        args = build_parser().parse_args(argv)
        return run_app(args.paths)
    except BrokenPipeError:
        # The reader of our output went away (``| head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
