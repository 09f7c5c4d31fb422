"""The core is a library: no module under tui.core may pull in textual or rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui.core

CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(tui.core.__path__, prefix="tui.core.")
)

_CHECK = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))
print(','.join(bad))
"""


def test_core_modules_found() -> None:
    for expected in ("tui.core.model", "tui.core.loaders", "tui.core.quotes",
                     "tui.core.search", "tui.core.corpus", "tui.core.speakers",
                     "tui.core.catalog", "tui.core.catalog.build", "tui.core.catalog.timeline"):
        assert expected in CORE_MODULES


def test_core_imports_neither_textual_nor_rich() -> None:
    result = subprocess.run([sys.executable, "-c", _CHECK, *CORE_MODULES, "tui.keys"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core pulled in: {result.stdout.strip()}"


def test_scripted_commands_do_not_load_textual() -> None:
    """`seedread quotes` works without starting (or even importing) the UI framework."""
    code = ("import sys, io; from tui import cli; out = io.StringIO(); "
            "cli.run_command('quotes', ['--format', 'jsonl'], out); "
            "print(any(m.split('.')[0] == 'textual' for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
