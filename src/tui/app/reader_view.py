"""The reader's side of :class:`tui.app.quotation_source.QuotationSource`: the documents
shown after the search filter, and the article being read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.export_file import ExportRows
from tui.core.model import Document

if TYPE_CHECKING:
    from tui.app.app import SeedreadApp
    from tui.app.widgets.article_view import ArticleView


class ReaderView:
    """What ``y``, ``Y``, ``e`` and ``o`` get from the reader (the default screen)."""

    def __init__(self, app: SeedreadApp, article: ArticleView) -> None:
        self.app = app
        self.article = article  # kept: the active screen may be another view's

    def export_name(self) -> str:
        """The reader lists documents."""
        return "documents"

    def export_records(self) -> list[dict[str, object]]:
        """One record per document in the list, in its order (the search's when
        filtering): id, path, title, date, source, place and how many quotations."""
        return [dict(record) for record in self.export_rows().produce()]

    def export_rows(self) -> ExportRows:
        """The documents listed now, their records made when produced."""
        app = self.app
        rows = app.rows
        shown = rows if app.hits is None else [rows[hit.doc] for hit in app.hits]
        return ExportRows(len(shown), lambda: (
            {"id": row.doc_id, "path": row.path, "title": row.title, "date": row.date,
             "source": row.source, "place": row.place, "quotations": row.quotes}
            for row in shown))

    def quotation_to_copy(self) -> tuple[Document, int] | None:
        """The article's current quotation (``n``/``N``), else its first; None when the
        article has none."""
        article = self.article
        doc = article.document
        if doc is None or not doc.quotations:
            return None
        return doc, article.current if article.current is not None else 0

    def document_to_open(self) -> Document | None:
        """The article in the article pane."""
        return self.article.document
