"""Fast construction of trusted models for bulk importers.

Validating 120,000 requirements through pydantic takes about 2 s; importers of large
releases therefore check their values themselves (ids, labels, numbers: see `valid_id`)
and build models with `construct` (about 1 µs a model) or nodes with `trusted_node`, which
validates only unusual fields (both from the model layer, `skillgraph._trusted`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from .._store import requirement
from .._trusted import construct, trusted_node, valid_id
from ..model import Broader, Prerequisite, Progression, Related

__all__ = ["construct", "edge", "paused_gc", "requirement", "trusted_node", "valid_id"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a bulk import allocates its models.

    An import creates hundreds of thousands of long-lived objects and no reference cycles;
    the collector's repeated scans of them would double the reading time. The previous
    state is restored on exit (the collector is left alone if it was already disabled).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


E = TypeVar("E", Broader, Related, Prerequisite, Progression)


def edge(cls: type[E], **fields: Any) -> E:
    """An edge between two known node ids: validated only when it would be a self-loop."""
    a, b = (fields[k] for k in cls._ends)
    return cls(**fields) if a == b else construct(cls, fields)
