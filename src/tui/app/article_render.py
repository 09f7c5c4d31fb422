"""Lay an article out as styled screen lines: header, speaker legend, highlighted body.

Document text is made inert (:func:`tui.core.textsafe.visible`) and wrapped into Rich
``Text`` built from plain strings, so nothing in an article is read as markup or sent to
the terminal as a control sequence. Pure layout: no widget, testable on its own.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from tui.app.palette import Palette, SpeakerStyle
from tui.app.wrap import wrap_offsets
from tui.core.model import DIRECT, INDIRECT, MIXED, Document
from tui.core.textsafe import one_line, visible
from tui.core.wording import counted

_OPEN_MARKS = "\"“«„'‘"
_CLOSE_MARKS = "\"”»'’"
GUTTER = 2  # a marker column and a space
_ROLE_CHARS = 40  # roles longer than this are cut in the legend (the status line has all)
KIND_LABELS = {DIRECT: "direct", MIXED: "mixed", INDIRECT: "indirect"}


@dataclass(slots=True)
class SpeakerEntry:
    """A speaker of this article, in order of first quotation, with its style."""

    name: str | None
    role: str | None
    count: int
    style: SpeakerStyle


@dataclass(slots=True)
class RenderedArticle:
    """Screen lines of one article at one width, and where each quotation lies."""

    lines: list[Text] = field(default_factory=list)
    quote_first_line: list[int] = field(default_factory=list)
    quote_last_line: list[int] = field(default_factory=list)
    speakers: list[SpeakerEntry] = field(default_factory=list)
    _body_line: int = 0
    _line_starts: list[int] = field(default_factory=list)
    _line_ends: list[int] = field(default_factory=list)
    _owner: list[int] = field(default_factory=list)
    _hit_style: Style | None = None
    # Lines redone for the emphasised quotation and the search marks, as they were before
    # (put back when those move on).
    _replaced: dict[int, Text] = field(default_factory=dict)
    _insert_points: list[int] = field(default_factory=list)
    _insert_totals: list[int] = field(default_factory=list)
    _base: int = 0

    def line_of(self, offset: int) -> int:
        """The screen line that shows character ``offset`` of the document's text."""
        if not self._line_starts:
            return self._body_line
        display = _to_display(self, offset, after_insert=True)
        return self._body_line + max(bisect_right(self._line_starts, display) - 1, 0)


def speaker_entries(doc: Document, palette: Palette) -> tuple[list[SpeakerEntry], list[int]]:
    """This article's speakers (first appearance first) and each quotation's entry index."""
    entries: list[SpeakerEntry] = []
    index_of: dict[str | None, int] = {}
    owner: list[int] = []
    coloured = 0  # named speakers so far (counted as they come: an article may have 20,000)
    for quote in doc.quotations:
        key = quote.speaker
        if key not in index_of:
            index_of[key] = len(entries)
            style = palette.unattributed if key is None else palette.for_index(coloured)
            coloured += key is not None
            entries.append(SpeakerEntry(key, quote.role, 0, style))
        entry = entries[index_of[key]]
        entry.count += 1
        if entry.role is None and quote.role:
            entry.role = quote.role
        owner.append(index_of[key])
    return entries, owner


def render_article(
    doc: Document,
    width: int,
    palette: Palette,
    current: int | None = None,
    marks: tuple[tuple[int, int], ...] = (),
) -> RenderedArticle:
    """Lay out ``doc`` for ``width`` cells; ``current`` is the quotation to emphasise.

    ``marks`` are extra (start, end) document offsets to show as search hits.
    """
    width = max(width, 10)
    out = RenderedArticle()
    text_width = width - GUTTER
    _header(out, doc, text_width, palette)
    entries, owner = speaker_entries(doc, palette)
    out.speakers = entries
    _legend(out, entries, text_width, palette)
    out.lines.append(Text(" " * GUTTER + "─" * text_width, style=palette.dim))
    out._body_line = len(out.lines)
    out._owner = owner
    out._hit_style = palette.search_hit
    _body(out, doc, text_width, palette, entries, owner)
    emphasise(out, doc, current, marks)
    return out


