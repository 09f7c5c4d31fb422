"""The attribution patterns around one quotation: cue words, and the speaker phrase on
either side of a quotation or of a given cue.

Each matcher looks at one region of the text and returns ``(cue span, mention span)`` or
None; :mod:`.attribution` decides which region to try for which quotation. Word-level
only (see :mod:`.mentions`), so every scan is short and linear.
"""

from __future__ import annotations

import bisect
import re

from tui.core.model import Span
from tui.core.quotes.cues import CUE_FORMS, cue_base
from tui.core.quotes.mentions import (
    Token,
    clause_subject,
    np_start_back,
    phrase_after,
    subject_before,
    tokens,
)
from tui.core.quotes.names import BODY_NOUNS, MODIFIERS, NOT_NAME_WORDS, ROLE_NOUNS, words

_OPEN = "\"“«„'‘"
_CLOSE = "\"”»“'’"
#: Verbs that attribute quoted words without being reporting verbs (``called it "X"``).
_EXTRA_CUES = frozenset(
    words(
        """call calls called calling dub dubs dubbed dubbing label labels labeled labelled
        labeling labelling brand brands branded branding term terms termed refer refers
        referred referring mock mocks mocked mocking tout touts touted touting slam
        slams slammed slamming praise praises praised praising attack attacks attacked
        attacking blame blames blamed blaming defend defends defended defending pledge
        pledges pledged pledging chant chants chanted chanting read reads"""
    )
)
_EXTRA_BASES = frozenset(
    words("call dub label brand term refer mock tout slam praise attack blame defend pledge"
          " chant read")
)
#: Cues that can be inverted (``said Smith``); not ``told`` (``told Smith`` is an object).
_NO_INVERSION = frozenset(
    words(
        """tell think believe know hope feel hold fear describe express commit call dub
        label brand term refer mock tout slam praise attack blame defend pledge accuse
        blast criticize criticise demand recommend remind reassure question voice urge
        signal dismiss deny charge estimate indicate"""
    )
)
_NOUN_MARKERS = frozenset(words("the a an his her their its our my your this these those"))
_COORDINATORS = frozenset(("and", "but", "or", "then"))
_ADVERBS = frozenset(words("also later then again once further still even just only then"))
_PARTICIPLE_OPENERS = frozenset(
    (",", ":", "—", "–", "(", "by", "while", "when", "after", "before", "in", "without")
)
_OPENING_CUES = frozenset(
    words("said says added asked wrote writes explained noted recalled adding saying noting")
)
_GOVERNING = frozenset(words("to of for from with by in on at about against than like as"))
_CONTRACTED = frozenset(words("he she it who that there what"))
_SUBJECTS = frozenset(("he", "she", "they", "we"))
_PASSIVE_AUX = frozenset(["was", "were", "is", "are", "been", "be", "being"])
_PHRASE_AFTER = (("according", "to"), ("in", "the", "words", "of"), ("as", "quoted", "by"))
_PHRASE_STARTS = frozenset(phrase[0] for phrase in _PHRASE_AFTER)
SENTENCE_END = re.compile(r"[.!?]+[\"'”’»)]*(?=\s|$)")
_END_CHARS = frozenset(".!?\"'”’»)")
_SPEECH_NOUNS = re.compile(
    r"\b(?:statement|tweet|tweeted|interview|email|e-mail|letter|speech|remarks|post|message|"
    r"release|op-ed|column|editorial|memo)\b",
)
_PAST = frozenset(words("went shot fired began broke came gave took spoke snapped hit put"))
_WORD = re.compile(r"\s+(\w+)")
_PARTICLES = frozenset(words("on back out up in off"))
_SHORT_TAIL = 7
_CLAUSE_BREAKS = frozenset((",", "and", "as", "while", "before", "after", "when", "—"))


#: First words of the two-word cues (``points out``): only these need the next word.
_PAIR_FIRST = frozenset(form.split()[0] for form in CUE_FORMS if " " in form)


