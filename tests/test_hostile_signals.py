"""Ctrl-C (SIGINT) at any moment, in real processes: while seedread's modules are imported,
while files are found, while they are read, and in the app (a key, or a signal sent from
elsewhere while it indexes). Each time seedread exits promptly with status 130 (0 for the
app's own ``ctrl+c`` key), prints no traceback, and leaves the terminal as it found it.

The moments are made certain rather than guessed with sleeps: the child runs seedread's
entry point (:func:`tui.launch.main`, or ``python -m tui``'s module) after slowing one step
down (an import, the walk over folders, reading each file) and saying on stderr (or the
terminal) when it is there; the test waits for that line, then sends the signal.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Slows one step of seedread down and says when it is there, as the environment asks:
# SLOW_IMPORT=prefix (importing a module of seedread's under it), SLOW_WALK (the walk over
# folders), SLOW_READ=seconds (each file read, one process), then runs the entry point.
HARNESS = r"""
import builtins, os, sys, time
def say(what):
    sys.stderr.write(what + "\n"); sys.stderr.flush()
prefix = os.environ.get("SLOW_IMPORT")
if prefix:
    real_import = builtins.__import__
    def slow_import(name, *args, **kwargs):
        if name.startswith(prefix) and name not in sys.modules:
            say("importing " + name)
            time.sleep(30)
        return real_import(name, *args, **kwargs)
    builtins.__import__ = slow_import
if os.environ.get("SLOW_WALK"):
    import tui.core.loaders.discover
    discover = sys.modules["tui.core.loaders.discover"]  # the package names a function so
    def slow_walk(*args):
        say("walking")
        time.sleep(30)
    discover._walk = slow_walk
if os.environ.get("SLOW_READ"):
    import tui.cli
    import tui.core.index.refresh as refresh
    real_analyse = refresh.analyse_file
    def slow_analyse(path):
        say("reading " + path.name)
        time.sleep(float(os.environ["SLOW_READ"]))
        return real_analyse(path)
    refresh.analyse_file = slow_analyse
    tui.cli.default_jobs = lambda: 1  # the app's files are read here, not in workers
sys.argv = ["seedread", *sys.argv[1:]]
if os.environ.get("AS_MODULE"):
    import runpy
    runpy.run_module("tui", run_name="__main__", alter_sys=True)
else:
    from tui.launch import main
    raise SystemExit(main())
