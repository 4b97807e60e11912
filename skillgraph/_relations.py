"""The relation maps of the store (both directions) and the graph walks over them.

`Links` is an unweighted relation (sets), `Keyed` one whose edges are models (dicts);
each keeps ``out`` (a -> b) and ``into`` (b -> a) in step. `reach`, `find_path` and
`has_cycle` are the project's one copy of reachability and cycle detection over any
adjacency mapping. Private to the store (``skillgraph._store``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from .errors import CycleError
from .model import Related, Requirement, Teaching

__all__ = ["Keyed", "Links", "View", "cycle_error", "find_path", "has_cycle", "reach"]

E = TypeVar("E", Requirement, Related, Teaching)
V = TypeVar("V")


class View(Mapping[str, V]):
    """Read-only live view of a dict whose values become models when read (``make``)."""

    __slots__ = ("_make", "_slots")

    def __init__(self, slots: dict[str, Any], make: Callable[[str, Any], V]) -> None:
        self._slots = slots
        self._make = make

    def __getitem__(self, key: str) -> V:
        return self._make(key, self._slots[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._slots)

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, key: object) -> bool:
        return key in self._slots

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"


# ---------------------------------------------------------------------- graph walks
def cycle_error(owner: str, fld: str, cycle: list[str], node_id: str) -> CycleError:
    """The error for an edge (field ``fld`` of ``owner``) that closes ``cycle``."""
    return CycleError(
        f"{owner}: field {fld!r}: closes a cycle {' -> '.join(cycle)}",
        cycle=cycle,
        id=node_id,
        field=fld,
    )


def reach(adj: Mapping[str, Iterable[str]], start: str) -> set[str]:
    """Every node reachable from ``start`` over ``adj`` (``start`` only if on a cycle)."""
    seen: set[str] = set()
    stack = list(adj.get(start, ()))
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(adj.get(n, ()))
    return seen


def find_path(adj: Mapping[str, Iterable[str]], start: str, goal: str) -> list[str] | None:
    """A path start -> ... -> goal over ``adj`` (depth first), or None."""
    if start == goal:
        return [start]
    parent: dict[str, str] = {}
    stack = [start]
    seen = {start}
    while stack:
        n = stack.pop()
        for m in adj.get(n, ()):
            if m in seen:
                continue
            parent[m] = n
            if m == goal:
                path = [m]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            seen.add(m)
            stack.append(m)
    return None


def has_cycle(adj: Mapping[str, Iterable[str]]) -> bool:
    """True when following the links of ``adj`` from some node comes back to it."""
    state: dict[str, bool] = {}  # False while on the current path, True once finished
    for start in adj:
        if start in state:
            continue
        state[start] = False
        stack = [(start, iter(adj[start]))]
        while stack:
            node, links = stack[-1]
            for nxt in links:
                done = state.get(nxt)
                if done is None:
                    state[nxt] = False
                    stack.append((nxt, iter(adj.get(nxt, ()))))
                    break
                if not done:
                    return True
            else:
                state[node] = True
                stack.pop()
    return False


# ---------------------------------------------------------------------- relations
class _Maps(Generic[V]):
    """The two maps of a relation, ``out`` (a -> its b) and ``into`` (b -> its a), which a
    restored store may leave unmade until first read (`_defer`)."""

    __slots__ = ("_into", "_out", "_pending")

    def __init__(self) -> None:
        self._out: dict[str, V] = {}
        self._into: dict[str, V] = {}
        self._pending: Callable[[], tuple[dict[str, V], dict[str, V]]] | None = None

    def _defer(self, make: Callable[[], tuple[dict[str, V], dict[str, V]]]) -> None:
        # the maps are made aside, then put in place: no reader sees them half-filled
        self._pending = make

    def _fill(self) -> None:
        make = self._pending
        if make is not None:
            self._out, self._into = make()
            self._pending = None

    def _put(self, out: dict[str, V], into: dict[str, V]) -> None:
        """Hold ``out`` and ``into`` as the two maps (of a copy)."""
        self._out, self._into, self._pending = out, into, None

    @property
    def out(self) -> dict[str, V]:
        if self._pending is not None:
            self._fill()
        return self._out

    @property
    def into(self) -> dict[str, V]:
        if self._pending is not None:
            self._fill()
        return self._into


class Links(_Maps[set[str]]):
    """An unweighted relation: ``out[a]`` the set of b with a -> b, ``into[b]`` the a."""

    __slots__ = ()

    def defer(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add ``pairs`` (a, b) when the relation is first read (it must be empty)."""

        def make() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
            out: dict[str, set[str]] = {}
            into: dict[str, set[str]] = {}
            for a, b in pairs:
                out.setdefault(a, set()).add(b)
                into.setdefault(b, set()).add(a)
            return out, into

        self._defer(make)

    def add(self, a: str, b: str) -> None:
        found = self.out.get(a)
        if found is None:
            self.out[a] = {b}
        else:
            found.add(b)
        found = self.into.get(b)
        if found is None:
            self.into[b] = {a}
        else:
            found.add(a)

    def drop(self, node_id: str) -> None:
        for other in self.out.pop(node_id, ()):
            self.into[other].discard(node_id)
        for other in self.into.pop(node_id, ()):
            self.out[other].discard(node_id)

    def copy(self) -> Links:
        new = Links()
        new._put(
            {k: set(v) for k, v in self.out.items()}, {k: set(v) for k, v in self.into.items()}
        )
        return new

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every (a, b), b sorted within each a, a in insertion order."""
        for a, bs in self.out.items():
            for b in sorted(bs):
                yield a, b

    def nonempty(self) -> dict[str, set[str]]:
        return {k: v for k, v in self.out.items() if v}


class Keyed(_Maps[dict[str, E]]):
    """A relation whose edges are models: ``out[a][b]`` and ``into[b][a]`` the same edge."""

    __slots__ = ()

    def defer(self, edges: Callable[[], Iterable[tuple[str, str, E]]]) -> None:
        """Add the (a, b, edge) ``edges()`` gives when the relation is first read (it must
        be empty)."""

        def make() -> tuple[dict[str, dict[str, E]], dict[str, dict[str, E]]]:
            out: dict[str, dict[str, E]] = {}
            into: dict[str, dict[str, E]] = {}
            for a, b, edge in edges():
                out.setdefault(a, {})[b] = edge
                into.setdefault(b, {})[a] = edge
            return out, into

        self._defer(make)

    def add(self, a: str, b: str, edge: E) -> None:
        found = self.out.get(a)
        if found is None:
            self.out[a] = {b: edge}
        else:
            found[b] = edge
        back = self.into.get(b)
        if back is None:
            self.into[b] = {a: edge}
        else:
            back[a] = edge

    def drop(self, node_id: str) -> None:
        for other in self.out.pop(node_id, {}):
            self.into[other].pop(node_id, None)
        for other in self.into.pop(node_id, {}):
            self.out[other].pop(node_id, None)

    def copy(self) -> Keyed[E]:
        new: Keyed[E] = Keyed()
        new._put(
            {k: dict(v) for k, v in self.out.items()}, {k: dict(v) for k, v in self.into.items()}
        )
        return new

    def nonempty(self) -> dict[str, dict[str, E]]:
        return {k: v for k, v in self.out.items() if v}
