"""The persistent corpus index (SQLite): what is stored, and how it is kept fresh."""
