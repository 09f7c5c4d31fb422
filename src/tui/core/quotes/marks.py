"""Double quotation marks: finding them, telling opening from closing, pairing them.

Only double marks delimit quotations here (``"``, ``“ ”``, ``« »``, ``„`` and the NYT's
two apostrophes ``''``); single marks are left alone, so apostrophes, plural possessives
(``voters'``) and dropped letters (``Lyin'``) can never be taken for quotation marks, and
single quotes nested inside double ones stay part of the content.

Each mark is classified by its context first and its glyph second: an opening mark follows
white space, the start of a line or an opening bracket and precedes a word; a closing mark
follows a word or punctuation and precedes white space or punctuation. Straight ``"`` and
``''`` marks with no clear context are resolved while pairing. Pairing runs line by line:
a quotation that reaches the end of a line still open continues only if the next line
opens with a mark (the newspaper convention for quotations over several paragraphs), so a
stray mark can shift nothing beyond its own line. An unclosed quotation that opened an
utterance (at the start of a line or sentence, after a colon or comma) ends with its
paragraph (a missing closing mark); one opened mid-sentence is a stray mark and dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.core.model import Span

OPEN = 1
CLOSE = 2
EITHER = OPEN | CLOSE

# A run of apostrophes is matched whole so that ``it,'''`` splits as single + double.
# A double mark, or two or three single ones. Written to open with a character class, which
# ``re`` scans for in C, the lookbehinds then telling which kind of mark it found.
_MARK = re.compile("[\"“”«»„’‘'](?:(?<=[\"“”«»„])|(?<=[’‘'])[’‘']{1,2})")
# Markup such as <tweet author="@x"> carries quotes that delimit attribute values.
_TAG = re.compile(r"<[A-Za-z/][^<>\n]*(?:\n[^<>\n]*){0,2}>")
_LINE = re.compile(r"[^\n]+")

_GLYPH_ROLE = {"“": OPEN, "«": OPEN, "„": OPEN, "”": CLOSE, "»": CLOSE}
# What may stand right before an opening mark, other than white space.
_BEFORE_OPEN = frozenset("([{—–-/:;…")
# What may stand right after a closing mark, other than white space.
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-/…")
_QUOTE_CHARS = frozenset("\"“”«»„'’‘")


@dataclass(frozen=True, slots=True)
class Mark:
    """One double quotation mark at ``text[start:end]`` and the roles it may play."""

    start: int
    end: int
    role: int


@dataclass(slots=True)
class QuotedRun:
    """The content of one pair of marks, or of a chain of them over several lines.

    ``spans`` hold the words inside the marks, one span per line; ``open`` is where the
    first opening mark starts and ``close`` where the last closing mark ends.
    """

    spans: list[Span]
    open: int
    close: int


def _context_role(text: str, start: int, end: int) -> int:
    """OPEN, CLOSE, EITHER (no evidence either way) from the characters around a mark."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    open_ctx = (before.isspace() or before in _BEFORE_OPEN or before in _QUOTE_CHARS) and not (
        after.isspace()
    )
    close_ctx = not before.isspace() and (
        after.isspace() or after in _AFTER_CLOSE or after in _QUOTE_CHARS
    )
    if open_ctx and not close_ctx:
        return OPEN
    if close_ctx and not open_ctx:
        return CLOSE
    return EITHER


def find_marks(text: str) -> list[Mark]:
    """Every double quotation mark in ``text`` outside markup tags, in order."""
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text)] if "<" in text else []
    marks: list[Mark] = []
    tag_i = 0
    for match in _MARK.finditer(text):
        start, end = match.span()
        while tag_i < len(tags) and tags[tag_i][1] <= start:
            tag_i += 1
        if tag_i < len(tags) and tags[tag_i][0] <= start:
            continue
        glyph = match.group()
        if len(glyph) == 3:
            # ``''' `` closing = single + double; `` '''`` opening = double + single.
            if _context_role(text, start, end) == CLOSE:
                start += 1
            else:
                end -= 1
        role = _context_role(text, start, end)
        if role == EITHER:
            role = _GLYPH_ROLE.get(glyph[0] if len(glyph) == 1 else "", EITHER)
        marks.append(Mark(start, end, role))
    return marks


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """``(start, end)`` without white space at either edge, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def quoted_runs(text: str) -> tuple[QuotedRun, ...]:
    """:func:`pair_marks` of ``text``, remembered for the last few texts (the direct and
    the indirect finder both need them); the runs must not be changed."""
    return _quoted_runs(text)


@lru_cache(maxsize=8)
def _quoted_runs(text: str) -> tuple[QuotedRun, ...]:
    return tuple(pair_marks(text))


def _opens_utterance(text: str, line_start: int, mark: int) -> bool:
    """Whether the mark at ``mark`` can open a quotation that runs on to the next paragraph:
    it starts the line or follows a sentence end or an introducing colon or comma."""
    i = mark - 1
    while i >= line_start and text[i].isspace():
        i -= 1
    return i < line_start or text[i] in ".!?:,;—–-(" or text[i] in _QUOTE_CHARS


def pair_marks(text: str, marks: list[Mark] | None = None) -> list[QuotedRun]:
    """Pair the double marks of ``text`` into quoted runs, in order.

    Within a line an opening mark is matched with the next mark that can close; an opening
    mark met while a quotation is open means the earlier one was stray, so the quotation
    restarts there. A quotation still open at the end of its line continues onto the next
    line when that line starts with a mark; otherwise it ends with its line if it opened an
    utterance, and is dropped if it opened mid-sentence.
    """
    if marks is None:
        marks = find_marks(text)
    runs: list[QuotedRun] = []
    pending: QuotedRun | None = None  # carried over from earlier lines
    mi = 0
    for line in _LINE.finditer(text):
        l_start, l_end = line.span()
        lead = l_start
        while lead < l_end and text[lead].isspace():
            lead += 1
        if lead == l_end:
            continue
        line_marks: list[Mark] = []
        while mi < len(marks) and marks[mi].start < l_end:
            if marks[mi].start >= l_start:
                line_marks.append(marks[mi])
            mi += 1
        carry = pending
        pending = None
        if carry is not None and not (line_marks and line_marks[0].start == lead):
            # The earlier line's quotation was never closed: a missing closing mark.
            if carry.spans:
                runs.append(carry)
            carry = None
        open_at: int | None = None
        for k, mark in enumerate(line_marks):
            if open_at is None:
                if mark.role & OPEN:
                    open_at = k
                continue
            if mark.role == OPEN:
                # A second opening mark: the first was stray, unless the line is carried.
                if carry is not None and open_at == 0:
                    carry = None
                open_at = k
                continue
            first = line_marks[open_at]
            span = _trimmed(text, first.end, mark.start)
            if carry is not None and open_at == 0:
                run = carry
                if span:
                    run.spans.append(span)
                run.close = mark.end
                carry = None
            else:
                run = QuotedRun([span] if span else [], first.start, mark.end)
            if run.spans:
                runs.append(run)
            open_at = None
        if open_at is not None:
            first = line_marks[open_at]
            span = _trimmed(text, first.end, l_end)
            if carry is not None and open_at == 0:
                run = carry
                if span:
                    run.spans.append(span)
            elif _opens_utterance(text, l_start, first.start):
                run = QuotedRun([span] if span else [], first.start, l_end)
            else:
                continue  # a stray mark inside a sentence: nothing to carry
            run.close = l_end
            pending = run
    if pending is not None and pending.spans:
        runs.append(pending)
    return runs
