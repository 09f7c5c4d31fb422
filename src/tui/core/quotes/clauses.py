"""Reported clauses: the content a speech cue introduces, found sentence by sentence.

A cue is a reporting verb (``said``, ``told``, ``argued``, ``accused``) or ``according to``.
Its content is found from the shape of the sentence around it:

* forward, ``Smith said (that) the plan is dead`` or ``Smith told reporters that …``:
  from the cue (past an object, a time adverbial, up to a ``that``) to the end of the clause;
* backward, ``The plan is dead, Smith said.`` or ``…, said Smith, a spokesman.``:
  from the start of the sentence to the comma before the attribution;
* ``According to Smith, the plan is dead.`` / ``The plan is dead, according to Smith.``

Forward content stops where another report starts (``, adding that``, ``and said``,
``, according to``, a trailing ``, the senator said``), before a relative clause, a
``, but``, ``, though``, a coordinated participle (``and vowing``), a temporal ``as
he …`` or ``when asked``, after a quoted fragment closed by a comma when an appositive
or a new clause follows (``called it "racist," an extraordinary charge``), and, in a
sentence that opens with a subordinate clause, before the main clause. Punctuation
inside quotation marks is the speaker's and never ends the writer's clause. Content
keeps a leading ``that`` (as annotators do) and drops a trailing ``when/where it was
said`` only from noun-phrase content (``endorsed Smith on Tuesday``).

Cues inside quotation marks are the quoted speaker's own and are not looked at; nouns
(``the report``), passives (``was criticized``) and compounds (``so-called``) are not cues.

Both the direct finder (a quoted fragment inside such a clause makes a *mixed* quotation)
and the indirect finder (the rest) use these clauses.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from tui.core.model import Span
from tui.core.quotes.sentences import sentences


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs that report speech or thought with a clause (``that …``) or a quotation as
# complement; the content may come before them (``…, she said``) or after.
_CLAUSAL = _wordset(
    """acknowledge add admit affirm agree allege announce answer argue assert assure
boast caution claim comment complain concede conclude confirm contend declare deny
disclose emphasize estimate exclaim explain fear hint indicate insist joke lament maintain
mention note observe predict promise recall reckon recount reiterate remark remind repeat
reply report respond retort reveal scoff signal speculate state stress suggest testify tweet
underscore vow warn worry wonder write believe think hope know feel say tell ask show find
""")

# Verbs whose content is a noun phrase or an infinitive after them (``accused Cruz of …``,
# ``urged Congress to act``, ``declined to comment``); forward only.
_NOMINAL = _wordset(
    """accuse applaud attack blame blast cite condemn criticize criticise decline decry