def cue_word(tok: Token) -> str | None:
    """The cue base of a lower-case token, or None (capitalised words are names).

    ``Said``, ``Added`` and the like open an inverted attribution (``Said Smith: "…"``).
    """
    if not tok.is_word:
        return None
    if not tok.text[0].islower():
        return cue_base(tok.low) if tok.low in _OPENING_CUES else None
    base = cue_base(tok.low)
    if base is not None:
        return base
    return tok.low if tok.low in _EXTRA_CUES else None


def _cue_at(toks: list[Token], i: int) -> str | None:
    """The cue base of ``toks[i]`` unless the word is a noun there (``his comments``).

    Two-word cues (``points out``) are found by their first word.
    """
    tok = toks[i]
    if tok.low in _PAIR_FIRST and i + 1 < len(toks) and tok.is_word and tok.text[0].islower():
        pair = cue_base(f"{tok.low} {toks[i + 1].low}")
        if pair is not None:
            return pair
    base = cue_word(tok)
    if base is None or i == 0:
        return base
    prev = toks[i - 1]
    contraction = prev.low.replace("’", "'").split("'")[0] in _CONTRACTED  # "he's said"
    if prev.low in _NOUN_MARKERS or (prev.low.endswith(("'s", "’s", "s'", "s’"))
                                     and not contraction):
        return None
    bare = tok.low in _EXTRA_BASES or cue_base(tok.low) == tok.low
    if bare and prev.is_word and prev.text[0].isupper() and prev.low not in ("i",):
        return None  # "Bush's Facebook post", "her March comment": a noun after a name
    plural = prev.low.endswith("s") and not prev.low.endswith(("ous", "ss", "us", "is"))
    marker = i >= 2 and (toks[i - 2].low in _NOUN_MARKERS
                         or toks[i - 2].low.endswith(("'s", "’s")))
    if bare and marker and prev.is_word and prev.low not in ROLE_NOUNS \
            and prev.low not in BODY_NOUNS and not plural:
        return None  # "a snappy retort", "a nervous call", "Clinton's stock answer"
    if prev.low in _PASSIVE_AUX and tok.low in ("asked", "told"):
        return None  # "Trump was asked, "…"": the words are someone else's
    return base


def _cue_span(toks: list[Token], i: int) -> Span:
    """Offsets of the cue starting at ``toks[i]`` (two words for ``points out``)."""
    if i + 1 < len(toks) and cue_base(f"{toks[i].low} {toks[i + 1].low}") is not None:
        return (toks[i].start, toks[i + 1].end)
    return (toks[i].start, toks[i].end)


def _phrase_at(toks: list[Token], i: int) -> int:
    """Length of an ``according to``-type phrase starting at ``toks[i]``, or 0."""
    if toks[i].low not in _PHRASE_STARTS:
        return 0
    for phrase in _PHRASE_AFTER:
        n = len(phrase)
        if i + n <= len(toks) and all(toks[i + k].low == phrase[k] for k in range(n)):
            return n
    return 0


_LINE = re.compile(r"[^\r\n]+")


def _lines(text: str) -> list[Span]:
    """Spans of the non-blank lines: news files often end paragraphs with one newline."""
    return [m.span() for m in _LINE.finditer(text) if not m.group().isspace()]


