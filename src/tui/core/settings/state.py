"""Small things remembered between runs (the theme), as JSON in the state directory."""

from __future__ import annotations

import json
from pathlib import Path

from tui.core.settings.paths import replace_file


def load_state(path: Path) -> dict[str, object]:
    """The saved state (an empty dict when missing, unreadable or not a JSON object)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(path: Path, **values: object) -> str | None:
    """Merge ``values`` into the state at ``path``; a reason when it could not be saved."""
    state = load_state(path)
    state.update(values)
    try:
        replace_file(path, json.dumps(state, ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:
        return f"{path}: not saved ({exc.strerror or exc})"
    return None
