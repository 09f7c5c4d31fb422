"""The seedread core: loading, quotation extraction, speakers and search.

Nothing under this package may import textual or rich; the app and the command line are
thin layers over it (``tests/test_import_hygiene.py`` enforces this).
"""
