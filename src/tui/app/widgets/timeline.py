"""A timeline: quotations per week or month as a sparkline, with a caption and an axis.

The bars are scaled from zero to the busiest bucket: Textual's ``Sparkline`` scales from
the smallest value to the largest, so a speaker quoted 40 times every week drew as the
lowest bars, like one quoted once. :class:`ZeroSparkline` draws its data from zero.
"""

from __future__ import annotations

import math

from rich.color import Color, blend_rgb
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.renderables.sparkline import Sparkline as SparklineRenderable
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
    first, last = _short(line, 0), _short(line, len(line.counts) - 1)
    # The peak first: a narrow pane cuts the end of the line.
    text.append(f"max {line.counts[peak]:,}/{line.unit}")
    if first != last:
        text.append(f" ({_short(line, peak)}) · {line.total:,} dated, {first} to {last}")
    else:
        text.append(f" · {line.total:,} dated, {_label(line, 0)}")
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


class _FromZero:
    """Draws a ``SparklineRenderable``'s data as bars from zero to its largest bucket (the
    same bucketing, colours and bar characters); a bucket above zero shows at least its
    lowest eighth, a bucket of zero nothing."""

    def __init__(self, bars: SparklineRenderable[float]) -> None:
        self.bars = bars

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        bars = self.bars
        width = bars.width or options.max_width
        height = bars.height or 1
        data = list(bars.data)
        summaries = [float(bars.summary_function(bucket))
                     for bucket in SparklineRenderable._buckets(data, width)] if data else []
        top = max(summaries, default=0.0) or 1.0
        low, high = bars.min_color.color, bars.max_color.color
        eighths = len(SparklineRenderable.BARS) * height
        for row in reversed(range(height)):
            for x in range(width):
                value = summaries[x * len(summaries) // width] if summaries else 0.0
                level = math.ceil(value / top * eighths) if value > 0 else 0
                floor = row * len(SparklineRenderable.BARS)
                if level <= floor:
                    yield Segment(" ")
                    continue
                bar = SparklineRenderable.BARS[min(level - floor, 8) - 1]
                yield Segment(bar, _blend(low, high, value / top))
            if row:
                yield Segment.line()


def _blend(low: Color | None, high: Color | None, ratio: float) -> Style | None:
    if low is None or high is None:
        return None
    return Style(color=Color.from_triplet(blend_rgb(low.get_truecolor(), high.get_truecolor(),
                                                    ratio)))


class ZeroSparkline(Sparkline):
    """Textual's ``Sparkline`` (same styles and summary function), with its bars drawn
    from zero rather than from the smallest value."""

    def render(self) -> RenderResult:
        """The sparkline's renderable, drawn from zero."""
        bars = super().render()
        assert isinstance(bars, SparklineRenderable)
        return _FromZero(bars)


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
        yield ZeroSparkline([], id="timeline-bars")
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
