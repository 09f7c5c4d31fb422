"""Build an N-article corpus for benchmarks from any folder of articles.

Usage::

    python benchmarks/make_corpus.py SRC_DIR OUT_DIR --n N [--seed S] [--formats txt,jsonl]

The source folder is read with :func:`tui.core.loaders.load_paths` at run time (nothing of
it is stored in the repository); the output goes wherever ``OUT_DIR`` says (use /tmp).
Every generated article is a variation of a source article, so search, speakers and dates
look like a real corpus rather than N identical copies:

* the date is drawn across six years (2014–2019) and written in the file name
  (``YYYY-MM-DD_slug.txt``, which the loader reads as the date);
* the title is the source title, or it with a prefix or suffix, or the first half of it
  joined to the second half of another article's title;
* the body keeps the source's lead paragraph first, then its other paragraphs (shuffled
  half the time) with one to three paragraphs of another article mixed in. Paragraphs are
  moved whole, so every quotation's words stay intact and the engine has real work.

Plain ``.txt`` files in the PolNeAR layout (title line, blank line, body) go under numbered
folders of ``--per-folder`` files (default 1,000). With ``--formats txt,jsonl`` the formats
alternate article by article, JSON-lines articles gathered in one ``articles.jsonl`` per
folder. The output is deterministic for a seed and a source folder; a hidden manifest
(``.make_corpus.json``, skipped by the loader) lets a second call with the same settings
reuse the corpus instead of writing it again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".make_corpus.json"
#: Bump when the generated text changes, so cached corpora are rebuilt.
GENERATOR_VERSION = 1
FORMATS = ("txt", "jsonl")

_FIRST_DAY = dt.date(2014, 1, 1).toordinal()
_LAST_DAY = dt.date(2019, 12, 31).toordinal()
_PREFIXES = ("Exclusive: ", "Analysis: ", "Opinion: ", "Breaking: ", "Fact check: ", "Watch: ")
_SUFFIXES = (" (updated)", ": what we know", " — analysis", ", explained", " — live updates",
             ": the latest", " — report", ": five takeaways", " (video)", ", sources say")
_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class Source:
    """One source article as the generator uses it: a title and whole paragraphs."""

    title: str
    source: str | None
    paragraphs: list[str]


@dataclass(slots=True)
class Article:
    """One generated article."""

    title: str
    date: str
    source: str | None
    body: str


def read_sources(src: Path) -> list[Source]:
    """The articles of ``src`` (via the product's loader) split into paragraphs.

    Articles with no body paragraph are left out; raises ``ValueError`` if none is left.
    """
    from tui.core.loaders import load_paths

    result = load_paths([src])
    sources = []
    for doc in result.documents:
        body = doc.text[doc.body_start:]
        paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(body) if p.strip()]
        title = " ".join(doc.title.split())
        if paragraphs and title:
            sources.append(Source(title, doc.source, paragraphs))
    if not sources:
        raise ValueError(f"no articles with a body under {src}")
    return sources


def _title(rng: random.Random, base: Source, other: Source) -> str:
    roll = rng.random()
    if roll < 0.3:
        return base.title
    if roll < 0.5:
        return rng.choice(_PREFIXES) + base.title
    if roll < 0.75:
        return base.title.rstrip(".") + rng.choice(_SUFFIXES)
    first, second = base.title.split(), other.title.split()
    return " ".join(first[: max(1, len(first) // 2)] + second[len(second) // 2:])


def _body(rng: random.Random, base: Source, donor: Source) -> str:
    lead, rest = base.paragraphs[0], list(base.paragraphs[1:])
    if rng.random() < 0.5:
        rng.shuffle(rest)
    pool = donor.paragraphs[1:] or donor.paragraphs
    for paragraph in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
        rest.insert(rng.randint(0, len(rest)), paragraph)
    return "\n\n".join([lead, *rest])


def generate(sources: Sequence[Source], n: int, seed: int = 0) -> list[Article]:
    """``n`` articles varied from ``sources``, the same for the same seed and sources."""
    rng = random.Random(seed)
    articles = []
    count = len(sources)
    for i in range(n):
        base = sources[i % count] if i < count else rng.choice(sources)
        other = sources[rng.randrange(count)]
        donor = sources[rng.randrange(count)]
        date = dt.date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY)).isoformat()
        articles.append(Article(_title(rng, base, other), date, base.source,
                                _body(rng, base, donor)))
    return articles


def slug(title: str, width: int = 32) -> str:
    """A file-name-safe slug of ``title``: lower case, dashes, at most ``width`` long."""
    return _SLUG_JUNK.sub("-", title.lower()).strip("-")[:width].rstrip("-") or "article"


def write_corpus(articles: Sequence[Article], out: Path, formats: Sequence[str] = ("txt",),
                 per_folder: int = 1000) -> int:
    """Write ``articles`` under ``out`` (numbered folders); return the bytes written.

    Article ``i`` takes format ``formats[i % len(formats)]``; ``.txt`` files are
    ``YYYY-MM-DD_slug-NNNNNN.txt`` (title line, blank line, body), JSON-lines articles go to
    one ``articles.jsonl`` per folder.
    """
    total = 0
    folder_lines: dict[Path, list[str]] = {}
    for i, article in enumerate(articles):
        folder = out / f"{i // per_folder:04d}"
        if i % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        if formats[i % len(formats)] == "jsonl":
            record = {"title": article.title, "date": article.date,
                      "source": article.source, "text": article.body}
            folder_lines.setdefault(folder, []).append(json.dumps(record, ensure_ascii=False))
            continue
        data = f"{article.title}\n\n{article.body}\n".encode()
        name = f"{article.date}_{slug(article.title)}-{i:06d}.txt"
        with open(folder / name, "wb") as handle:
            handle.write(data)
        total += len(data)
    for folder, lines in folder_lines.items():
        data = ("\n".join(lines) + "\n").encode()
        (folder / "articles.jsonl").write_bytes(data)
        total += len(data)
    return total


def _settings(src: Path, n: int, seed: int, formats: Sequence[str], per_folder: int) -> dict:
    return {"version": GENERATOR_VERSION, "source": str(src.resolve()), "n": n, "seed": seed,
            "formats": list(formats), "per_folder": per_folder}


def read_manifest(out: Path) -> dict | None:
    """The manifest of a generated corpus in ``out``, or None."""
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def make_corpus(src: Path, out: Path, n: int, seed: int = 0,
                formats: Sequence[str] = ("txt",), per_folder: int = 1000,
                force: bool = False) -> dict:
    """Build (or reuse) the corpus in ``out``; return its manifest.

    The manifest records the settings, ``bytes`` (corpus size), ``files`` and ``seconds``
    it took; ``cached`` is True when an existing corpus with the same settings was reused.
    An ``out`` that holds anything else is emptied first.
    """
    settings = _settings(src, n, seed, formats, per_folder)
    found = read_manifest(out)
    if not force and found is not None and found.get("settings") == settings:
        return {**found, "cached": True}
    start = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    articles = generate(read_sources(src), n, seed)
    size = write_corpus(articles, out, formats, per_folder)
    files = sum(len(names) for _, _, names in os.walk(out))
    manifest = {"settings": settings, "bytes": size, "files": files,
                "seconds": round(time.perf_counter() - start, 2)}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return {**manifest, "cached": False}


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path, metavar="SRC_DIR", help="folder of source articles")
    ap.add_argument("out", type=Path, metavar="OUT_DIR", help="where to write (e.g. /tmp/...)")
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--formats", default="txt", help="comma-separated: txt, jsonl")
    ap.add_argument("--per-folder", type=int, default=1000)
    ap.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if not formats or any(f not in FORMATS for f in formats):
        ap.error(f"--formats takes a comma-separated list of {', '.join(FORMATS)}")
    if not args.src.is_dir():
        ap.error(f"no such folder: {args.src}")
    if args.n < 1 or args.per_folder < 1:
        ap.error("--n and --per-folder must be at least 1")
    manifest = make_corpus(args.src, args.out, args.n, args.seed, formats, args.per_folder,
                           args.force)
    state = "reused" if manifest["cached"] else f"written in {manifest['seconds']} s"
    print(f"{args.n} articles, {manifest['files']} files, {manifest['bytes'] / 1e6:.1f} MB "
          f"in {args.out} ({state})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
