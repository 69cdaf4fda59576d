"""The invoke tasks a Pelican user expects, each with a one-line help."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT

QUICKSTART_TASKS = [
    "build",
    "clean",
    "gh-pages",
    "livereload",
    "preview",
    "rebuild",
    "regenerate",
    "reserve",
    "serve",
]


def test_invoke_list_shows_every_task_with_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "--list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    listed = {}
    for line in result.stdout.splitlines():
        parts = line.split(maxsplit=1)
        if len(parts) == 2 and not line.startswith("Available"):
            listed[parts[0]] = parts[1]
    for name in QUICKSTART_TASKS:
        assert name in listed, f"invoke --list lacks {name}:\n{result.stdout}"
        assert len(listed[name]) > 10, f"{name} has no help line"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_announces_and_serves_the_built_site(built_site: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port), "--output", str(built_site)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        announcement = server.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in announcement
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body = response.read().decode("utf-8")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert "Korean Peninsula News Archive" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_an_unbuilt_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "serve", "--output", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "no built site" in result.stderr