defend denounce describe dismiss endorse highlight invoke mock praise question reject
refuse rip slam tout urge welcome call portray liken propose seek discuss
demand threaten encourage challenge refer point talk oppose""")

# Irregular forms, and regular ones whose inflection rules get wrong.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "know": ("knows", "knew", "known"),
    "feel": ("feels", "felt"),
    "seek": ("seeks", "sought", "seeking"),
    "admit": ("admits", "admitted", "admitting"),
    "rip": ("rips", "ripped", "ripping"),
    "tweet": ("tweets", "tweeted", "tweeting"),
    "forecast": ("forecasts", "forecast", "forecasting"),
    "refer": ("refers", "referred", "referring"),
    "show": ("shows", "showed", "shown"),
    "find": ("finds", "found"),
}

# Forms that are as often nouns or adjectives; they count only in their past or -ing form.
_ONLY_PAST_OR_ING = _wordset(
    """report reports note answer answers comment comments promise promises fear fears
    hope hopes call claim attack attacks question questions blast blasts
    estimate estimates signal signals tweet tweets state states pledge pledges demand demands
    praise reply replies respond responds warn mention vow vows
    repeat repeats know feel continue continues challenge challenges rip rips cite thank
    describe defend highlight invoke mock welcome seek propose discuss decline refuse urge
    add ask tell write show find remarks speaking reporting written maintained
    refer refers point points talk talks oppose""")

# Cues whose object comes between cue and content (``told reporters that``).
_TAKES_OBJECT = _wordset("tell remind assure warn ask urge")
# Lone words too weak to be cues (``I know``, ``feel free``): they count only with ``that``.
_NEEDS_THAT = _wordset("know feel hope fear worry think believe wonder")


def inflections(base: str) -> tuple[str, ...]:
    """The forms of a verb: base, third person, past (and participle), -ing."""
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    if base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = base + "ed", base + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    return (base, third, past, ing)


def _lexicon() -> dict[str, tuple[str, bool]]:
    """Every cue form mapped to (base, is_clausal)."""
    forms: dict[str, tuple[str, bool]] = {}
    for clausal, bases in ((True, _CLAUSAL), (False, _NOMINAL)):
        for base in bases:
            for form in inflections(base):
                if form in _ONLY_PAST_OR_ING or (base in _ONLY_PAST_OR_ING and form == base):
                    continue
                forms.setdefault(form, (base, clausal))
    return forms


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of ``words`` as a prefix trie, which ``re`` scans far faster
    than a flat alternation of hundreds of words."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        if ends:
            body = body if body.startswith("(?:") else "(?:" + body + ")"
            return body + "?"
        return body

    return build(trie)


_FORMS = _lexicon()
_CUE_WORDS = r"(?:[Aa]ccording to|" + trie_pattern(sorted(_FORMS)) + r"|Asked|Told)\b"
# A cue opens a word: it follows the start of the text or a character that is no word
# character. The scan looks for such characters (a bitmap test for ASCII ones, ``\W``
# deciding the rest) and tries the cues only after them, and only before a letter a cue
# can start with: trying the cues at every letter took a fifth longer.
_CUE = re.compile(
    r"[^A-Za-z0-9_](?<=\W)(?=["
    + "".join(sorted({form[0] for form in _FORMS} | set("AaT")))
    + "])(" + _CUE_WORDS + ")"
)
_CUE_AT_START = re.compile("(" + _CUE_WORDS + ")")


def cue_matches(text: str) -> list[re.Match[str]]:
    """Every cue of ``text`` in order, each as group 1 of its match (a match may begin
    with the character before its cue)."""
    first = _CUE_AT_START.match(text)
    if first is None:
        return list(_CUE.finditer(text))
    return [first, *_CUE.finditer(text, first.end())]


_WORD = re.compile(r"[\w’'-]+")
_BE = _wordset("is are was were be been being am")
_OPEN_Q = "\"“«„"
_CLOSE_Q = "\"”»"
# Time and manner adverbials that may sit between a cue and its clause.
_ADJUNCT = re.compile(
    r"(?:(?:on|late|early|last|this|earlier|later|recently|also|again|repeatedly|publicly|"
    r"privately|previously|flatly|simply|bluntly|even|in|at|during|via|to|through|over|"
    r"after|before|from|with|by|of|for)\b\s*)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"tonight|week|month|year|night|morning|afternoon|evening|weekend)\b[ ,]*)+",
)
# Where and when something was said, at the end of its content (``… in an interview``).
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TRAILING_ADJUNCT = re.compile(
    r"\s+(?:(?:in|during) an? (?:interview|statement|speech|letter|email|e-mail|op-ed|"
    r"tweet|post|press release|news conference|press conference|radio interview|town hall)\b"
    r"[^,;]*|on (?:Twitter|Facebook|Fox News|CNN|MSNBC)\b[^,;]*"
    r"|(?:(?:on|last|this|early|late|in early|in late|in mid-|earlier|later)\s*)?"
    r"(?:" + _DAY + r"|" + _MONTH + r"|week|month|year|night|weekend)"
    r"(?:\s+(?:morning|afternoon|evening|night|\d+))?|for days|for weeks|for months)$"
)
_ADJUNCT_START = re.compile(
    r"(?:on|in|at|during|to|with|via|through|after|before|last|this|earlier|later|again|also|"
    r"repeatedly|publicly|privately|recently|previously|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|\w+ly)\b"
)
# Particles that belong to the cue, not to its content.
_PARTICLE = {
    "refer": ("to",),
    "point": ("out", "to"),
    "talk": ("about",),
    "call": ("for",),
}
_CLAUSE_SUBJECT = re.compile(
    r" (?:the|a|an|he|she|they|it|we|I|his|her|their|its|this|these|those|[A-Z]\w+) \w"
)
# "that" as a word; the literal first lets re find it with a fast scan.
_THAT = re.compile(r"that(?<=\bthat)\b")
# Where a forward clause stops: a coordinated cue or attribution starting a new report.
# Each branch starts with punctuation or a space: the lookahead of those characters turns
# the other positions down at once instead of trying every branch there (2.3x faster).
_CUT = re.compile(
    r"(?=[,;—–\-”\"'\s])(?:"
    r",[”\"']*\s+(?:according to|saying|adding|noting|arguing|citing|calling|claiming|insisting|"
    r"explaining|pointing|warning|telling|asking|suggesting|declaring|accusing|urging|"
    r"while|whereas|although|though)\b|;\s|(?<=\s)[—–]\s|(?<=\s)--?\s"
    r"|,[”\"']*\s+(?!including|according|following|regarding|concerning|during|notwithstanding)"
    r"[a-z]+ing\b"
    r"|[,”\"']\s+(?:and|but)\s+(?=(?:he|she|they|it|we|I|his|her|their|its)\s)"
    r"|\s+(?:and|but|before)\s+(?:[a-z]+ly\s+)?(?!(?:no|some|any|every)?thing\b|during\b|"
    r"morning\b|evening\b)[a-z]+ing\b|\s+as\s+(?:he|she|they|we|I)\s|\s+when\s+asked\b"
    r"|,\s+but\s|,\s+(?:which|who|whom|whose|when|where|despite|for whom|even as)\b)"
)
# ``… and added``: a coordinated reporting (or other past-tense) verb starts a new report.
_AND_VERB = re.compile(
    r" and (?:then |also |later |recently |again |even |repeatedly |once )?(?:(?:has|have|had) )?"
    r"(?=(?:said|says|told|made|took|gave|[a-z]+ed)\b)"
)
_SUBJECT_START = _wordset(
    """he she they it we i you the a an one two three some many most several another his her
    their its our this that these those both all each other others officials aides""")
_INVERTED_SUBJECT = re.compile(
    r"\s*(?:[A-Z](?!\s)|(?:a|an|the|one|another|two|three|his|her|their|former|senior|"
    r"longtime|top|chief|deputy|then|state|campaign|spokesman|spokeswoman|professor)\b)"
)
# A cue followed by one of these has its content after it, not before.
_OBJECT_START = re.compile(
    r"\s*(?:the|a|an|that|this|these|those|his|her|their|its|our|my|he|she|they|it|we|I|"
    r"you|there)\b"
)
# Content never starts with a bare preposition: ``said in a statement`` is an adjunct.
_PREPOSITION = re.compile(
    r"(?:in|at|on|of|about|during|after|before|with|from|by|through|via|over|outside|inside|"
    r"near|earlier|later|afterward|afterwards)\b"
)
_LEAD_CONNECTOR = re.compile(
    r"(?:But|And|Yet|Still|So|Now|Instead|Meanwhile|However|Indeed|Moreover|Also|Then|"
    r"In fact|Of course|In particular|After all)\b,?\s+"
)


@dataclass(slots=True, frozen=True)
class Clause:
    """One cue and the content it introduces (one span, two when split by the attribution)."""

    cue: Span
    spans: tuple[Span, ...]
    forward: bool


_LINE = re.compile(r"[^\n]+")


def _line_sentences(text: str, cue_starts: list[int]) -> list[Span]:
    """Sentences of the lines that hold a cue (sentences never cross a line)."""
    out: list[Span] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        i = bisect_right(cue_starts, start - 1)
        if i < len(cue_starts) and cue_starts[i] < end:
            out.extend(sentences(text, start, end))
    return out


def _strip_span(text: str, start: int, end: int) -> Span | None:
    """Span without edge white space and trailing punctuation; None when no word is left."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-!?"):
        end -= 1
    if start >= end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return (start, end)


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))  # (no match objects: faster than finditer)


