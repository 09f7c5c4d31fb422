"""The problems view: every input that was skipped or partly read, and why."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.panel import ScrollingPanel
from tui.core.model import Problem
from tui.core.textsafe import one_line
from tui.core.wording import counted

_SHOWN = 2000


class ProblemsScreen(ScrollingPanel):
    """A modal list of problems, one line each, paths and reasons shown literally."""

    BINDINGS = [
        Binding("escape,q,p", "dismiss", "Close", id="problems-close"),
    ]

    DEFAULT_CSS = """
    ProblemsScreen > VerticalScroll {
        width: 90%; border: thick $warning;
    }
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self._problems = problems

    def compose(self) -> ComposeResult:
        """A heading, then each problem as ``path[:line]: reason``."""
        count = len(self._problems)
        heading = (f"{counted(count, 'problem')} while reading "
                   "(nothing was changed on disk; esc closes)")
        with VerticalScroll():
            yield Static(Text(heading, style="bold"))
            if not self._problems:
                yield Static(Text("Every file was read.", style="italic"))
            body = Text()
            for problem in self._problems[:_SHOWN]:
                body.append(one_line(problem.path), style="bold")
                if problem.line is not None:
                    body.append(f":{problem.line}")
                body.append(f"  {one_line(problem.reason)}\n")
            if count > _SHOWN:
                body.append(f"… and {count - _SHOWN} more (seedread quotes lists all on stderr)")
            yield Static(body, id="problem-lines")
