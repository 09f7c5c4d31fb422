"""Negated terms (``!word``): what a document must not match. Rare words are read whole from
FTS5; words in more than :data:`~.limits.EXCLUDE_READ` documents are checked one
indexed look-up per ranked hit instead, so a common word costs a bounded number of
look-ups, not its whole posting list.
"""

from __future__ import annotations

from tui.core.search import fts
from tui.core.search.fields import FieldLookups
from tui.core.search.limits import EXCLUDE_READ
from tui.core.search.query import META, Term


class Exclusions(FieldLookups):
    """Negated terms: rare words read whole; common ones checked on the best hits only."""

    def _common_exclusion(self, term: Term) -> tuple[list[str], set[int]] | None:
        """For a negated text term using words in more than :data:`EXCLUDE_READ` documents
        each (reading them would cost tens of ms): those words, to check per hit, and the
        documents its other words match (read whole). None for other terms."""
        if term.mode == META or term.field not in (None, "body", "quotation"):
            return None
        tables = self.tables
        counts = tables.vocabulary.counts
        resolved = self._term_resolved(term)
        common = sorted(w for w in resolved.words if counts.get(w, 0) > EXCLUDE_READ)
        if not common:
            return None
        rest = [fts.quoted(w) for w in resolved.words if w not in common]
        for _, expr, words in fts.tiers(resolved, tables.vocabulary):
            if not words:  # a prefix sent as a prefix
                rest.append(expr)
            else:
                rest += [fts.quoted(w) for w in words
                         if w not in resolved.words and w not in common]
        docs: set[int] = set()
        if rest:
            docs = tables.docs_at(self._sql("SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?",
                                            (fts.either(rest),)))
        return [fts.quoted(w) for w in common], docs

    def _without(self, ranked: list[tuple[float, int]], exprs: list[str]
                 ) -> list[tuple[float, int]]:
        """``ranked`` less the documents whose text matches one of ``exprs`` (single words):
        one indexed look-up per document and word (about 0.05 ms), so only the ranked few
        are checked."""
        rows = self.tables.rows
        kept = []
        for n, item in enumerate(ranked):
            if n & 31 == 31:
                self._check()
            ident = rows[item[1]].id
            if not any(self._sql("SELECT 1 FROM doc_fts WHERE doc_fts MATCH ? AND rowid = ?",
                                 (expr, ident)) for expr in exprs):
                kept.append(item)
        return kept

    def _excluded_docs(self, term: Term, text: bool = True) -> set[int]:
        """Every document ``term`` (negated) matches: not bounded, or it would leak.
        ``text=False`` leaves out bodies and quotations (the caller checks them per hit)."""
        if term.mode == META:
            entries, _ = self._doc_entries(term)
            return set().union(*(ids for _, _, ids in entries))
        resolved = self._term_resolved(term)
        out: set[int] = set()
        if term.field in (None, "speaker"):
            out |= set().union(*(ids for _, ids, _ in self._speaker_docs(resolved)))
        if term.field in (None, "source"):
            out |= set().union(*(ids for _, ids, _ in self._source_docs(resolved)))
        if term.field == "title":
            out |= set().union(*(ids for _, ids, _ in self._title_docs(resolved)))
        elif term.field in (None, "body", "quotation") and text:
            # Not checked for case: that would read every text holding the word.
            found = self._fts_docs(resolved, None, None, check_case=False)
            out |= set().union(*(ids for _, ids, _ in found))
        return out
