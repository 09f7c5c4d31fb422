"""Direct and mixed quotations: text inside quotation marks.

Quoted runs come from :mod:`.marks`. Each run is either *standalone* (it opens a sentence,
follows a colon, or follows its attribution: ``He said, "…"``) or *embedded* in a sentence
of the writer's (``Trump said the plan was "a disaster" and must go``).

* Standalone runs that follow each other with only their attribution between them
  (``"We will win," he said, "and soon."`` or ``"…," he said. "…"``) are one quotation.
* An embedded run inside a reported clause (:mod:`.clauses`) makes that clause a *mixed*
  quotation; several runs in one clause make one quotation. A clause nested in another
  report (``Lee said the plan was what Hart called a "mess"``) is widened to that report
  unless it is mostly in marks; a clause cut short before a long run in its sentence
  (``Lee said the plan, which passed, is "a mess that will cost us all."``) reaches it; a
  lower-case standalone run that finishes a clause (``…said that while it passed, "it
  will not last."``) joins it.
* An embedded run outside any reported clause is a scare quote, a title, a name or a
  nickname unless it is long enough to be speech on its own; short ones are dropped,
  except words called out (``the crowd chanted "Lock her up"``), whose verb is their cue.
* A run that opens mid-sentence with its attribution right after it (``Some parties "have
  conflated the two," Smith said.``) takes the sentence from its start; a standalone run
  the writer's words finish (``"We are horrified" by the attack, he said.``) takes them.
  A standalone run right after the attribution of a mixed quotation continues it.
* Titles, headlines and labels in marks (Title Case, ALL CAPS) are never quotations, nor
  is a quoted headline followed by its byline (``"Bakery to close," by Ann Lee:``).

Annotators of news corpora keep one attribution per quotation and split at paragraph
breaks, so a part with an attribution of its own, or a new paragraph, starts a new one,
with one exception: a paragraph that is nothing but a quotation, right after a paragraph
that opens with a quotation and ends with (or holds) its attribution, is the same
speaker going on (``"It is over," he said.⏎⏎"Now we rebuild."``) and continues it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from tui.core.model import DIRECT, MIXED, Quotation, Span
from tui.core.quotes.clauses import Clause, inflections, reported_clauses, trie_pattern
from tui.core.quotes.marks import QuotedRun, quoted_runs
from tui.core.quotes.sentences import sentences

#: Embedded runs shorter than this many words are kept only inside a reported clause.
MIN_FREE_WORDS = 6
#: ... unless they end with ``!`` or ``?`` and have at least this many words.
MIN_EXCLAMATION_WORDS = 2
#: An attribution between two parts of one quotation has at most this many words.
MAX_ATTRIBUTION_WORDS = 50
#: A nested mixed quotation with less than this share of its words in marks is widened
#: to the report that holds it (the scorer's own line between direct and not).
NESTED_SHARE = 0.5

_WORD = re.compile(r"\w[\w’'-]*")
# Verbs that attribute a quotation (in the forms an attribution uses), for telling an
# attribution between two quoted runs from the writer's own sentences.
_ATTRIBUTION_VERBS = """say tell write add continue ask explain note argue insist recall reply
respond declare state tweet warn joke conclude quip concede acknowledge remark observe
complain admit reiterate predict caution offer urge answer fume muse laugh sigh shout yell
scream whisper boast brag vow promise plead lament scoff snap stress emphasize maintain
suggest counter press chant read post email text announce claim contend assert allege
confirm deny report testify mock gush rave marvel wonder quote describe charge assure
recount remember surmise reason interject concur retort exclaim reflect"""
_CUE_WORD = re.compile(
    r"\b(?:according to|went on|shot back|"
    + trie_pattern(sorted({f for base in _ATTRIBUTION_VERBS.split() for f in inflections(base)}))
    + r")\b",
    re.IGNORECASE,
)
# A full stop that ends a title or an initial, not a sentence (``Mr. Smith``, ``J. Smith``).
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|St|Jr|Sr|Rev|Prof|Pres)|"
    r"\b[A-Z]|\b[A-Z]\.[A-Z])\.$"
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[\"“‘'(]*[A-Z]")
_ATTRIBUTION_STOP = re.compile("[.!?\n\"“”«»]")


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """``_ABBREVIATION.search(text, start, dot + 1)``: whether the full stop at ``dot``
    ends a title or an initial. A match is at most five characters long, so the search
    starts near the stop (``\\b`` still sees the characters before where it starts)."""
    return _ABBREVIATION.search(text, max(start, dot - 8), dot + 1) is not None


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))  # (no match objects: faster than finditer)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _is_attribution(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (between two quoted runs) holds only an attribution."""
    gap = text[start:end]
    if "\n" in gap:
        return False
    if not gap.strip(" \t,.;:—–-"):
        return True
    if gap.rstrip().endswith(":"):
        return False  # ``Smith said: "…"`` introduces the next quotation, not this one
    if _words(text, start, end) > MAX_ATTRIBUTION_WORDS or not _CUE_WORD.search(gap):
        return False
    # One sentence at most: the attribution itself (``he said.``) and nothing after it.
    return not any(
        not _ABBREVIATION.search(gap, 0, m.start() + 1) for m in _SENTENCE_BREAK.finditer(gap)
    )


