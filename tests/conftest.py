"""Shared fixtures: paths to the bundled seeds and to the shared annotated corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_99d23540cb3e3fd8.txt"
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"


def require_shared(path: Path) -> Path:
    """Return ``path`` if it exists; skip the test if not, or fail under ``CI=true``."""
    if path.exists():
        return path
    reason = f"needs {path} (the shared annotated corpus beside the project), which is absent"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + "; under CI=true missing data is a failure")
    pytest.skip(reason)


@pytest.fixture
def polnear() -> Path:
    """The PolNeAR folder (``train/``, ``dev/``); skips or fails when absent."""
    return require_shared(POLNEAR)


@pytest.fixture
def seed_text() -> str:
    """The seed document's text, decoded exactly as the scorer decodes files."""
    with open(SEED_FILE, encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and every ``seedread`` it runs) keeps its index in a temporary
    directory, never in the user's cache, and its config, history and theme in others,
    never the user's; the engine version is pinned so that others editing the engine's
    sources meanwhile cause no rebuild between two runs of a test."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SEEDREAD_CACHE_DIR", str(cache))
    monkeypatch.setenv("SEEDREAD_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("SEEDREAD_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("SEEDREAD_ENGINE_VERSION", "tests")
    monkeypatch.delenv("SEEDREAD_NO_CACHE", raising=False)
    return cache
