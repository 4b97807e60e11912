"""What a reader reads: a path (file or folder) or bytes, with a name for messages."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


def missing(path: str | Path) -> str:
    """Why ``path`` cannot be opened although it was named: a symbolic link that loops or
    points nowhere, else no such file or folder (for a `FormatError`)."""
    import errno
    import os

    if not os.path.islink(path):
        return "no such file or folder"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (too many levels of symbolic links)"
    return f"a broken symbolic link (to {os.readlink(path)}, which does not exist)"


#: Progress callback: (stage, done, total or None).
Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class Source:
    """An input: ``path`` (file or folder) or in-memory ``data``; ``name`` names it in errors."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @classmethod
    def of(cls, obj: str | Path | bytes | Source, name: str | None = None) -> Source:
        """Wrap a path, a path string or bytes."""
        if isinstance(obj, Source):
            return obj
        if isinstance(obj, bytes | bytearray | memoryview):
            return cls(name=name or "<bytes>", data=bytes(obj))
        path = Path(obj)
        return cls(name=name or str(path), path=path)

    @property
    def is_dir(self) -> bool:
        """True when the source is a folder."""
        return self.path is not None and self.path.is_dir()

    def size(self) -> int | None:
        """The size in bytes of the bytes or file (None for a folder)."""
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return None if self.path.is_dir() else self.path.stat().st_size

    def read_bytes(self) -> bytes:
        """The whole content (files and bytes only)."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    def open(self) -> BinaryIO:
        """A binary stream over the content (files and bytes only)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")

    def head(self, n: int = 4096) -> bytes:
        """The first ``n`` bytes (empty for folders)."""
        if self.data is not None:
            return self.data[:n]
        assert self.path is not None
        if self.path.is_dir():
            return b""
        with self.path.open("rb") as fh:
            return fh.read(n)


def check_member(folder: Path, member: Path) -> None:
    """Refuse a file of a release folder that is not a regular file inside the folder.

    Raises:
        UnsafeInputError: ``member`` (a symbolic link) resolves outside ``folder``; nothing
            of it is read.
        FormatError: ``member`` is a FIFO, device or folder, not a regular file.
    """
    import os
    import stat

    from ..errors import FormatError, UnsafeInputError

    root = folder.resolve()
    target = member.resolve()
    if target != root and root not in target.parents:
        raise UnsafeInputError(
            "a symbolic link to a file outside the release folder: it is not read; copy "
            "the file into the folder instead",
            source=str(member),
        )
    try:
        mode = os.stat(member).st_mode
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", source=str(member)) from None
    if not stat.S_ISREG(mode):
        what = (
            "a folder"
            if stat.S_ISDIR(mode)
            else "a FIFO"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file"
        )
        raise FormatError(
            f"this release file is {what}, not a regular file; give the file itself",
            source=str(member),
        )
