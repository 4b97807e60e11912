"""The one place the move analyses touch a graph's internals (its per-version cache).

Everything else in the move modules reads the graph through public ``SkillGraph`` methods;
a change of the store's internals is absorbed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..graph import SkillGraph

__all__ = ["cached"]

T = TypeVar("T")


def cached(g: SkillGraph, key: str, build: Callable[[SkillGraph], T]) -> T:
    """``build(g)``, computed once per graph version and kept with the graph."""
    return g._cached(key, build)
