"""Article layout without a running app: wrapping, styles on the right characters, lines."""

from __future__ import annotations

from tui.app.article_render import GUTTER, render_article
from tui.app.palette import Palette
from tui.core.model import Document
from tui.core.quotes import extract_quotations

PALETTE = Palette({"text-accent": "#FFC473", "text-success": "#8AD4A1"})


def _doc(body: str) -> Document:
    text = "A title\n\n" + body
    doc = Document(path="a.txt", text=text, title="A title", body_start=9)
    doc.quotations = extract_quotations(text)
    return doc


def _body_lines(doc: Document, width: int) -> list[str]:
    layout = render_article(doc, width, PALETTE)
    start = layout.line_of(doc.body_start)
    return [line.plain[GUTTER:] for line in layout.lines[start:]]


def test_body_lines_are_the_text_wrapped_with_labels_inserted() -> None:
    doc = _doc('"We will win," she said. "And soon."\n\nJane Smith agreed.')
    lines = _body_lines(doc, 30)
    assert all(len(line) <= 28 for line in lines)
    joined = " ".join(line.strip() for line in lines if line.strip())
    assert '"We will win," she' in joined and "said" in joined and "Jane Smith agreed." in joined


def test_quoted_words_carry_the_speaker_colour_on_every_line() -> None:
    words = " ".join(f"word{n}" for n in range(40))
    doc = _doc(f'"{words}," Jane Smith said.')
    layout = render_article(doc, 40, PALETTE)
    first, last = layout.quote_first_line[0], layout.quote_last_line[0]
    assert last > first, "a long quotation wraps over several lines"
    for y in range(first, last + 1):
        line = layout.lines[y]
        coloured = [span for span in line.spans if "word" in line.plain[span.start:span.end]]
        assert coloured, f"line {y} has its quoted words styled"


def test_line_of_finds_the_line_holding_an_offset() -> None:
    doc = _doc("First paragraph here.\n\nSecond paragraph, with a target word.")
    layout = render_article(doc, 60, PALETTE)
    offset = doc.text.index("target")
    assert "target" in layout.lines[layout.line_of(offset)].plain


def test_a_long_article_with_many_quotations_lays_out_completely() -> None:
    body = "\n\n".join(f'"Point {n} matters," Jane Smith said.' for n in range(2000))
    doc = _doc(body)
    layout = render_article(doc, 80, PALETTE)
    assert len(doc.quotations) == 2000
    assert len(layout.quote_first_line) == 2000
    assert "Point 1999 matters" in layout.lines[layout.quote_first_line[-1]].plain
