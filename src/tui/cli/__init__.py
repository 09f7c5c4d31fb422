"""The ``seedread`` command: the app by default, and scriptable commands over the core.

Each command is a thin call into :mod:`tui.core`; the app is imported only when it runs,
so scripted use starts fast and never touches the terminal's screen.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from tui import __version__
from tui.cli.indexing import documents_of, open_index, refresh_for_command, run_index
from tui.cli.printers import print_quotes, print_search, print_speaker_catalog
from tui.core.corpus import bundled_seeds, default_jobs
from tui.core.index.location import CACHE_ENV
from tui.core.loaders import is_note
from tui.core.loaders.discover import os_reason
from tui.core.model import Problem
from tui.core.textsafe import one_line
from tui.keys import help_groups, help_lines
from tui.launch import INTERRUPTED, leave

_DEFAULT_PORT = 8000

COMMANDS = ("quotes", "speakers", "search", "index")

_DESCRIPTION = """\
A terminal reader for news corpora that shows who said what.

  seedread [PATH ...]              open the reader (no PATH: the bundled seeds/)
  seedread quotes [PATH ...]       print every quotation (--format jsonl|csv|table)
  seedread speakers [PATH ...]     print every speaker (--format jsonl|csv|table)
  seedread search QUERY [PATH ...] print what matches QUERY (--scope docs|quotes|speakers)
  seedread index [PATH ...]        build or refresh the index of PATH (--jobs N processes)
  seedread --serve [PATH ...]      serve the reader to a web browser on localhost (--port N)

PATH is a file or a folder (read recursively; hidden files skipped). Formats: news text
(.txt, with a TASS-style dateline or a title line), Markdown (.md), JSON lines (.jsonl),
JSON (.json) and CSV (.csv) with the usual field names. Files that cannot be read are
skipped with a reason on stderr; seedread never writes to your files.

Exit codes: 0 done, 1 some input was skipped (only with --strict) or the output could not
be written, 2 usage error (a bad option, or no PATH exists), 130 interrupted (Ctrl-C).

What was read is kept in an index (SQLite) in your cache directory, so unchanged files are
never read twice: --cache-dir DIR (or $SEEDREAD_CACHE_DIR) puts it elsewhere, --no-cache
keeps it in memory and writes nothing. Every command takes both options. A cache directory
that is read-only or full keeps the index in memory for the run, with a message.
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose error messages are inert (an argument may hold escape
    sequences) and say where help is."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error, then exit with status 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n"
                     f"(run '{self.prog} --help' for the options)\n")


def _count(text: str) -> int:
    """A non-negative whole number (for ``--limit``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def _keys_epilog() -> str:
    """The reader's keys (as the config file remaps them), and where that file is."""
    import textwrap

    from tui.core.settings.config import load_config
    from tui.core.settings.paths import config_file, state_directory
    from tui.keys import ARTICLE_KEY_IDS, KEYS, SCREEN_KEY_IDS, binding_ids, clashes

    path = config_file()
    config = load_config(path, binding_ids())
    config.messages += clashes(config.keymap)
    width = max(len(keys) for keys, _ in help_lines(config.keymap))
    groups = "\n\n".join(
        f"{title}:\n" + "\n".join(f"  {keys.ljust(width)}  {description}"
                                  for keys, description in lines)
        for title, lines in help_groups(config.keymap))
    ids = textwrap.fill(" ".join([*(key.id for key in KEYS), *ARTICLE_KEY_IDS,
                                   *SCREEN_KEY_IDS]), width=86,
                        initial_indent="  ", subsequent_indent="  ",
                        break_on_hyphens=False)
    problems = "".join(f"{one_line(message)}\n" for message in config.messages)
    return (groups +
            f"\n\nKeys are remapped by id in {one_line(str(path))} (TOML), e.g.\n"
            '  [keys]\n  copy-quote = "c"\n  export = ["ctrl+e", "e"]\n'
            f"with these ids:\n{ids}\n{problems}"
            f"Search history and the theme are kept in {one_line(str(state_directory()))}.\n")


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to read (default: the bundled seeds/)")