class Article:
    """Paragraph (line) and sentence lookups over one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = _lines(text) or [(0, len(text))]
        self.starts = [s for s, _ in self.paras]
        # last_sentence_start's scans by where they began: how far they got, and the
        # sentence starts found (see there)
        self._scans: dict[int, tuple[int, list[int]]] = {}
        self._abbreviations: dict[int, bool] = {}

    def para(self, pos: int) -> int:
        """Index of the paragraph holding ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def is_abbreviation_end(self, dot: int) -> bool:
        """Whether the full stop at ``dot`` ends a title or an initial, not a sentence."""
        known = self._abbreviations.get(dot)
        if known is None:  # (the sentence scans of each quotation meet the same stops)
            toks = tokens(self.text, max(0, dot - 12), dot + 1)
            known = bool(toks) and toks[-1].text.endswith(".") and len(toks[-1].text) > 1 \
                and toks[-1].end == dot + 1
            self._abbreviations[dot] = known
        return known

    def sentence_end(self, start: int, limit: int) -> int:
        """Offset just past the first sentence end in ``[start, limit)``, else ``limit``."""
        for match in SENTENCE_END.finditer(self.text, start, limit):
            if match.group()[0] == "." and (self.is_abbreviation_end(match.start())
                                            or ")" in match.group()):
                continue  # "Sen. X (D-Md.) said": a party tag, not a sentence end
            return match.end()
        return limit

    def last_sentence_start(self, lo: int, hi: int) -> int:
        """Start of the last sentence that begins in ``[lo, hi)``."""
        # A quotation opening right after a full stop keeps the sentence before it:
        # "X says she got a call from her niece. "She told me…"" is X's.
        resume, starts = self._scans.get(lo, (lo, []))
        if resume < hi:
            resume = self._scan_sentences(resume, hi, starts)
            self._scans[lo] = (resume, starts)
        k = bisect.bisect_left(starts, hi) - 1
        return starts[k] if k >= 0 else lo

    def _scan_sentences(self, pos: int, hi: int, starts: list[int]) -> int:
        """Go on with a scan of sentence ends from ``pos`` up to ``hi``: append to
        ``starts`` the start of each sentence after a sentence end, and return where the
        next call must resume.

        Every cue and quotation of a paragraph asks from the paragraph's start, so each
        scan is remembered and resumed rather than repeated (a paragraph of thousands of
        cues cost its length squared). A match is kept only when it ends before ``hi``:
        those are the matches a scan to any further end finds too. The next call resumes
        at the first match that reached ``hi`` (it may grow), or else past the last
        character that could begin one.
        """
        text = self.text
        while True:
            match = SENTENCE_END.search(text, pos, hi)
            if match is None:
                resume = hi
                while resume > pos and text[resume - 1] in _END_CHARS:
                    resume -= 1  # a sentence end cut by hi may still grow
                return resume
            if match.end() >= hi:
                return match.start()
            pos = match.end()
            if match.group()[0] == "." and (self.is_abbreviation_end(match.start())
                                            or ")" in match.group()):
                continue
            nxt = match.end()
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            starts.append(nxt)


def open_mark_start(text: str, start: int) -> int:
    """Offset of the opening quotation mark before ``start`` (or ``start`` itself)."""
    pos = start
    while pos > 0 and text[pos - 1] in _OPEN + " ":
        pos -= 1
        if text[pos] in _OPEN:
            return pos
    return start


def close_mark_end(text: str, end: int) -> int:
    """Offset just past the closing mark and punctuation after ``end``."""
    pos = end
    limit = min(len(text), end + 8)
    while pos < limit and text[pos] in _CLOSE + ",.!?;:… ":
        pos += 1
    return pos


def ends_sentence(text: str, end: int, after: int) -> bool:
    """Whether the quotation ending at ``end`` closes its sentence with a full stop."""
    inside = text[max(0, end - 1) : end]
    outside = text[end:after]
    if "," in outside or "…" in inside or text[max(0, end - 3) : end] == "...":
        return False
    return "." in inside or "." in outside