def _more_words(text: str, start: int, end: int, n: int) -> bool:
    """Whether ``text[start:end]`` has more than ``n`` words (``_words(...) > n``), counting
    no further than that: a sentence can be a paragraph long, and every cue asks."""
    return next(islice(_WORD.finditer(text, start, end), n, None), None) is not None


def _in_spans(pos: int, spans: list[Span], starts: list[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _forward_start(text: str, pos: int, end: int, base: str) -> int | None:
    """Where the content after a cue begins, or None when there is none."""
    while pos < end and text[pos] == " ":
        pos += 1
    if pos >= end:
        return None
    if text[pos] == ":":
        return pos + 1
    for particle in _PARTICLE.get(base, ()):
        if text.startswith(particle + " ", pos):
            # ``referring to X``, ``called for X``: X is the content
            pos += len(particle) + 1
            break
    if text[pos] == ",":
        # ``said, however, that`` skips the aside; ``said, "…"`` starts at the quotation.
        nxt = text.find(",", pos + 1, end)
        if nxt != -1 and not _more_words(text, pos + 1, nxt, 3):
            pos = nxt + 1
        else:
            pos += 1
        while pos < end and text[pos] == " ":
            pos += 1
    takes_object = base in _TAKES_OBJECT
    window = text[pos : min(end, pos + (130 if takes_object else 90))]
    that = _THAT.search(window)
    reach = 14 if takes_object else 8  # ``told a crowd at a hotel in Baltimore that …``
    if that and "," not in window[: that.start()] and _words(window, 0, that.start()) <= reach:
        between = window[: that.start()]
        # ``said on Tuesday that``, ``told reporters that``; not ``said there was evidence
        # that``, where the clause starts at the cue.
        if not between.strip() or takes_object or _ADJUNCT_START.match(between):
            return pos + that.start()
    adj = _ADJUNCT.match(text, pos, end)
    if adj and adj.end() > pos:
        pos = adj.end()
    if base in _CLAUSAL and _PREPOSITION.match(text, pos, end):
        return None
    if base in _TAKES_OBJECT:
        obj = re.match(
            r"(?:me|him|her|us|them|you|reporters|journalists|supporters|voters|"
            r"the (?:crowd|audience)|(?:[A-Z][\w.’'&-]*\s+(?:of\s+(?:the\s+)?)?)+)\s*",
            text[pos:end],
        )
        if obj and obj.end() >= end - pos:
            return None  # ``told the crowd.``: an object and no content
        if obj:
            pos += obj.end()
            adj = _ADJUNCT.match(text, pos, end)
            if adj and adj.end() > pos:
                pos = adj.end()
    return pos


def _inside(match: re.Match[str], quoted: list[Span], q_starts: list[int]) -> bool:
    """Whether ``match`` lies wholly inside quotation marks (the speaker's own words)."""
    i = bisect_right(q_starts, match.start()) - 1
    return i >= 0 and quoted[i][0] <= match.start() and match.end() <= quoted[i][1]


#: Searches already made in one sentence: ``(pattern, end) -> (start, first match)``.
Searches = dict[tuple[re.Pattern[str], int], tuple[int, "re.Match[str] | None"]]


def _search(
    pattern: re.Pattern[str], text: str, start: int, end: int, memo: Searches | None
) -> re.Match[str] | None:
    """``pattern.search(text, start, end)``, answered from ``memo`` when an earlier search
    with the same end, from no later than ``start``, found nothing before ``start``.

    (Where a search begins does not change a match: lookbehinds and ``\\b`` see the text
    before it.) Every cue of a sentence searches to the sentence's end: without this, a
    long sentence of cues costs its length squared.
    """
    if memo is None:
        return pattern.search(text, start, end)
    known = memo.get((pattern, end))
    if known is not None and known[0] <= start and (known[1] is None
                                                    or known[1].start() >= start):
        return known[1]
    match = pattern.search(text, start, end)
    memo[(pattern, end)] = (start, match)
    return match


def _outside(
    pattern: re.Pattern[str], text: str, start: int, end: int, quoted: list[Span],
    q_starts: list[int], memo: Searches | None = None,
) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text[start:end]`` not inside quotation marks."""
    # The patterns never match an empty string, so each search goes on where the last
    # match ended, as ``finditer`` would.
    match = _search(pattern, text, start, end, memo)
    while match is not None:
        if not quoted or not _inside(match, quoted, q_starts):
            return match
        match = _search(pattern, text, match.end(), end, memo)
    return None


def _quoted_comma_end(
    text: str, start: int, end: int, quoted: list[Span], q_starts: list[int]
) -> int:
    """Where content ends at a quoted fragment closed by a comma when a phrase of the
    writer's own starts after it and no other fragment follows: ``called the remarks
    "racist," an extraordinary indictment`` ends after ``"racist,"``."""
    i = bisect_right(q_starts, start)
    last = None
    while i < len(quoted) and quoted[i][1] <= end:
        last = quoted[i]
        i += 1
    if last is None or text[last[1] - 1] != "," or (i < len(quoted) and quoted[i][0] < end):
        return end
    close = last[1]
    while close < end and text[close] in _CLOSE_Q + "'’":
        close += 1
    if close < end and _more_words(text, close, end, 1) and _NEW_PHRASE.match(text, close, end):
        return close
    return end


# What starts a phrase of the writer's own after a quoted fragment and its comma: an
# appositive (``"racist," an extraordinary charge``) or a new clause (``"hacked," both
# experts and …``), not a continuation (``"surprise," because …``, ``"way off," and …``).
_NEW_PHRASE = re.compile(
    r"\s+(?:a|an|the|one|both|all|some|many|most|he|she|they|it|his|her|their|its|this|"
    r"that|these|those|but)\s"
)


def _forward_end(
    text: str,
    start: int,
    end: int,
    nominal: bool = False,
    quoted: list[Span] | None = None,
    q_starts: list[int] | None = None,
    memo: Searches | None = None,
) -> int:
    """Where forward content stops: at a coordinated cue or clause (not one inside
    quotation marks, which is the quoted speaker's); for a noun-phrase content also
    before where and when it was said (``endorsed Smith on Tuesday``)."""
    quoted = quoted or []
    q_starts = q_starts or []
    cut = _outside(_CUT, text, start, end, quoted, q_starts, memo)
    end = cut.start() if cut else end
    verb = _outside(_AND_VERB, text, start, end, quoted, q_starts, memo)
    end = verb.start() if verb else end
    end = _quoted_comma_end(text, start, end, quoted, q_starts)
    if memo is None:  # a short sentence: trying each match costs less
        tail = next((tail for tail in _TAIL_ATTRIBUTION.finditer(text, start, end)
                     if not _more_words(text, tail.end(), end, 6)), None)
    else:
        tail = _tail_attribution(text, start, end)
    if tail is not None:
        end = tail.start()  # ``… "will fail," the senator said.``: its own attribution
    if nominal:
        trailing = _TRAILING_ADJUNCT.search(text, start, end)
        if trailing and trailing.start() > start and trailing.end() >= end - 1:
            end = trailing.start()
    return end


def _last_words_from(text: str, start: int, end: int, n: int) -> int:
    """The first offset ``x >= start`` with at most ``n`` words in ``text[x:end]``
    (a word cut at ``x`` counting as one), found from the end."""
    count = 0
    j = end
    while j > start:
        while j > start and not _is_word_char(text[j - 1]):
            j -= 1
        if j == start:
            break
        count += 1
        if count > n:
            return j  # past the end of the (n+1)-th word from the end
        while j > start and _is_word_char(text[j - 1]):
            j -= 1
    return start


def _is_word_char(ch: str) -> bool:
    """Whether ``ch`` belongs to a word of ``_WORD`` (``\\w`` is alphanumeric or ``_``)."""
    return ch.isalnum() or ch in "_’'-"


def _tail_attribution(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first ``_TAIL_ATTRIBUTION`` of ``text[start:end]`` with at most six words after
    it: ``… "will fail," the senator said.``

    Trying each match in turn made a sentence of many cues quadratic. A match holds one
    comma, its first character, so matches never overlap and each comma either starts one
    or not, wherever the search began; the one wanted is thus the match at the last comma
    before the six words (if it reaches them), else the first match after it.
    """
    tail_from = _last_words_from(text, start, end, 6)
    comma = text.rfind(",", start, tail_from)
    if comma != -1:
        match = _TAIL_ATTRIBUTION.match(text, comma, end)
        if match is not None and match.end() >= tail_from:
            return match
    return _TAIL_ATTRIBUTION.search(text, tail_from, end)


_TAIL_ATTRIBUTION = re.compile(
    r",[”\"’']*\s+(?:[\w.’'-]+\s+){0,6}?(?:said|says|added|told|wrote|noted|argued|explained|reported|"
    r"stated|claimed|insisted|recalled|warned|tweeted|asked|replied|continued|concluded)\b"
)
# A sentence that opens with a subordinate clause: a cue inside it reports up to the comma
# before the main clause (``Although he says X, he also …``).
_SUBORDINATE_OPENING = re.compile(
    r"(?:Although|Though|While|When|Whenever|After|Before|If|As|Since|Because|Even as|"
    r"Despite|For someone who|Once|Until|Unless)\b"
)
_MAIN_CLAUSE = re.compile(
    r",[”\"’']*\s+(?=(?:[A-Z]\w*|he|she|they|it|we|I|the|his|her|their|its)\s)"
)


# A full stop that ends a title or an initial (``Mr. Smith``), not a sentence.
_TITLE_DOT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|St|Jr|Sr|Rev|Prof|Pres|No)|"
    r"\b[A-Z]|\b[A-Z]\.[A-Z])\.$"
)


# What lies between a closing mark and a cue that is coordinated with the verb before the
# quotation rather than attributing it: ``"…" and later said``.
_COORDINATED_CUE = re.compile(r"[”\"'’]*\s+(?:and|but|then)\s+(?:(?:also|later|then)\s+)?$")


def _reports_forward(text: str, ce: int, end: int) -> bool:
    """Whether a clause of its own follows the cue ending at ``ce`` (``…, Smith said he
    had not …``), so the quotation before the cue is not what it reports."""
    return _more_words(text, ce, end, 4) and bool(_OBJECT_START.match(text, ce, end))


#: Sentences longer than this (characters) remember their scans (see _sentence_clauses).
LONG_SENTENCE = 1_000
# The characters _backward_boundary stops at (or must look at).
_BOUNDARY_MARK = re.compile("[" + re.escape(",—–" + _CLOSE_Q + "'’!?:;(.") + "]")


def boundary_marks(text: str, start: int, end: int) -> list[int]:
    """Offsets in ``[start, end)`` of the characters :func:`_backward_boundary` looks at."""
    return [m.start() for m in _BOUNDARY_MARK.finditer(text, start, end)]


def _backward_boundary(text: str, s_start: int, cue_start: int,
                       marks: list[int] | None = None) -> int | None:
    """Where ``CONTENT, SUBJECT cue`` has its comma (or closing quotation mark), or None.

    ``marks``, the :func:`boundary_marks` of a long sentence from ``s_start``: walking back
    over them rather than over every character keeps the sentence linear.
    """
    if marks is None:
        back: Iterable[int] = range(cue_start - 1, s_start - 1, -1)  # every character
    else:
        back = map(marks.__getitem__, range(bisect_left(marks, cue_start) - 1,
                                            bisect_left(marks, s_start) - 1, -1))
    for j in back:
        ch = text[j]
        if ch in ",—–" or ch in _CLOSE_Q or (ch in "'’" and j > s_start and text[j - 1] in "'’"):
            return j
        # A title with its full stop is at most five characters ("Capt."): the search
        # need not start further back.
        if ch in "!?:;(" or (ch == "." and not _TITLE_DOT.search(text, max(s_start, j - 8),
                                                                j + 1)):
            return None
    return None


def _appositive_subject(text: str, s_start: int, comma: int) -> bool:
    """Whether the sentence up to ``comma`` is a name and its appositive, the subject of
    the cue after the comma (``Brian Fallon, a spokesman for the campaign, said …``)."""
    first = text.find(",", s_start, comma)
    if first == -1:
        return False
    return text[s_start].isupper() and not _more_words(text, s_start, first, 6)


# Heads of a lowercase subject (``federal officials said``, ``political experts say``).
_GROUP_NOUNS = _wordset(
    """officials experts analysts aides sources people polls critics advisers supporters
    officers investigators prosecutors lawmakers democrats republicans voters residents
    observers historians economists strategists officials researchers authorities
    organizers activists leaders members spokesman spokeswoman spokesperson""")


def _is_subject(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` looks like the subject of a cue: a short noun phrase."""
    words = text[start:end].split()
    if not words or len(words) > 12:
        return False
    first = words[0]
    return (
        first[0].isupper()
        or first.lower() in _SUBJECT_START
        or words[-1].lower().strip(",") in _GROUP_NOUNS
    )


def _sentence_clauses(
    text: str,
    s_start: int,
    s_end: int,
    quoted: list[Span],
    q_starts: list[int],
    cues: list[re.Match[str]],
) -> list[Clause]:
    found: list[Clause] = []
    body_end = s_end
    while body_end > s_start and text[body_end - 1] in ".!?\"”’' )":
        body_end -= 1
    lead = _LEAD_CONNECTOR.match(text, s_start, s_end)
    content_start = lead.end() if lead else s_start
    # Remembering scans pays only in a long sentence (where it keeps the cost linear).
    long = body_end - s_start > LONG_SENTENCE
    marks = boundary_marks(text, content_start, body_end) if long else None
    memo: Searches | None = {} if long else None
    for match in cues:
        if match.end() > body_end:
            break
        cs, ce = match.span(1)
        if _in_spans(cs, quoted, q_starts) or text[cs - 1 : cs] == "-":
            continue  # the speaker's own words, or a compound (``so-called``)
        word = match.group(1)
        low = word.lower()
        if low.startswith("according"):
            found.extend(_according(text, content_start, body_end, cs, ce))
            continue
        if word[0].isupper() and cs != content_start:
            continue
        base, clausal = _FORMS.get(low, (low, True))
        if low in ("asked", "told", "writing", "speaking") and word[0].isupper():
            base, clausal = {"asked": ("ask", True), "told": ("tell", True)}.get(low, (low, True))
        prev = text[max(s_start, cs - 12) : cs].split()
        prev_low = prev[-1].lower() if prev else ""
        if prev_low in _BE and base != "ask" and not low.endswith("ing"):
            continue  # a passive or predicative use (``was criticized``, ``is known``)
        if prev_low in ("the", "a", "an", "his", "her", "their", "its"):
            continue  # a noun (``the report``)
        if low == "said" and text[max(s_start, cs - 5) : cs].lower() == "that ":
            continue  # ``That said, …``
        if base in ("show", "find") and (
            text.startswith((" up", " himself", " herself", " themselves"), ce)
            or prev_low in ("to", "helped", "help")
        ):
            continue  # ``showed up``, ``found himself``, ``helped found Fox News``
        if clausal and prev_low != "to":
            # (``nothing good to say about China``: an infinitive reports nothing backward)
            back = _backward_boundary(text, content_start, cs, marks)
            if back is not None and _COORDINATED_CUE.match(text, back + 1, cs):
                back = None  # ``… "a disaster" and said that …``: a second verb, forward
            if back is not None and text[back] in _CLOSE_Q + "'’" and not _reports_forward(
                text, ce, body_end
            ):
                continue  # the attribution of a quotation in marks: the direct finder's
            if back is not None and back + 1 < len(text) and text[back + 1] in _CLOSE_Q + "“":
                continue
            tail = text[ce:body_end]
            clause = None
            if back is not None and not text[back + 1 : cs].strip():
                # ``…, said Smith`` is inverted; ``Smith, a spokesman, said …`` is not.
                inverted = (
                    not low.endswith("ing")
                    and _INVERTED_SUBJECT.match(tail)
                    and not _appositive_subject(text, content_start, back)
                )
                if inverted and not _THAT.search(tail[:60]):
                    clause = _backward(text, content_start, back, cs, ce, body_end, memo)
            elif back is not None and _is_subject(text, back + 1, cs):
                short = (
                    not _more_words(text, ce, body_end, 8)
                    and not _THAT.search(tail)
                    and not _OBJECT_START.match(tail)
                )
                quoted_tail = tail.lstrip().startswith(tuple(_OPEN_Q))
                if (short and not quoted_tail) or tail.startswith(","):
                    clause = _backward(text, content_start, back, cs, ce, body_end, memo)
            if clause is not None:
                found.append(clause)
                continue
        if base in _NEEDS_THAT and not _THAT.match(text, ce + 1) and not (
            base == "hope" and text.startswith(" to ", ce)
        ) and not (base in ("think", "believe") and _CLAUSE_SUBJECT.match(text, ce)):
            continue
        start = _forward_start(text, ce, body_end, base)
        if start is None:
            continue
        end = _forward_end(text, start, body_end, not clausal, quoted, q_starts, memo)
        if _SUBORDINATE_OPENING.match(text, content_start, cs):
            main = _MAIN_CLAUSE.search(text, start, end)
            if main:
                end = main.start()
        if cs == content_start and (low.endswith("ing") or word[0].isupper()):
            # ``Asked about X, Smith said …``: an opening participle ends at its comma.
            comma = text.find(",", start, end)
            if comma != -1:
                end = comma
        span = _strip_span(text, start, end)
        if span:
            found.append(Clause((cs, ce), (span,), True))
    return found


def _backward(
    text: str, s_start: int, back: int, cs: int, ce: int, end: int,
    memo: Searches | None = None,
) -> Clause | None:
    """``CONTENT, Smith said.``, or ``CONTENT, Smith said, MORE CONTENT.``"""
    span = _strip_span(text, s_start, back)
    if span is None:
        return None
    spans = [span]
    if text.startswith(",", ce) and not _CUT.match(text, ce):
        more = _strip_span(text, ce + 1, _forward_end(text, ce + 1, end, memo=memo))
        if more and _more_words(text, more[0], more[1], 3):
            spans.append(more)
    return Clause((cs, ce), tuple(spans), False)


_SOURCE_END = re.compile(r",|\s[—–-]\s|\)")


def _according(text: str, s_start: int, s_end: int, cs: int, ce: int) -> list[Clause]:
    """``According to X, CONTENT`` or ``CONTENT, according to X[, CONTENT]``.

    X ends at a comma or a dash; content before the cue starts after a dash or bracket
    that opens a parenthesis earlier in the sentence (``Many voters - who made up 46
    percent, according to a survey - …``).
    """
    source_end = _SOURCE_END.search(text, ce, s_end)
    after_source = source_end.end() if source_end else -1
    lead = text[s_start:cs].rstrip(" ,—–-")
    opener = max(lead.rfind(mark) for mark in (" - ", " — ", " – ", "("))
    start = s_start + opener + 1 if opener != -1 else s_start
    before = _strip_span(text, start, cs)
    if before is None:
        if after_source == -1:
            return []
        span = _strip_span(text, after_source, s_end)
        return [Clause((cs, ce), (span,), True)] if span else []
    spans = [before]
    if after_source != -1 and _more_words(text, after_source, s_end, 3):
        after = _strip_span(text, after_source, s_end)
        if after:
            spans.append(after)
    return [Clause((cs, ce), tuple(spans), False)]


@lru_cache(maxsize=8)
def _cached(text: str, quoted: tuple[Span, ...]) -> tuple[Clause, ...]:
    cues = cue_matches(text)
    if not cues:
        return ()
    cue_starts = [m.start(1) for m in cues]
    q = list(quoted)
    starts = [s for s, _ in q]
    out: list[Clause] = []
    for s_start, s_end in _line_sentences(text, cue_starts):
        first = bisect_right(cue_starts, s_start - 1)
        last = bisect_right(cue_starts, s_end - 1)
        if first < last:
            out.extend(
                _sentence_clauses(text, s_start, s_end, q, starts, cues[first:last])
            )
    return tuple(out)


def reported_clauses(text: str, quoted: list[Span]) -> list[Clause]:
    """The reported clauses of ``text``; ``quoted`` are spans inside quotation marks,
    sorted, whose cues are not looked at (a cue inside a quotation is the quoted
    speaker's own)."""
    return list(_cached(text, tuple(quoted)))
