"""Speaker noun phrases next to a cue: names with titles, descriptions, pronouns.

No parser: a word-level scan outward from the cue over a small window, using the word
lists of :mod:`.names`. ``subject_before`` finds the phrase that ends just before a cue
(``Russian President Vladimir Putin said``, ``Smith, the party's chair, said``);
``phrase_after`` finds the one that starts just after it (``said a spokesman for the State
Department``, ``according to the Russian leader``); ``clause_subject`` finds the subject of
the clause a participle or a coordinated cue hangs on (``Smith criticised the plan,
saying``). ``tokens`` is the shared word splitter, with offsets.
"""

from __future__ import annotations

import re

from tui.core.model import Span
from tui.core.quotes.cues import cue_base
from tui.core.quotes.names import (
    ABBREVIATED_TITLES,
    BODY_NOUNS,
    DETERMINERS,
    MODIFIERS,
    NOT_NAME_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    words,
)

#: How far (characters) a scan may reach from its cue.
WINDOW = 180

# A word (with inner dots, apostrophes, hyphens: U.S, O'Brien, co-founder), or one mark.
# (Possessive: giving back word characters never lets the rest match, and not keeping
# the places to back off to is a tenth faster.)
_TOKEN = re.compile(r"\w++(?:[.'’\-&]\w++)*+[’']?|[^\w\s]")

#: Words that may stand between a subject and its cue (``Smith also said``).
_BETWEEN = frozenset(
    words(
        """also later then again once further has have had would will did does do could
        might may must should shall recently previously earlier repeatedly subsequently
        since still never often always reportedly just finally simply even first last
        initially quickly promptly immediately privately publicly separately frequently
        similarly likewise bluntly flatly angrily calmly was were is are been being be
        now already not n't only"""
    )
)

_TIME_WORDS = frozenset(
    words(
        """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
        week month year morning afternoon evening night weekend day past"""
    )
)
_TIME_LEAD = frozenset(words("on last this early late earlier later that monday tuesday"
                             " wednesday thursday friday saturday sunday in the of"))
_AGO_LEAD = frozenset(words("less more than about nearly almost just a few several weeks "
                           "months years days hours minutes"))
_PREPOSITIONS = frozenset(("of", "for", "at", "with", "from", "in", "on", "to"))
_CLAUSE_PREPOSITIONS = frozenset(
    words(
        """in at on of for from with by to about under against during after before since
        over into like than through toward towards behind among between without within
        across around near upon despite including via per as"""
    )
)
_INVERTING_CUES = frozenset(
    words("said says added wrote writes explained noted recalled continued argued insisted")
)
_NAME_LIKE = frozenset(words("will may june april august"))
_SUBORDINATORS = frozenset(words("although because while whereas though since"))
_QUANTIFIERS = frozenset(words("many some others most few both all several none"))
_NUMBER_WORDS = frozenset(words("one two three four five six seven eight nine ten"))
_SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "we", "i", "it"))
_PRONOUN_OPENERS = frozenset(
    words("and but so then when as that because while if although though later now also")
)
_FORWARD_DETERMINERS = frozenset(
    words(
        """the a an his her their its our one two three several some many most both another
        each every this"""
    )
)
_PP_AFTER_ROLE = frozenset(("of", "for", "at", "with", "from", "in", "to"))
_SENTENCE_MARKS = frozenset('.!?;:"“”«»')


