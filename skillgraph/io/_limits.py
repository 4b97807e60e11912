"""Documented input limits, applied while reading, overridable by the caller.

``sg.read(..., max_bytes=N, max_triples=N)`` sets them for one read (the defaults come
from the environment variables ``SKILLGRAPH_MAX_INPUT_BYTES`` and ``SKILLGRAPH_MAX_TRIPLES``,
else `MAX_INPUT_BYTES` and `MAX_TRIPLES`):

- ``max_bytes``: the size of one input file, FIFO, device or standard input (folders: of
  each file in them; zips have their own limits);
- a single literal or IRI (a string of native JSON) of more than `MAX_TOKEN_BYTES` bytes
  written as RDF is refused;
- ``max_triples``: RDF triples in one input; besides, an RDF input may not expand to more
  than one triple per `MIN_BYTES_PER_TRIPLE` bytes of its size once past
  `EXPANSION_FLOOR` triples (a 2 MB Turtle list of a million items is 2 million
  triples and would take about 2 GB of memory).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InvalidValueError, ResourceLimitError

MAX_INPUT_BYTES = 4 * 1024**3  #: default ``max_bytes``: 4 GiB
MAX_TRIPLES = 100_000_000  #: default ``max_triples``
#: longest single literal or IRI read, as the RDF parsers' buffer allows (16 MiB); readers
#: of other formats refuse a longer string, which could not be read back once written as RDF
MAX_TOKEN_BYTES = 16 * 1024**2
MIN_BYTES_PER_TRIPLE = 8  #: an RDF input may not expand to more triples than size / 8 ...
EXPANSION_FLOOR = 100_000  #: ... once past this many triples

_CHUNK = 1024 * 1024
#: a stream of more bytes than this is copied to a temporary file, not kept in memory
IN_MEMORY = 16 * 1024 * 1024


def _from_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    if not (raw.strip().isascii() and raw.strip().isdigit()) or int(raw) < 1:
        raise InvalidValueError(
            f"environment variable {name}={raw!r}: expected a positive whole number",
            field=name,
        )
    return int(raw)


@dataclass(frozen=True)
class Limits:
    """The limits of one read; ``size`` is the input's size in bytes when known."""

    max_bytes: int
    max_triples: int
    size: int | None = None

    def triple_cap(self) -> tuple[int, str]:
        """The most triples this input may hold, and why (for the message)."""
        if self.size is not None:
            expanded = max(EXPANSION_FLOOR, self.size // MIN_BYTES_PER_TRIPLE)
            if expanded < self.max_triples:
                return expanded, (
                    f"more than one triple per {MIN_BYTES_PER_TRIPLE} bytes of a "
                    f"{self.size}-byte input (an expansion attack?)"
                )
        return self.max_triples, f"more than max_triples={self.max_triples}"


_CURRENT: ContextVar[Limits | None] = ContextVar("skillgraph_limits", default=None)


def current() -> Limits:
    """The limits of the read in progress (the defaults outside one)."""
    found = _CURRENT.get()
    if found is None:
        found = Limits(
            _from_env("SKILLGRAPH_MAX_INPUT_BYTES", MAX_INPUT_BYTES),
            _from_env("SKILLGRAPH_MAX_TRIPLES", MAX_TRIPLES),
        )
    return found


@contextlib.contextmanager
def applied(limits: Limits) -> Iterator[Limits]:
    """Use ``limits`` for reads inside the block (this thread or task only)."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def too_big(size: int, limit: int, source: str) -> ResourceLimitError:
    """The error for an input of more than ``limit`` bytes."""
    return ResourceLimitError(
        f"the input is more than {limit} bytes (read {size}), the input size limit; pass "
        "max_bytes= (or set SKILLGRAPH_MAX_INPUT_BYTES) to allow more",
        source=source,
    )


def read_bounded(stream: BinaryIO, limit: int, source: str) -> bytes:
    """All of ``stream``, refusing more than ``limit`` bytes (endless inputs included).

    Raises:
        ResourceLimitError: the stream holds more than ``limit`` bytes.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise too_big(total, limit, source)
        chunks.append(chunk)


#: the temporary files `spool` made that are not removed yet
_SPOOLED: set[Path] = set()


def spool(stream: BinaryIO, limit: int, source: str) -> bytes | Path:
    """All of ``stream`` (standard input, a FIFO, a device), refusing more than ``limit``
    bytes: its bytes when at most `IN_MEMORY`, else a private temporary file holding them,
    removed by `discard` (or at exit), so that memory stays bounded.

    Raises:
        ResourceLimitError: the stream holds more than ``limit`` bytes (nothing is kept).
        OSError: the stream or the temporary file cannot be read or written.
    """
    cap = min(limit, IN_MEMORY)
    first = _upto(stream, cap + 1)
    if len(first) <= cap:
        return first
    if limit <= IN_MEMORY:
        raise too_big(len(first), limit, source)
    fd, name = tempfile.mkstemp(prefix="skillgraph-input-", suffix=".spool")
    path = Path(name)
    _SPOOLED.add(path)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(first)
            total = len(first)
            del first
            while chunk := stream.read(min(_CHUNK, limit + 1 - total)):
                total += len(chunk)
                if total > limit:
                    raise too_big(total, limit, source)
                out.write(chunk)
    except BaseException:
        discard(path)
        raise
    return path


def _upto(stream: BinaryIO, n: int) -> bytes:
    """The first ``n`` bytes of ``stream`` (fewer at its end)."""
    chunks: list[bytes] = []
    total = 0
    while total < n and (chunk := stream.read(min(_CHUNK, n - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def spooled(path: Path) -> bool:
    """True for a temporary file of `spool` not removed yet."""
    return path in _SPOOLED


def discard(path: Path) -> None:
    """Remove the temporary file ``path`` of `spool` (nothing else is ever removed)."""
    if path in _SPOOLED:
        _SPOOLED.discard(path)
        with contextlib.suppress(OSError):
            path.unlink()


@atexit.register
def _discard_all() -> None:
    for path in list(_SPOOLED):
        discard(path)


#: the characters the N-Triples and Turtle writers escape as ``\\u00XX`` (6 bytes for 1)
_U_ESCAPED = bytes([*range(0x0A), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
#: the most bytes one character of a JSON text becomes in an N-Triples literal, per byte
#: of the JSON (a raw DEL, 1 byte, is written ``\\u007F``)
WORST_ESCAPE = 6


def token_bytes(text: str) -> int:
    """The bytes ``text`` takes as an N-Triples or Turtle literal as the writers write it
    (quoted; ``"``, backslash, line feed and carriage return escaped in 2 bytes, the other
    control characters and DEL in 6, ``\\u00XX``): what the RDF parsers' limit counts."""
    encoded = text.encode("utf-8", "surrogatepass")
    escaped = text.count('"') + text.count("\\") + text.count("\n") + text.count("\r")
    controls = len(encoded) - len(encoded.translate(None, _U_ESCAPED))
    return len(encoded) + escaped + 5 * controls + 2
