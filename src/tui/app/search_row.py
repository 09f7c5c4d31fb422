"""The search row every view has (a box that opens on ``/``), and backing out of it.

The reader and the corpus views share these steps; what a view does when there is
nothing left to back out of (the reader stops indexing) stays with the view.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input


def open_search(row: Widget, box: Input) -> None:
    """Show ``row`` and put the cursor in ``box``; in the box already, ``/`` is typed."""
    if box.has_focus:
        box.insert_text_at_cursor("/")
        return
    row.add_class("-active")
    row.display = True  # now, not at the next style refresh: focus needs it shown
    row.screen.set_focus(box)


def back_out(row: Widget, box: Input, main_list: Widget) -> bool:
    """One level back: in the box, clear it, else close it and go to ``main_list``; in
    another pane, go to ``main_list``; on the list, clear and close an open search.
    False when there was nothing to back out of."""
    focused = row.screen.focused
    if focused is box:
        if box.value:
            box.value = ""
        else:
            _close(row)
            main_list.focus()
        return True
    if focused is not None and focused is not main_list:
        main_list.focus()
        return True
    if box.value or row.has_class("-active"):
        box.value = ""
        _close(row)
        return True
    return False


def _close(row: Widget) -> None:
    row.remove_class("-active")
    row.display = False
