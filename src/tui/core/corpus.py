"""Open a corpus: find files, load their documents, extract quotations, collect problems.

The one entry point the app and the command line share, so both see the same documents.
Work is done file by file, in this process or spread over ``jobs`` processes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import tui
from tui.core.loaders import discover, load_file, sort_key
from tui.core.model import Document, Problem, Quotation, Span
from tui.core.quotes import extract_quotations

ProgressCallback = Callable[[int, int], None]
#: Quotations are looked for in runs of whole paragraphs of at most this many characters...
QUOTE_CHUNK = 100_000
#: ...where a paragraph longer than this...
LONG_PARAGRAPH = 20_000
#: ...is searched in pieces of this many characters...
PIECE = 5_000
#: ...only in an article's first this many characters...
QUOTE_LIMIT = 1_000_000
#: ...and no piece is begun after this many seconds (CPU time) on one article.
QUOTE_SECONDS = 10.0
_CHUNK = 16  # files per task when spread over processes: amortises pickling


@dataclass(slots=True)
class Corpus:
    """Documents in display order, with their quotations, and what could not be read."""

    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    @property
    def quotation_count(self) -> int:
        """Quotations across every document."""
        return sum(len(doc.quotations) for doc in self.documents)


def bundled_seeds() -> Path:
    """The bundled ``seeds/`` corpus: inside the installed package, or beside ``src/``."""
    package_dir = Path(tui.__file__).resolve().parent
    for candidate in (package_dir / "seeds", package_dir.parent.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return package_dir / "seeds"


def analyse_file(path: Path) -> tuple[list[Document], list[Problem]]:
    """Load one file and extract the quotations of each of its documents.

    A document the engine fails on keeps its text and gets a problem, never a crash; one
    too long for it is searched in part (see :func:`bounded_quotations`), with a note.
    """
    documents, problems = load_file(path)
    for doc in documents:
        try:
            doc.quotations, searched = bounded_quotations(doc.text)
        except Exception as exc:  # the engine must never take the corpus down with it
            problems.append(Problem(doc.doc_id, f"quotation extraction failed ({exc!r}); "
                                                "text shown without quotations"))
            continue
        if searched < min(len(doc.text), QUOTE_LIMIT):
            problems.append(Problem(doc.doc_id, "quotations looked for in the first "
                                                f"{searched:,} characters only (the search "
                                                f"took over {QUOTE_SECONDS:.0f} s)"))
        elif searched < len(doc.text):
            problems.append(Problem(doc.doc_id, "quotations looked for in the first "
                                                f"{QUOTE_LIMIT // 1_000_000} MB only"))
    return documents, problems


def bounded_quotations(text: str, seconds: float | None = None
                       ) -> tuple[list[Quotation], int]:
    """``extract_quotations`` at a bounded cost: the quotations, and how far into ``text``
    they were looked for.

    The engine's time grows faster than the text, above all within a paragraph (a 700 kB
    article takes seconds; 8 kB of "said said …" takes two). So a text over
    ``LONG_PARAGRAPH`` characters is searched in pieces, each on its own (a pronoun cannot
    reach back past a cut): runs of whole paragraphs up to ``QUOTE_CHUNK`` characters,
    and a paragraph longer than ``LONG_PARAGRAPH`` in pieces of ``PIECE`` cut at a line
    break, sentence end or space. Nothing past ``QUOTE_LIMIT`` is searched, and no piece
    is begun once ``seconds`` (default ``QUOTE_SECONDS``) of CPU time have gone.
    """
    if len(text) <= LONG_PARAGRAPH:
        return extract_quotations(text), len(text)
    budget = QUOTE_SECONDS if seconds is None else seconds
    deadline = time.process_time() + budget
    quotations: list[Quotation] = []
    start = 0
    end_all = min(len(text), QUOTE_LIMIT)
    while start < end_all and time.process_time() < deadline:
        end = _cut(text, start, min(start + QUOTE_CHUNK, end_all), end_all)
        for quote in extract_quotations(text[start:end]):
            quotations.append(_shifted(quote, start))
        start = end
    return quotations, start


def _cut(text: str, start: int, stop: int, end_all: int) -> int:
    """Where the piece beginning at ``start`` ends, at most at ``stop``: after the last
    whole paragraph that fits, none of them longer than ``LONG_PARAGRAPH``; or, when a
    longer paragraph begins the piece, within it (at most ``PIECE`` characters)."""
    pos = start
    while pos < stop:
        found = text.find("\n\n", pos, min(stop, pos + LONG_PARAGRAPH + 2))
        if found >= 0:
            pos = found + 2
            continue
        if stop == end_all and stop - pos <= LONG_PARAGRAPH:
            return stop  # the last paragraph searched, and a short one
        if pos > start:
            return pos  # the next paragraph is long, or does not fit: it begins a piece
        return _cut_long(text, start, min(stop, start + PIECE))
    return pos


def _cut_long(text: str, start: int, limit: int) -> int:
    """A cut in a long paragraph: the last line break, sentence end or space in the back
    half of ``[start, limit)``, else ``limit``."""
    if limit >= len(text):
        return limit
    floor = start + (limit - start) // 2
    for mark in ("\n", ". ", " "):
        found = text.rfind(mark, floor, limit)
        if found >= 0:
            return found + len(mark)
    return limit


def _shifted(quote: Quotation, offset: int) -> Quotation:
    def move(span: Span | None) -> Span | None:
        return None if span is None else (span[0] + offset, span[1] + offset)

    return replace(quote, spans=tuple((s + offset, e + offset) for s, e in quote.spans),
                   cue=move(quote.cue), mention=move(quote.mention))


def _analyse_chunk(paths: list[Path]) -> list[tuple[list[Document], list[Problem]]]:
    return [analyse_file(path) for path in paths]


def _results(files: list[Path], jobs: int) -> Iterator[tuple[list[Document], list[Problem]]]:
    """Each file's result, in file order."""
    if jobs <= 1 or len(files) < 2 * _CHUNK:
        for path in files:
            yield analyse_file(path)
        return
    chunks = [files[i : i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for chunk_result in pool.map(_analyse_chunk, chunks):
            yield from chunk_result


def default_jobs() -> int:
    """The number of processes to use when asked for ``--jobs 0`` (all cores)."""
    return max(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1), 1)


def open_corpus(
    paths: Sequence[str | Path],
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: ProgressCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
    jobs: int = 1,
) -> Corpus:
    """Load ``paths`` and extract every document's quotations.

    ``on_progress(done, total)`` counts files; ``should_stop()`` is polled between files,
    and what was done so far is returned when it says stop. ``jobs`` > 1 spreads files
    over that many processes (results are identical, in the same order).
    """
    corpus = Corpus(paths=[str(p) for p in paths])

    def report(problem: Problem) -> None:
        corpus.problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    files, problems = discover(list(paths))
    for problem in problems:
        report(problem)
    total = len(files)
    for done, (documents, file_problems) in enumerate(_results(files, jobs), 1):
        corpus.documents.extend(documents)
        for problem in file_problems:
            report(problem)
        if on_progress is not None:
            on_progress(done, total)
        if should_stop is not None and should_stop():
            break
    corpus.documents.sort(key=sort_key)
    return corpus
