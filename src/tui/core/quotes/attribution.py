"""Attach each quotation to its cue and speaker mention.

For each quotation without a mention the patterns of :mod:`.patterns` are tried in order,
nearest first:

1. between the pieces of an interrupted quotation (``"We will," he said, "and soon."``);
2. right after it, when the quotation does not end its sentence: ``"…," he said``,
   ``"…," said Smith``, ``"…," Smith, the party's chair, told reporters``,
   ``"…," according to the ministry``, a verb outside the lexicon (``"…," Smith
   snapped``); after a quotation that ends its sentence only a bare attribution sentence
   (``"…." Smith said.``); a signature line under it (``— Tom Berg``);
3. before it in the same sentence: ``Smith said: "…"``, ``Smith said the plan was "a
   disaster"``, ``According to Smith, "…"``, ``Said Smith: "…"``, ``Clinton: "…"``,
   passives (``was described by Smith as "…"``) and participles (``Smith criticised it,
   saying "…"``: the subject of the clause it hangs on);
4. in the previous sentence, when it introduces the quotation (ends with a colon) or is
   a bare attribution (``He added:``, ``Smith said.``);
5. another quotation of the same paragraph that is attributed, when only its
   attribution lies between them, then a quotation paragraph that continues the previous
   paragraph's speaker when that paragraph ended with the attributed quotation.

Quotations that arrive with a cue (indirect and mixed ones from the content finders) get
that cue's subject. A quotation matching none of these stays unattributed: no guessing.
"""

from __future__ import annotations

import re

from tui.core.model import INDIRECT, Quotation, Span
from tui.core.quotes.mentions import phrase_after, tokens
from tui.core.quotes.patterns import (
    SENTENCE_END,
    Article,
    close_mark_end,
    cue_subject,
    cue_word,
    ends_sentence,
    match_after,
    match_before,
    match_introduction,
    open_mark_start,
)


def attribute(text: str, quotations: list[Quotation]) -> None:
    """Fill ``cue`` and ``mention`` of each quotation that lacks them, in place.

    ``quotations`` must be in text order. Quotations already holding a mention are left
    alone; indirect ones holding only a cue get that cue's subject.
    """
    if not quotations:
        return
    art = Article(text)
    found: list[bool] = []
    for k, quote in enumerate(quotations):
        if quote.mention is not None:
            found.append(True)
            continue
        if quote.cue is not None and _attribute_cued(art, quotations, k):
            found.append(True)
            continue
        if quote.kind == INDIRECT:
            found.append(False)
            continue
        found.append(_attribute_direct(art, quotations, k))
    _inherit(art, quotations, found)


def _bounds(art: Article, quotations: list[Quotation], k: int) -> tuple[int, int, int, int]:
    """Paragraph start/end for quotation ``k``, and the ends of its neighbours there."""
    quote = quotations[k]
    p_start = art.paras[art.para(quote.start)][0]
    p_end = art.paras[art.para(max(quote.start, quote.end - 1))][1]
    prev_end = p_start
    for j in range(k - 1, -1, -1):
        other = quotations[j]
        if other.end <= quote.start and other.kind != INDIRECT:
            prev_end = max(prev_end, close_mark_end(art.text, other.end))
            break
    next_start = p_end
    for j in range(k + 1, len(quotations)):
        other = quotations[j]
        if other.start >= quote.end and other.kind != INDIRECT:
            next_start = min(next_start, open_mark_start(art.text, other.start))
            break
    return p_start, p_end, prev_end, next_start


def _attribute_direct(art: Article, quotations: list[Quotation], k: int) -> bool:
    text = art.text
    quote = quotations[k]
    p_start, p_end, prev_end, next_start = _bounds(art, quotations, k)
    # 1. Inside an interrupted quotation.
    for (_, gap_start), (gap_end, _) in zip(quote.spans, quote.spans[1:], strict=False):
        a = close_mark_end(text, gap_start)
        b = open_mark_start(text, gap_end)
        if a < b:
            hit = match_after(art, a, b, False) or match_before(art, a, b)
            if hit:
                return _set(quote, hit)
    # 2. After it.
    after = close_mark_end(text, quote.end)
    if after < next_start:
        bare = ends_sentence(text, quote.end, after)
        hit = match_after(art, after, min(p_end, next_start), bare)
        if hit:
            return _set(quote, hit)
    # 2b. A signature line under it ("— Tom Berg").
    line = art.para(max(quote.start, quote.end - 1))
    if line + 1 < len(art.paras) and not text[after:p_end].strip():
        n_start, n_end = art.paras[line + 1]
        if text[n_start] in "—–-―":
            hit = match_after(art, n_start, n_end, True)
            if hit and hit[0][0] == hit[0][1]:
                return _set(quote, hit)
    # 3. Before it, in the same sentence.
    open_at = open_mark_start(text, quote.start)
    lo = art.last_sentence_start(max(p_start, prev_end), open_at)
    if lo < open_at:
        hit = match_before(art, lo, open_at)
        if hit:
            return _set(quote, hit)
    # 4. The previous sentence introduces it.
    if lo == max(p_start, prev_end) and not text[lo:open_at].strip():
        if prev_end > p_start:
            return False
        prev_hi = p_start
        if art.para(quote.start) > 0:
            pp_start, pp_end = art.paras[art.para(quote.start) - 1]
            prev_hi = pp_end
            prev_lo = art.last_sentence_start(pp_start, pp_end)
            if not any(pp_start <= q.start < pp_end and q.start >= prev_lo and q.kind != INDIRECT
                       for q in quotations[:k]):
                hit = match_introduction(art, prev_lo, prev_hi)
                if hit:
                    return _set(quote, hit, 0.8)
    elif lo > max(p_start, prev_end):
        prev_lo = art.last_sentence_start(max(p_start, prev_end), lo - 1)
        hit = match_introduction(art, prev_lo, lo)
        if hit:
            return _set(quote, hit, 0.8)
    return False


