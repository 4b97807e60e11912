"""Standard input, FIFOs and devices are read within the input size limit, a large one into
a temporary file rather than memory (`skillgraph.io._limits.spool`)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.errors import ResourceLimitError
from skillgraph.io import _limits


class Endless(io.RawIOBase):
    """A stream that never ends (like /dev/zero), counting the bytes it gave."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = len(buffer)
        buffer[:n] = b"a" * n
        self.given += n
        return n


def test_small_stream_stays_in_memory() -> None:
    assert _limits.spool(io.BytesIO(b"abc"), 10, "<x>") == b"abc"


def test_large_stream_goes_to_a_temporary_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_limits, "IN_MEMORY", 1000)
    data = os.urandom(5000)
    kept = _limits.spool(io.BytesIO(data), 10_000, "<x>")
    assert isinstance(kept, Path)
    assert kept.read_bytes() == data and _limits.spooled(kept)
    _limits.discard(kept)
    assert not kept.exists() and not _limits.spooled(kept)


@pytest.mark.parametrize("in_memory", [1000, 10**9])
def test_endless_stream_is_refused_at_the_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, in_memory: int
) -> None:
    monkeypatch.setattr(_limits, "IN_MEMORY", in_memory)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    stream = Endless()
    with pytest.raises(ResourceLimitError, match="more than 5000 bytes"):
        _limits.spool(stream, 5000, "<stdin>")
    assert stream.given <= 5000 + 1024 * 1024  # stopped reading past the limit
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_read_of_a_large_fifo_leaves_no_temporary_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_json: bytes
) -> None:
    import threading

    monkeypatch.setattr(_limits, "IN_MEMORY", 100)
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    feeder = threading.Thread(target=fifo.write_bytes, args=(demo_json,))
    feeder.start()
    graph = sg.read(fifo)
    feeder.join()
    assert graph == sg.load("demo")
    assert not _limits._SPOOLED


@pytest.fixture()
def demo_json() -> bytes:
    return sg.bundled()["demo"].read_bytes()