def _char_before(text: str, pos: int) -> str:
    """The nearest character before ``pos`` on its line that is not white space."""
    i = pos - 1
    while i >= 0 and text[i].isspace() and text[i] != "\n":
        i -= 1
    return "\n" if i < 0 else text[i]


def _standalone(text: str, run: QuotedRun, prev_close: int | None) -> bool:
    """Whether ``run`` stands as an utterance of its own rather than inside a sentence."""
    ch = _char_before(text, run.open)
    if ch == "\n" or ch in ".!?:" or ch in "\"”»'’)":
        return True
    if ch in ",—–-":
        i = text.rindex(ch, 0, run.open)
        # ``He said, "…"`` or ``"…," he said, "…"``: an attribution just before it.
        start = max(prev_close or 0, _line_start(text, run.open))
        cut = max(text.rfind(stop, start, i) for stop in (". ", "? ", "! "))
        start = max(start, cut + 1)
        return _words(text, start, i) <= MAX_ATTRIBUTION_WORDS and bool(
            _CUE_WORD.search(text, start, i)
        )
    return False


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of"}
    | {"on", "or", "over", "the", "to", "up", "via", "vs", "with"}
)


def _has_words(text: str, run: QuotedRun) -> bool:
    """Whether a quoted run holds any word (``"…"`` or ``"!?"`` quote nobody)."""
    return any(_WORD.search(text, s, e) for s, e in run.spans)


def _is_title(text: str, run: QuotedRun) -> bool:
    """Whether a quoted run is a title, a headline or a label rather than speech:
    Title Case or ALL CAPS throughout (``"The Late Show With Stephen Colbert"``)."""
    if not run.spans:
        return False
    # Word by word, stopping at the second word once a lower-case one is seen (speech
    # shows itself in its first words; quotations can be paragraphs long).
    first = ""
    count = 0
    lower_case = False  # a word not in _SMALL_WORDS that starts in lower case
    for s, e in run.spans:
        for match in _WORD.finditer(text, s, e):
            word = match.group()
            count += 1
            if count == 1:
                first = word
            if not lower_case and word.lower() not in _SMALL_WORDS \
                    and not (word[0].isupper() or word[0].isdigit()):
                lower_case = True
            if lower_case and count > 1:
                return False
    if not count:
        return False
    if count == 1 and text[run.spans[-1][1] - 1] == ":":
        return True  # a label (``"Related:"``)
    if lower_case:
        return False
    if count > 1 or first.isupper():
        return True
    # One capitalized word the writer's sentence goes on from (``"Friends" has been a hit``).
    return text[run.spans[-1][1] - 1].isalnum() and bool(_CONTINUATION.match(text, run.close))


# Verbs (and nouns) of calling words out: what follows in marks is what was called out.
_CALLED_OUT = re.compile(
    r"\b((?:chant|shout|yell|scream|mouth|echo|interject)(?:s|es|ed|ing)?|cr(?:y|ies|ied|ying)"
    r"|(?:chants|cries|shouts|chorus|choruses) of)[ \t\xa0]*[,:]?[ \t\xa0]*$",
    re.IGNORECASE,
)
# ``"Museum to close in May," by Jane Doe: …``: a quoted headline and its byline.
_BYLINE = re.compile(r",?[ \t\xa0]+by[ \t\xa0]+(?:the[ \t\xa0]+)?[A-Z]")