def match_after(
    art: Article, start: int, limit: int, bare_only: bool
) -> tuple[Span, Span] | None:
    """``, he said`` / ``said Smith`` / ``according to X`` starting at ``start``."""
    text = art.text
    end = art.sentence_end(start, limit)
    toks = tokens(text, start, end)
    dashed = bool(toks) and toks[0].text in "—–-―"
    while toks and not toks[0].is_word and toks[0].text in "—–-―(,":
        toks = toks[1:]
    if not toks:
        return None
    first = toks[0].start
    if dashed:
        # "— Bernie Sanders." under a quotation: a signature, no cue.
        mention = phrase_after(text, first, end, appositive=False)
        rest = text[mention[1] : end].strip().strip(".").strip() if mention else "x"
        if mention and (not rest or rest.startswith(",")):
            return (mention[0], mention[0]), mention
    n = _phrase_at(toks, 0)
    if n and not bare_only:
        mention = _according_to(text, toks[n - 1].end, end)
        if mention:
            return (toks[0].start, toks[n - 1].end), mention
        return None
    depth = 0
    for i, tok in enumerate(toks[:30]):
        if tok.text in "()":
            depth += 1 if tok.text == "(" else -1
            continue
        base = _cue_at(toks, i) if not depth else None
        if base is None:
            if not tok.is_word and tok.text not in ",’'" and not depth:
                break
            continue
        if i == 0:
            if base in _NO_INVERSION or tok.low.endswith("ing"):
                return None
            mention = phrase_after(text, tok.end, end)
            if mention is None:
                return None
            tail = toks[i + 1 :]
        else:
            mention = subject_before(text, tok.start, first)
            if mention is None or (mention[0] != first and not bare_only
                                   and toks[i - 1].text == ","):
                # "…" about fixing inequality, said Marla Kilfoyle: the paraphrase goes on
                # after the marks and the inverted attribution closes it.
                inverted = toks[i - 1].text == "," and base not in _NO_INVERSION \
                    and not tok.low.endswith("ing")
                after = phrase_after(text, tok.end, end) if inverted else None
                if after is None:
                    return None
                return _cue_span(toks, i), after
            if mention[0] != first:
                # "election law expert Rick Hasen tweeted": lower-case modifiers the
                # phrase scan did not know still belong to the mention; "as Cruz said".
                lead = [t for t in toks[:i] if t.end <= mention[0]]
                if lead and all(t.low == "as" for t in lead):
                    lead = []
                if len(lead) > 6 or not all((t.is_word or t.text in "’'-") and cue_word(t) is None
                                            and t.low not in NOT_NAME_WORDS for t in lead):
                    return None
                if lead:
                    mention = (first, mention[1])
            tail = toks[i + 1 :]
            if i + 1 < len(toks) and toks[i + 1].low == "by" and tok.low.endswith("ed"):
                return None
        if bare_only and sum(t.is_word for t in tail) > _SHORT_TAIL:
            return None
        return _cue_span(toks, i), mention
    return _loose_after(text, toks, end)


def _loose_after(text: str, toks: list[Token], end: int) -> tuple[Span, Span] | None:
    """``"…," an angry Hollande retaliated.``: a short clause of subject and a verb
    outside the lexicon, right after a quotation that its sentence goes on from."""
    first = toks[0]
    if first.is_word and first.text[0].islower() and first.low.endswith("ed") and len(toks) > 1:
        # "…," mused Blaze co-host Stu Burguiere.
        mention = phrase_after(text, first.end, end)
        rest = text[mention[1] : end].strip(" .\n") if mention else "x"
        if mention and (not rest or rest.startswith(",")):
            return (first.start, first.end), mention
    mention = phrase_after(text, toks[0].start, end)
    if mention is None:
        return None
    rest = [t for t in toks if t.start >= mention[1]]
    if not rest or not rest[0].is_word:
        return None
    verb = rest[0]
    if not (verb.text[0].islower() and (verb.low.endswith(("ed", "s")) or verb.low in _PAST)
            and len(verb.low) > 3 and verb.low not in NOT_NAME_WORDS):
        return None
    tail = rest[1:]
    if tail and tail[0].low in _PARTICLES:
        tail = tail[1:]  # "Trump went on, as if …", "the crowd cried out"
    if sum(t.is_word for t in tail) > 4 and not (tail and tail[0].low in _CLAUSE_BREAKS):
        return None
    return (verb.start, verb.end), mention


