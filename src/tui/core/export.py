"""Quotations as flat records: the scorer's JSON-lines format, and CSV rows."""

from __future__ import annotations

from collections.abc import Iterator

from tui.core.model import Document, Quotation

#: Column order for CSV output.
CSV_FIELDS = (
    "doc_id", "title", "date", "source", "path", "kind", "speaker", "role", "text",
    "start", "end", "cue", "mention", "speaker_start", "speaker_end", "cue_start", "cue_end",
)


def quotation_record(doc: Document, quote: Quotation) -> dict:
    """One quotation in the format of ``shared/eval/score_quotes.py``, plus document fields.

    ``start``/``end`` always bound the whole quotation; ``spans`` is added when it has
    several pieces, and then ``text`` joins the pieces with `` … ``.
    """
    text = doc.text
    record: dict = {
        "path": doc.path,
        "doc_id": doc.doc_id,
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "start": quote.start,
        "end": quote.end,
        "text": text[quote.start : quote.end] if len(quote.spans) == 1 else quote.content(text),
        "kind": quote.kind,
        "speaker": quote.speaker,
        "role": quote.role,
        "mention": text[quote.mention[0] : quote.mention[1]] if quote.mention else None,
        "speaker_start": quote.mention[0] if quote.mention else None,
        "speaker_end": quote.mention[1] if quote.mention else None,
        "cue": text[quote.cue[0] : quote.cue[1]] if quote.cue else None,
        "cue_start": quote.cue[0] if quote.cue else None,
        "cue_end": quote.cue[1] if quote.cue else None,
        "confidence": round(quote.confidence, 3),
    }
    if len(quote.spans) > 1:
        record["spans"] = [list(span) for span in quote.spans]
    return record


def quotation_records(docs: list[Document]) -> Iterator[dict]:
    """Records for every quotation of every document, in document order."""
    for doc in docs:
        for quote in doc.quotations:
            yield quotation_record(doc, quote)
