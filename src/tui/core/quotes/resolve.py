"""Resolve speaker mentions to people's names and roles.

One pass over the article collects the people it names (``Russian President Vladimir
Putin`` gives the person ``Vladimir Putin`` with the role ``Russian President`` and the
gender its first name or title suggests). Then each quotation's mention is resolved:

* a name: titles split off as the role (``Mr.`` and the like dropped), a surname alone
  expanded to the full name used in the article (``Clinton`` after ``Hillary Clinton``;
  with several people of that surname, one with a known first name, named first, unless
  a title's gender decides), an appositive taken as the role (``Smith, the party's
  chair,``); a name the article never gave in full stays as written;
* a pronoun (``he``, ``she``): the person opening its own sentence, else the latest
  compatible person that spoke or opened a sentence before it, outside quoted words
  (gender from titles, first names and earlier pronouns); ``who`` takes the phrase
  before it; ``it``/``they`` a body or group that spoke just before;
* a definite description (``the Russian leader``, ``the senator``): the latest person
  whose role shares its head or a distinctive word; otherwise the description itself,
  as for bodies (``the ministry``) and indefinite ones (``a campaign spokesman``).

Nothing is guessed: a pronoun with no compatible antecedent keeps ``speaker=None``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import itemgetter

from tui.core.model import INDIRECT, Quotation
from tui.core.quotes.cues import cue_base
from tui.core.quotes.mentions import Token, np_start_back, tokens
from tui.core.quotes.names import (
    ABBREVIATED_TITLES,
    BODY_NOUNS,
    DETERMINERS,
    FEMALE,
    FIRST_NAMES,
    GENDERED_WORDS,
    MALE,
    MODIFIERS,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PLACE_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    words,
)

_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "messrs", "sir", "madam", "dame", "dr"])
_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])
_PARTICLES = frozenset(words(
    """de da di del della van von der den la le al bin ibn du st."""
))
_TITLE_EXPANSIONS = {
    "sen": "senator", "gov": "governor", "rep": "representative", "pres": "president",
    "gen": "general", "amb": "ambassador", "sec": "secretary", "atty": "attorney",
    "congressman": "representative", "congresswoman": "representative",
}
_GENERIC = frozenset(
    words(
        """former current then new top senior leader official head chief deputy the a an of
        for and in at"""
    )
)
_MAX_NAME = 4
_GOVERNING = frozenset(words("in at on of for from with by to about under against during after"
                             " before since over into like than as"))
_OPENERS = frozenset(words("given year despite amid among unlike like per via"))
_TITLES_OR_HONORIFICS = _HONORIFICS | ABBREVIATED_TITLES
_TITLE_WORDS = ABBREVIATED_TITLES | ROLE_NOUNS | frozenset(("mr", "mrs", "ms", "miss", "dr"))
_HEADLINE_WORDS = frozenset(words("to a an the of and for in on at with by from is are was how why"
                                  " what its is his her their our"))
# It opens with the capital, the lookbehind after it (``[A-Z](?<!X[A-Z])`` is
# ``(?<!X)[A-Z]``), so that ``re`` skips ahead to capitals in C.
_CAP_RUN = re.compile(
    r"[A-Z](?<![\w'’.\-][A-Z])[^\s,;:!?()\"“”\[\]]*"
    r"(?:[ \t]+(?:[A-Z]|(?:of|de|da|di|del|della|van|von|der|den|la|le|al|bin|ibn|du)[ \t]+[A-Z]"
    r"|(?:jr|sr|ii|iii|iv)\b)[^\s,;:!?()\"“”\[\]]*)*"
)
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_SENTENCE_MARK = re.compile(r"[.!?;:\"“”]")
_PLACE_PREPOSITIONS = frozenset(words("in at from to across near outside inside into of"))


def _is_cap(tok: Token) -> bool:
    return tok.is_word and tok.text[0].isupper()


def _title_word(tok: Token) -> bool:
    low = tok.low.rstrip(".")
    return low in ABBREVIATED_TITLES or low in ROLE_NOUNS or low in _HONORIFICS


def _strip_possessive(word: str) -> str:
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word.rstrip("'’")


@dataclass
class Person:
    """A person the article names: full name, surname, gender, role, first mention."""

    name: str
    surname: str
    gender: str | None = None
    role: str | None = None
    first_at: int = 0


@dataclass
class _Split:
    """A mention split into its role words and its name words."""

    role: str | None
    name: list[str]
    gender: str | None


def split_title(words: list[str]) -> _Split:
    """Split ``['Russian', 'President', 'Vladimir', 'Putin']`` into role and name.

    The role is everything up to the last title word that still leaves a name after it;
    honorifics (``Mr.``) give a gender and are dropped; ``Jr.`` stays on the name.
    """
    gender = None
    last_title = -1
    for k in range(len(words) - 1):
        word = words[k]
        lower = word.lower()
        low = lower.rstrip(".")
        # A plural ("candidates Ted Cruz and …", "Friends of Bill Clinton") is no title.
        if (low in _TITLES_OR_HONORIFICS or (low in ROLE_NOUNS and not low.endswith("s"))) \
                and not all(w.lower() in _SUFFIXES for w in words[k + 1 :]):
            last_title = k
        g = GENDERED_WORDS.get(lower) or GENDERED_WORDS.get(low) or FIRST_NAMES.get(lower)
        if g and low not in FIRST_NAMES:  # (gender_of_word, inlined)
            gender = g
    role_words = [w for w in words[: last_title + 1] if w.lower().rstrip(".") not in _HONORIFICS]
    if role_words and not any(_is_title_word(w) for w in role_words):
        role_words = []  # "Friends of Mr. Clinton's": no title before the name
    name = words[last_title + 1 :]
    # "Secretary of State John Kerry": the words after "of" belong to the role.
    if name and name[0].lower() in ("of", "for"):
        keep = 2 if len(name) >= 3 else 1
        if len(name) >= 4 and len(name[-2].rstrip(".")) == 1:
            keep = 3
        role_words += name[:-keep]
        name = name[-keep:]
    while name and name[0].lower() in ("of", "for", "and"):
        name = name[1:]
    if name and gender is None:
        gender = FIRST_NAMES.get(name[0].lower()) if len(name) > 1 else None
    role = " ".join(role_words) or None
    return _Split(role=role, name=name, gender=gender)


def _is_title_word(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in ABBREVIATED_TITLES or (low in ROLE_NOUNS and not low.endswith("s"))


def _surname(name_words: list[str]) -> str:
    words = [w for w in name_words if w.lower() not in _SUFFIXES]
    return _strip_possessive(words[-1] if words else name_words[-1])


class _Take:
    """A person a run of capitalised words names, as far as its words alone tell.

    Offsets are from the run's start. ``single``: one word, which names someone only as a
    surname already known or with a title or gender; ``personal``: a name that only looks
    like one (no known first name, no title), which a place preposition before the run
    rules out.
    """

    __slots__ = ("full", "gender", "last_word", "name_at", "personal", "possessive", "role",
                 "role_at", "single", "surname")

    def __init__(self, name_at: int, role_at: int, last_word: str, single: bool,
                 surname: str, full: str, role: str | None, gender: str | None,
                 personal: bool) -> None:
        self.name_at = name_at
        self.role_at = role_at
        self.last_word = last_word
        self.single = single
        self.surname = surname
        self.full = full
        self.role = role
        self.gender = gender
        self.personal = personal
        self.possessive = last_word.endswith(_POSSESSIVE_ENDS)


class _RunPlan:
    """What a run of capitalised words gives wherever it stands: where its last token
    ends (from its start), whether its tokens reach the run's end, and the person it
    may name."""

    __slots__ = ("end", "take", "whole")

    def __init__(self, end: int, whole: bool, take: _Take | None) -> None:
        self.end = end
        self.whole = whole
        self.take = take


#: Plans by run and its length. Runs repeat within an article and across a corpus
#: (names), and a plan depends on nothing else.
_PLANS: dict[tuple[str, int], _RunPlan] = {}
_MAX_PLANS = 20_000  # (about 500 bytes each)


def _run_plan(text: str, start: int, end: int) -> _RunPlan:
    """The :class:`_RunPlan` of the run of capitalised words ``text[start:end]``.

    The scan tokenises the run with the two characters after it, which the run's regex
    stopped at: white space or a mark, whose token never joins the run, unless white
    space other than a space or tab comes before a capital the regex does not take
    (``Smith\nHe``, ``Smith Élise``). Only then are they part of the plan's key.
    """
    after = text[end : end + 2]
    if after[:1].isspace() and after[1:].isupper():
        key = (text[start : end + 2], end - start)
    else:
        key = (text[start:end], end - start)
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        plan = _PLANS[key] = _make_plan(*key)
    return plan


def _make_plan(window: str, length: int) -> _RunPlan:
    toks = tokens(window, 0, len(window))
    n = len(toks)
    j = 0
    while j + 1 < n and j < 8:
        nxt = toks[j + 1]
        joins = j + 2 < n and _is_cap(toks[j + 2]) and (
            nxt.low in _PARTICLES or (nxt.low == "of" and _title_word(toks[j]))
        )
        if _is_cap(nxt) or nxt.low in _SUFFIXES or joins:
            j += 1
        else:
            break
    whole = j == n - 1 or toks[j + 1].start >= length
    return _RunPlan(toks[j].end, whole, _take(toks[: j + 1]))


def _take(run: list[Token]) -> _Take | None:
    """The person ``run`` may name, from its words alone (see :class:`_Take`)."""
    k = 0
    while k < len(run) and (run[k].low in NOT_NAME_WORDS or run[k].low in DETERMINERS
                            or run[k].low in _OPENERS):
        k += 1
    if k == len(run):
        return None
    run = run[k:]
    words = [t.text for t in run]
    split = split_title(words)
    name = [w for w in split.name if w not in ("(", ")")]
    if not name or len(name) > _MAX_NAME:
        return None
    several = len(name) > 1
    if several and name[0].endswith("ing") and name[0].lower() not in FIRST_NAMES:
        return None  # a headline in title case ("Opposing Views")
    for w in name:
        low = w.lower()
        if low.rstrip(".,") in ORG_WORDS or (several and low in _HEADLINE_WORDS) \
                or (w.isupper() and len(w) > 1 and "." not in w):
            return None  # a body, a headline ("Opposition To A Sanders Debate"), capitals
    name_at = run[len(words) - len(split.name)].start if split.name else run[0].start
    personal = False
    if len(name) == 1:
        full = surname = _strip_possessive(name[0])
    else:
        lead = name[0].lower()
        titled = split.role is not None or split.gender is not None
        if lead not in FIRST_NAMES and not titled and not any(
            len(w.rstrip(".")) == 1 for w in name[1:-1]
        ):
            # Two or three words with no place or body word, not after "in"/"at".
            if len(name) > 3 or not all(
                w[:1].isupper() and not w.isupper() and w.lower() not in PLACE_WORDS
                and w.lower() not in NOT_NAME_WORDS and w.lower() not in MODIFIERS
                and w.lower() not in ROLE_NOUNS for w in name
            ):
                return None
            personal = True
        full = " ".join(_strip_possessive(w) if k == len(name) - 1 else w
                        for k, w in enumerate(name))
        surname = _surname(name)
    return _Take(name_at, run[0].start, run[-1].text, len(name) == 1, surname, full,
                 split.role, split.gender, personal)


#: The surname key of each one-word run ("Trump's" -> "trump"): "The", "He" and names
#: come back in every article.
_SURNAME_KEYS: dict[str, str] = {}
_MAX_SURNAME_KEYS = 20_000


class _Cast:
    """The people named in one article, found by scanning its capitalised runs."""

    def __init__(self, text: str, quoted: list[tuple[int, int]]) -> None:
        self.text = text
        self.people: dict[str, Person] = {}
        self._chosen: dict[tuple[int, int, str | None], Person] = {}
        self.by_surname: dict[str, list[Person]] = {}
        self.occurrences: list[tuple[int, Person, bool]] = []  # (offset, person, opens sentence)
        self._quoted_starts = [s for s, _ in quoted]
        self._quoted = quoted
        self._scan()

    def inside_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a direct quotation's words."""
        k = bisect.bisect_right(self._quoted_starts, pos) - 1
        return k >= 0 and self._quoted[k][0] <= pos < self._quoted[k][1]

    def _scan(self) -> None:
        """Visit each run of capitalised words once (a regex finds them, not a token walk)."""
        text = self.text
        prev_end = 0
        not_people: set[str] = set()
        seen: dict[str, tuple[Person, int]] = {}
        surname_keys = _SURNAME_KEYS
        for match in _CAP_RUN.finditer(text):
            start = match.start()
            if start < prev_end:
                continue
            word = match.group()
            if " " not in word and "\t" not in word:
                # One capitalised word: only a surname already known can matter.
                key = surname_keys.get(word)
                if key is None:
                    if len(surname_keys) >= _MAX_SURNAME_KEYS:
                        surname_keys.clear()
                    key = surname_keys[word] = _strip_possessive(word.rstrip(".")).lower()
                known = self.by_surname.get(key)
                if known and not self.inside_quote(start):
                    first = prev_end == 0 or _SENTENCE_MARK.search(text, prev_end, start)
                    opens = self._opens(bool(first), start, word)
                    self.occurrences.append((start, self._choose(known, None), opens))
                prev_end = match.end()
                continue
            if word in not_people:
                prev_end = match.end()
                continue
            if word in seen:
                # The same run again ("Donald Trump"): the same person, one more place.
                if not self.inside_quote(start):
                    first = _SENTENCE_MARK.search(text, prev_end, start) is not None
                    opens = self._opens(first, start, word)
                    self.occurrences.append((start + seen[word][1], seen[word][0], opens))
                prev_end = match.end()
                continue
            parts = word.split()
            last = parts[-1].lower().rstrip(".,")
            if (last in ORG_WORDS or last in PLACE_WORDS) and not any(
                p.lower().rstrip(".") in _TITLE_WORDS for p in parts
            ):
                prev_end = match.end()  # "White House", "New York": no person here
                continue
            plan = _run_plan(text, start, match.end())
            before = (len(self.occurrences), len(self.people))
            if plan.take is not None:
                self._take_run(plan.take, start, prev_end)
            if plan.whole:
                if before == (len(self.occurrences), len(self.people)):
                    not_people.add(word)  # the same words later are no person either
                elif len(self.occurrences) == before[0] + 1:
                    at, person, _ = self.occurrences[-1]
                    seen[word] = (person, at - start)
            prev_end = start + plan.end

    def _opens(self, first: bool, start: int, last_word: str) -> bool:
        """Whether a name at ``start`` opens its sentence as its subject.

        The first name of a sentence, not a possessive (``On Trump's assertion``) and
        not after a preposition.
        """
        if not first or last_word.endswith(_POSSESSIVE_ENDS):
            return False
        before = self.text[max(0, start - 14) : start].split()
        return not (before and before[-1].lower() in _GOVERNING)

    def _role_prefix(self, start: int) -> list[str]:
        """Lower-case role words right before ``start`` (``campaign manager``)."""
        words: list[str] = []
        for word in reversed(self.text[max(0, start - 40) : start].split()[-4:]):
            low = word.lower()
            if low in ROLE_NOUNS or low in MODIFIERS or (
                word[:1].isupper() and low.endswith(("'s", "’s"))
            ):
                words.insert(0, word)
                continue
            break
        if words and not any(w.lower() in ROLE_NOUNS for w in words):
            return []
        if any(w.lower() in ROLE_NOUNS and w.lower().endswith("s") for w in words):
            return []  # "presidential candidates Ted Cruz and …": a list, not a title
        return words

    def _take_run(self, take: _Take, run_start: int, prev_end: int) -> None:
        """Record the person a run of capitalised words at ``run_start`` names, as planned
        by :func:`_run_plan`; ``prev_end`` is where the run before it ended."""
        text = self.text
        start = run_start + take.name_at
        inside = self.inside_quote(start)
        if take.single:
            known = self.by_surname.get(take.surname.lower())
            if known:
                person = self._choose(known, take.gender)
                if not inside:
                    self.occurrences.append(
                        (start, person, self._run_opens(prev_end, run_start, start, take)))
                if take.role and not person.role and take.role.lower() not in _HONORIFICS:
                    person.role = take.role
                return
            if take.role is None and take.gender is None:
                return
        elif take.personal:
            # A name that only looks like one: not after "in" or "at" (a place).
            before = text[max(0, run_start - 12) : run_start].split()
            if before and before[-1].lower() in _PLACE_PREPOSITIONS:
                return
        role = take.role
        prefix = self._role_prefix(run_start + take.role_at)
        if prefix:
            role = " ".join(prefix + ([role] if role else []))
        person = self._person(take.full, take.surname, take.gender, role, start)
        if not inside:
            self.occurrences.append(
                (start, person, self._run_opens(prev_end, run_start, start, take)))

    def _run_opens(self, prev_end: int, run_start: int, start: int, take: _Take) -> bool:
        """:meth:`_opens` for the name at ``start`` of a run at ``run_start`` (the run
        before it ended at ``prev_end``), not looking for a sentence end before a
        possessive."""
        if take.possessive:
            return False
        first = prev_end == 0 or _SENTENCE_MARK.search(self.text, prev_end, run_start) is not None
        return self._opens(first, start, take.last_word)

    def _person(self, full: str, surname: str, gender: str | None, role: str | None,
                start: int) -> Person:
        key = full.lower()
        person = self.people.get(key)
        if person is None:
            # A one-word name first met with a title ("Mr. Draghi") joins a later full name.
            person = Person(name=full, surname=surname, gender=gender, role=role, first_at=start)
            self.people[key] = person
            self.by_surname.setdefault(surname.lower(), []).append(person)
            self._chosen.clear()
            if " " in full:
                lone = self.people.get(surname.lower())
                if lone is not None and lone is not person:
                    person.gender = person.gender or lone.gender
                    person.role = person.role or lone.role
                    self.people[surname.lower()] = person
                    self.by_surname[surname.lower()] = [
                        p for p in self.by_surname[surname.lower()] if p is not lone
                    ]
        else:
            person.gender = person.gender or gender
            if role and not person.role:
                person.role = role
        return person

    def add(self, full: str, surname: str, gender: str | None, role: str | None,
            start: int) -> Person:
        """Record a person named at ``start`` that the scan missed."""
        person = self._person(full, surname, gender, role, start)
        bisect.insort(self.occurrences, (start, person, True), key=lambda o: o[0])
        return person

    def _choose(self, people: list[Person], gender: str | None) -> Person:
        """The person a bare surname means: gender first, then the one named first."""
        key = (id(people), len(people), gender)
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = self._choose_uncached(people, gender)
        return chosen

    def _choose_uncached(self, people: list[Person], gender: str | None) -> Person:
        full = [p for p in people if " " in p.name] or people
        if gender:
            same = [p for p in full if p.gender in (gender, None)]
            if same:
                full = same
        return min(full, key=lambda p: (p.name.split()[0].lower() not in FIRST_NAMES, p.first_at))

    def lookup(self, words: list[str], gender: str | None) -> Person | None:
        """The person a name mention means, if the article names them."""
        if not words:
            return None
        if len(words) == 1:
            known = self.by_surname.get(_strip_possessive(words[0]).lower())
            return self._choose(known, gender) if known else None
        key = " ".join(words).lower()
        if key in self.people:
            return self.people[key]
        first, last = words[0].lower(), _surname(words).lower()
        for person in self.by_surname.get(last, []):
            if person.name.lower().split()[0] == first:
                return person
        return None


