"""A base for the io objects used as context managers: ``with`` calls their ``close``."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closing:
    """Closes on leaving a ``with`` block; subclasses define `close`."""

    def close(self) -> None:
        """Release what the object holds (subclasses say what)."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
