"""Open a corpus: find files, load their documents, extract quotations, collect problems.

The one entry point the app and the command line share, so both see the same documents.
Work is done file by file, in this process or spread over ``jobs`` processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import tui
from tui.core.loaders import discover, load_file, sort_key
from tui.core.model import Document, Problem
from tui.core.quotes import extract_quotations

ProgressCallback = Callable[[int, int], None]
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

    A document the engine fails on keeps its text and gets a problem, never a crash.
    """
    documents, problems = load_file(path)
    for doc in documents:
        try:
            doc.quotations = extract_quotations(doc.text)
        except Exception as exc:  # the engine must never take the corpus down with it
            problems.append(Problem(doc.doc_id, f"quotation extraction failed ({exc!r}); "
                                                "text shown without quotations"))
    return documents, problems


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
