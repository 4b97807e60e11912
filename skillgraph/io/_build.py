"""The readers' trusted builders: `construct` and `paused_gc` (from `skillgraph._trusted`),
the store's `requirement`, `valid_id` and `edge`.

Importers of large releases check their values themselves (ids, labels, numbers) and build
models without validation: see `skillgraph._trusted`.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from .._store import requirement
from .._trusted import construct, paused_gc
from ..model import Broader, Prerequisite, Progression, Related

__all__ = ["construct", "edge", "paused_gc", "requirement", "valid_id"]

_SPACE = re.compile(r"\s")


def valid_id(value: str) -> bool:
    """True when ``value`` is a valid node id (non-empty, no white space)."""
    return bool(value) and _SPACE.search(value) is None


E = TypeVar("E", Broader, Related, Prerequisite, Progression)


def edge(cls: type[E], **fields: Any) -> E:
    """An edge between two known node ids: validated only when it would be a self-loop."""
    a, b = (fields[k] for k in cls._ends)
    return cls(**fields) if a == b else construct(cls, fields)