def _free_speech(text: str, run: QuotedRun) -> bool:
    """Whether a quoted run inside a sentence, outside any reported clause, is still
    speech: long enough, or a whole exclamation or question (``shouted "Stay there!"``)."""
    words = sum(_words(text, s, e) for s, e in run.spans)
    last = text[run.spans[-1][1] - 1]
    return words >= MIN_FREE_WORDS or (words >= MIN_EXCLAMATION_WORDS and last in "!?")


class _ClauseIndex:
    """The reported clauses' content spans sorted by start, to find the clause holding a
    quoted run without trying every clause (thousands of runs and clauses in one
    paragraph would cost their product)."""

    def __init__(self, clauses: list[Clause]) -> None:
        # (start, end, size, position in clauses, clause) for every span of every clause
        entries = sorted(
            ((start, end, sum(e - s for s, e in clause.spans), n, clause)
             for n, clause in enumerate(clauses) for start, end in clause.spans),
            key=lambda entry: entry[0],
        )
        self.entries = entries
        self.starts = [entry[0] for entry in entries]
        self.longest = max((end - start for start, end, *_ in entries), default=0)

    def clause_of(self, span: Span) -> Clause | None:
        """The reported clause whose content holds ``span``, the tightest one if several
        do (the first of those in the clauses' order when sizes tie).

        The clause may end a little before the run (a final full stop inside the marks).
        """
        best: tuple[int, int, Clause] | None = None
        # A span starting before ``floor`` is too short to reach span[1].
        floor = span[1] - 3 - self.longest
        k = bisect_right(self.starts, span[0]) - 1
        entries = self.entries
        while k >= 0 and entries[k][0] >= floor:
            _, end, size, n, clause = entries[k]
            if span[1] <= end + 3 and (best is None or (size, n) < best[:2]):
                best = (size, n, clause)
            k -= 1
        return None if best is None else best[2]


# ``…," and said …``: a coordinated verb of the same sentence, not an attribution.
_COORDINATED = re.compile(r"[\s,]*(?:and|but|or|then|as|which|who|while)\b")


def _attributed_after(text: str, run: QuotedRun) -> bool:
    """Whether a short attribution follows ``run`` to the end of its sentence (``, he said.``)."""
    end = run.close
    limit = min(len(text), end + 160)
    while True:  # to the first stop that is not an abbreviation's full stop
        stop = _ATTRIBUTION_STOP.search(text, end, limit)
        if stop is None:
            end = limit
            break
        end = stop.start()
        if text[end] != "." or not _is_abbreviation(text, run.close, end):
            break
        end += 1
    gap = text[run.close : end]
    last = run.spans[-1][1] - 1
    return (
        (gap[:1] == "," or text[last] in ",?!")
        and not _COORDINATED.match(gap)
        and _words(text, run.close, end) <= 14
        and bool(_CUE_WORD.search(gap))
        and " that " not in gap
    )


_CONTINUATION = re.compile(
    r"[ \t\xa0]+(?!(?:he|she|they|we|I|it|said|says|added|told|wrote)\b)[a-z]"
)


_CONTINUATION_STOP = re.compile(r"[.!?](?=\s|$)|[\"“«]")


def _continuation(text: str, run: QuotedRun) -> Span | None:
    """The writer's words that finish the sentence a quotation began, if any:
    ``"We are horrified" by the shooting, he said.`` gives ``by the shooting``."""
    if text[run.spans[-1][1] - 1] in ".,!?" or not _CONTINUATION.match(text, run.close):
        return None
    end = run.close
    limit = text.find("\n", end)
    limit = len(text) if limit == -1 else limit
    stop = _CONTINUATION_STOP.search(text, end, limit)
    end = stop.start() if stop else limit
    comma = text.find(",", run.close, end)
    while comma != -1:
        cue = _CUE_WORD.search(text, comma, end)
        if cue and _words(text, comma, cue.start()) <= 4:
            end = comma  # ``…, the imam said``, ``…, said Ann Lee, a spokeswoman for …``
            break
        comma = text.find(",", comma + 1, end)
    start = run.close
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if start < end else None


_RESUMED = re.compile(
    r"[ \t\xa0]+([^.!?\n\"“”]{1,120}?),[ \t\xa0]+(?=(?:that|would|will|is|was|are|were|has|"
    r"have|had|should|could|can|may|might|must|because|if|did|does|do)\b)"
)
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’']|$)|\n")


