"""Start Oxigraph's SPARQL server (PyPI package ``oxigraph``) on 127.0.0.1, for tests and
benchmarks. Loopback only, a free port, a bounded wait; None with a reason when it cannot.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` executable beside this Python (a venv), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    return shutil.which("oxigraph")


@contextlib.contextmanager
def oxigraph_server(location: Path, *, wait: float = 30.0) -> Iterator[str | None]:
    """The base URL (``http://127.0.0.1:PORT``) of a running server, or None if unavailable.

    The server is stopped (and waited for) on exit.
    """
    binary = oxigraph_binary()
    if binary is None:
        yield None
        return
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        ready = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                with opener.open(f"{url}/query?query=ASK%7B%7D", timeout=2):
                    ready = True
                    break
            except OSError:
                time.sleep(0.1)
        yield url if ready else None
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck server
            proc.kill()
            proc.wait()
