"""A timeline: quotations per week or month as a sparkline, with a caption and an axis."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from tui.core.catalog.timeline import Timeline
from tui.core.textsafe import one_line


def caption(what: str, line: Timeline | None) -> Text:
    """``what``'s timeline in words: totals, the unit and the busiest bucket (plain text)."""
    text = Text()
    text.append(one_line(what), style="bold")
    if line is None:
        return text
    if what:
        text.append(" · ")
    if not line.counts:
        text.append("no dated quotations")
        return text
    peak = line.peak
    assert peak is not None
    when = _label(line, peak)
    text.append(f"{line.total:,} dated, per {line.unit} · peak {line.counts[peak]:,}, {when}")
    if line.undated:
        text.append(f" · {line.undated:,} undated")
    if line.earlier:
        text.append(f" · {line.earlier:,} earlier, not drawn")
    return text


def _label(line: Timeline, at: int) -> str:
    start = line.starts[at]
    return f"week of {start.isoformat()}" if line.unit == "week" else start.strftime("%Y-%m")


def _short(line: Timeline, at: int) -> str:
    start = line.starts[at]
    return start.isoformat() if line.unit == "week" else start.strftime("%Y-%m")


class TimelineView(Vertical):
    """Caption, bars (one per week or month, squeezed to the width), first and last dates."""

    DEFAULT_CSS = """
    TimelineView { height: 5; padding: 0 1; }
    TimelineView > #timeline-caption { height: 1; color: $text; }
    TimelineView > Sparkline { height: 3; }
    TimelineView > Sparkline > .sparkline--max-color { color: $accent; }
    TimelineView > Sparkline > .sparkline--min-color { color: $accent 30%; }
    TimelineView > #timeline-axis { height: 1; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        """Caption, bars, axis."""
        yield Static("", id="timeline-caption")
        yield Sparkline([], id="timeline-bars")
        yield Static("", id="timeline-axis")

    def show(self, what: str, line: Timeline | None) -> None:
        """Draw ``line`` (None: nothing to draw yet) under the caption ``what``."""
        self.timeline = line
        self.query_one("#timeline-caption", Static).update(caption(what, line))
        counts = line.counts if line is not None else []
        self.query_one(Sparkline).data = [float(c) for c in counts]
        axis = Text()
        if line is not None and line.counts:
            first, last = _short(line, 0), _short(line, len(line.counts) - 1)
            width = max(self.size.width - 2, len(first) + len(last) + 1)
            axis.append(first + last.rjust(width - len(first)))
        self.query_one("#timeline-axis", Static).update(axis)
