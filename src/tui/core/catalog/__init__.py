"""The corpus-wide views' data: every speaker with their quotations, and every quotation,
read from the corpus index without reading article texts. No UI here.

* :mod:`.model`: :class:`Catalog` (speaker entries, each one's quotation ids newest first,
  every quotation id newest first) and :class:`Entry`;
* :mod:`.build`: the catalog computed from the index's quotation rows, joining the forms
  of a name as :mod:`tui.core.speakers` does (one entry per person);
* :mod:`.store`: kept in the index (table ``speaker_catalog``), computed once per change at
  the end of a refresh and read back in well under a second;
* :mod:`.rows`: quotation rows for lists (speaker, kind, date, title, source, words),
  fetched a page at a time by id;
* :mod:`.sorting`: entries sorted by a column; :mod:`.search`: entries found by name, alias
  or role with the search's query syntax;
* :mod:`.timeline`: quotation counts per week or month.
"""

from __future__ import annotations

from tui.core.catalog.model import Catalog, Entry
from tui.core.catalog.rows import QuoteRow, quote_ids_of, quote_rows
from tui.core.catalog.store import ensure, load, load_or_compute
from tui.core.catalog.timeline import Timeline, timeline

__all__ = ["Catalog", "Entry", "QuoteRow", "Timeline", "ensure", "load", "load_or_compute",
           "quote_ids_of", "quote_rows", "timeline"]
