"""``seedread --serve``: the reader in a web browser, started as a person would."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from tui.cli import main
from tui.cli.serve import app_command

SEEDS = Path(__file__).parent.parent / "seeds"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server():
    """``seedread --serve`` on a free port of localhost; stopped (SIGINT) afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--serve", "--port", str(port), "--no-cache",
         str(SEEDS)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield process, f"http://localhost:{port}"
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def _page(url: str) -> str:
    deadline = time.monotonic() + 30
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(url + "/") as response:
                    assert response.status == 200
                    return await response.text()
            except aiohttp.ClientConnectionError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.2)


async def _screen_bytes(url: str, *wanted: bytes) -> bytes:
    """What the app sends over the page's websocket until all of ``wanted`` are among it."""
    seen = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(
            url.replace("http", "ws") + "/ws?width=120&height=36") as ws:
        await ws.send_json(["resize", {"width": 120, "height": 36}])
        deadline = time.monotonic() + 45
        while not all(w in seen for w in wanted) and time.monotonic() < deadline:
            try:
                message = await ws.receive(timeout=max(deadline - time.monotonic(), 0.1))
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                seen += message.data.encode()
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
    return seen


def test_serve_answers_a_browser_and_runs_the_reader(server) -> None:
    process, url = server
    page = asyncio.run(_page(url))
    assert "seedread" in page
    assert "/ws" in page and "textual.js" in page
    # Waits for both: they can come in separate frames, either first (under load the
    # test once stopped at the footer and missed the article).
    screen = asyncio.run(_screen_bytes(url, b"Italy might help", b"Next quote"))
    assert b"Italy might help" in screen, "the seed's article reached the browser"
    assert b"Next quote" in screen, "the reader's footer reached the browser"
    assert process.poll() is None


def _readers() -> list[int]:
    """Ids of the served readers running now (children of some server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"tui" in argv and b"--serve" not in argv and str(SEEDS).encode() in argv:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc")
def test_a_reader_quits_when_its_server_dies(server) -> None:
    process, url = server
    asyncio.run(_page(url))

    async def connect_and_kill() -> list[int]:
        async with aiohttp.ClientSession() as session, session.ws_connect(
                url.replace("http", "ws") + "/ws?width=100&height=30") as ws:
            await ws.send_json(["resize", {"width": 100, "height": 30}])
            await ws.receive(timeout=30)
            readers = [pid for pid in _readers() if pid != process.pid]
            process.kill()  # no shutdown: the readers are left to notice
            return readers

    before = asyncio.run(connect_and_kill())
    assert before, "a reader was started for the connection"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and set(before) & set(_readers()):
        time.sleep(0.2)
    assert not set(before) & set(_readers()), "the readers quit with their server"


def test_app_command_is_quoted_and_absolute(tmp_path: Path) -> None:
    folder = tmp_path / "my news; rm -rf ~"
    command = app_command([str(folder)], None, True)
    assert command.startswith("exec ")
    argv = shlex.split(command.removeprefix("exec "))
    assert argv[:3] == [sys.executable, "-m", "tui"]
    assert argv[-2:] == ["--", str(folder)]
    assert "--no-cache" in argv


def test_serve_refuses_missing_paths(tmp_path: Path, capsys) -> None:
    assert main(["--serve", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_port_must_be_a_port(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--serve", "--port", "70000"])
    assert stopped.value.code == 2


def test_the_watch_asks_the_app_to_quit_then_ends_the_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A served reader whose server goes away quits, and is ended if it cannot (its loop
    busy with screen updates nobody sees)."""
    from tui.app import served

    parents = iter([100, 100, 1])
    monkeypatch.setattr(served.os, "getppid", lambda: next(parents, 1))
    monkeypatch.setattr(served, "_EVERY", 0.01)
    monkeypatch.setattr(served, "_GRACE", 0.05)
    ended: list[int] = []
    monkeypatch.setattr(served.os, "_exit", ended.append)
    asked: list[str] = []

    class Busy:
        def call_from_thread(self, callback) -> None:
            asked.append(callback.__name__)
            time.sleep(10)  # never answers

        def exit(self) -> None:
            """Stands for App.exit."""

    thread = served.watch_server(Busy())  # type: ignore[arg-type]
    thread.join(timeout=5)
    assert asked == ["exit"] and ended == [0]
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert served.is_served()
    monkeypatch.delenv("TEXTUAL_DRIVER")
    assert not served.is_served()