def render_header(doc: Document, width: int, palette: Palette) -> RenderedArticle:
    """Only the header of ``doc`` and a line saying the rest is being laid out: what is
    shown at once of a long article while :func:`render_article` runs in a thread."""
    width = max(width, 10)
    out = RenderedArticle()
    _header(out, doc, width - GUTTER, palette)
    _wrapped(out, Text(f"laying out {len(doc.text):,} characters…", style=palette.label),
             width - GUTTER)
    return out


def emphasise(out: RenderedArticle, doc: Document, current: int | None,
              marks: tuple[tuple[int, int], ...] = ()) -> None:
    """Make quotation ``current`` of ``doc`` (laid out in ``out``) the emphasised one and
    ``marks`` (document offsets) the search hits, in place: only the lines they were on and
    the lines they are on now are redone, so stepping through the quotations of a long
    article, or typing a search, costs nothing like laying it out again."""
    for y, line in out._replaced.items():
        out.lines[y] = line
    out._replaced = {}
    base = out._base
    if current is not None and 0 <= current < len(doc.quotations):
        quote = doc.quotations[current]
        style = out.speakers[out._owner[current]].style
        spans = [_widen(doc.text, max(start, base), end, base) for start, end in quote.spans
                 if end > base]
        _overlay(out, [(_to_display(out, start, True), _to_display(out, end, False))
                       for start, end in spans], _quote_style(quote.kind, style, True),
                 Text("▌", style=style.swatch))
    hits = [(_to_display(out, max(start, base), True), _to_display(out, end, False))
            for start, end in marks if end > base]
    if hits and out._hit_style is not None:
        _overlay(out, hits, out._hit_style)


def _overlay(out: RenderedArticle, spans: list[tuple[int, int]], style: Style,
             marker: Text | None = None) -> None:
    """Style the display ranges ``spans`` on the body lines they cover (and put ``marker``
    in the gutter of those lines), keeping the lines as they were in ``out._replaced``."""
    starts, ends = out._line_starts, out._line_ends
    covered: set[int] = set()
    for start, end in spans:
        first = max(bisect_right(starts, start) - 1, 0)
        last = max(bisect_right(starts, max(end - 1, start)) - 1, 0)
        covered.update(range(first, last + 1))
    for number in sorted(covered):
        y = out._body_line + number
        if not number < len(starts) or y >= len(out.lines):
            continue
        line_start, line_end = starts[number], ends[number]
        line = out.lines[y]
        out._replaced.setdefault(y, line)
        line = line.copy()
        for start, end in spans:
            if start < line_end and end > line_start:
                line.stylize(style, GUTTER + max(start, line_start) - line_start,
                             GUTTER + min(end, line_end) - line_start)
        out.lines[y] = line if marker is None else marker + line[1:]


def _cut(text: Text, ranges: list[tuple[int, int]]) -> list[Text]:
    """``text[start:end]`` for each range, styles kept, in one pass.

    Slicing a ``Text`` copies every span each time (quadratic on a long article with many
    quotations); ``Text.divide`` hands the spans out once.
    """
    cuts = sorted({offset for span in ranges for offset in span})
    pieces = text.divide(cuts)
    position = {offset: number + 1 for number, offset in enumerate(cuts)}
    return [pieces[position[start]] if end > start else Text() for start, end in ranges]


def _wrapped(out: RenderedArticle, text: Text, width: int) -> None:
    lines = wrap_offsets(text.plain, width)
    out.lines.extend(Text(" " * GUTTER) + piece for piece in _cut(text, lines))


def _header(out: RenderedArticle, doc: Document, width: int, palette: Palette) -> None:
    _wrapped(out, Text(one_line(doc.title) or "(untitled)", style=palette.title), width)
    meta = [doc.date, doc.place, doc.source, doc.author]
    line = " · ".join(one_line(part) for part in meta if part)
    if line:
        _wrapped(out, Text(line, style=palette.dim), width)
    path = display_path(doc.path)
    where = path if doc.record is None else f"{path} (record {doc.record})"
    _wrapped(out, Text(one_line(where), style=palette.dim), width)
    out.lines.append(Text())


