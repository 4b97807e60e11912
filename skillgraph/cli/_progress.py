"""A one-line progress bar on stderr, fed by the readers' ``progress(stage, done, total)``."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import TextIO

from .._escape import printable
from ..io._source import Progress

__all__ = ["ProgressLine", "clear_active", "stderr_progress"]

_WIDTH = 24
_ACTIVE: ProgressLine | None = None


class ProgressLine:
    """Draws ``stage [#####-----] 45% 1234/5678`` on one terminal line.

    The line is redrawn in place when the stage changes, when the work is finished, and
    otherwise at most once per ``interval`` seconds; `clear` blanks it (before a
    warning is printed), `close` ends it with a newline.
    """

    def __init__(self, stream: TextIO, *, interval: float = 0.1) -> None:
        self._stream = stream
        self._interval = interval
        self._stage: str | None = None
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        """Report ``done`` of ``total`` (None: unknown) units of ``stage``."""
        now = time.monotonic()
        finished = total is not None and done >= total
        if stage == self._stage and not finished and now - self._last < self._interval:
            return
        self._stage = stage
        self._last = now
        self._stream.write("\r\x1b[K" + _line(stage, done, total))
        self._stream.flush()

    def clear(self) -> None:
        """Blank the line, so other output starts on a clean line; the next call redraws it."""
        if self._stage is not None:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._stage = None

    def close(self) -> None:
        """End the current line, if any was drawn."""
        if self._stage is not None:
            self._stream.write("\n")
            self._stream.flush()
            self._stage = None


def _line(stage: str, done: int, total: int | None) -> str:
    if not total:
        return f"{printable(stage)}: {done:,}"
    frac = min(max(done / total, 0.0), 1.0)
    full = int(frac * _WIDTH)
    bar = "#" * full + "-" * (_WIDTH - full)
    return f"{printable(stage)} [{bar}] {frac:4.0%} {done:,}/{total:,}"


@contextlib.contextmanager
def stderr_progress(stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A progress callback drawing on ``stream`` (default stderr) if it is a terminal, else None."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        yield None
        return
    global _ACTIVE
    line = ProgressLine(out)
    _ACTIVE = line
    try:
        yield line
    finally:
        _ACTIVE = None
        line.close()


def clear_active() -> None:
    """Blank the progress line being drawn, if any (called before printing a warning)."""
    if _ACTIVE is not None:
        _ACTIVE.clear()
