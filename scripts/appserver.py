"""A local app server and the browser that drives it, for the browser tests and the
benchmarks alike: `streamlit run` on a free port, stopped cleanly; Debian's Chromium with the
flags that keep it offline and quiet."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries Google's hosts at every start.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(env: dict | None = None, script: str = "serve.py", port: int | None = None):
    """Start `streamlit run` on `port` (a free one if None); return (process, base URL) once
    its health check answers."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)],
        cwd=REPO, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    if wait_ok(url, "/_stcore/health", alive=lambda: proc.poll() is None):
        return proc, url
    if proc.poll() is not None:
        raise RuntimeError(f"streamlit exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def wait_ok(url: str, path: str, timeout: float = 60, every: float = 0.2, alive=lambda: True) -> bool:
    """Ask `url + path` every `every` s until it answers "ok" (True); False after `timeout` s,
    or as soon as `alive()` says the server is gone."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            with urllib.request.urlopen(url + path, timeout=2) as resp:
                if resp.read() == b"ok":
                    return True
        except OSError:
            pass
        time.sleep(every)
    return False


def stop_app(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
