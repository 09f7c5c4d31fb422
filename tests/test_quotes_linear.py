"""The engine's shortcuts for long paragraphs give exactly what the plain scans they
replace gave.

Each helper that remembers a scan, or looks only near where the answer can be, is checked
against the straightforward version it replaced (kept here as the reference) on random
texts made of the characters and words the scans care about. Speed is measured in
``benchmarks/bench_hostile_engine.py``, not here.
"""

from __future__ import annotations

import random
import re

import pytest

from tui.core.quotes import clauses, direct
from tui.core.quotes.clauses import Clause
from tui.core.quotes.patterns import SENTENCE_END, Article
from tui.core.quotes.sentences import sentences

PIECES = ["said", "says", "Smith", "the", "plan", "he", "told", "reporters", "that", "and",
          "added", "according to", "Mr.", "Capt.", "U.S.", "J.", "No.", "x", "it's",
          ",", ".", "!", "?", ";", ":", "(", ")", "—", "-", '"', "“", "”", "'", "’", "''",
          "...", ".”", '."', "saying", "while", "but", "which", "when asked", "the senator"]
SEPARATORS = [" ", " ", " ", "", "  ", "\n", "\n\n", "\t"]


def random_text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(PIECES) + rng.choice(SEPARATORS) for _ in range(words))


def texts(count: int = 300, words: int = 60) -> list[str]:
    rng = random.Random(20261126)
    return [random_text(rng, rng.randint(1, words)) for _ in range(count)]


# The plain versions, as they were.

def old_backward_boundary(text: str, s_start: int, cue_start: int) -> int | None:
    j = cue_start - 1
    while j >= s_start:
        ch = text[j]
        if ch in ",—–" or ch in clauses._CLOSE_Q or (
                ch in "'’" and j > s_start and text[j - 1] in "'’"):
            return j
        if ch in "!?:;(" or (ch == "." and not clauses._TITLE_DOT.search(text, s_start, j + 1)):
            return None
        j -= 1
    return None


def old_tail(text: str, start: int, end: int) -> int | None:
    for tail in clauses._TAIL_ATTRIBUTION.finditer(text, start, end):
        if clauses._words(text, tail.end(), end) <= 6:
            return tail.start()
    return None


