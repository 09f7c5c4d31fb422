"""FTS5 query expressions for resolved terms, and the bounded queries the searcher runs.

Every word goes in double quotes (FTS5 syntax characters in a word are then literal); a
prefix is ``"pre"*``; a phrase is the words in one pair of quotes. Expressions are tiered
by match quality so a query per tier tells which documents matched how well, without
reading any text.
"""

from __future__ import annotations

from collections import defaultdict

from tui.core.search.matcher import PREFIX_QUALITY, Resolved, Vocabulary
from tui.core.search.query import PHRASE

#: Most words one term expands to in an FTS query (``'ar`` contains thousands); the most
#: frequent are kept.
MAX_WORDS = 200
#: Shortest prefix sent to FTS5: the index has prefix tables for two and three letters, a
#: one-letter prefix would merge every word's list.
MIN_PREFIX = 2
#: Longest prefix FTS5 answers from its prefix tables. A longer one merges the lists of
#: every word it begins (10-15 ms at 100k articles for ``clinton*`` even with a LIMIT),
#: so it is sent as those words, ORed (0.1 ms), when they are at most :data:`MAX_EXPAND`.
INDEXED_PREFIX = 3
MAX_EXPAND = 64


def quoted(word: str) -> str:
    """``word`` as an FTS5 string."""
    return '"' + word.replace('"', '""') + '"'


def either(parts: list[str]) -> str:
    """FTS5 OR of ``parts`` ("" when there are none)."""
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def in_columns(expr: str, columns: tuple[str, ...] | None) -> str:
    """``expr`` restricted to ``columns`` (None: every column)."""
    if not expr or columns is None:
        return expr
    names = columns[0] if len(columns) == 1 else "{" + " ".join(columns) + "}"
    return f"{names} : {expr}"


Tier = tuple[float, str, tuple[str, ...]]


def tiers(resolved: Resolved, vocabulary: Vocabulary | None = None) -> list[Tier]:
    """``(quality, expression, words)`` per quality of what ``resolved`` matches, best
    first; ``words`` are the tier's whole words (none for a prefix sent as a prefix).
    ``vocabulary`` (the index's) ranks words when there are too many and expands long
    prefixes."""
    if resolved.term.mode == PHRASE:
        if resolved.pattern is None:
            return []
        return [(1.0, quoted(resolved.term.text), resolved.term.words)]
    by_quality: defaultdict[float, list[str]] = defaultdict(list)
    chosen = list(resolved.words.items())
    counts = vocabulary.counts if vocabulary is not None else {}
    if len(chosen) > MAX_WORDS:
        rank = counts
        chosen.sort(key=lambda item: (-item[1], -rank.get(item[0], 0), item[0]))
        chosen = chosen[:MAX_WORDS]
    for word, quality in chosen:
        by_quality[quality].append(word)
    out = [(q, either([quoted(w) for w in ws]), tuple(ws)) for q, ws in by_quality.items()]
    prefix = resolved.prefix
    if prefix is not None and len(prefix) >= MIN_PREFIX:
        expanded = (vocabulary.prefixed(prefix)
                    if vocabulary is not None and len(prefix) > INDEXED_PREFIX else None)
        if expanded is not None and len(expanded) <= MAX_EXPAND:
            rest = [w for w in expanded if w not in resolved.words]
            if rest:
                out.append((PREFIX_QUALITY, either([quoted(w) for w in rest]), tuple(rest)))
        else:
            out.append((PREFIX_QUALITY, quoted(prefix) + "*", ()))
    out.sort(key=lambda item: item[0], reverse=True)
    return out


def anything(resolved: Resolved, vocabulary: Vocabulary | None = None) -> str:
    """One expression for everything ``resolved`` matches, whatever the quality."""
    return either([expr for _, expr, _ in tiers(resolved, vocabulary)])