def _resumed_paraphrase(text: str, run: QuotedRun) -> Span | None:
    """The writer's paraphrase that resumes a quotation after its attribution, to the end
    of the sentence: ``"Only you," she said, would do that.`` gives ``would do that``."""
    if text[run.spans[-1][1] - 1] != ",":
        return None
    match = _RESUMED.match(text, run.close)
    if not match or _words(text, *match.span(1)) > 12 or not _CUE_WORD.search(match.group(1)):
        return None
    start = match.end()
    end = start
    while True:
        stop = _SENTENCE_END.search(text, end)
        if stop is None:
            end = len(text)
            break
        end = stop.start()
        if text[end] != "." or not _is_abbreviation(text, start, end):
            break
        end += 1
    return (start, end) if end > start else None


class _SentenceStarts:
    """Start of the sentence holding a position, each line split into sentences once (a
    line with thousands of quotations would otherwise be split once for each)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, tuple[list[int], list[Span]]] = {}

    def __call__(self, pos: int) -> int:
        """Start of the sentence holding ``pos`` (sentences never cross a line)."""
        text = self.text
        line_start = _line_start(text, pos)
        known = self._lines.get(line_start)
        if known is None:
            line_end = text.find("\n", pos)
            spans = sentences(text, line_start, len(text) if line_end == -1 else line_end)
            known = self._lines[line_start] = ([start for start, _ in spans], spans)
        starts, spans = known
        k = bisect_right(starts, pos) - 1
        if k >= 0 and spans[k][0] <= pos < spans[k][1]:
            return spans[k][0]
        return line_start


class _Group:
    """Quoted runs collected into one direct quotation."""

    __slots__ = ("attributed", "close", "cue", "kind", "spans")

    def __init__(
        self, spans: list[Span], close: int, kind: str = DIRECT, cue: Span | None = None
    ) -> None:
        self.spans = spans
        self.close = close
        self.attributed = False
        self.kind = kind
        self.cue = cue

    def quotation(self) -> Quotation:
        return Quotation(kind=self.kind, spans=tuple(self.spans), cue=self.cue)


def find_direct(text: str) -> list[Quotation]:
    """Direct and mixed quotations, content spans only (attribution is added later)."""
    runs = quoted_runs(text)
    if not runs:
        return []
    quoted = [span for run in runs for span in run.spans]
    clauses = reported_clauses(text, quoted)
    index = _ClauseIndex(clauses)
    sentence_start = _SentenceStarts(text)
    out: list[Quotation] = []
    group: _Group | None = None
    mixed: dict[Span, Quotation] = {}
    prev_close: int | None = None
    absorbed = -1
    # The cue of the last mixed quotation attributed after its content, and its last mark.
    last_mixed: tuple[Span, int] | None = None
    for run in runs:
        if run.open < absorbed:
            continue  # inside content already taken (a resumed paraphrase)
        called = None
        standalone = _standalone(text, run, prev_close)
        if not standalone:
            called = _CALLED_OUT.search(text, max(0, run.open - 40), run.open)
        if called is not None:
            # ``The crowd chanted "Lock her up"``: words called out are speech, however
            # short, and the verb is their cue.
            if group is not None:
                out.append(group.quotation())
            group = _Group(list(run.spans), run.close, cue=called.span(1))
            prev_close = run.close
            continue
        if not _has_words(text, run) or _is_title(text, run) or (
            "," in text[run.close - 2 : run.close + 1] and _BYLINE.match(text, run.close)
        ):
            prev_close = run.close
            continue
        if standalone and _char_before(text, run.open) in ",:":
            clause = index.clause_of(run.spans[0])
            if _ends_clause(text, clause, run):
                # ``He said that while X, "Y."``: the quotation ends a paraphrase.
                if group is not None:
                    out.append(group.quotation())
                    group = None
                mixed.setdefault(clause.cue, Quotation(MIXED, clause.spans, cue=clause.cue))
                prev_close = run.close
                continue
        if standalone and last_mixed is not None and _continues_mixed(text, last_mixed, run):
            # ``Obama "felt an obligation" to act, Axelrod said. "This is core stuff."``
            cue, _ = last_mixed
            mixed[cue] = Quotation(MIXED, (*mixed[cue].spans, *run.spans), cue=cue)
            last_mixed = (cue, run.close)
            prev_close = run.close
            continue
        last_mixed = None
        if standalone:
            if group is not None and (
                _joins(text, group, run) or _continues_paragraph(text, group, run)
            ):
                group.spans.extend(run.spans)
                group.attributed = group.attributed or bool(
                    text[group.close : run.open].strip(" \t\n,.;—–-")
                )
            else:
                if group is not None:
                    out.append(group.quotation())
                group = _Group(list(run.spans), run.close)
                # ``Beck shouted, "Cruz," Ann joked.``: introduced by its own attribution.
                # Not ``His verdict: "…"``, where nothing attributes it.
                group.attributed = _char_before(text, run.open) in ",:" and _introduces(
                    text, sentence_start(run.open), run.open
                )
            group.close = run.close
            tail = _continuation(text, run)
            if tail is not None:
                group.spans.append(tail)
                group.kind = MIXED
            resumed = _resumed_paraphrase(text, run)
            if resumed is not None:
                # ``"We are concerned," the members wrote, that the agency "may have …"``
                group.spans.append(resumed)
                group.kind = MIXED
                group.attributed = True
                group.close = absorbed = resumed[1]
        elif _attributed_after(text, run) and not _CUE_WORD.search(
            text, start := sentence_start(run.open), run.open
        ):
            # ``Some parties "have conflated the two," Smith said.``: the sentence up to the
            # quotation is the content.
            if group is not None:
                out.append(group.quotation())
            first = (start, run.spans[0][1]) if start < run.open else run.spans[0]
            group = _Group([first, *run.spans[1:]], run.close, MIXED)
        else:
            clause = index.clause_of(run.spans[0])
            if clause is None and _free_speech(text, run):
                clause = _cut_short(text, run, clauses)
            if clause is not None:
                if clause.cue not in mixed:
                    mixed[clause.cue] = Quotation(kind=MIXED, spans=clause.spans, cue=clause.cue)
                if not clause.forward and clause.cue[0] > run.close:
                    last_mixed = (clause.cue, run.close)
            elif _free_speech(text, run):
                if group is not None:
                    out.append(group.quotation())
                group = _Group(list(run.spans), run.close)
        prev_close = run.close
    if group is not None:
        out.append(group.quotation())
    out.extend(_outermost(text, mixed, clauses, quoted))
    out.sort(key=lambda q: q.spans[0])
    return out


def _quoted_share(text: str, spans: tuple[Span, ...], quoted: list[Span]) -> float:
    """Share of the word characters of ``spans`` that lie inside quotation marks."""
    total = sum(_words(text, s, e) for s, e in spans)
    inside = sum(
        _words(text, max(s, qs), min(e, qe))
        for s, e in spans
        for qs, qe in quoted
        if qs < e and s < qe
    )
    return inside / total if total else 0.0


def _outermost(
    text: str, mixed: dict[Span, Quotation], clauses: list[Clause], quoted: list[Span]
) -> list[Quotation]:
    """Mixed quotations, a nested report that is mostly the writer's words widened to the
    report that holds it: in ``Smith said the plan was what Jones called a "mess"`` the
    fragment is part of Smith's content, which is the quotation annotators keep."""
    out: dict[Span, Quotation] = {}
    for cue, quote in mixed.items():
        start, end = quote.spans[0][0], quote.spans[-1][1]
        if _quoted_share(text, quote.spans, quoted) >= NESTED_SHARE:
            out.setdefault(cue, quote)
            continue
        best: Clause | None = None
        for clause in clauses:
            if clause.cue == cue or not clause.forward or len(clause.spans) != 1:
                continue
            c_start, c_end = clause.spans[0]
            if (c_start <= cue[0] and end <= c_end + 3 and c_start < start) and (
                best is None or c_start > best.spans[0][0]
            ):
                best = clause
        if best is None:
            out.setdefault(cue, quote)
        else:
            out.setdefault(best.cue, Quotation(MIXED, best.spans, cue=best.cue))
    return list(out.values())


