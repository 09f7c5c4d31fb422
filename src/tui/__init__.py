"""seedread: a terminal reader for news corpora that shows who said what."""

__version__ = "0.1.0"