@dataclass
class _Event:
    """A resolved speaker, remembered for later pronouns."""

    at: int
    person: Person | None
    name: str


def resolve_speakers(text: str, quotations: list[Quotation]) -> None:
    """Fill ``speaker`` and ``role`` from each quotation's ``mention``, in place."""
    if not any(q.mention for q in quotations):
        return
    quoted = sorted(sp for q in quotations if q.kind != INDIRECT for sp in q.spans)
    cast = _Cast(text, quoted)
    events: list[_Event] = []
    cache: dict[tuple[int, int], tuple[str | None, str | None, Person | None]] = {}
    for quote in sorted(quotations, key=lambda q: q.mention[0] if q.mention else q.start):
        if quote.mention is None or quote.speaker is not None:
            continue
        if quote.mention not in cache:
            cache[quote.mention] = _resolve(text, quote.mention, cast, events)
        name, role, person = cache[quote.mention]
        quote.speaker = name
        quote.role = role
        if name is not None:
            events.append(_Event(quote.mention[0], person, name))


class _Mention:
    """What a speaker mention's words alone say: nothing, a pronoun, a description (its
    ``head`` tokens, offsets from the mention's start), or a name split from its title."""

    __slots__ = ("appositive_role", "bare", "head", "head_words", "kind", "name", "pronoun",
                 "role", "split", "surname")

    def __init__(self, mention: str) -> None:
        toks = tokens(mention, 0, len(mention))
        words = [t for t in toks if t.is_word]
        self.kind = _NOTHING
        if not words:
            return
        if len(words) == 1 and words[0].low in PRONOUNS:
            self.kind = _PRONOUN
            self.pronoun = words[0].low
            return
        head, appositive = _split_appositive(toks)
        self.head_words = [t.text for t in head if t.is_word or t.text in "&-"]
        self.appositive_role = _clean_role(appositive)
        if head and (head[0].low in DETERMINERS or not head[0].text[0].isupper()):
            self.kind = _DESCRIPTION
            self.head = head
            return
        self.kind = _NAME
        split = self.split = split_title([w for w in self.head_words if w not in ("&",)])
        role = split.role
        if role and role.lower().rstrip(".") in _HONORIFICS:
            role = None
        self.role = role
        if not split.name:
            return
        self.name = " ".join([*split.name[:-1], _strip_possessive(split.name[-1])])
        # Not a new person: a body, too long, or a bare word.
        self.bare = any(w.lower().rstrip(".,") in ORG_WORDS for w in split.name) \
            or len(split.name) > _MAX_NAME or not all(w[:1].isupper() for w in split.name) \
            or (len(split.name) == 1 and ((split.gender is None and role is None)
                                          or split.name[0].lower() in PLACE_WORDS))
        self.surname = _surname(split.name)