def _cut_short(text: str, run: QuotedRun, clauses: list[Clause]) -> Clause | None:
    """The forward clause of the same sentence that stopped short of ``run`` (at a relative
    clause or a ``, but``), widened to the run's end: in ``She said the plan, which passed,
    is "a mess that will cost us."`` the quoted words finish her content."""
    if text[run.spans[0][0]].isupper():
        return None
    best: Clause | None = None
    line_start = _line_start(text, run.open)
    for clause in clauses:
        if not clause.forward or len(clause.spans) != 1:
            continue
        start, end = clause.spans[0]
        if not line_start <= clause.cue[0] < start <= end <= run.open:
            continue
        gap = text[end : run.open]
        if _SENTENCE_BREAK.search(gap) or _CUE_WORD.search(gap) or "\n" in gap:
            continue
        if best is None or start > best.spans[0][0]:
            best = clause
    if best is None:
        return None
    return Clause(best.cue, ((best.spans[0][0], run.spans[-1][1]),), True)


_PAST_VERB = re.compile(r"\b[a-z]{2,}ed\b")


def _introduces(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (before ``: "…"``) attributes what follows: it holds a
    reporting verb or another verb in the past (``Lee scolded him:``), not only a noun
    phrase (``His final verdict:``)."""
    return bool(_CUE_WORD.search(text, start, end) or _PAST_VERB.search(text, start, end))


def _continues_mixed(text: str, last: tuple[Span, int], run: QuotedRun) -> bool:
    """Whether ``run`` goes on with a mixed quotation whose attribution follows it: only
    that attribution and the end of its sentence lie between them, and ``run`` has no
    attribution of its own."""
    cue, close = last
    if not close <= cue[0] < run.open or "\n" in text[close : run.open]:
        return False
    return _is_attribution(text, cue[0], run.open) and not _attributed_after(text, run)


def _ends_clause(text: str, clause: Clause | None, run: QuotedRun) -> bool:
    """Whether ``run`` finishes a forward reported clause that has words of the writer's
    before it (``He said that while it passed, "it will not last."``): it starts in lower
    case, so it goes on with the writer's sentence, and has no attribution of its own."""
    if clause is None or not clause.forward or len(clause.spans) != 1:
        return False
    start, end = clause.spans[0]
    if end + 3 < run.spans[-1][1] or _words(text, start, run.open) < 3:
        return False
    if text[run.spans[0][0]].isupper():
        return False  # ``…, she said: "We lost."``: a whole utterance stands on its own
    return not _attributed_after(text, run)


def _joins(text: str, group: _Group, run: QuotedRun) -> bool:
    """Whether ``run`` continues the quotation ``group``: only its attribution lies between
    them, in the same paragraph (annotators split quotations at paragraph breaks unless
    the marks carry over, which :mod:`.marks` already joins)."""
    gap = text[group.close : run.open]
    empty = not gap.strip(" \t,.;—–-")
    if not empty and (group.attributed or _attributed_after(text, run)):
        return False  # one attribution per quotation: ``"A," she said. "B," she added.``
    return _is_attribution(text, group.close, run.open)


_QUOTE_OR_SPACE = frozenset(" \t\xa0\"“”«»„'’‘")


def _continues_paragraph(text: str, group: _Group, run: QuotedRun) -> bool:
    """Whether ``run`` carries the quotation ``group`` over into the next paragraph: the
    group opens its paragraph and ends it with its attribution (``"…," she said.``), and
    the next paragraph is nothing but a quotation with no attribution of its own, so the
    same speaker goes on speaking (``"It is over," he said.⏎⏎"Now we rebuild."``)."""
    if group.kind != DIRECT:
        return False
    gap_line_end = text.find("\n", group.close, run.open)
    if gap_line_end == -1 or text[gap_line_end:run.open].count("\n") > 2:
        return False
    if text[gap_line_end:run.open].strip() or _char_before(text, run.open) != "\n":
        return False
    # The previous paragraph opens with the quotation and closes with its attribution.
    first = group.spans[0][0]
    if any(ch not in _QUOTE_OR_SPACE for ch in text[_line_start(text, first) : first]):
        return False
    tail_end = gap_line_end
    while tail_end > group.close and text[tail_end - 1].isspace():
        tail_end -= 1
    if not text[group.close : tail_end].strip(" \t,.;—–-"):
        # No attribution after it: it must lie between the group's own parts
        # (``"A," he said. "B."⏎⏎"C."``).
        if len(group.spans) < 2 or not group.attributed:
            return False
    elif not _is_attribution(text, group.close, tail_end):
        return False
    # The new paragraph is the quotation alone.
    line_end = text.find("\n", run.close)
    line_end = len(text) if line_end == -1 else line_end
    return not text[run.close : line_end].strip(" \t\xa0.,;\"”’'")