def display_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def _legend(
    out: RenderedArticle, entries: list[SpeakerEntry], width: int, palette: Palette
) -> None:
    if not entries:
        _wrapped(out, Text("No quotations found in this article.", style=palette.label), width)
        return
    total = sum(entry.count for entry in entries)
    legend = Text(f"{counted(total, 'quotation')} · ", style=palette.dim)
    for number, entry in enumerate(entries):
        if number:
            legend.append("   ")
        legend.append("■ ", style=entry.style.swatch)
        name = one_line(entry.name) if entry.name else "unattributed"
        legend.append(name, style=entry.style.mention if entry.name else palette.label)
        if entry.role:
            legend.append(f", {_shorten(one_line(entry.role), _ROLE_CHARS)}", style=palette.dim)
        legend.append(f" ({entry.count})", style=palette.dim)
    _wrapped(out, legend, width)
    _wrapped(out, Text("“direct”  mixed in italics  indirect underlined  cue underlined",
                       style=palette.dim), width)


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ") + "…"


def _labels(doc: Document) -> dict[int, str]:
    """Resolved names to show after mentions that do not already say them."""
    labels: dict[int, str] = {}
    for quote in doc.quotations:
        if not quote.mention or not quote.speaker:
            continue
        written = set(doc.text[quote.mention[0] : quote.mention[1]].casefold().split())
        if written & set(quote.speaker.casefold().split()):
            continue  # the mention already names the speaker ("Putin", "Mr. Putin")
        labels[quote.mention[1]] = f" ‹{one_line(quote.speaker)}›"
    return labels


def _to_display(out: RenderedArticle, offset: int, after_insert: bool) -> int:
    """Map a document offset to the display string (which has labels inserted)."""
    points = out._insert_points
    count = bisect_right(points, offset) if after_insert else bisect_left(points, offset)
    shift = out._insert_totals[count - 1] if count else 0
    return max(offset - out._base, 0) + shift


def _widen(text: str, start: int, end: int, base: int) -> tuple[int, int]:
    """Take in the quotation marks around a content span, for display."""
    if start - 1 >= base and text[start - 1] in _OPEN_MARKS:
        start -= 1
    if end < len(text) and text[end] in _CLOSE_MARKS:
        end += 1
    return start, end


def _quote_style(kind: str, style: SpeakerStyle, is_current: bool) -> Style:
    base = style.current if is_current else style.quote
    if kind == MIXED:
        return base + Style(italic=True)
    if kind == INDIRECT:
        return base + Style(underline=True)
    return base


def _body(
    out: RenderedArticle,
    doc: Document,
    width: int,
    palette: Palette,
    entries: list[SpeakerEntry],
    owner: list[int],
) -> None:
    text = doc.text
    base = min(max(doc.body_start, 0), len(text))
    out._base = base
    labels = _labels(doc)
    points = sorted(p for p in labels if p >= base)
    out._insert_points = points
    pieces: list[str] = []
    totals: list[int] = []
    previous = base
    running = 0
    for point in points:
        pieces.append(text[previous:point])
        pieces.append(labels[point])
        running += len(labels[point])
        totals.append(running)
        previous = point
    pieces.append(text[previous:])
    out._insert_totals = totals
    display = Text(visible("".join(pieces)))

    def span(start: int, end: int) -> tuple[int, int]:
        return _to_display(out, start, True), _to_display(out, end, False)

    for point in points:
        end = _to_display(out, point, True)
        display.stylize(palette.label, end - len(labels[point]), end)
    for number, quote in enumerate(doc.quotations):
        style = entries[owner[number]].style
        for start, end in quote.spans:
            if end <= base:
                continue
            start, end = _widen(text, max(start, base), end, base)
            display.stylize(_quote_style(quote.kind, style, False), *span(start, end))
        if quote.mention and quote.mention[1] > base:
            display.stylize(style.mention, *span(max(quote.mention[0], base), quote.mention[1]))
        if quote.cue and quote.cue[1] > base:
            display.stylize(palette.cue, *span(max(quote.cue[0], base), quote.cue[1]))

    offsets = wrap_offsets(display.plain, width)
    out._line_starts = [start for start, _ in offsets]
    out._line_ends = [end for _, end in offsets]
    out.lines.extend(Text(" " * GUTTER) + piece for piece in _cut(display, offsets))
    for quote in doc.quotations:
        first = out.line_of(max(quote.start, base))
        last = out.line_of(max(quote.end - 1, base))
        out.quote_first_line.append(first)
        out.quote_last_line.append(last)