def old_outside(pattern: re.Pattern[str], text: str, start: int, end: int,
                quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    q_starts = [s for s, _ in quoted]
    for match in pattern.finditer(text, start, end):
        if not quoted or not clauses._inside(match, quoted, q_starts):
            return match.span()
    return None


def old_clause_of(span: tuple[int, int], found: list[Clause]) -> Clause | None:
    best, best_size = None, 0
    for clause in found:
        for start, end in clause.spans:
            if start <= span[0] and span[1] <= end + 3:
                size = sum(e - s for s, e in clause.spans)
                if best is None or size < best_size:
                    best, best_size = clause, size
    return best


def old_sentence_start(text: str, pos: int) -> int:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    for start, end in sentences(text, line_start, len(text) if line_end == -1 else line_end):
        if start <= pos < end:
            return start
    return line_start


def old_last_sentence_start(art: Article, lo: int, hi: int) -> int:
    start = lo
    for match in SENTENCE_END.finditer(art.text, lo, hi):
        if match.group()[0] == "." and (art.is_abbreviation_end(match.start())
                                        or ")" in match.group()):
            continue
        nxt = match.end()
        while nxt < hi and art.text[nxt].isspace():
            nxt += 1
        if nxt < hi:
            start = nxt
    return start


def test_more_words_counts_as_far_as_it_must() -> None:
    for text in texts():
        for n in range(0, 9):
            assert clauses._more_words(text, 0, len(text), n) == (
                clauses._words(text, 0, len(text)) > n)
            middle = len(text) // 3
            assert clauses._more_words(text, middle, len(text), n) == (
                clauses._words(text, middle, len(text)) > n)


def test_backward_boundary_over_marks_as_over_characters() -> None:
    rng = random.Random(1)
    for text in texts():
        start = rng.randint(0, len(text))
        marks = clauses.boundary_marks(text, start, len(text))
        for cue in range(start, len(text) + 1):
            expected = old_backward_boundary(text, start, cue)
            assert clauses._backward_boundary(text, start, cue, marks) == expected
            assert clauses._backward_boundary(text, start, cue) == expected


def test_tail_attribution_is_the_first_with_six_words_after_it() -> None:
    rng = random.Random(2)
    for text in texts(words=80):
        for _ in range(10):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            found = clauses._tail_attribution(text, start, end)
            assert (None if found is None else found.start()) == old_tail(text, start, end)


@pytest.mark.parametrize("pattern", [clauses._CUT, clauses._AND_VERB])
def test_remembered_searches_find_what_fresh_ones_do(pattern: re.Pattern[str]) -> None:
    rng = random.Random(3)
    for text in texts(words=80):
        quoted = sorted({tuple(sorted((rng.randint(0, len(text)), rng.randint(0, len(text)))))
                         for _ in range(rng.randint(0, 4))})
        quoted = [q for k, q in enumerate(quoted) if k == 0 or q[0] >= quoted[k - 1][1]]
        q_starts = [s for s, _ in quoted]
        memo: clauses.Searches = {}
        ends = [len(text), rng.randint(0, len(text))]
        for _ in range(20):  # mostly increasing starts, as the cues of a sentence ask
            start = rng.randint(0, len(text))
            end = max(start, rng.choice(ends))
            found = clauses._outside(pattern, text, start, end, quoted, q_starts, memo)
            assert (None if found is None else found.span()) == \
                old_outside(pattern, text, start, end, quoted), (text, start, end)


def test_clause_index_picks_the_tightest_clause_first_in_order() -> None:
    rng = random.Random(4)
    for _ in range(400):
        size = rng.randint(1, 400)
        found = []
        for k in range(rng.randint(0, 12)):
            spans = []
            for _ in range(rng.randint(1, 2)):
                a = rng.randint(0, size)
                spans.append((a, rng.randint(a, min(size, a + rng.choice([5, 40, 300])))))
            found.append(Clause((k, k + 1), tuple(spans), rng.random() < 0.5))
        index = direct._ClauseIndex(found)
        for _ in range(30):
            a = rng.randint(0, size)
            span = (a, rng.randint(a + 1, size + 5))
            assert index.clause_of(span) is old_clause_of(span, found)


def test_sentence_starts_split_each_line_once_and_agree() -> None:
    for text in texts(words=80):
        starts = direct._SentenceStarts(text)
        for pos in list(range(len(text))) + list(range(len(text) - 1, -1, -3)):
            assert starts(pos) == old_sentence_start(text, pos), (text, pos)


def test_last_sentence_start_resumes_its_scans() -> None:
    rng = random.Random(5)
    for text in texts(words=80):
        art = Article(text)
        lows = [0, rng.randint(0, len(text)), rng.randint(0, len(text))]
        for _ in range(40):
            lo = rng.choice(lows)
            hi = rng.randint(lo, len(text)) if rng.random() < 0.3 else min(
                len(text), lo + rng.randint(0, 60))
            assert art.last_sentence_start(lo, hi) == old_last_sentence_start(art, lo, hi), \
                (text, lo, hi)


def test_last_sentence_start_grows_one_character_at_a_time() -> None:
    for text in texts(count=60, words=50):
        art = Article(text)
        for lo in (0, len(text) // 2):
            for hi in range(lo, len(text) + 1):
                assert art.last_sentence_start(lo, hi) == old_last_sentence_start(art, lo, hi), \
                    (text, lo, hi)


def test_abbreviation_searches_start_near_the_full_stop() -> None:
    rng = random.Random(6)
    for text in texts(words=40):
        for dot in (k for k, ch in enumerate(text) if ch == "."):
            start = rng.randint(0, dot)
            assert direct._is_abbreviation(text, start, dot) == bool(
                direct._ABBREVIATION.search(text, start, dot + 1)), (text, start, dot)


def test_tokens_offsets_from_findall_are_finditer_offsets() -> None:
    from tui.core.quotes.mentions import _TOKEN, _takes_dot, tokens

    def old_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        for match in _TOKEN.finditer(text, start, end):
            word, at = match.group(), match.start()
            if word == "." and out and out[-1][1] == at and _takes_dot(out[-1][2]):
                out[-1] = (out[-1][0], at + 1, out[-1][2] + ".")
                continue
            out.append((at, at + len(word), word))
        return out

    rng = random.Random(7)
    odd = ["\xa0", "\u2009", "\u3000", "\x0b", "O'Brien", "co-founder", "R-Ky.", "é", "_x_",
           "AT&T", "U.S.A.", "’s", "½", "٣"]
    for text in texts(words=50):
        text = "".join(ch if rng.random() > 0.05 else rng.choice(odd) for ch in text)
        for _ in range(20):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert [(t.start, t.end, t.text) for t in tokens(text, start, end)] == \
                old_tokens(text, start, end), (text, start, end)


# The regexes rewritten to open with a character class or a lookahead, as they were.
OLD_PATTERNS = {
    "marks._MARK": r"(?=[\"“”«»„’‘'])(?:[\"“”«»„]|[’‘']{2,3})",
    "resolve._SENTENCE_BREAK": r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z])|\n",
}


