"""How the layers above the store reach a graph's store (`store_of`), give a graph a
restored one (`restore`), and keep values derived from it (`cached`, `at_hand`).

Re-exported by ``skillgraph._store``, the store's one way in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ._store import Store
    from .graph import SkillGraph

__all__ = ["at_hand", "cached", "restore", "store_of"]

T = TypeVar("T")


def store_of(g: SkillGraph) -> Store:
    """The store of ``g``: the one internal way to read and write its content."""
    return g._store


def restore(g: SkillGraph, store: Store) -> None:
    """Give ``g`` the content of ``store`` (a fresh graph restored from a snapshot)."""
    g._store = store


def cached(g: SkillGraph, key: str, build: Callable[[SkillGraph], T]) -> T:
    """A value derived from ``g`` (an index), built once per graph version (thread-safe).

    A graph read through ``skillgraph.cache`` loads and keeps such values with its snapshot.
    """
    return g._store.derived(g, key, build)


def at_hand(g: SkillGraph, key: str) -> bool:
    """Whether the derived value ``key`` of ``g`` is at hand without building it: built for
    this version, or in the snapshot ``g`` was read from (which may hold it or not: its
    values are loaded on first use)."""
    store = g._store
    return store.snapshot is not None or store.built(key) is not None