def _add_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache-dir", metavar="DIR",
                        help=f"keep the index in DIR (default: ${CACHE_ENV}, else the "
                             "user's cache directory)")
    parser.add_argument("--no-cache", action="store_true",
                        help="keep the index in memory; write nothing")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser (used for the app and for ``--help``/``--version``)."""
    parser = _Parser(
        prog="seedread", description=_DESCRIPTION, epilog=_keys_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"seedread {__version__}")
    parser.add_argument("--serve", action="store_true",
                        help="serve the reader to a web browser on localhost instead "
                             "(textual-serve); stop with Ctrl-C")
    parser.add_argument("--port", type=_port, default=_DEFAULT_PORT,
                        help=f"the port --serve listens on (default {_DEFAULT_PORT})")
    _add_cache(parser)
    _add_paths(parser)
    return parser


def _port(text: str) -> int:
    """A TCP port number (for ``--port``)."""
    value = _count(text)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {value}")
    return value


def build_command_parser(command: str) -> argparse.ArgumentParser:
    """The parser for one scripted command."""
    parser = _Parser(prog=f"seedread {command}",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    if command == "search":
        parser.description = "Print the documents, quotations or speakers matching QUERY."
        parser.add_argument("query", metavar="QUERY",
                            help="words to find; typos and accents are tolerated")
        parser.add_argument("--scope", choices=("docs", "quotes", "speakers"), default="docs")
        parser.add_argument("--limit", type=_count, default=20, help="at most N results (0: all)")
        parser.add_argument("--format", choices=("jsonl", "table"), default="table")
    elif command == "index":
        parser.description = (
            "Build or refresh the index of PATH: read new and changed files, forget removed "
            "ones. Progress goes to stderr, a summary to stdout.")
    else:
        parser.description = {
            "quotes": "Print every quotation with its speaker, cue and character offsets.",
            "speakers": "Print every speaker: one entry per person across the corpus.",
        }[command]
        parser.add_argument("--format", choices=("jsonl", "csv", "table"), default="table")
    parser.add_argument("--jobs", "-j", type=_count, default=1, metavar="N",
                        help="spread the work over N processes (0: one per core)")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when any input was skipped, wholly or in "
                             "part (problems are listed on stderr either way)")
    _add_cache(parser)
    _add_paths(parser)
    return parser


def _report(problem: Problem) -> None:
    kind = "note:" if is_note(problem) else "skipped"
    print(f"seedread: {kind} {one_line(str(problem))}", file=sys.stderr)


def _missing(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if not os.path.lexists(p)]


def _no_such_paths(missing: Sequence[str]) -> str:
    return (f"seedread: no such file or folder: {one_line(', '.join(missing))}\n"
            "Give files or folders of articles, or no PATH for the bundled seeds.")


def _status(problems: Sequence[Problem], strict: bool) -> int:
    """1 when ``strict`` and some input was skipped (notes do not count), else 0."""
    return 1 if strict and any(not is_note(problem) for problem in problems) else 0


def run_command(command: str, argv: Sequence[str], out: TextIO) -> int:
    """Run a scripted command; returns the exit code."""
    args = build_command_parser(command).parse_args(argv)
    missing = _missing(args.paths)
    if missing and len(missing) == len(args.paths):
        print(_no_such_paths(missing), file=sys.stderr)
        return 2
    paths = args.paths or [str(bundled_seeds())]
    jobs = default_jobs() if args.jobs <= 0 else args.jobs
    if command == "index":
        reported: set[Problem] = set()

        def report(problem: Problem) -> None:
            reported.add(problem)
            _report(problem)

        code, problems = run_index(paths, jobs, args.cache_dir, args.no_cache, report, out)
        if args.strict:  # say why the status is 1, also for files read in an earlier run
            for problem in problems:
                if problem not in reported:
                    _report(problem)
        return code or _status(problems, args.strict)
    with open_index(paths, args.cache_dir, args.no_cache) as index:
        if refresh_for_command(index, jobs, plain=False).cancelled:
            return 130
        problems = index.problems()
        for problem in problems:
            _report(problem)
        if command == "quotes":
            print_quotes(documents_of(index), args.format, out)
        elif command == "speakers":
            print_speaker_catalog(index, args.format, out)
        else:
            print_search(index, args.query, args.scope, args.limit, args.format, out)
    return _status(problems, args.strict)


def run_app(paths: Sequence[str], cache_dir: str | None = None, no_cache: bool = False) -> int:
    """Start the reader on ``paths`` (the bundled seeds when empty).

    New and changed files are indexed over every core, in the background.
    """
    from tui.app.app import SeedreadApp

    missing = _missing(paths)
    if paths and len(missing) == len(paths):
        print(_no_such_paths(missing), file=sys.stderr)
        return 2
    targets = list(paths) or [str(bundled_seeds())]
    label = "seeds" if not paths else (Path(paths[0]).name or paths[0])
    if len(paths) > 1:
        label += f" +{len(paths) - 1}"
    app = SeedreadApp(targets, label=label, cache_dir=Path(cache_dir) if cache_dir else None,
                      no_cache=no_cache, jobs=default_jobs())
    interrupted = []

    def interrupt(signum: int, frame: object) -> None:
        # In the app Ctrl-C is a key (the terminal is raw); a SIGINT comes from elsewhere
        # (kill -INT). Quit as the key does, so that the terminal is restored, then say 130.
        interrupted.append(signum)
        loop = app._loop
        if loop is None or loop.is_closed():
            raise KeyboardInterrupt
        loop.call_soon_threadsafe(app.exit, None, INTERRUPTED)

    previous = signal.signal(signal.SIGINT, interrupt) if _main_thread() else None
    try:
        app.run()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return INTERRUPTED if interrupted else app.return_code or 0


def _main_thread() -> bool:
    """Whether this is the main thread (the only one that may set signal handlers)."""
    return threading.current_thread() is threading.main_thread()


def _catch_interrupts() -> None:
    """From here Ctrl-C raises KeyboardInterrupt, which :func:`main` turns into status 130
    (until now :func:`tui.launch.leave` ended the process at once)."""
    if _main_thread() and signal.getsignal(signal.SIGINT) is leave:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``seedread`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A character the output's encoding cannot carry becomes "?", never a traceback.
        sys.stdout.reconfigure(errors="replace")
    try:
        _catch_interrupts()
        if argv and argv[0] in COMMANDS:
            code = run_command(argv[0], argv[1:], sys.stdout)
            sys.stdout.flush()  # here, so that a closed pipe is met inside the try
            return code
        args = build_parser().parse_args(argv)
        if args.serve:
            from tui.cli.serve import serve

            return serve(args.paths, args.port, args.cache_dir, args.no_cache)
        return run_app(args.paths, args.cache_dir, args.no_cache)
    except BrokenPipeError:
        # The reader of our output went away (``| head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return INTERRUPTED
    except sqlite3.Error as exc:
        # The index failed under us (a full disk, say): say what to do rather than show a
        # traceback. Nothing of the user's was written to.
        print(f"seedread: the index failed ({one_line(str(exc)) or type(exc).__name__}); "
              "free some space in the cache directory, give another with --cache-dir, or "
              "run with --no-cache", file=sys.stderr)
        return 1
    except OSError as exc:  # writing the output failed (a full disk), or the like
        print(f"seedread: {one_line(os_reason(exc))}", file=sys.stderr)
        return 1
