"""``seedread --serve``: the same reader in a web browser, through textual-serve.

textual-serve runs one ``seedread`` process per browser tab (a shell command line, so every
argument is quoted) and relays its screen over a websocket. It listens on localhost only.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence

#: Where the server listens: this machine only.
HOST = "localhost"


def app_command(paths: Sequence[str], cache_dir: str | None, no_cache: bool) -> str:
    """The shell command that starts the reader on ``paths`` (made absolute, since the
    server may start it elsewhere) with this Python. ``exec``: the reader is the server's
    own child, so it can tell when the server is gone (and then quits)."""
    argv = [sys.executable, "-m", "tui"]
    if cache_dir:
        argv += ["--cache-dir", os.path.abspath(cache_dir)]
    if no_cache:
        argv.append("--no-cache")
    if paths:
        argv.append("--")
        argv += [os.path.abspath(path) for path in paths]
    return "exec " + shlex.join(argv)


def serve(paths: Sequence[str], port: int, cache_dir: str | None = None,
          no_cache: bool = False) -> int:
    """Serve the reader on ``http://localhost:PORT`` until Ctrl-C; returns the exit code."""
    missing = [path for path in paths if not os.path.lexists(path)]
    if paths and len(missing) == len(paths):
        from tui.core.textsafe import one_line

        print(f"seedread: no such file or folder: {one_line(', '.join(missing))}",
              file=sys.stderr)
        return 2
    from textual_serve.server import Server

    server = Server(app_command(paths, cache_dir, no_cache), host=HOST, port=port,
                    title="seedread")
    server.serve()
    return 0
