"""Atomic file output: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import FormatError, OutputError, SkillGraphError


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block ends cleanly.

    On any exception (KeyboardInterrupt included) the temporary file is removed and
    ``path`` is left as it was.

    Raises:
        FormatError: the folder of ``path`` does not exist or is not writable, or ``path``
            is itself a folder.
        OutputError: writing, syncing or renaming failed (disk full, permission denied).
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FormatError(f"cannot write: folder {str(folder)!r} does not exist", source=str(path))
    if path.is_dir():
        raise FormatError("cannot write: this is a folder, not a file", source=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FormatError(f"cannot write: {exc.strerror}", source=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, SkillGraphError):
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise OutputError(f"cannot write: {reason}", path=str(path)) from exc
        raise