def test_rewritten_regexes_match_as_before() -> None:
    from tui.core.quotes import marks, resolve

    old = {
        marks._MARK: re.compile(OLD_PATTERNS["marks._MARK"]),
        resolve._SENTENCE_BREAK: re.compile(OLD_PATTERNS["resolve._SENTENCE_BREAK"]),
        # the rest differ from the old ones by a prefix only
        clauses._CUT: re.compile(clauses._CUT.pattern[len(r"(?=[,;—–\-”\"'\s])(?:"):-1]),
        resolve._CAP_RUN: re.compile(r"(?<![\w'’.\-])[A-Z]" + resolve._CAP_RUN.pattern[
            len(r"[A-Z](?<![\w'’.\-][A-Z])"):]),
    }
    assert old[clauses._CUT].pattern.startswith(",[”")
    rng = random.Random(8)
    extra = ["Mr. Lee", "J. R. Smith", "van der Berg", "said", "asked", "Told", "according to",
             "'''", "‘‘", "’’’", "«", "„", "O'Neil", "x-Ray", "Jr", "iii", "\t", "\r\n"]
    for text in texts(count=400, words=60):
        text = "".join(piece if rng.random() > 0.1 else rng.choice(extra)
                       for piece in re.split(r"( )", text))
        for new, before in old.items():
            assert [m.span() for m in new.finditer(text)] == \
                [m.span() for m in before.finditer(text)], (new.pattern[:30], text)
            for start in range(0, len(text), 7):
                found, expected = new.search(text, start), before.search(text, start)
                assert (found and found.span()) == (expected and expected.span())


def test_cues_found_as_before() -> None:
    old = re.compile(r"\b" + clauses._CUE_WORDS)
    rng = random.Random(11)
    extra = ["said", "asked", "Told", "According to", "according to", "_said", "xsaid", "é",
             "saidx", "said_", "—said", "(said", "\n", "9said", "«says»", "’said"]
    for text in texts(count=400, words=60):
        text = "".join(piece if rng.random() > 0.2 else rng.choice(extra)
                       for piece in re.split(r"( )", text))
        for case in (text, text.lstrip()):
            assert [m.span(1) for m in clauses.cue_matches(case)] == \
                [m.span() for m in old.finditer(case)], case


def test_possessive_tokens_as_before() -> None:
    from tui.core.quotes import mentions

    old_token = re.compile(r"\w+(?:[.'’\-&]\w+)*[’']?|[^\w\s]")
    rng = random.Random(9)
    odd = ["\r", "\r\n", "\xa0", "\u2028", "\x0b", "\t", "''", "’", "&", "-", "_", "é"]
    for text in texts(count=400, words=40):
        text = "".join(ch if rng.random() > 0.08 else rng.choice(odd) for ch in text)
        assert [m.span() for m in mentions._TOKEN.finditer(text)] == \
            [m.span() for m in old_token.finditer(text)]


def test_that_is_found_as_a_word_as_before() -> None:
    old = re.compile(r"\bthat\b")
    rng = random.Random(10)
    for text in texts(count=200, words=30):
        text = "".join(piece if rng.random() > 0.2 else rng.choice(["that", "xthat", "thats"])
                       for piece in re.split(r"( )", text))
        for start in range(len(text) + 1):
            for method in ("search", "match"):
                found = getattr(clauses._THAT, method)(text, start)
                expected = getattr(old, method)(text, start)
                assert (found and found.span()) == (expected and expected.span())


