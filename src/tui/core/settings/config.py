"""The config file: TOML, read with the standard library; today it remaps keys.

```toml
[keys]
copy-quote = "c"              # one key
export = ["ctrl+e", "e"]      # several (or "ctrl+e,e")
```

A file that cannot be read or parsed, or an entry that makes no sense, gives a message
for people and the defaults for what it touched: never an exception.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.textsafe import one_line

# A Textual key name (``ctrl+e``, ``f5``, ``question_mark``) or one printable character.
_KEY = re.compile(r"^(?:[A-Za-z0-9_+\-]+|[^\s,\x00-\x1f\x7f-\x9f])$")


@dataclass
class Config:
    """What the config file says: ``keymap`` maps binding ids to Textual key strings
    (comma-separated); ``messages`` says what was wrong with the file, if anything."""

    keymap: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    path: Path | None = None


def _keys(value: object) -> list[str] | None:
    """The keys a config value names, or None when it is not a string or list of them."""
    if isinstance(value, str):
        keys = [key.strip() for key in value.split(",")]
    elif isinstance(value, list) and all(isinstance(key, str) for key in value):
        keys = [key.strip() for key in value]
    else:
        return None
    if not keys or not all(key and _KEY.match(key) for key in keys):
        return None
    return keys


def parse_config(text: str, known_ids: Collection[str], where: str = "config") -> Config:
    """Read config ``text``; ``known_ids`` are the binding ids that may be remapped."""
    config = Config()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        config.messages.append(f"{where}: not valid TOML ({one_line(str(exc))}); "
                               "using the default keys")
        return config
    for name in data:
        if name != "keys":
            config.messages.append(f"{where}: unknown setting {one_line(name)!r} ignored")
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        config.messages.append(f"{where}: [keys] should be a table of id = \"key\"; "
                               "using the default keys")
        return config
    for binding_id, value in keys.items():
        if binding_id not in known_ids:
            config.messages.append(f"{where}: [keys] has no key id {one_line(binding_id)!r} "
                                   "(see seedread --help); ignored")
            continue
        parsed = _keys(value)
        if parsed is None:
            config.messages.append(f"{where}: [keys] {one_line(binding_id)} = "
                                   f"{one_line(repr(value))} is not a key name like \"c\", "
                                   "\"ctrl+e\" or \"f5\"; the default is kept")
            continue
        config.keymap[binding_id] = ",".join(parsed)
    return config


def load_config(path: Path, known_ids: Collection[str]) -> Config:
    """Read the config file at ``path``; a missing file is an empty config."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Config(messages=[f"{one_line(str(path))}: cannot be read ({one_line(reason)});"
                                " using the default keys"], path=path)
    config = parse_config(text, known_ids, one_line(str(path)))
    config.path = path
    return config
