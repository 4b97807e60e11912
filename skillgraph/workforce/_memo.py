"""A per-graph memo for workforce computations, dropped when the graph changes or dies."""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from ..graph import SkillGraph

T = TypeVar("T")

_MEMO: dict[tuple[int, str], tuple[weakref.ref[SkillGraph], int, Any]] = {}
_LOCK = threading.Lock()


def _drop(slot: tuple[int, str], _ref: object) -> None:
    _MEMO.pop(slot, None)


def memo(g: SkillGraph, key: str, build: Callable[[SkillGraph], T]) -> T:
    """``build(g)``, computed once per graph version (graphs are compared by identity)."""
    slot = (id(g), key)
    with _LOCK:
        hit = _MEMO.get(slot)
    if hit is not None and hit[0]() is g and hit[1] == g.version:
        value: T = hit[2]
        return value
    value = build(g)
    with _LOCK:
        _MEMO[slot] = (weakref.ref(g, functools.partial(_drop, slot)), g.version, value)
    return value
