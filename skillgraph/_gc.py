"""One switch for the cyclic garbage collector during bulk work (stdlib only, no imports
from the package, so every layer can use it).

Readers, the snapshot cache and index builds allocate hundreds of thousands of long-lived
objects and no reference cycles; the collector's repeated scans of them would take longer
than the work itself. Left in the young generation after the pause, they would still be
scanned twice (a young and a middle collection, ~0.35 s of a first ESCO answer), so the
block moves them to the oldest generation as it ends, without a scan: they are examined
at the next full collection only, as long-lived objects are.
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
    was already disabled (by the caller or by an enclosing block) is left disabled. On
    re-enabling it, the tracked objects are moved to the oldest generation (``gc.freeze``
    then ``gc.unfreeze``: no scan), unless the process holds frozen objects of its own,
    which stay frozen.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
