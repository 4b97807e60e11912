"""The snapshot file: a checked header and numpy arrays, never pickle.

Layout::

    b"SKILLGRAPH-SNAPSHOT\\n"       magic
    8 bytes, little endian          length of the header
    header                          UTF-8 JSON: key, part, library version, payload length,
                                    CRC-32 of the payload, the part's JSON metadata
    payload                         an uncompressed ``.npz`` archive (read with
                                    ``allow_pickle=False``: object arrays are refused)

A file is written to a temporary name in the same folder and renamed into place, so a
reader sees the old file or the new one, never a torn one; a truncated or altered file
fails its length or checksum test and is refused.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ._state import Arrays

__all__ = ["MAGIC", "SnapshotError", "read_snapshot", "write_atomic", "write_snapshot"]

MAGIC = b"SKILLGRAPH-SNAPSHOT\n"
SNAPSHOT_FORMAT = 3
"""Version of the file layout, of the graph state inside it and of what the readers accept
and the derived parts compute: part of every cache key, so bump it whenever a reader's
checks or a kept derived value change (3: the derived-value parts, trusted nodes and the
native reader's refusal of schema:teaches / coursePrerequisites extra triples)."""
_MAX_HEADER = 256 * 1024 * 1024


class SnapshotError(Exception):
    """A snapshot file is unreadable, corrupt, or not the one asked for (internal)."""


def write_snapshot(path: Path, header: dict[str, Any], arrays: Arrays) -> None:
    """Write ``arrays`` and ``header`` to ``path`` atomically (temporary file, then rename).

    Raises:
        OSError: the file could not be written (the previous one, if any, is kept).
    """
    buf = io.BytesIO()
    np.savez(buf, **arrays)  # type: ignore[arg-type]
    payload = buf.getbuffer()
    head = dict(header, format=SNAPSHOT_FORMAT, size=len(payload), crc32=zlib.crc32(payload))
    head_bytes = json.dumps(head, ensure_ascii=False, allow_nan=True).encode("utf-8")
    write_atomic(path, [MAGIC, len(head_bytes).to_bytes(8, "little"), head_bytes, payload])


def write_atomic(path: Path, parts: list[bytes | memoryview]) -> None:
    """Write ``parts`` to ``path`` under a temporary name in its folder, then rename it.

    Raises:
        OSError: the file could not be written (the previous one, if any, is kept).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for part in parts:
                fh.write(part)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _header(fh: BinaryIO) -> tuple[dict[str, Any], int]:
    """The header of the snapshot open as ``fh``, and where its payload starts.

    Raises:
        SnapshotError: not a snapshot, a truncated or unreadable header, another format.
    """
    if fh.read(len(MAGIC)) != MAGIC:
        raise SnapshotError("not a skillgraph snapshot (bad magic bytes)")
    n = int.from_bytes(fh.read(8), "little")
    raw = fh.read(n) if n <= _MAX_HEADER else b""
    if n > _MAX_HEADER or len(raw) != n:
        raise SnapshotError("truncated header")
    try:
        head = json.loads(raw)
    except ValueError as exc:
        raise SnapshotError(f"unreadable header ({exc})") from None
    if not isinstance(head, dict) or head.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError("snapshot of another format")
    return head, len(MAGIC) + 8 + n


def read_snapshot(path: Path, expect: dict[str, Any]) -> tuple[dict[str, Any], Arrays]:
    """The header and arrays of the snapshot at ``path``, checked.

    ``expect`` maps header fields to the values they must hold (key, part, library).

    Raises:
        SnapshotError: not a snapshot, truncated, checksum mismatch, another key or format,
            or an array that needs pickle.
        OSError: the file cannot be opened.
    """
    with path.open("rb") as fh:
        head, start = _header(fh)
        for field, value in expect.items():
            if head.get(field) != value:
                raise SnapshotError(f"{field} is {head.get(field)!r}, expected {value!r}")
        size, crc = 0, 0
        while chunk := fh.read(1 << 20):  # checked in chunks: never two copies in memory
            size += len(chunk)
            crc = zlib.crc32(chunk, crc)
        if size != head.get("size"):
            raise SnapshotError(f"payload of {size} bytes, expected {head.get('size')}")
        if crc != head.get("crc32"):
            raise SnapshotError("checksum mismatch")
        fh.seek(start)  # the same open file: a snapshot replaced meanwhile is not mixed in
        try:
            with np.load(fh, allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in npz.files}
        except (ValueError, OSError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            raise SnapshotError(f"unreadable arrays ({exc})") from None
    return head, arrays