def cue_subject(art: Article, cue: Span, floor: int, ceiling: int) -> Span | None:
    """The speaker phrase of the cue at ``cue`` (pronoun, name, description), or None."""
    text = art.text
    toks = tokens(text, max(floor, cue[0] - 24), min(ceiling, cue[1] + 16))
    idx = next((k for k, t in enumerate(toks) if t.start == cue[0]), None)
    word = text[cue[0] : cue[1]].lower()
    if idx is not None:
        n = _phrase_at(toks, idx)
        if n:
            return _according_to(text, toks[idx + n - 1].end, ceiling)
        first = word.split()[0]
        if first.endswith("ed") or first in ("told", "said", "written"):
            before = toks[idx - 1].low if idx > 0 else ""
            after = toks[idx + 1] if idx + 1 < len(toks) else None
            if before in _PASSIVE_AUX and after is not None and after.low == "by":
                return phrase_after(text, after.end, ceiling)
        k = idx - 1
        while k >= 0 and toks[k].low in _ADVERBS:
            k -= 1
        prev = toks[k].low if k >= 0 else ","
        if prev in _COORDINATORS or (first.endswith("ing") and prev in _PARTICIPLE_OPENERS):
            return _main_subject(art, cue[0], floor)
    mention = subject_before(text, cue[0], floor)
    if word.split()[0].endswith("ing") and (mention is None
                                            or _is_object(text, mention[0], floor)):
        return _main_subject(art, cue[0], floor)
    if mention is None:
        # "Supporters of abortion rights, on the other hand, argued": the clause's subject.
        sentence = art.last_sentence_start(floor, cue[0])
        mention = clause_subject(text, sentence, cue[0], nearest=True)
    return mention


def _is_object(text: str, start: int, floor: int) -> bool:
    """Whether the phrase at ``start`` follows a verb or a preposition (not ``with``/``of``).

    ``with Cruz promising`` and ``a clip of McCain saying`` keep their own subject;
    ``wrote on Facebook saying`` and ``emailed supporters stating`` do not.
    """
    before = tokens(text, max(floor, start - 30), start)
    if not before:
        return False
    prev = before[-1]
    if not prev.is_word or prev.low in ("with", "of", "by"):
        return False
    return prev.text[0].islower() and prev.low not in _COORDINATORS


def _main_subject(art: Article, pos: int, floor: int) -> Span | None:
    """Subject of the clause a participle cue (``saying``) hangs on."""
    return clause_subject(art.text, floor, pos, nearest=True)


def _according_to(text: str, start: int, ceiling: int) -> Span | None:
    """The source after ``according to``: a speaker phrase, or else the words up to the
    clause's end (``according to early results of exit polls``), at most a dozen."""
    mention = phrase_after(text, start, ceiling)
    if mention is not None:
        return mention
    toks = tokens(text, start, min(ceiling, start + 160))
    end = None
    for k, tok in enumerate(toks[:14]):
        if not tok.is_word and tok.text not in "'’-&/":
            break
        if tok.is_word:
            end = k
    if end is None or not toks[0].is_word:
        return None
    return (toks[0].start, toks[end].end)


