"""Word wrapping that remembers where each screen line starts in the text."""

from __future__ import annotations

from rich.cells import cell_len


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Screen lines of ``text`` as (start, end) offsets, at most ``width`` cells each.

    Lines break at newlines and, within a line, after spaces; a word longer than the
    width is folded. The newline itself belongs to no line.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    while start <= length:
        newline = text.find("\n", start)
        stop = length if newline == -1 else newline
        _wrap_line(text, start, stop, width, lines)
        if newline == -1:
            break
        start = newline + 1
    return lines


def _wrap_line(text: str, start: int, stop: int, width: int, out: list[tuple[int, int]]) -> None:
    if start == stop:
        out.append((start, stop))
        return
    line_start = start
    cells = 0
    last_break = -1  # offset just after the last space in the current line
    pos = start
    while pos < stop:
        char = text[pos]
        char_cells = cell_len(char) if ord(char) > 0x7F else 1
        if cells + char_cells > width and pos > line_start:
            if char == " ":
                # Spaces at a break are swallowed by the line that ends there.
                out.append((line_start, pos))
                while pos < stop and text[pos] == " ":
                    pos += 1
                line_start, cells, last_break = pos, 0, -1
                continue
            cut = last_break if last_break > line_start else pos
            out.append((line_start, cut))
            line_start, cells, last_break = cut, 0, -1
            pos = cut
            continue
        cells += char_cells
        pos += 1
        if char == " ":
            last_break = pos
    out.append((line_start, stop))
