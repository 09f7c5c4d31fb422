"""Direct and mixed quotations: text inside quotation marks.

Quoted runs come from :mod:`.marks`. Each run is either *standalone* (it opens a sentence,
follows a colon, or follows its attribution: ``He said, "…"``) or *embedded* in a sentence
of the writer's (``Trump said the plan was "a disaster" and must go``).

* Standalone runs that follow each other with only their attribution between them
  (``"We will win," he said, "and soon."`` or ``"…," he said. "…"``) are one quotation.
* An embedded run inside a reported clause (:mod:`.clauses`) makes that clause a *mixed*
  quotation; several runs in one clause make one quotation.
* An embedded run outside any reported clause is a scare quote, a title, a name or a
  nickname unless it is long enough to be speech on its own; short ones are dropped.
"""

from __future__ import annotations

import re

from tui.core.model import DIRECT, MIXED, Quotation, Span
from tui.core.quotes.clauses import Clause, reported_clauses
from tui.core.quotes.marks import QuotedRun, pair_marks

#: Embedded runs shorter than this many words are kept only inside a reported clause.
MIN_FREE_WORDS = 6
#: An attribution between two parts of one quotation has at most this many words.
MAX_ATTRIBUTION_WORDS = 30

_WORD = re.compile(r"\w[\w’'-]*")
_CUE_WORD = re.compile(
    r"\b(?:said|says|say|saying|added|adds|told|tells|wrote|writes|continued|continues|asked|"
    r"asks|explained|noted|argued|insisted|recalled|replied|responded|declared|stated|"
    r"tweeted|warned|joked|concluded|according to|went on|quipped|conceded|acknowledged|"
    r"remarked|observed|complained|admitted|reiterated|predicted|cautioned|offered)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[\"“‘'(]*[A-Z]")


def _words(text: str, start: int, end: int) -> int:
    return sum(1 for _ in _WORD.finditer(text, start, end))


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _is_attribution(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (between two quoted runs) holds only an attribution."""
    gap = text[start:end]
    if "\n" in gap:
        return False
    if not gap.strip(" \t,.;:—–-"):
        return True
    if gap.rstrip().endswith(":"):
        return False  # ``Smith said: "…"`` introduces the next quotation, not this one
    if _words(text, start, end) > MAX_ATTRIBUTION_WORDS or not _CUE_WORD.search(gap):
        return False
    # One sentence at most: the attribution itself (``he said.``) and nothing after it.
    return len(_SENTENCE_BREAK.findall(gap.rstrip())) == 0


def _standalone(text: str, run: QuotedRun, prev_close: int | None) -> bool:
    """Whether ``run`` stands as an utterance of its own rather than inside a sentence."""
    i = run.open - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    ch = text[i]
    if ch in ".!?:" or ch in "\"”»'’)":
        return True
    if ch in ",—–-":
        # ``He said, "…"`` or ``"…," he said, "…"``: an attribution just before it.
        start = max(prev_close or 0, _line_start(text, run.open))
        cut = max(text.rfind(stop, start, i) for stop in (". ", "? ", "! "))
        start = max(start, cut + 1)
        return _words(text, start, i) <= MAX_ATTRIBUTION_WORDS and bool(
            _CUE_WORD.search(text, start, i)
        )
    return False


def _clause_of(span: Span, clauses: list[Clause]) -> Clause | None:
    """The reported clause whose content holds ``span``, the tightest one if several do.

    The clause may end a little before the run (a final full stop inside the marks).
    """
    best: Clause | None = None
    best_size = 0
    for clause in clauses:
        for start, end in clause.spans:
            if start <= span[0] and span[1] <= end + 3:
                size = sum(e - s for s, e in clause.spans)
                if best is None or size < best_size:
                    best, best_size = clause, size
    return best


def find_direct(text: str) -> list[Quotation]:
    """Direct and mixed quotations, content spans only (attribution is added later)."""
    runs = pair_marks(text)
    if not runs:
        return []
    quoted = [span for run in runs for span in run.spans]
    clauses = reported_clauses(text, quoted)
    out: list[Quotation] = []
    group: list[Span] = []
    group_close = -1
    group_attributed = False
    mixed: dict[Span, Quotation] = {}
    prev_close: int | None = None
    for run in runs:
        if _standalone(text, run, prev_close):
            gap_empty = not text[group_close : run.open].strip(" \t,.;—–-")
            if (
                group
                and (gap_empty or not group_attributed)
                and _is_attribution(text, group_close, run.open)
            ):
                group.extend(run.spans)
                group_attributed = group_attributed or not gap_empty
            else:
                if group:
                    out.append(Quotation(kind=DIRECT, spans=tuple(group)))
                group = list(run.spans)
                group_attributed = False
            group_close = run.close
        else:
            clause = _clause_of(run.spans[0], clauses)
            if clause is not None:
                if clause.cue not in mixed:
                    mixed[clause.cue] = Quotation(kind=MIXED, spans=clause.spans, cue=clause.cue)
            elif sum(_words(text, s, e) for s, e in run.spans) >= MIN_FREE_WORDS:
                if group:
                    out.append(Quotation(kind=DIRECT, spans=tuple(group)))
                group = list(run.spans)
                group_close = run.close
                group_attributed = False
        prev_close = run.close
    if group:
        out.append(Quotation(kind=DIRECT, spans=tuple(group)))
    out.extend(mixed.values())
    out.sort(key=lambda q: q.spans[0])
    return out
