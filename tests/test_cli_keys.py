"""``seedread --help`` lists the keys from the one table, as the config file remaps them."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding

from tui.app.widgets.article_view import ArticleView
from tui.cli import build_parser
from tui.keys import ARTICLE_KEY_IDS, KEYS, binding_ids


def test_help_lists_every_key_and_the_config_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEEDREAD_CONFIG_DIR", str(tmp_path))
    text = build_parser().format_help()
    for key in KEYS:
        assert key.description in text
        assert key.id in text
    assert "  y  " in text.replace("   ", "  ")
    assert str(tmp_path / "config.toml") in text


def test_help_shows_remapped_keys_and_config_problems(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.toml").write_text('[keys]\ncopy-quote = "c"\nnope = "x"\n')
    monkeypatch.setenv("SEEDREAD_CONFIG_DIR", str(tmp_path))
    lines = build_parser().format_help().splitlines()
    copy = next(line for line in lines if "Copy the quotation" in line)
    assert copy.split()[0] == "c"
    assert any("no key id 'nope'" in line for line in lines)


def test_every_id_is_unique_and_the_article_ids_match_its_bindings() -> None:
    ids = [key.id for key in KEYS]
    assert len(ids) == len(set(ids))
    assert set(ARTICLE_KEY_IDS) == {binding.id for binding in ArticleView.BINDINGS}
    assert binding_ids() >= set(ids) | set(ARTICLE_KEY_IDS)


def _declared_bindings() -> list[tuple[str, Binding]]:
    """Every Binding declared by a class of the app package."""
    import tui.app

    found = []
    for info in pkgutil.walk_packages(tui.app.__path__, prefix="tui.app."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (inspect.isclass(value) and value.__module__ == module.__name__
                    and "BINDINGS" in vars(value)):
                found += [(f"{info.name}.{name}", binding) for binding in value.BINDINGS
                          if isinstance(binding, Binding)]
    return found


def test_every_binding_has_an_id_the_config_file_can_remap() -> None:
    declared = _declared_bindings()
    assert len(declared) > 30
    missing = [(where, b.key) for where, b in declared if not b.id]
    assert not missing, f"bindings without an id: {missing}"
    unknown = [(where, b.id) for where, b in declared if b.id not in binding_ids()]
    assert not unknown, (f"ids the config file would refuse: {unknown}; add them to "
                         "tui.keys (KEYS, or ARTICLE_KEY_IDS / SCREEN_KEY_IDS)")


def test_clashes_in_the_keymap_are_named() -> None:
    from tui.keys import clashes

    assert clashes({}) == []
    assert clashes({"copy-quote": "c"}) == []
    assert clashes({"copy-quote": "?"}) == [
        "config: [keys] gives 'question_mark' to copy-quote and help; only one of them "
        "gets it"]
    assert clashes({"copy-quote": "p", "problems": "x"}) == [], "p was moved away"
