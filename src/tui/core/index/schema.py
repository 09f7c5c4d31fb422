"""The SQLite schema of the corpus index: the contract between storing and searching.

One database per opened set of folders, in the user's cache directory. Documents keep
their text (zlib-compressed) so an article can be shown without its file; quotations are
rows with their spans; two contentless FTS5 tables answer full-text queries; what search
keeps in memory is precomputed in ``search_cache`` (:mod:`tui.core.index.searchcache`). The SQLite
shipped here is 3.40, without ``contentless_delete``: a row is removed from a contentless
table with the ``'delete'`` command and the values it was inserted with.
"""

from __future__ import annotations

#: Bump when the tables change; an index with another version is rebuilt.
SCHEMA_VERSION = "6"

#: Tokenizer shared by both full-text tables: words, accents folded, case folded.
TOKENIZE = "unicode61 remove_diacritics 2"

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- absolute path
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    problems TEXT NOT NULL DEFAULT '[]' -- JSON [[reason, line or null], ...]
);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    record INTEGER,                     -- NULL for a one-article file
    title TEXT NOT NULL,
    date TEXT,                          -- ISO YYYY-MM-DD
    place TEXT,
    source TEXT,
    author TEXT,
    url TEXT,
    format TEXT NOT NULL,
    body_start INTEGER NOT NULL,
    length INTEGER NOT NULL,            -- characters in the text
    quotes INTEGER NOT NULL,            -- number of quotations
    text BLOB NOT NULL,                 -- zlib-compressed UTF-8 of Document.text
    path TEXT NOT NULL                  -- files.path again: the listing needs no join
);
CREATE INDEX IF NOT EXISTS documents_by_file ON documents(file_id);
-- The listing in display order (tui.core.loaders.sort_key), read from this index alone
-- (covering: no text pages are touched, no sort is done).
CREATE INDEX IF NOT EXISTS documents_in_order ON documents(
    (date IS NULL OR date = ''), date, path, COALESCE(record, 0),
    record, title, source, place, quotes);
CREATE TABLE IF NOT EXISTS quotations(
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,               -- position in Document.quotations
    kind TEXT NOT NULL,
    spans TEXT NOT NULL,                -- JSON [[start, end], ...]
    cue_start INTEGER,
    cue_end INTEGER,
    mention_start INTEGER,
    mention_end INTEGER,
    speaker TEXT,
    role TEXT,
    speaker_key TEXT,                   -- tui.core.speakers.speaker_key(speaker)
    confidence REAL NOT NULL,
    content TEXT NOT NULL,              -- Quotation.content(text)
    mention TEXT                        -- text[mention_start:mention_end], for aliases
);
CREATE INDEX IF NOT EXISTS quotations_by_doc ON quotations(doc_id);
-- No index on speaker_key: nothing queries by it (the speaker catalog, tui.core.catalog,
-- keeps each speaker's quotation ids), and one cost 2.6 us per quotation stored.
-- rowid = documents.id; body is the whole Document.text
CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(
    title, body, content='', prefix='2 3', tokenize='{TOKENIZE}');
-- rowid = quotations.id. Only the quoted words: speakers are searched in memory
-- (tui.core.search.tables), and nothing ranks quotations by bm25, so no column sizes
-- (columnsize=0: no row per quotation in quote_fts_docsize).
CREATE VIRTUAL TABLE IF NOT EXISTS quote_fts USING fts5(
    content, content='', columnsize=0, prefix='2 3', tokenize='{TOKENIZE}');
-- What search keeps in memory, precomputed (tui.core.index.searchcache): emptied by every
-- write of a file, filled again at the end of a refresh.
CREATE TABLE IF NOT EXISTS search_cache(
    name TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_vocab USING fts5vocab(doc_fts, 'row');
"""