def _attribute_cued(art: Article, quotations: list[Quotation], k: int) -> bool:
    """A quotation that arrived with its cue: look up the cue's subject."""
    quote = quotations[k]
    assert quote.cue is not None
    p_start, p_end = art.paras[art.para(quote.cue[0])]
    text = art.text
    mention = None
    if quote.cue[0] >= quote.end and text[quote.end : quote.cue[0]].rstrip().endswith(
        (",", ",\"", ",”", "”", "\"")
    ):
        # '…"not meeting the demand," says Paul Rieckhoff': inverted after the quotation.
        mention = phrase_after(text, quote.cue[1], p_end)
    if mention is None:
        mention = cue_subject(art, quote.cue, p_start, p_end)
    if mention is None and quote.cue[0] >= quote.end:
        mention = phrase_after(text, quote.cue[1], p_end)
    if mention is None:
        return False
    quote.mention = mention
    return True


def _set(quote: Quotation, hit: tuple[Span, Span], confidence: float = 1.0) -> bool:
    cue, mention = hit
    quote.cue = cue if cue[0] < cue[1] else None
    quote.mention = mention
    quote.confidence = min(quote.confidence, confidence)
    return True


def _adjacent(text: str, first: Quotation, second: Quotation) -> bool:
    """Whether only the attribution (and a few words) separates two quotations."""
    gap_start, gap_end = first.end, second.start
    spans = [sp for sp in (first.cue, first.mention, second.cue, second.mention)
             if sp and gap_start <= sp[0] < gap_end]
    rest = text[gap_start:gap_end]
    for s, e in sorted(spans, reverse=True):
        rest = rest[: s - gap_start] + rest[e - gap_start :]
    if len(re.findall(r"\w+", rest)) <= 4:
        return True
    # One attribution sentence in between ("…," said X, a Y from Z. "…"), no other cue.
    if len(SENTENCE_END.findall(rest)) > 1 or len(rest) > 200:
        return False
    return not any(cue_word(t) for t in tokens(text, gap_start, gap_end)
                   if not (first.cue and first.cue[0] <= t.start < first.cue[1]))


def _inherit(art: Article, quotations: list[Quotation], found: list[bool]) -> None:
    """Patterns 5: same-paragraph speaker, then a continued speaker from the paragraph before."""
    text = art.text
    paras = [art.para(q.start) for q in quotations]
    for k, quote in enumerate(quotations):
        if found[k] or quote.kind == INDIRECT:
            continue
        source = None
        for j in range(k - 1, -1, -1):
            if paras[j] != paras[k]:
                break
            if found[j] and quotations[j].kind != INDIRECT:
                if _adjacent(text, quotations[j], quote):
                    source = quotations[j]
                break
        if source is None:
            for j in range(k + 1, len(quotations)):
                if paras[j] != paras[k]:
                    break
                if found[j] and quotations[j].kind != INDIRECT:
                    if _adjacent(text, quote, quotations[j]):
                        source = quotations[j]
                    break
        if source is None and paras[k] > 0:
            p_start = art.paras[paras[k]][0]
            if not text[p_start : open_mark_start(text, quote.start)].strip():
                prev = [j for j in range(k) if paras[j] == paras[k] - 1]
                if prev and found[prev[-1]]:
                    last = quotations[prev[-1]]
                    tail_start = max(last.end, last.mention[1] if last.mention else last.end)
                    pp_end = art.paras[paras[k] - 1][1]
                    tail = text[tail_start:pp_end]
                    ends = sum(1 for m in SENTENCE_END.finditer(text, tail_start, pp_end)
                               if not art.is_abbreviation_end(m.start()))
                    if ends <= 1 and len(tail) < 250:
                        source = last
        if source is not None and source.mention is not None:
            quote.cue = source.cue
            quote.mention = source.mention
            quote.confidence = min(quote.confidence, 0.7)
            found[k] = True
