"""What a view offers to the keys that get quotations out (``y``, ``Y``, ``e``, ``o``).

The app's actions for those keys ask the active screen; every view screen implements
:class:`QuotationSource`. The reader (the default screen) does too, through
:class:`tui.app.reader_view.ReaderView`, and is asked for whatever the active screen
lacks. :func:`view_method` is the one place that decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from tui.core.export_file import ExportRows
from tui.core.model import Document

#: The protocol's methods, by name.
METHODS = ("export_name", "export_records", "export_rows", "quotation_to_copy",
           "document_to_open")


@runtime_checkable
class QuotationSource(Protocol):
    """A view that quotations, articles and its rows can be got out of."""

    def export_name(self) -> str:
        """What the view lists, for the export's default file name (``quotations``)."""
        ...

    def export_records(self) -> list[dict[str, object]]:
        """What the view shows now (after filtering), in display order: flat,
        JSON-serialisable dicts, one per row."""
        ...

    def export_rows(self) -> ExportRows:
        """The same rows, fixed now but produced later, in the export's thread: what ``e``
        asks for (a view with only :meth:`export_records` is asked for that instead)."""
        ...

    def quotation_to_copy(self) -> tuple[Document, int] | None:
        """The quotation ``y`` copies: its document and its index in
        ``doc.quotations``; None when there is none."""
        ...

    def document_to_open(self) -> Document | None:
        """The article ``Y`` copies and ``o`` opens; None when there is none."""
        ...


def view_method(screen: object, reader: QuotationSource, name: str) -> Callable[[], Any]:
    """``screen``'s method ``name`` when it has one, else the reader's."""
    if name not in METHODS:
        raise ValueError(f"not a QuotationSource method: {name}")
    method = getattr(screen, name, None)
    return method if callable(method) else getattr(reader, name)


def rows_to_export(screen: object, reader: QuotationSource) -> ExportRows:
    """What ``e`` exports: the rows of ``screen`` when it is a view (its
    :meth:`~QuotationSource.export_rows`, else its ``export_records`` as they are now),
    else the reader's."""
    source = screen if callable(getattr(screen, "export_records", None)) or callable(
        getattr(screen, "export_rows", None)) else reader
    produce = getattr(source, "export_rows", None)
    if callable(produce):
        return produce()
    return ExportRows.of(source.export_records())  # type: ignore[attr-defined]
