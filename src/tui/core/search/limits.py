"""Bounds and sizes of :class:`~.sqlsearch.IndexSearch`: every step that could grow with the
corpus is capped by one of these.
"""

from __future__ import annotations

#: Hits returned by :meth:`IndexSearch.search` when no limit is given.
DEFAULT_LIMIT = 1000
#: Rows one FTS query on quotations or bodies returns at most.
BODY_LIMIT = 500
#: Body matches are ordered by bm25 when their words are in at most this many documents
#: (bm25 must score every match); otherwise the first ones found are taken.
RANK_MAX_DOCS = 2000
#: Body matches and quotations checked for smart case, per query (their text is read).
CASE_LIMIT = 100
#: One- and two-letter title matches kept (newest first); they all score alike. So are
#: the documents quoting speakers a one- or two-letter term begins, per match quality.
SHORT_LIMIT = 5000
#: Hits whose title marks are computed (the rest: :meth:`IndexSearch.title_marks`, as
#: the list draws them): a screenful and some.
MARKS_LIMIT = 60
#: Best hits whose text is read to place the offset and weigh body matches.
REFINE = 50
#: A negated term's words in more documents than this are not read whole: the ranked hits
#: are checked one by one instead, at most :data:`EXCLUDE_CHECKS` of them (the rest are cut).
EXCLUDE_READ = 10_000
EXCLUDE_CHECKS = 200
#: Shortest term asked of quotations and bodies.
MIN_TEXT_TERM = 3
PROGRESS_STEPS = 2000

#: Entries up to this size are merged into a dict to score quotations by.
SMALL = 5000
#: Matches (of a term, a group) kept from one search to the next, least recently used
#: forgotten first.
REMEMBERED = 24