def match_before(art: Article, lo: int, hi: int) -> tuple[Span, Span] | None:
    """The last cue with a subject in ``[lo, hi)``, the text before a quotation."""
    text = art.text
    toks = tokens(text, lo, hi)
    tail = text[lo:hi].rstrip()
    colon = tail.endswith(":")
    if colon and len(toks) > 2 and toks[0].low.replace("’", "'") in ("here's", "there's"):
        mention = phrase_after(text, toks[0].end, hi, appositive=False)
        if mention:  # "Here's Clinton in December 1992:"
            return (toks[0].start, toks[0].end), mention
    if colon and len(toks) > 2:
        # "…doesn't surprise Republican pollster Daron Shaw:": a titled name before the colon.
        k = len(toks) - 2
        start = np_start_back(toks, k)
        titled = start is not None and all(
            t.text[0].isupper() or t.low in ROLE_NOUNS or t.low in MODIFIERS
            for t in toks[start : k + 1]
        )
        after_cue = start is not None and start > 0 and _cue_at(toks, start - 1) is not None \
            and toks[start - 1].text[0].islower()
        if start is not None and start < k and titled and not after_cue \
                and not (start > 0 and toks[start - 1].low in _GOVERNING):
            cue = (toks[k].end, toks[k].end)
            if start > 0 and _cue_at(toks, start - 1):
                cue = _cue_span(toks, start - 1)  # "Said Anna Kowalski:"
            return cue, (toks[start].start, toks[k].end)
    if colon:
        # "…, Rubio fired back forcefully:": a last clause without a cue names the speaker.
        last = max(tail.rfind(","), tail.rfind(";"), -1)
        clause_lo = lo + last + 1
        if not any(_cue_at(toks, i) for i, t in enumerate(toks) if t.start >= clause_lo):
            mention = clause_subject(text, clause_lo, hi)
            verb = _WORD.match(text, mention[1]) if mention else None
            if mention and verb and verb.group(1)[0].islower():
                return (mention[1], mention[1]), mention
    first_cue: tuple[int, Span] | None = None
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        n = _phrase_at(toks, i)
        if n:
            mention = _according_to(text, toks[i + n - 1].end, hi)
            if mention:
                return (tok.start, toks[i + n - 1].end), mention
            continue
        if _cue_at(toks, i) is None:
            continue
        quoted_as = i >= 2 and toks[i - 1].low == "as" and toks[i - 2].low == "quoted"
        if tok.low == "saying" and quoted_as:
            k = i - 2
            while k > 0 and toks[k - 1].low in _PASSIVE_AUX:
                k -= 1
            mention = subject_before(text, toks[k].start, lo)
            if mention:
                return (toks[i - 2].start, tok.end), mention
            continue
        cue = _cue_span(toks, i)
        if i == 0 and tok.text[0].isupper() and tok.low.endswith("ing") and lo > 0:
            # "…that the report "wasn't good." Adding, "…"": the previous sentence's subject.
            prev_lo = art.last_sentence_start(art.paras[art.para(lo)][0], max(0, lo - 1))
            mention = clause_subject(text, prev_lo, lo)
        else:
            mention = cue_subject(art, cue, lo, hi)
        if mention:
            return cue, mention
        if first_cue is None:
            first_cue = (i, cue)
    if first_cue is not None:
        i, cue = first_cue
        opens = i == 0 or not toks[i - 1].is_word
        if opens and _cue_at(toks, i) not in _NO_INVERSION:
            # "explained CBS moderator Nancy Cordes: "…"": inverted before the quotation.
            after = phrase_after(text, cue[1], hi)
            rest = text[after[1] : hi].strip(" :\n\"“'‘") if after else "x"
            if after and (not rest or rest.startswith(",")):
                return cue, after
        # "a White House official who spoke anonymously said": the sentence's subject.
        mention = clause_subject(text, lo, cue[0], nearest=True)
        if mention:
            return cue, mention
    asked = any(t.low in ("asked", "told") and k and toks[k - 1].low in _PASSIVE_AUX
                for k, t in enumerate(toks))
    short = tail.endswith(",") and not asked
    if colon or (tail.endswith(",") and _SPEECH_NOUNS.search(tail)) or short:
        # "Clinton: "…"", "A paper from X had this to say:": the clause's subject.
        mention = clause_subject(text, lo, hi)
        if mention and (colon or len(toks) <= 12 or text[mention[0]].isupper()
                        or text[mention[0] : mention[1]].lower() in _SUBJECTS):
            return (mention[1], mention[1]), mention
    return None


def match_introduction(art: Article, lo: int, hi: int) -> tuple[Span, Span] | None:
    """A sentence in ``[lo, hi)`` that only introduces a quotation: ``He added:``."""
    text = art.text
    stripped = text[lo:hi].rstrip()
    if not stripped:
        return None
    toks = tokens(text, lo, hi)
    if stripped.endswith(":"):
        found = match_before(art, lo, hi)
        if found:
            return found
        if toks and toks[0].is_word:
            mention = phrase_after(text, toks[0].start, hi, appositive=False)
            if mention and (text[mention[0]].isupper()):
                return (mention[1], mention[1]), mention
        return None
    for i, tok in enumerate(toks):
        if _cue_at(toks, i) is None:
            continue
        if sum(t.is_word for t in toks[i + 1 :]) > 3:
            return None
        mention = subject_before(text, tok.start, lo)
        if mention and mention[0] == toks[0].start:
            return _cue_span(toks, i), mention
        return None
    return None
