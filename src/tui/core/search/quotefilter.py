"""Quotations as filters (``speaker:``, ``quote:``, ``kind:`` apply to one quotation together)
and the quotation a document hit is shown at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import compress

from tui.core.search.exclusions import Exclusions
from tui.core.search.hits import DocHit
from tui.core.search.limits import MIN_TEXT_TERM, SHORT_LIMIT, SMALL
from tui.core.search.matcher import PREFIX_QUALITY
from tui.core.search.query import FUZZY, META, PREFIX, Query, Term
from tui.core.search.ranking import WEIGHTS, Entry, best_per_id
from tui.core.search.tables import Tables

_Scores = tuple[dict[int, tuple[float, str | None]], list[Entry]]
_NOTHING: tuple[float, str | None] = (0.0, None)


class QuoteMatching(Exclusions):
    """Quotations as filters and as the place a document was found."""

    def _quote_entries(self, term: Term) -> list[Entry] | None:
        """Quotation positions ``term`` matches with their value; None when the term is
        about the document (title, body, source, date) rather than the quotation."""
        key = ("quote", term)
        found = self._recall(key)
        if found is None:
            found = self._quote_entries_of(term)
            self._remember(key, found)
        return found  # type: ignore[return-value]

    def _quote_entries_of(self, term: Term) -> list[Entry] | None:
        if term.mode == META:
            return None
        if term.field not in (None, "quotation", "speaker"):
            return None
        resolved = self._term_resolved(term)
        entries: list[Entry] = []
        short = term.mode in (FUZZY, PREFIX) and len(term.text) < MIN_TEXT_TERM
        if term.field in (None, "speaker"):
            for quality, names in self._speaker_names(resolved).items():
                # One or two letters match the quotations of many speakers: the newest.
                ids = self.tables.quotes_by(names, SHORT_LIMIT if short else None)
                entries.append((WEIGHTS["speaker"] * quality, "speaker", ids))
        if term.field in (None, "quotation") and not short:
            entries += [(WEIGHTS["quotation"] * q, "quotation", ids)
                        for q, ids, _ in self._content_quotes(resolved)]
        return entries

    def _quote_constraint(self, parsed: Query) -> _QuoteFilter | None:
        """The quotations that satisfy, together, every group made only of quotation terms
        (``speaker:``, ``quote:``, ``kind:``): ``speaker:putin kind:direct`` means direct
        quotations by Putin. None when there are no such groups."""
        found: _QuoteFilter | None = None
        for group in parsed.groups:
            if not all(_about_quotations(t) for t in group):
                continue
            found = found or _QuoteFilter()
            if all(t.mode == META for t in group):
                codes = set().union(*(self.tables.kind_codes(t.text) for t in group))
                found.kinds = codes if found.kinds is None else found.kinds & codes
                continue
            ids: set[int] = set()
            for term in group:
                if term.mode == META:
                    ids |= self.tables.quotes_of_kinds(self.tables.kind_codes(term.text))
                else:
                    ids |= set().union(*(i for _, _, i in self._quote_entries(term) or ()))
            found.ids = ids if found.ids is None else found.ids & ids
        if found is not None:
            for term in parsed.excludes:
                if _about_quotations(term) and term.mode != META:
                    found.excluded |= set().union(
                        *(i for _, _, i in self._quote_entries(term) or ()))
        return found

    def _quote_scores(self, parsed: Query, together: dict[int, set[int]]) -> list[_Scores]:
        """Per group about quotations: the best value of each quotation in its smaller
        entries (a dict), and its large entries (a speaker's every quotation) to test."""
        scores = []
        for n, group in enumerate(parsed.groups):
            if not all(_scored_on_quotes(t) for t in group):
                continue
            flat = [e for t in group for e in self._quote_tests(t)]
            if n in together:
                flat.append((WEIGHTS["quotation"] * PREFIX_QUALITY, "quotation", together[n]))
            small = [e for e in flat if isinstance(e[2], set) and len(e[2]) <= SMALL]
            large = sorted((e for e in flat if not isinstance(e[2], set) or len(e[2]) > SMALL),
                           key=lambda e: -e[0])
            scores.append((best_per_id(small, set().union(*(e[2] for e in small))), large))
        return scores

    def _quote_tests(self, term: Term) -> list[Entry]:
        """Like :meth:`_quote_entries` for a term about quotations, but a speaker's
        quotations are tested by their speaker rather than gathered (only the quotations
        of the hits shown are ever asked)."""
        resolved = self._term_resolved(term)
        tables = self.tables
        entries: list[Entry] = []
        if term.field in (None, "speaker"):
            for quality, names in self._speaker_names(resolved).items():
                tested = _BySpeaker(tables.speaker_numbers(names), tables.quote_speaker)
                entries.append((WEIGHTS["speaker"] * quality, "speaker", tested))  # type: ignore[arg-type]
        short = term.mode in (FUZZY, PREFIX) and len(term.text) < MIN_TEXT_TERM
        if term.field in (None, "quotation") and not short:
            entries += [(WEIGHTS["quotation"] * q, "quotation", ids)
                        for q, ids, _ in self._content_quotes(resolved)]
        return entries

    def _best_quote(
        self, ident: int, scores: list[_Scores], allowed: _QuoteFilter | None
    ) -> tuple[int | None, str | None]:
        """The quotation (position) of document ``ident`` that best matches the groups
        scored in ``scores``, among those ``allowed``, and its best field."""
        tables = self.tables
        best, best_value, best_field = None, 0.0, None
        for q in tables.quotes_in(ident):
            if allowed is not None and not allowed.allows(q, tables):
                continue
            value, top, field = 0.0, 0.0, None
            for small, large in scores:
                part, where = small.get(q, _NOTHING)
                for v, f, ids in large:
                    if v > part and q in ids:
                        part, where = v, f
                value += part
                if part > top:
                    top, field = part, where
            if allowed is not None:
                value += 1e-3  # an allowed quotation beats none at all
            if value > best_value:
                best, best_value, best_field = q, value, field
        return best, best_field

    def _with_quote(self, parsed: Query, hit: DocHit) -> DocHit:
        """``hit`` with the quotation that best matches ``parsed``, if it is about one."""
        quotes = self._quote_constraint(parsed)
        if hit.field not in ("quotation", "speaker") and quotes is None:
            return hit
        q, where = self._best_quote(hit.doc, self._quote_scores(parsed, {}), quotes)
        if q is None:
            return hit
        field = (where or hit.field) if hit.field in ("quotation", "speaker") else hit.field
        return replace(hit, quote=self.tables.quote_seq[q], field=field)


@dataclass
class _QuoteFilter:
    """Quotations allowed by quotation-only groups: in ``ids`` (None: any), of one of the
    ``kinds`` (None: any), not in ``excluded``."""

    ids: set[int] | None = None
    kinds: set[int] | None = None
    excluded: set[int] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.excluded is None:
            self.excluded = set()

    def allows(self, q: int, tables: Tables) -> bool:
        """True when quotation position ``q`` passes."""
        if self.ids is not None and q not in self.ids:
            return False
        if self.kinds is not None and tables.quote_kind[q] not in self.kinds:
            return False
        return q not in self.excluded

    def docs(self, tables: Tables) -> set[int]:
        """Positions of documents with an allowed quotation."""
        if self.ids is None and not self.excluded:
            return tables.docs_with_kind(self.kinds) if self.kinds is not None else set()
        pool: Iterable[int] = self.ids if self.ids is not None else range(len(tables.quote_kind))
        if self.kinds is not None:  # tested in C: a byte table per kind code
            wanted = bytes(int(k in self.kinds) for k in range(256))
            pool = list(pool)
            pool = list(compress(pool, map(wanted.__getitem__,
                                           map(tables.quote_kind.__getitem__, pool))))
        if self.excluded:
            pool = set(pool) - self.excluded
        return set(map(tables.quote_doc.__getitem__, pool))


class _BySpeaker:
    """Quotation positions by any of some speakers, tested one by one, never gathered."""

    __slots__ = ("_numbers", "_speaker")

    def __init__(self, numbers: set[int], speaker: Sequence[int]) -> None:
        self._numbers = numbers
        self._speaker = speaker

    def __contains__(self, q: object) -> bool:
        return self._speaker[q] in self._numbers  # type: ignore[index]


def _scored_on_quotes(term: Term) -> bool:
    """True for terms a quotation can match itself (its words, its speaker)."""
    return term.mode != META and term.field in (None, "quotation", "speaker")


def _about_quotations(term: Term) -> bool:
    """True for terms that constrain a single quotation rather than a document."""
    return term.field in ("speaker", "quotation", "kind")
