"""Output held until it is complete: in memory while small, then in an anonymous temporary file.

The streaming converter (`_stream`) writes its output while it reads the nodes, and hands it
on only once every check has passed; `Spill` holds it meanwhile, so that the process never
holds the output's groups (several times the output) nor, past `LIMIT` bytes, the output
itself. The temporary file has no name (`tempfile.TemporaryFile`, in the system's
temporary folder): nothing is left behind on any exit, a crash included.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["LIMIT", "PIECE", "Spill"]

#: bytes held in memory before the output moves to a temporary file
LIMIT = 8 * 1024**2
#: the size of the pieces read back from the temporary file
PIECE = 1024**2


class Spill:
    """Bytes written once, then read back once (`chunks`), in the order written (held in
    memory up to ``limit`` bytes, default `LIMIT`)."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = LIMIT if limit is None else limit
        self.held: list[bytes] = []
        self.size = 0
        self.file: BinaryIO | None = None

    def write(self, data: bytes) -> None:
        """Add ``data`` at the end (moving what is held to the temporary file once more
        than the limit is held).

        Raises:
            OSError: the temporary file cannot be made or written.
        """
        if self.file is not None:
            self.file.write(data)
            return
        self.held.append(data)
        self.size += len(data)
        if self.size > self.limit:
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by chunks or close)
            for piece in self.held:
                self.file.write(piece)
            self.held.clear()

    def close(self) -> None:
        """Let go of what is held (the temporary file closed, so gone)."""
        self.held.clear()
        if self.file is not None:
            self.file.close()
            self.file = None

    def chunks(self) -> Iterator[bytes]:
        """What was written, in pieces (then let go of; made once)."""
        held, file = self.held, self.file
        self.held, self.file = [], None
        if file is None:
            held.reverse()
            while held:  # each piece let go once yielded
                yield held.pop()
            return
        with file:
            file.seek(0)
            while piece := file.read(PIECE):
                yield piece
