"""Quotations and articles as plain text for the clipboard.

A quotation is cited as ``“text” — Speaker, Role (Source, date)``; parts that are missing
are left out with their punctuation. Everything returned here is safe to hand to a
terminal's clipboard (OSC 52): no escape or other control character survives.
"""

from __future__ import annotations

from tui.core.model import Document
from tui.core.textsafe import visible


def clipboard_text(text: str) -> str:
    """``text`` fit for the clipboard: line ends made ``\\n``, every other control character
    made visible (``␛``, ``␇``, ``�``) as the reader shows it; newlines and tabs kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return visible(text)


def _flat(text: str | None) -> str:
    """One line: white space collapsed, control characters made visible."""
    return " ".join(clipboard_text(text or "").split())


def citation(doc: Document, index: int) -> str:
    """Quotation ``index`` of ``doc`` as ``“text” — Speaker, Role (Source, date)``.

    Pieces of an interrupted quotation are joined with `` … ``; white space is collapsed.
    Without a speaker the attribution is ``unattributed``; role, source and date are left
    out when unknown (and the parentheses when both source and date are).
    """
    quote = doc.quotations[index]
    words = " … ".join(_flat(doc.text[start:end]) for start, end in quote.spans)
    who = _flat(quote.speaker) or "unattributed"
    role = _flat(quote.role)
    if role and role.casefold() != who.casefold():
        who += f", {role}"
    where = ", ".join(part for part in (_flat(doc.source), _flat(doc.date)) if part)
    tail = f" ({where})" if where else ""
    return f"“{words}” — {who}{tail}"


def article_text(doc: Document) -> str:
    """The whole article as plain text: its title first when the text does not open with
    it, then the text as written (paragraphs kept, control characters made visible)."""
    text = clipboard_text(doc.text).strip("\n")
    title = _flat(doc.title)
    if title and not " ".join(text[: len(title) * 2].split()).startswith(title):
        text = f"{title}\n\n{text}"
    return text + "\n"
