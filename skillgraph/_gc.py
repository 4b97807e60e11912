"""One switch for the cyclic garbage collector during bulk work (stdlib only, no imports
from the package, so every layer can use it).

Readers, the snapshot cache and index builds allocate hundreds of thousands of long-lived
objects and no reference cycles; the collector's repeated scans of them would take longer
than the work itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the body of a ``with`` block.

    The previous state is restored on exit, also when the body raises; a collector that
    was already disabled (by the caller or by an enclosing block) is left disabled.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
