"""The readers' trusted builders: `construct` and `paused_gc` (from `skillgraph._trusted`),
the store's `requirement`, `valid_id` and `edge`.

Validating 120,000 requirements through pydantic takes about 2 s; importers of large
releases therefore check their values themselves (ids, labels, numbers: see `valid_id`)
and build models with `construct`, about 1 µs a model. Both live in the model layer
(`skillgraph._trusted`), beside the `trusted_node` the node readers use, which validates
only unusual fields.
"""

from __future__ import annotations

from typing import Any, TypeVar

from .._store import requirement
from .._trusted import construct, paused_gc, valid_id
from ..model import Broader, Prerequisite, Progression, Related

__all__ = ["construct", "edge", "paused_gc", "requirement", "valid_id"]


E = TypeVar("E", Broader, Related, Prerequisite, Progression)


def edge(cls: type[E], **fields: Any) -> E:
    """An edge between two known node ids: validated only when it would be a self-loop."""
    a, b = (fields[k] for k in cls._ends)
    return cls(**fields) if a == b else construct(cls, fields)
