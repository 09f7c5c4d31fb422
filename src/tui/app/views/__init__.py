"""The corpus-wide views: speakers (:mod:`.speakers`) and quotations (:mod:`.quotations`),
screens over the index's speaker catalog (:mod:`tui.core.catalog`), switched with ``1``
(the reader), ``2`` and ``3``. :mod:`.base` is what both share, including the methods
the copy/export keys ask of them."""
