"""Where seedread's own files live: the platform's config and state directories.

``$SEEDREAD_CONFIG_DIR`` and ``$SEEDREAD_STATE_DIR`` override them (tests use these, so
the user's real home is never touched).
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "SEEDREAD_CONFIG_DIR"
STATE_ENV = "SEEDREAD_STATE_DIR"


def config_directory() -> Path:
    """``$SEEDREAD_CONFIG_DIR``, else the platform's (``~/.config/seedread`` on Linux)."""
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("seedread", appauthor=False))


def state_directory() -> Path:
    """``$SEEDREAD_STATE_DIR``, else the platform's (``~/.local/state/seedread`` on
    Linux)."""
    from_env = os.environ.get(STATE_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("seedread", appauthor=False))


def config_file() -> Path:
    """The config file: ``config.toml`` in the config directory."""
    return config_directory() / "config.toml"


def replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename (never half a
    file); the folder is made if missing. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
