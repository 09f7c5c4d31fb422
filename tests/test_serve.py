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


async def _screen_bytes(url: str, wanted: bytes) -> bytes:
    """What the app sends over the page's websocket until ``wanted`` is among it."""
    seen = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(
            url.replace("http", "ws") + "/ws?width=120&height=36") as ws:
        await ws.send_json(["resize", {"width": 120, "height": 36}])
        deadline = time.monotonic() + 45
        while wanted not in seen and time.monotonic() < deadline:
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
    screen = asyncio.run(_screen_bytes(url, b"Next quote"))
    assert b"Next quote" in screen, "the reader's footer reached the browser"
    assert b"Italy might help" in screen
    assert process.poll() is None


def test_app_command_is_quoted_and_absolute(tmp_path: Path) -> None:
    folder = tmp_path / "my news; rm -rf ~"
    command = app_command([str(folder)], None, True)
    argv = shlex.split(command)
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