def old_split_title(words: list[str]) -> tuple[str | None, list[str], str | None]:
    from tui.core.quotes import resolve
    from tui.core.quotes.names import ABBREVIATED_TITLES, FIRST_NAMES, ROLE_NOUNS, gender_of_word

    gender = None
    last_title = -1
    for k, word in enumerate(words[:-1]):
        low = word.lower().rstrip(".")
        singular_role = low in ROLE_NOUNS and not low.endswith("s")
        if (low in resolve._HONORIFICS or low in ABBREVIATED_TITLES or singular_role) \
                and not all(w.lower() in resolve._SUFFIXES for w in words[k + 1 :]):
            last_title = k
        g = gender_of_word(word)
        if g and low not in FIRST_NAMES:
            gender = g
    role_words = [w for w in words[: last_title + 1]
                  if w.lower().rstrip(".") not in resolve._HONORIFICS]
    if not any(resolve._is_title_word(w) for w in role_words):
        role_words = []
    name = words[last_title + 1 :]
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
    return " ".join(role_words) or None, name, gender


def test_split_title_as_before() -> None:
    from tui.core.quotes.resolve import split_title

    rng = random.Random(12)
    vocabulary = ["Mr.", "Mrs", "Sen.", "President", "presidents", "Secretary", "of", "for",
                  "and", "State", "John", "Kerry", "Hillary", "Clinton's", "Jr.", "Jr", "III",
                  "spokesman", "Spokeswoman", "Father", "Dame", "J.", "Ann", "Lee", "Rival",
                  "Friends", "Russian", "Vladimir", "Putin", "Dr", "Miss", "May", "Will", ""]
    for _ in range(5000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 6))]
        split = split_title(words)
        assert (split.role, split.name, split.gender) == old_split_title(words), words


def test_run_plans_keyed_by_the_run_alone_as_with_what_follows() -> None:
    from tui.core.quotes import resolve

    def plan(window: str, length: int) -> tuple:
        made = resolve._make_plan(window, length)
        take = made.take
        return (made.end, made.whole,
                None if take is None else tuple(getattr(take, a) for a in take.__slots__))

    rng = random.Random(13)
    names = ["Donald Trump", "Mr. Trump", "Sen. Ted Cruz", "J. R. Smith", "Hillary Clinton's",
             "President Barack Obama", "Secretary of State John Kerry", "Ann van der Berg",
             "New York", "The", "But Smith", "US Rep", "Élise", "Smith-Jones", "O'Neil"]
    after = ["", " ", ",", ", ", " said", "\nHe", " Élise", "\xa0X", ")", " (R", "\tA", " jr",
             ".", ". ", "'s", "’ ", ":", "\n\n", " and"]
    for _ in range(3000):
        text = rng.choice(["", "In ", "said ", "(", "“"]) + rng.choice(names) + rng.choice(after) \
            + rng.choice(after)
        for match in resolve._CAP_RUN.finditer(text):
            start, end = match.span()
            resolve._PLANS.clear()
            got = resolve._run_plan(text, start, end)
            take = got.take
            assert (got.end, got.whole, None if take is None else
                    tuple(getattr(take, a) for a in take.__slots__)) == \
                plan(text[start : end + 2], end - start), text


def test_remembered_plans_and_mentions_change_no_output() -> None:
    from tui.core.quotes import extract_quotations, resolve

    articles = [
        'Donald Trump said the plan was "a disaster." Mr. Trump added: "We will win."',
        "Sen. Ted Cruz, a Texas Republican, told reporters that he would run. Cruz said so.",
        '"It is over," Hillary Clinton said. She added that Clinton\'s team would "go on."',
        "The senator said it would fail, according to the State Department. He disagreed.",
    ]

    def run() -> list[list[tuple]]:
        return [[(q.kind, q.spans, q.cue, q.mention, q.speaker, q.role, q.confidence)
                 for q in extract_quotations(text)] for text in articles]

    resolve._PLANS.clear()
    resolve._MENTIONS.clear()
    cold = run()
    assert run() == cold  # warm
    articles.reverse()
    resolve._PLANS.clear()
    resolve._MENTIONS.clear()
    backwards = run()
    assert backwards[::-1] == cold
