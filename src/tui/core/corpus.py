"""Open a corpus: load documents, extract their quotations, collect problems.

The one entry point the app and the command line share, so both see the same documents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tui
from tui.core.loaders import load_paths
from tui.core.model import Document, Problem
from tui.core.quotes import extract_quotations

ProgressCallback = Callable[[int, int], None]


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


def open_corpus(
    paths: Sequence[str | Path],
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: ProgressCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Corpus:
    """Load ``paths`` and extract every document's quotations.

    ``on_progress(done, total)`` is called as documents are processed; ``should_stop()``
    is polled between documents, and what was done so far is returned when it says stop.
    A document the engine fails on keeps its text and gets a problem, never a crash.
    """
    result = load_paths(list(paths), on_problem=on_problem)
    corpus = Corpus(problems=list(result.problems), paths=[str(p) for p in paths])
    total = len(result.documents)
    for done, doc in enumerate(result.documents, 1):
        if should_stop is not None and should_stop():
            break
        try:
            doc.quotations = extract_quotations(doc.text)
        except Exception as exc:  # the engine must never take the corpus down with it
            problem = Problem(doc.doc_id, f"quotation extraction failed ({exc!r}); text shown")
            corpus.problems.append(problem)
            if on_problem is not None:
                on_problem(problem)
        corpus.documents.append(doc)
        if on_progress is not None:
            on_progress(done, total)
    return corpus
