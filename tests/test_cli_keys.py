"""``seedread --help`` lists the keys from the one table, as the config file remaps them."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    assert binding_ids() == set(ids) | set(ARTICLE_KEY_IDS)
