"""Input limits and inputs that never end (issue 17, items 9 and 10).

The endless and memory-heavy cases run in a subprocess under a memory cap
(``RLIMIT_AS``) and a time limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.errors import InvalidValueError, ResourceLimitError

from .cases import TINY

MEMORY_CAP = 3 * 1024**3  #: address space of a capped subprocess (Python + Rust parsers)
TIME_LIMIT = 120


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(
    args: list[str], *, stdin: int | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m skillgraph ARGS`` under the memory cap and the time limit."""
    return subprocess.run(
        [sys.executable, "-m", "skillgraph", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_capped,
        env={**os.environ, **(env or {})},
    )


SMALL_LIMIT = {"SKILLGRAPH_MAX_INPUT_BYTES": str(64 * 1024**2)}


@pytest.mark.parametrize("fmt", ["json", "rdfxml", "turtle"])
def test_endless_device_input_stops_at_the_size_limit(fmt: str) -> None:
    """Item 9: `info /dev/zero --from json` read until memory ran out and printed an empty
    reason; `--from rdfxml` aborted inside Rust (exit 134, core dump)."""
    proc = run_capped(["info", "/dev/zero", "--from", fmt], env=SMALL_LIMIT)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "panicked" not in proc.stderr
    assert proc.stderr.startswith("Error: /dev/zero: the input is more than 67108864 bytes")
    assert "SKILLGRAPH_MAX_INPUT_BYTES" in proc.stderr


def test_endless_stdin_stops_at_the_size_limit() -> None:
    """Item 9: endless standard input gave a MemoryError traceback."""
    with open("/dev/zero", "rb") as zero:
        proc = run_capped(["info", "-", "--from", "json"], stdin=zero.fileno(), env=SMALL_LIMIT)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Error: <stdin>: the input is more than 67108864 bytes")


def test_max_bytes_and_max_triples_are_the_callers_to_set(tmp_path: Path) -> None:
    """Item 9: documented limits, overridable by the caller, each naming the input."""
    path = TINY["turtle"]
    with pytest.raises(ResourceLimitError, match=r"tiny\.ttl: the input is more than 100 bytes"):
        sg.read(path, max_bytes=100)
    with pytest.raises(ResourceLimitError, match=r"tiny\.ttl: .*max_triples=10"):
        sg.read(path, max_triples=10)
    assert sg.read(path, max_bytes=10**6, max_triples=1000) == sg.read(path)
    for bad in (0, -1, True, 1.5, "100"):
        with pytest.raises(InvalidValueError, match="max_bytes") as info:
            sg.read(path, max_bytes=bad)
        assert info.value.field == "max_bytes"


def test_environment_limit_applies_and_bad_values_are_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SKILLGRAPH_MAX_TRIPLES", "5")
    with pytest.raises(ResourceLimitError, match="max_triples=5"):
        sg.read(TINY["ntriples"])
    monkeypatch.setenv("SKILLGRAPH_MAX_TRIPLES", "lots")
    with pytest.raises(InvalidValueError, match="SKILLGRAPH_MAX_TRIPLES='lots'"):
        sg.read(TINY["ntriples"])


@pytest.mark.parametrize("reader", ["native", "turtle", "rdfxml"])
def test_a_fifo_input_is_read_once_with_its_format_detected(reader: str, tmp_path: Path) -> None:
    """Item 10: a FIFO input hung when the format was sniffed (read, close, reopen)."""
    fifo = tmp_path / f"input{TINY[reader].suffix}"
    os.mkfifo(fifo)
    data = TINY[reader].read_bytes()

    def feed() -> None:
        with open(fifo, "wb") as fh:
            fh.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    proc = subprocess.run(
        [sys.executable, "-m", "skillgraph", "info", str(fifo), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    writer.join(timeout=10)
    assert proc.returncode == 0, proc.stderr
    assert '"roles": 2' in proc.stdout


def test_a_fifo_read_by_the_library_detects_its_format(tmp_path: Path) -> None:
    fifo = tmp_path / "graph"
    os.mkfifo(fifo)
    data = TINY["native"].read_bytes()
    writer = threading.Thread(target=lambda: fifo.write_bytes(data), daemon=True)
    writer.start()
    g = sg.read(fifo)
    writer.join(timeout=10)
    assert g == sg.loads(data)
