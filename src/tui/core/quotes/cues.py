"""The lexicon of speech cues: reporting verbs and phrases, in every inflected form.

Shared by the direct and the indirect finders so both agree on what counts as a cue.
"""

from __future__ import annotations

import re

#: Reporting verbs as (base, third person, past, past participle, -ing) where irregular;
#: regular verbs are listed by base form only and inflected by :func:`_inflect`.
_IRREGULAR: tuple[tuple[str, ...], ...] = (
    ("say", "says", "said", "said", "saying"),
    ("tell", "tells", "told", "told", "telling"),
    ("write", "writes", "wrote", "written", "writing"),
    ("think", "thinks", "thought", "thought", "thinking"),
    ("tweet", "tweets", "tweeted", "tweeted", "tweeting"),
    ("speak", "speaks", "spoke", "spoken", "speaking"),
    ("predict", "predicts", "predicted", "predicted", "predicting"),
    ("admit", "admits", "admitted", "admitted", "admitting"),
    ("commit", "commits", "committed", "committed", "committing"),
    ("quip", "quips", "quipped", "quipped", "quipping"),
    ("shoot back", "shoots back", "shot back", "shot back", "shooting back"),
    ("hold", "holds", "held", "held", "holding"),
    ("swear", "swears", "swore", "sworn", "swearing"),
    ("foresee", "foresees", "foresaw", "foreseen", "foreseeing"),
    ("feel", "feels", "felt", "felt", "feeling"),
)

_REGULAR: tuple[str, ...] = (
    "add", "acknowledge", "admit", "advise", "affirm", "agree", "allege", "announce",
    "answer", "argue", "ask", "assert", "assure", "believe", "boast", "caution", "charge",
    "claim", "comment", "complain", "concede", "conclude", "confirm", "contend", "continue",
    "counter", "declare", "deny", "describe", "disclose", "dismiss", "echo", "emphasize",
    "emphasise", "estimate", "exclaim", "explain", "express", "fear", "indicate", "insist",
    "joke", "lament", "maintain", "mention", "note", "observe", "point out", "post",
    "proclaim", "promise", "propose", "recall", "reckon", "recount", "reiterate", "remark",
    "repeat", "reply", "report", "respond", "retort", "reveal", "scoff", "shout", "signal",
    "state", "stress", "suggest", "testify", "urge", "vow", "warn", "wonder", "yell",
    "accuse", "blast", "criticize", "criticise", "declare", "demand", "hope", "know",
    "predict", "question", "recommend", "remind", "reassure", "underline", "underscore",
    "voice", "whisper", "acknowledge", "assess", "contend", "conclude", "decry",
)

#: Multi-word cues that are not verbs.
PHRASES: tuple[str, ...] = (
    "according to",
    "in the words of",
    "as quoted by",
    "quoted as saying",
    "in a statement",
    "in an interview",
)


def _inflect(base: str) -> tuple[str, str, str, str, str]:
    head, _, tail = base.partition(" ")
    rest = f" {tail}" if tail else ""
    if head.endswith("e"):
        past, ing = head + "d", head[:-1] + "ing"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        past, ing = head[:-1] + "ied", head + "ing"
    else:
        past, ing = head + "ed", head + "ing"
    if head.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = head + "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        third = head[:-1] + "ies"
    else:
        third = head + "s"
    return (base, third + rest, past + rest, past + rest, ing + rest)


def _build() -> dict[str, str]:
    forms: dict[str, str] = {}
    for row in _IRREGULAR:
        for form in row:
            forms.setdefault(form, row[0])
    for base in _REGULAR:
        for form in _inflect(base):
            forms.setdefault(form, base)
    return forms


#: Every inflected cue form (lower case) mapped to its base form.
CUE_FORMS: dict[str, str] = _build()

#: Matches any cue verb form as a whole word (longest first, case-insensitive).
CUE_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(f) for f in sorted(CUE_FORMS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def cue_base(word: str) -> str | None:
    """The base form of a cue word (``stressed`` -> ``stress``), or None if not a cue."""
    return CUE_FORMS.get(word.lower())