"""


def start(*args: str, **env: str) -> subprocess.Popen[bytes]:
    """The harness running ``seedread *args`` with output captured."""
    return subprocess.Popen([sys.executable, "-c", HARNESS, *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **env})


def wait_for(process: subprocess.Popen[bytes], text: bytes, seconds: float = 60) -> bytes:
    """stderr up to the first line holding ``text`` (the child is then where it was to be)."""
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        seen += line
        if text in line:
            return seen
    raise AssertionError(f"never saw {text!r}: {seen.decode(errors='replace')}")


def interrupted(process: subprocess.Popen[bytes], seconds: float = 10
                ) -> tuple[int, bytes, bytes, float]:
    """Send SIGINT; (exit status, stdout, the rest of stderr, seconds taken to exit)."""
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=seconds + 20)
    return process.returncode, out, err, time.monotonic() - started


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("articles")
    for number in range(200):
        (root / f"{number:03}.txt").write_text(
            f'Ann Lee said "article {number} is short," she said.')
    return root


@pytest.mark.parametrize(("prefix", "module"), [
    ("tui.core", ""),  # the first of the core, imported by tui.cli
    ("tui.cli.printers", ""),  # the last tui.cli imports
    ("tui.core", "1"),  # through python -m tui
    ("textual", ""),  # the app's modules
])
def test_ctrl_c_while_importing(prefix: str, module: str, corpus: Path) -> None:
    args = [str(corpus)] if prefix == "textual" else ["quotes", str(corpus), "--no-cache"]
    process = start(*args, SLOW_IMPORT=prefix, AS_MODULE=module)
    wait_for(process, b"importing " + prefix.encode())
    code, out, err, seconds = interrupted(process)
    assert code == 130, err
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err
    assert out == b"" and err == b""  # not a word: nothing had started
    assert seconds < 5


def test_ctrl_c_while_finding_files_stops_at_once(corpus: Path, tmp_path: Path) -> None:
    process = start("index", str(corpus), "--cache-dir", str(tmp_path), SLOW_WALK="1")
    wait_for(process, b"walking")
    code, out, err, seconds = interrupted(process)
    assert code == 130 and seconds < 5, err
    assert b"Traceback" not in err and b"stopping after" not in err, err  # no file to wait for
    assert out == b""


def test_ctrl_c_while_indexing_keeps_what_was_stored(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    process = start("index", str(corpus), "--cache-dir", str(cache), SLOW_READ="0.01")
    wait_for(process, b"reading 040.txt")
    code, out, err, seconds = interrupted(process)
    assert code == 130 and seconds < 5, err
    assert b"Traceback" not in err
    assert b"stopping after the file being read" in err
    assert out.startswith(b"cancelled: ")
    again = subprocess.run([sys.executable, "-m", "tui", "index", str(corpus), "--cache-dir",
                            str(cache)], capture_output=True, cwd=ROOT, timeout=60)
    assert again.returncode == 0
    done = int(again.stdout.split(b" new, ")[0].rsplit(b"(", 1)[1])
    assert 0 < done < 200, again.stdout  # only what the first run had not stored


def test_a_second_ctrl_c_stops_a_slow_file_at_once(tmp_path: Path) -> None:
    """The first Ctrl-C waits for the file being read (here one the engine needs seconds
    for) and says so; the second stops at once, still without a traceback."""
    (tmp_path / "slow.txt").write_text("said " * 18_000)
    process = start("index", str(tmp_path), "--no-cache", SLOW_READ="0")
    wait_for(process, b"reading slow.txt")
    process.send_signal(signal.SIGINT)
    wait_for(process, b"Ctrl-C again to stop at once")
    code, _, err, seconds = interrupted(process)
    assert code == 130 and seconds < 3
    assert b"Traceback" not in err


def run_in_terminal(args: list[str], env: dict[str, str], until: bytes,
                    act: str) -> tuple[int, bytes, float]:
    """The harness running ``seedread *args`` on a pseudo-terminal of 100×30: once
    ``until`` has been drawn, ``act`` ("signal": SIGINT to the process; "key": ctrl+c
    typed). Returns the exit status, everything written to the terminal, and the seconds
    from the act to the exit."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: never returns
        os.environ.update(env, TERM="xterm-256color")
        os.execv(sys.executable, [sys.executable, "-c", HARNESS, *args])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    output = b""
    acted: float | None = None
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # the child is gone (EIO)
                    break
                if not data:
                    break
                output += data
            if acted is None and until in output:
                acted = time.monotonic()
                if act == "signal":
                    os.kill(pid, signal.SIGINT)
                else:
                    os.write(fd, b"\x03")
    finally:
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert acted is not None, output.decode(errors="replace")[-2000:]
    return os.waitstatus_to_exitcode(status), output, time.monotonic() - acted


def restored(output: bytes) -> bool:
    """Whether the terminal was given back: after the app's last screen switch, the
    alternate screen left and the cursor shown again."""
    entered = output.rfind(b"\x1b[?1049h")
    return entered >= 0 and output.rfind(b"\x1b[?1049l") > entered \
        and output.rfind(b"\x1b[?25h") > entered


@pytest.mark.parametrize(("act", "status"), [("signal", 130), ("key", 0)])
def test_the_app_interrupted_while_it_indexes(act: str, status: int, corpus: Path,
                                              tmp_path: Path) -> None:
    code, output, seconds = run_in_terminal(
        [str(corpus), "--cache-dir", str(tmp_path)], {"SLOW_READ": "0.05"},
        until=b"indexing ", act=act)
    assert code == status, output.decode(errors="replace")[-2000:]
    assert seconds < 10
    assert restored(output)
    assert b"Traceback" not in output and b"Error" not in output


def test_ctrl_c_while_the_app_is_imported_leaves_the_terminal_alone(corpus: Path) -> None:
    code, output, _ = run_in_terminal([str(corpus), "--no-cache"], {"SLOW_IMPORT": "textual"},
                                      until=b"importing textual", act="signal")
    assert code == 130
    assert output.replace(b"\r\n", b"\n") == b"importing textual\n"  # nothing drawn or set
