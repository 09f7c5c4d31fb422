"""The timeline widget: bars scaled from zero, the peak and the date range labelled."""

from __future__ import annotations

import datetime as dt

from textual.app import App, ComposeResult

from tui.app.widgets.timeline import TimelineView, caption
from tui.core.catalog.timeline import Timeline


class _One(App[None]):
    def compose(self) -> ComposeResult:
        yield TimelineView(id="line")


def _weeks(counts: list[int]) -> Timeline:
    start = dt.date(2016, 1, 4)
    return Timeline("week", [start + dt.timedelta(weeks=n) for n in range(len(counts))],
                    counts)


async def _bars(counts: list[int], width: int = 40) -> list[str]:
    app = _One()
    async with app.run_test(size=(width, 8)) as pilot:
        view = app.query_one(TimelineView)
        view.show("", _weeks(counts))
        await pilot.pause()
        bars = view.query_one("#timeline-bars")
        return ["".join(s.text for s in bars.render_line(y)) for y in range(bars.size.height)]


async def test_a_steady_count_draws_full_bars_not_the_lowest() -> None:
    rows = await _bars([40] * 20)
    assert set(rows[0].strip()) == {"█"}, rows  # 40 of 40 every week: full height
    assert set(rows[-1].strip()) == {"█"}


async def test_bars_start_at_zero_and_a_zero_week_is_empty() -> None:
    rows = await _bars([10, 0, 20, 20], width=12)
    bottom = rows[-1]
    assert bottom.strip() != "" and " " in bottom.strip(), rows  # the zero week is blank
    tops = rows[0]
    assert tops.count("█") < bottom.count("█"), "10 of 20 is half height, not nothing"
    assert any(ch != " " for ch in bottom[:3]), "the smallest non-zero count still shows"


def test_caption_says_the_peak_per_unit_and_the_date_range() -> None:
    text = caption("", _weeks([3, 12, 5])).plain
    assert "max 12/week" in text
    assert "2016-01-04" in text and "2016-01-18" in text