class Token:
    """One word or mark of the scanned window, with its offsets."""

    __slots__ = ("end", "is_word", "low", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = text.lower()
        #: Whether the token is a word (not a punctuation mark).
        self.is_word = text[0].isalnum() or text[0] == "_"

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Token({self.text!r}@{self.start})"


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Words and marks of ``text[start:end]``; an abbreviation keeps its full stop."""
    out: list[Token] = []
    append = out.append
    # Every character but white space is in a token, so each token starts at the first
    # one after the last token's end: findall's strings give the offsets without a match
    # object each.
    at = start
    for word in _TOKEN.findall(text, start, end):
        while text[at].isspace():
            at += 1
        if word == "." and out:
            prev = out[-1]
            if prev.end == at and _takes_dot(prev.text):
                at += 1
                out[-1] = Token(prev.start, at, prev.text + ".")
                continue
        append(Token(at, at + len(word), word))
        at += len(word)
    return out


_STATE_ABBREVIATIONS = frozenset(
    words(
        """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss
        mo mont neb nev okla ore pa penn tenn tex va vt wash wis wyo jr sr st"""
    )
)
_PARTY_TAG = re.compile(r"[A-Z]-[A-Z][\w.]*")


def _takes_dot(word: str) -> bool:
    low = word.lower()
    if low in ABBREVIATED_TITLES or low in ("u.s", "u.k", "u.n", "d.c"):
        return True
    if (low in _STATE_ABBREVIATIONS and word[0].isupper()) or _PARTY_TAG.fullmatch(word):
        return True  # "Tex.", "(R-Ky.)"
    return (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 6)


def _possessive(tok: Token) -> bool:
    return tok.low.endswith(("'s", "’s", "s'", "s’"))


def _is_role(tok: Token) -> bool:
    low = tok.low.rstrip(".")
    return low in ROLE_NOUNS or low in BODY_NOUNS or low in ABBREVIATED_TITLES


def _is_cap_word(tok: Token) -> bool:
    return tok.is_word and tok.text[0].isupper()


def _name_part(tok: Token) -> bool:
    """A capitalised word that can belong to a name (possessives included)."""
    if not _is_cap_word(tok):
        return False
    head, sep, _ = tok.low.replace("’", "'").partition("'")
    if sep and (head in NOT_NAME_WORDS or head in PRONOUNS):
        return False  # "That's", "It's"
    if len(tok.text) > 5 and tok.text.isupper():
        return False  # a dateline ("TALLAHASSEE —") or a shouted headline
    return tok.low not in NOT_NAME_WORDS or _possessive(tok)


def np_start_back(toks: list[Token], i: int) -> int | None:
    """Index of the first token of a noun phrase ending at ``toks[i]``, or None.

    The head must be a capitalised word, a role noun (``spokesman``) or a body noun
    (``ministry``); before it may come names, titles, possessives, known modifiers, a
    prepositional phrase after a role (``spokesman for the State Department``), and
    unknown lower-case adjectives only when a determiner opens the phrase.
    """
    if i < 0 or not toks[i].is_word:
        return None
    head = toks[i]
    if head.low in _TIME_WORDS:
        return None  # "this week", "the day"
    if head.low in _QUANTIFIERS or head.text[0].isdigit():
        # "many said", "43 said", "others argued", "Six in 10 say"
        start = i
        if i >= 2 and toks[i - 1].low == "in" and (toks[i - 2].text[0].isdigit()
                                                   or toks[i - 2].low in _NUMBER_WORDS):
            start = i - 2
        return start
    if head.low in PRONOUNS or head.low in DETERMINERS:
        return None
    if not (_is_cap_word(head) or _is_role(head)):
        # An unknown noun heads a description only right after a determiner
        # ("the narrator", "one commenter").
        det = i - 1
        if det > 0 and toks[det].is_word and (toks[det].text[0].islower()
                                              or toks[det].text[0].isdigit()) \
                and toks[det].low not in _FORWARD_DETERMINERS and cue_base(toks[det].low) is None \
                and toks[det - 1].low in _FORWARD_DETERMINERS:
            det -= 1  # "the gambling tycoon"
        if i > 0 and toks[i - 1].low in _SUBORDINATORS and head.text[0].islower() \
                and head.low not in NOT_NAME_WORDS and len(head.low) > 3 \
                and cue_base(head.low) is None and not head.low.endswith("ly"):
            return i  # "although history says"
        if head.text[0].islower() and head.low.endswith("s") and head.low not in NOT_NAME_WORDS:
            # "Indeed, statistics indicate", "But hacking specialists say": a plural noun
            # (and one modifier) opening its clause.
            k = i
            if k > 0 and toks[k - 1].is_word and toks[k - 1].text[0].islower() \
                    and toks[k - 1].low not in NOT_NAME_WORDS and cue_base(toks[k - 1].low) is None:
                k -= 1
            opener = toks[k - 1] if k > 0 else None
            punct = opener is not None and not opener.is_word and opener.text in ",;:"
            capital = opener is not None and opener.is_word and opener.text[0].isupper() \
                and opener.low in NOT_NAME_WORDS
            if opener is None or punct or capital:
                return k
        if i > 0 and toks[det].low in _FORWARD_DETERMINERS \
                and (head.text[0].islower() or head.text[0].isdigit()) \
                and head.low not in NOT_NAME_WORDS and len(head.low) > 2:
            start = det
            if start >= 2 and toks[start - 1].low in _PP_AFTER_ROLE and _is_role(toks[start - 2]):
                outer = np_start_back(toks, start - 2)
                if outer is not None:
                    return outer
            return start
        return None
    if head.low in NOT_NAME_WORDS and not _is_cap_word(head):
        return None
    start = i
    j = i - 1
    pending: list[int] = []  # unknown lower-case words kept only if a determiner follows
    while j >= 0:
        tok = toks[j]
        if not tok.is_word:
            if tok.text in "&-–" and j > 0 and _is_cap_word(toks[j - 1]):
                j -= 1
                continue
            break
        low = tok.low
        if low in DETERMINERS:
            demonstrative = low in ("that", "this", "these", "those")
            if demonstrative and not (_is_role(head) and head.text[0].islower()
                                      and not any(_is_cap_word(t) for t in toks[j + 1 : i])):
                break
            start = j
            pending.clear()
            break
        elif tok.text[0].isdigit() and not pending:
            start = j  # "43 percent", "two officials"
        elif _name_part(tok) or low in ROLE_NOUNS or low in MODIFIERS or low in BODY_NOUNS:
            if pending:
                break
            start = j
        elif low in ("of", "for") and j > 0 and _is_cap_word(toks[j - 1]) \
                and _is_cap_word(toks[j + 1]):
            start = j - 1  # a name with a preposition inside: "Club for Growth"
            j -= 2
            continue
        elif low in _PREPOSITIONS and j > 0:
            # "spokesman for the State Department", "director of the FBI": the phrase
            # goes on only if a role or body noun stands right before the preposition.
            if low in _PP_AFTER_ROLE and _is_role(toks[j - 1]) and not pending:
                start = j - 1
                j -= 2
                continue
            break
        elif low == "and" and j > 0 and _is_cap_word(toks[j - 1]) and _is_cap_word(toks[start]):
            start = j - 1
            j -= 2
            continue
        elif tok.text[0].islower() and len(pending) < 2:
            pending.append(j)
        else:
            break
        j -= 1
    # "a Democratic staffer in the room": a prepositional phrase after a role noun.
    if start >= 2 and toks[start - 1].low in _PP_AFTER_ROLE and _is_role(toks[start - 2]) \
            and toks[start - 2].text[0].islower():
        outer = np_start_back(toks, start - 2)
        if outer is not None:
            start = outer
    # Trim capitalised function words at the left edge ("But", "When", "Asked").
    while start < i and toks[start].low in NOT_NAME_WORDS and _is_cap_word(toks[start]):
        start += 1
    if toks[start].low in NOT_NAME_WORDS and _is_cap_word(toks[start]) and start == i \
            and toks[start].low not in _NAME_LIKE:
        return None  # but "Will urged": a first name before its verb
    return start


def subject_before(text: str, cue_start: int, floor: int = 0) -> Span | None:
    """The speaker phrase ending right before the cue at ``cue_start``, or None.

    Handles pronouns (``he said``), names with titles, descriptions, an appositive or a
    relative clause set off by commas (``Smith, a Democrat, said``) and a bracketed
    party tag (``Sen. Jack Reed (D-R.I.) said``). ``floor`` bounds the scan.
    """
    near = max(floor, cue_start - 64)
    if near > floor and cue_start - floor > 64:
        # Most subjects are short: scan a small window first, the full one only when the
        # phrase may run past its left edge.
        found = _subject_in_window(text, cue_start, near)
        if found is not None and found[0] > near + 16:
            return found
        if found is None:
            # Only an appositive or a bracket can reach further back than the window.
            before = text[near:cue_start].rstrip()
            words_before = before.split()
            while words_before and words_before[-1].lower() in _BETWEEN:
                words_before.pop()
            if not words_before or words_before[-1][-1:] not in ",)":
                return None
    return _subject_in_window(text, cue_start, max(floor, cue_start - WINDOW))


def _subject_in_window(text: str, cue_start: int, lo: int) -> Span | None:
    toks = tokens(text, lo, cue_start)
    i = len(toks) - 1
    while i >= 0 and toks[i].is_word:
        low = toks[i].low
        if (low in _BETWEEN and not (low in _NAME_LIKE and _is_cap_word(toks[i]))) or (
            low.endswith("ly") and low not in ROLE_NOUNS and not _is_cap_word(toks[i])
            and len(low) > 4
        ):
            i -= 1
        elif low in ("all", "both", "each") and i > 0 and (toks[i - 1].low in _BETWEEN
                                                          or _is_cap_word(toks[i - 1])):
            i -= 1  # "Cruz and Paul have all attacked", "both urged"
        elif low in _TIME_WORDS and i > 0:
            # "Beck on Wednesday called", "Smith last week said"
            i -= 1
            while i >= 0 and toks[i].low in _TIME_LEAD:
                i -= 1
        elif low == "ago" and i > 0:
            # "The State Department less than two weeks ago said"
            i -= 1
            while i >= 0 and (toks[i].low in _TIME_WORDS or toks[i].low in _AGO_LEAD
                              or toks[i].text[0].isdigit() or toks[i].low in _NUMBER_WORDS):
                i -= 1
        else:
            break
    if i < 0:
        return None
    tok = toks[i]
    head, sep, _ = tok.low.replace("’", "'").partition("'")
    if sep and head in _SUBJECT_PRONOUNS | {"who"}:
        return (tok.start, tok.start + len(head))  # "he's said", "they've told"
    if tok.low in PRONOUNS and tok.low not in ("him", "her"):
        if tok.low == "who":
            # "Smith, who said", "Iowa Republicans who called": the relative pronoun
            return (tok.start, tok.end) if i > 0 and (toks[i - 1].text == ","
                                                      or np_start_back(toks, i - 1) is not None) \
                else None
        return (tok.start, tok.end)
    if tok.text == ")":
        j = i - 1
        while j >= 0 and toks[j].text != "(" and i - j < 12:
            j -= 1
        if j < 0 or toks[j].text != "(":
            return None
        start = np_start_back(toks, j - 1)
        return None if start is None else (toks[start].start, tok.end)
    if tok.text == ",":
        return _appositive_back(toks, i)
    start = np_start_back(toks, i)
    if start is not None and start >= 3 and toks[start - 1].low in _CLAUSE_PREPOSITIONS \
            and toks[start - 2].low.endswith("ing") and toks[start - 2].text[0].islower():
        # "Protesters marching through the streets chanted": the phrase before the
        # participle is the subject.
        outer = np_start_back(toks, start - 3)
        if outer is not None:
            return (toks[outer].start, toks[start - 3].end)
    return None if start is None else (toks[start].start, tok.end)


def _appositive_back(toks: list[Token], comma: int) -> Span | None:
    """``NAME, APPOSITIVE,`` ending at the comma ``toks[comma]``, or None.

    An aside opening with a preposition (``Clinton, during a town hall meeting in
    Columbus, Ohio, said``) is skipped, up to three commas back, and the mention is the
    name alone.
    """
    right = comma
    for _ in range(3):
        j = right - 1
        while j >= 0 and toks[j].text != "," and right - j < 40:
            if toks[j].text in _SENTENCE_MARKS or toks[j].text in "—–":
                return None
            j -= 1
        if j <= 0 or toks[j].text != "," or j == right - 1:
            return None
        end_head = j - 1
        if toks[end_head].text == ")":
            k = end_head - 1
            while k >= 0 and toks[k].text != "(" and end_head - k < 12:
                k -= 1
            if k <= 0:
                return None
            end_head = k - 1
        start = np_start_back(toks, end_head)
        governed = start is not None and start > 0 and toks[start - 1].low in _CLAUSE_PREPOSITIONS \
            and toks[start - 1].low != "as"
        if start is None or governed:
            right = j  # "in Columbus, Ohio,": part of an aside; look further back
            continue
        # "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said":
        # a chain of appositives goes back to the name that opens it.
        for _ in range(2):
            if start >= 2 and toks[start - 1].text == "," and _is_cap_word(toks[start - 2]):
                outer = np_start_back(toks, start - 2)
                if outer is None or (outer > 0 and toks[outer - 1].low in _CLAUSE_PREPOSITIONS):
                    break
                start = outer
        first = toks[j + 1]
        if first.low in _CLAUSE_PREPOSITIONS or first.low.endswith("ing") \
                or first.low in ("who", "whose", "which"):
            # "Clinton, during …, said", "O'Donnell, who said …, recalled": the name alone
            return (toks[start].start, toks[end_head].end)  # "Clinton, during …, said"
        # The appositive must describe: a determiner, a role, a number, a relative
        # pronoun, a possessive or a capitalised phrase; a verb phrase is another clause.
        if not (first.low in DETERMINERS or first.low in ("who", "whose") or _is_role(first)
                or first.low in _BETWEEN or first.low in ("himself", "herself", "themselves")
                or first.low in MODIFIERS or first.text[0].isdigit() or _possessive(first)
                or _is_cap_word(first)):
            return None
        return (toks[start].start, toks[comma].end)
    return None


def phrase_after(text: str, start: int, ceiling: int | None = None,
                 appositive: bool = True) -> Span | None:
    """The speaker phrase starting right after ``start`` (after a cue), or None.

    A pronoun (``said he``), or a description or name, optionally with a prepositional
    phrase after a role (``a spokesman for the State Department``) and, when
    ``appositive``, a following ``, the party's chair`` up to the clause's end.
    """
    hi = min(len(text), start + WINDOW if ceiling is None else min(ceiling, start + WINDOW))
    toks = tokens(text, start, hi)
    if not toks:
        return None
    first = toks[0]
    if first.low in PRONOUNS and first.low not in ("him", "her", "who", "you"):
        return (first.start, first.end)
    end = _np_end_forward(toks, 0)
    if end is None:
        return None
    last = end
    if appositive and last + 2 < len(toks) and toks[last + 1].text == ",":
        nxt = toks[last + 2]
        if (nxt.low in DETERMINERS or _is_role(nxt) or nxt.low in MODIFIERS
                or _possessive(nxt)
                or (_is_cap_word(nxt) and nxt.low not in NOT_NAME_WORDS)):
            k = last + 2
            while k < len(toks) and k - last < 30:
                t = toks[k]
                if t.text in _SENTENCE_MARKS or t.text in ",—–(" or t.low in ("adding", "saying"):
                    break
                k += 1
            if k > last + 2:
                last = k - 1
    return (toks[0].start, toks[last].end)


def _np_end_forward(toks: list[Token], i: int) -> int | None:
    """Index of the last token of a noun phrase starting at ``toks[i]``, or None."""
    n = len(toks)
    if i + 2 < n and toks[i + 1].low == "of" and (toks[i].low in _QUANTIFIERS
                                                  or toks[i].low in _NUMBER_WORDS):
        # "one of those advisers", "some of the delegates"
        if toks[i + 2].low in ("those", "these"):
            sub = _np_end_forward(toks, i + 3)
            return sub if sub is not None else (i + 3 if i + 3 < n and toks[i + 3].is_word
                                                else None)
        return _np_end_forward(toks, i + 2)
    j = i
    saw_head = False
    last = None
    if j < n and toks[j].low in _FORWARD_DETERMINERS:
        j += 1
    while j < n:
        tok = toks[j]
        if not tok.is_word:
            if tok.text in "&" and saw_head and j + 1 < n and _is_cap_word(toks[j + 1]):
                j += 1
                continue
            break
        low = tok.low
        name_like = low in _NAME_LIKE and j + 1 < n and _is_cap_word(toks[j + 1]) \
            and toks[j + 1].low not in NOT_NAME_WORDS  # "Will Doyle", "May Chen"
        if _is_cap_word(tok) and (low not in NOT_NAME_WORDS or name_like):
            saw_head = True
            last = j
        elif _is_cap_word(tok) and saw_head and low in ("of",):
            break
        elif low in ROLE_NOUNS or low in BODY_NOUNS or low in MODIFIERS:
            if _is_role(tok):
                saw_head = True
                last = j
        elif _possessive(tok):
            last = j
        elif (low in _PP_AFTER_ROLE and last is not None and _is_role(toks[last])
              and j + 1 < n):
            sub = _np_end_forward(toks, j + 1)
            obj = toks[j + 1 : sub + 1] if sub is not None else []
            if not any(_is_cap_word(t) or _is_role(t) for t in obj):
                break
            return sub
        elif low == "and" and last is not None and _is_cap_word(toks[last]) and j + 1 < n \
                and _is_cap_word(toks[j + 1]):
            j += 1
            continue
        elif (tok.text[0].islower() and toks[i].low in _FORWARD_DETERMINERS and j + 1 < n
              and not saw_head and j - i <= 3 and low not in PRONOUNS
              and low not in _CLAUSE_PREPOSITIONS
              and not (toks[i].low in _QUANTIFIERS and low.endswith("ed"))):
            j += 1  # an adjective inside a description: "a defensive Obama"
            continue
        elif tok.text[0].isdigit() and not saw_head:
            j += 1
            continue
        elif (tok.text[0].islower() and not saw_head and j - i < 2 and j + 1 < n
              and low not in PRONOUNS and low not in _CLAUSE_PREPOSITIONS
              and low not in NOT_NAME_WORDS and cue_base(low) is None
              and (_is_role(toks[j + 1]) or toks[j + 1].low in MODIFIERS
                   or _name_part(toks[j + 1]))):
            j += 1  # "undecided Republican voter Stephanie Hooton"
            continue
        else:
            break
        j += 1
    if not saw_head or last is None:
        # "one commenter", "the narrator": a determiner and one unknown noun.
        k = i + 1
        if (toks[i].low in _FORWARD_DETERMINERS and k < n and toks[k].is_word
                and (toks[k].text[0].islower() or toks[k].text[0].isdigit())
                and toks[k].low not in NOT_NAME_WORDS
                and toks[k].low not in PRONOUNS and (
                    k + 1 >= n or not toks[k + 1].is_word
                    or (toks[k + 1].text[0].islower() and (toks[k + 1].low.endswith("ed")
                                                           or cue_base(toks[k + 1].low)))
                )):
            return k  # "the narrator.", "The town released"
        return None
    return last


def clause_subject(text: str, floor: int, pos: int, nearest: bool = False) -> Span | None:
    """The subject of the sentence (or clause) before ``pos``, for ``…, saying`` and ``…:``.

    Clauses are split at commas, dashes, colons and quotation marks; the first one is tried
    first (the main clause's subject), or the nearest when ``nearest``. A candidate is a
    subject pronoun, a name or a description not governed by a preposition and followed
    by a lower-case word (its verb), the phrase after an inverted cue (``said Rep. X``), or
    a phrase standing alone as the first clause (``Smith, a Democrat, criticised it``).
    """
    toks = tokens(text, max(floor, pos - WINDOW), pos)
    clauses: list[list[Token]] = [[]]
    depth = 0
    quoted = False
    for k, tok in enumerate(toks):
        if tok.is_word:  # (most tokens: none of the marks below)
            if not quoted and not depth:
                clauses[-1].append(tok)
            continue
        if tok.text in "“”\"":
            # Quoted words are someone's speech, not the sentence's clauses.
            quoted = tok.text == "“" or (tok.text == '"' and not quoted)
            clauses.append([])
            continue
        if quoted:
            continue
        if tok.text == "(" and not any(t.text == ")" for t in toks[k + 1 : k + 10]):
            continue  # an opening bracket far from its close: not an aside
        if tok.text in "()":
            depth = max(0, depth + (1 if tok.text == "(" else -1))
        elif depth:
            continue
        elif tok.text in ".!?":
            clauses = [[]]  # a new sentence: the clauses before belong to another
        elif tok.text in ",;—–-:\"“”«»":
            clauses.append([])
        else:
            clauses[-1].append(tok)
    clauses = [c for c in clauses if c]
    order = range(len(clauses) - 1, -1, -1) if nearest else range(len(clauses))
    for c in order:
        # A phrase standing alone right before the cue is an object or an aside
        # ("…his rival, Hillary Clinton, saying"), not the subject.
        found = _subject_in(clauses[c], first=c == 0, alone=c < len(clauses) - 1)
        if found:
            return found
    return None


def _subject_in(clause: list[Token], first: bool, alone: bool = True) -> Span | None:
    """The subject candidate of one clause (see :func:`clause_subject`), or None."""
    if clause and clause[0].low in ("who", "which", "whose", "whom"):
        return None  # a relative clause: its subject is someone else's phrase
    for k, tok in enumerate(clause):
        if not tok.is_word:
            continue
        prev = clause[k - 1].low if k else ""
        if k >= 2 and clause[k - 2].low in _CLAUSE_PREPOSITIONS and _possessive(clause[k - 1]):
            continue  # "at Saturday's GOP debate"
        if prev in _INVERTING_CUES and clause[k - 1].text[0].islower() and (
            k == 1 or not clause[k - 2].is_word
        ):
            end = _np_end_forward(clause, k)  # "said Rep. Bobby Scott at the time"
            if end is not None:
                return (tok.start, clause[end].end)
            continue  # "said it was too early": an object, not a subject
        if prev in _CLAUSE_PREPOSITIONS and not (prev == "as" and k == 1):
            continue  # governed by a preposition (but "As the Rainmakers sang")
        nxt = clause[k + 1].low if k + 1 < len(clause) else ""
        verb_next = nxt.endswith(("ed", "s")) or cue_base(nxt) is not None
        if tok.low.endswith("ing") and nxt and nxt[0].isalpha() and not verb_next \
                and (nxt in DETERMINERS or nxt in PRONOUNS or clause[k + 1].text[0].islower()):
            continue  # "Reprising one of her lines", "Citing last week's attack": participles
        head, sep, _ = tok.low.replace("’", "'").partition("'")
        if sep and head in _SUBJECT_PRONOUNS and (not prev or prev in _PRONOUN_OPENERS
                                                  or not clause[k - 1].text[0].islower()):
            return (tok.start, tok.start + len(head))  # "She's a supporter but concedes"
        if tok.low in _SUBJECT_PRONOUNS:
            if prev and clause[k - 1].text[0].islower() and prev not in _PRONOUN_OPENERS \
                    and prev not in _TIME_WORDS:
                continue  # "worded it carefully": an object
            return (tok.start, tok.end)
        if not (_name_part(tok) or tok.low in _FORWARD_DETERMINERS or _is_role(tok)
                or tok.low in MODIFIERS):
            continue
        if prev and clause[k - 1].text[0].islower() and prev not in _PRONOUN_OPENERS \
                and prev not in _BETWEEN:
            continue  # "called for releasing the police videos": an object
        end = _np_end_forward(clause, k)
        if end is None or clause[end].low in _TIME_WORDS:
            continue
        if prev == "that" and any(t.is_word and t.text[0].islower() and cue_base(t.low)
                                  for t in clause[: k - 1]):
            continue  # "said that the candidate was …": the reported clause's subject
        following = clause[end + 1] if end + 1 < len(clause) else None
        if following is not None and following.is_word and following.text[0].islower() \
                and (following.low not in _CLAUSE_PREPOSITIONS
                     or (following.low in ("of", "for", "from", "at", "in", "with")
                         and any(t.is_word and cue_base(t.low) for t in clause[end + 2 :]))):
            return (tok.start, clause[end].end)
        opened = all(t.low in NOT_NAME_WORDS or t.low in _PRONOUN_OPENERS or t.text[0].isdigit()
                     or t.low in MODIFIERS for t in clause[:k])
        if following is None and opened and (first or (alone and _is_cap_word(tok))) and not (
            end == k and tok.low.endswith("ly")  # "Specifically," is no name
        ):
            return (tok.start, clause[end].end)
        return None
    return None