_NOTHING, _PRONOUN, _DESCRIPTION, _NAME = range(4)
#: Mentions by their words: the same few ("he", "Mr. Trump") come back in every article.
_MENTIONS: dict[str, _Mention] = {}
_MAX_MENTIONS = 10_000


def _resolve(text: str, mention: tuple[int, int], cast: _Cast,
             events: list[_Event]) -> tuple[str | None, str | None, Person | None]:
    start, end = mention
    key = text[start:end]
    form = _MENTIONS.get(key)
    if form is None:
        if len(_MENTIONS) >= _MAX_MENTIONS:
            _MENTIONS.clear()
        form = _MENTIONS[key] = _Mention(key)
    if form.kind == _NOTHING:
        return None, None, None
    if form.kind == _PRONOUN:
        return _resolve_pronoun(text, start, form.pronoun, cast, events)
    role_from_appositive = form.appositive_role
    if form.kind == _DESCRIPTION:
        return _resolve_description(form.head, role_from_appositive, cast, events, start)
    split = form.split
    person = cast.lookup(split.name, split.gender)
    role = form.role
    if person is not None:
        if (role or role_from_appositive) and not person.role:
            person.role = role or role_from_appositive  # later pronouns carry it too
        return person.name, role or role_from_appositive or person.role, person
    if not split.name:
        return " ".join(form.head_words), role_from_appositive, None
    if form.bare:
        return form.name, role or role_from_appositive, None
    # A speaker the scan did not take for a person ("Asab Al-Tabchi"): remember them, so
    # later surnames and pronouns find them.
    person = cast.add(form.name, form.surname, split.gender, role or role_from_appositive,
                      start)
    return form.name, role or role_from_appositive, person


