"""Values derived from a graph (indices), built once per graph version, thread-safe.

Private to the store (``skillgraph._store.cached`` is the way in). A graph read through
``skillgraph.cache`` has a snapshot link that loads such values, and keeps new ones.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ._gc import paused_gc

if TYPE_CHECKING:
    from .graph import SkillGraph

__all__ = ["Derived"]

T = TypeVar("T")


class Derived:
    """Key -> (graph version, value), and the lock that guards building them."""

    __slots__ = ("_values", "lock")

    def __init__(self) -> None:
        self._values: dict[str, tuple[int, Any]] = {}
        self.lock = threading.RLock()

    def keys(self) -> list[str]:
        """Keys of the values built so far (of any version), sorted."""
        return sorted(self._values)

    def built(self, key: str, version: int) -> Any | None:
        """The value of ``key`` if built (or loaded) for graph version ``version``, else None."""
        hit = self._values.get(key)
        return hit[1] if hit is not None and hit[0] == version else None

    def get(
        self,
        g: SkillGraph,
        store: Any,
        key: str,
        build: Callable[[SkillGraph], T],
    ) -> T:
        """The value of ``key`` for the current version of ``g`` (``store``: its store, with
        ``version`` and ``snapshot``): kept, loaded from the snapshot or built."""
        hit = self._values.get(key)
        if hit is not None and hit[0] == store.version:
            return cast(T, hit[1])
        with self.lock:
            version = store.version
            hit = self._values.get(key)
            if hit is not None and hit[0] == version:
                return cast(T, hit[1])
            snapshot = store.snapshot
            link = snapshot if snapshot and snapshot.version == version else None
            # an index allocates many long-lived objects and no cycles: the collector's
            # repeated scans of them (and of its encoding for the snapshot) would take
            # longer than the build itself
            with paused_gc():
                value = link.load(key, g) if link is not None else None
                loaded = value is not None
                if not loaded:
                    value = build(g)
                self._values[key] = (version, value)
                if link is not None and not loaded:
                    link.store(key, g, value)
            return cast(T, value)