def _split_appositive(toks: list[Token]) -> tuple[list[Token], list[Token]]:
    """``Smith , the party chair ,`` -> (``Smith``, ``the party chair``); brackets dropped."""
    head: list[Token] = []
    rest: list[Token] = []
    depth = 0
    for k, tok in enumerate(toks):
        if tok.text == "(":
            depth += 1
            continue
        if tok.text == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if tok.text == ",":
            rest = [t for t in toks[k + 1 :] if t.text not in (",", "(", ")")]
            break
        head.append(tok)
    return head, rest


def _clean_role(toks: list[Token]) -> str | None:
    """An appositive as a role: no leading article, no relative clause."""
    words = [t for t in toks if t.is_word]
    if not words or words[0].low in ("who", "whose", "which"):
        return None
    if any(cue_base(t.low) for t in words if t.text[0].islower()):
        return None  # "Democrats, Frank notes,": a parenthetical attribution, not a role
    while words and words[0].text.isdigit():
        words = words[1:]  # "Larry King, 82, a talk show host,": the age is no role
    if words and words[0].low in ("the", "a", "an"):
        words = words[1:]
    return " ".join(t.text for t in words) or None


def _compatible(person: Person, gender: str) -> bool:
    return person.gender in (None, gender)


_SENTENCE_BREAK = re.compile(r"(?=[.!?\n])(?:[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z])|\n)")


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` begins (a full stop or a line break before it)."""
    start = max(0, at - 400)
    last = start
    for match in _SENTENCE_BREAK.finditer(text, start, at):
        last = match.end()
    return last


def _with_gender(person: Person, gender: str) -> tuple[str, str | None, Person]:
    """The person a pronoun resolved to, learning their gender from it."""
    if person.gender is None:
        person.gender = gender
    return person.name, person.role, person


_offset = itemgetter(0)


def _resolve_pronoun(text: str, at: int, pronoun: str, cast: _Cast,
                     events: list[_Event]) -> tuple[str | None, str | None, Person | None]:
    if pronoun == "who":
        return _resolve_relative(text, at, cast, events)
    gender = PRONOUNS[pronoun]
    if gender in (MALE, FEMALE):
        best: tuple[int, Person] | None = None
        # A person opening the pronoun's own sentence comes first ("Ben Jealous, …, told
        # reporters before he spoke"); then the latest speaker or sentence opener.
        sentence = _sentence_start(text, at)
        occurrences = cast.occurrences  # (sorted by offset)
        before = bisect.bisect_left(occurrences, at, key=_offset)  # those before the pronoun
        for k in range(bisect.bisect_left(occurrences, sentence, 0, before, key=_offset),
                       before):
            pos, person, opens = occurrences[k]
            if opens and _compatible(person, gender):
                best = (pos, person)
                break
        if best is not None:
            return _with_gender(best[1], gender)
        for event in reversed(events):
            if event.at < at and event.person is not None and _compatible(event.person, gender):
                best = (event.at, event.person)
                break
        for k in range(before - 1, -1, -1):
            pos, person, opens = occurrences[k]
            if best is not None and pos <= best[0]:
                break
            if opens and _compatible(person, gender):
                best = (pos, person)
                break
        if best is None:
            for k in range(before - 1, -1, -1):
                pos, person, _ = occurrences[k]
                if _compatible(person, gender):
                    best = (pos, person)
                    break
        if best is None:
            return None, None, None
        return _with_gender(best[1], gender)
    if gender in ("n", "pl"):
        # "it" is a named body that spoke recently ("the State Department"); "they" may
        # also be a group described in lower case ("protesters").
        for event in reversed(events):
            if event.at < at and event.person is None and at - event.at < 1500:
                if gender == "n" and not event.name[:1].isupper():
                    continue
                return event.name, None, None
    return None, None, None


def _resolve_relative(text: str, at: int, cast: _Cast,
                      events: list[_Event]) -> tuple[str | None, str | None, Person | None]:
    """``Smith, who said``: the phrase before the comma."""
    toks = tokens(text, max(0, at - 200), at)
    if len(toks) < 2 or toks[-1].text != ",":
        return None, None, None
    start = np_start_back(toks, len(toks) - 2)
    if start is None:
        return None, None, None
    return _resolve(text, (toks[start].start, toks[-2].end), cast, events)


def _resolve_description(head: list[Token], appositive_role: str | None, cast: _Cast,
                         events: list[_Event], at: int
                         ) -> tuple[str | None, str | None, Person | None]:
    words = [t for t in head if t.is_word]
    as_written = " ".join(t.text for t in head).replace(" ’", "’").replace(" '", "'")
    definite = words[0].low in ("the", "this", "that")
    noun = words[-1].low
    if words[-1].text[:1].isupper():
        person = cast.lookup([words[-1].text], None)  # "a defensive Obama"
        if person is not None:
            return person.name, person.role, person
    if definite and len(words) >= 2 and noun in ROLE_NOUNS and noun not in BODY_NOUNS:
        wanted = {w.low for w in words[1:]} - _GENERIC - DETERMINERS
        head_noun = _TITLE_EXPANSIONS.get(noun, noun)
        for pos, person, _ in reversed(cast.occurrences):
            if pos >= at or not person.role:
                continue
            role_words = {_TITLE_EXPANSIONS.get(w, w) for w in
                          (r.lower().rstrip(".") for r in person.role.split())}
            if head_noun in role_words or (wanted & role_words and noun in ("leader", "official")):
                return person.name, person.role, person
    if definite and len(words) >= 2 and words[1].text[0].isupper() and noun not in ROLE_NOUNS:
        as_written = " ".join(t.text for t in head[1:])
    return as_written, appositive_role, None
