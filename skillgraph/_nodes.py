"""The node table of the store: nodes by id and by type, and the undeclared placeholders.

Private to the store (``skillgraph._store``), which owns one. `NodeTable.add` checks ids
and references (a role's cluster and industries, a cluster's broader) and creates the
placeholders of references not declared yet; `NodeTable.need` checks an edge's end.

A table loaded from a snapshot (`LazyNodes`) holds positions instead of models: a node
is made on first read and then kept, so a query that reads ten roles makes ten models.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Any, cast

from ._relations import View, cycle_error
from .errors import DanglingReferenceError, DuplicateIdError
from .model import Cluster, Industry, Node, NodeType, Role

__all__ = ["LazyNodes", "NodeTable"]

#: a node, or its position in the table's `LazyNodes`
Slot = Node | int


@dataclass(frozen=True)
class LazyNodes:
    """Nodes not made yet: ids and types by position, and ``make(position)`` the model."""

    ids: Sequence[str]
    kinds: Sequence[NodeType]
    make: Callable[[int], Node]


class NodeTable:
    """``by_id``, ``by_type`` (type -> id -> node) and ``placeholders`` (ids), kept in step."""

    __slots__ = ("_lock", "by_id", "by_type", "lazy", "placeholders")

    def __init__(self) -> None:
        self.by_id: dict[str, Slot] = {}
        self.by_type: dict[NodeType, dict[str, Slot]] = {t: {} for t in NodeType}
        self.placeholders: set[str] = set()
        self.lazy: LazyNodes | None = None
        #: a node made on first read is kept atomically with respect to `pop`
        self._lock = threading.Lock()

    def first_bad_end(
        self,
        rows: Sequence[tuple[Any, ...]],
        first: tuple[NodeType, ...],
        second: tuple[NodeType, ...],
    ) -> int:
        """Position of the first row whose first two items are not ids of nodes of the types
        ``first`` and ``second``, or -1."""
        by_type = self.by_type

        def of(types: tuple[NodeType, ...]) -> Set[str]:
            if len(types) == 1:
                return by_type[types[0]].keys()
            return {node_id for t in types for node_id in by_type[t]}

        a_ok, b_ok = of(first), of(second)
        for i, row in enumerate(rows):
            if row[0] not in a_ok or row[1] not in b_ok:
                return i
        return -1

    def slot(self, node_id: str, found: Slot) -> Node:
        """The node held in slot ``found`` of ``node_id`` (made now if it is a position)."""
        return found if not isinstance(found, int) else self.made(node_id, found)

    def made(self, node_id: str, at: int) -> Node:
        """The node at position ``at`` of `lazy`, made now and kept."""
        assert self.lazy is not None
        node = self.lazy.make(at)
        with self._lock:  # not while `pop` removes it: a removed node stays removed
            if self.by_id.get(node_id) == at:
                self.by_id[node_id] = node
                self.by_type[node.node_type][node_id] = node
        return node

    def get(self, node_id: str) -> Node | None:
        """The node ``node_id``, or None."""
        found = self.by_id.get(node_id)
        return None if found is None else self.slot(node_id, found)

    def labels(self, ids: Iterable[str]) -> list[str]:
        """The label of each of ``ids`` (the id itself for an unknown node), in order."""
        by_id = self.by_id
        if self.lazy is None:  # every slot holds its node
            nodes = cast("dict[str, Node]", by_id)
            return [node.label if (node := nodes.get(i)) is not None else i for i in ids]
        return [i if (found := by_id.get(i)) is None else self.slot(i, found).label for i in ids]

    def kind(self, node_id: str) -> NodeType | None:
        """The type of node ``node_id`` (without making it), or None."""
        found = self.by_id.get(node_id)
        if found is None:
            return None
        if isinstance(found, int):
            assert self.lazy is not None
            return self.lazy.kinds[found]
        return found.node_type

    def view(self, kind: NodeType | None = None) -> View[Any]:
        """Read-only live view of every node (or of those of ``kind``) by id."""
        return View(self.by_id if kind is None else self.by_type[kind], self.slot)

    def copy(self) -> NodeTable:
        new = NodeTable()
        new.by_id = dict(self.by_id)
        new.by_type = {t: dict(d) for t, d in self.by_type.items()}
        new.placeholders = set(self.placeholders)
        new.lazy = self.lazy
        return new

    def load(self, nodes: Sequence[Node] | LazyNodes, placeholders: list[str]) -> None:
        """Fill an empty table (trusted).

        Raises:
            ValueError: two nodes share an id.
        """
        by_type = self.by_type
        if isinstance(nodes, LazyNodes):
            self.lazy = nodes
            self.by_id = {node_id: i for i, node_id in enumerate(nodes.ids)}
            for i, (node_id, kind) in enumerate(zip(nodes.ids, nodes.kinds, strict=True)):
                by_type[kind][node_id] = i
        else:
            for node in nodes:
                by_type[node.node_type][node.id] = node
            self.by_id = {n.id: n for n in nodes}
        if len(self.by_id) != len(nodes.ids if isinstance(nodes, LazyNodes) else nodes):
            raise ValueError("duplicate node ids")
        self.placeholders = set(placeholders)

    def pop(self, node_id: str) -> Node:
        """Remove the node ``node_id`` (which must exist); it."""
        node = self.get(node_id)
        assert node is not None
        with self._lock:
            del self.by_id[node_id]
            del self.by_type[node.node_type][node_id]
        self.placeholders.discard(node_id)
        return node

    def add(self, node: Node, *, replace: bool = False) -> None:
        """Add ``node``: the work of `Store.add_node`, which documents it.

        Raises:
            SkillGraphError: the errors `Store.add_node` lists (taken id, dangling end, cycle).
        """
        old = self.kind(node.id)
        if old is not None:
            if old is not node.node_type:
                raise DuplicateIdError(
                    f"{type(node).__name__} {node.id!r}: field 'id': already used by a {old.value}",
                    id=node.id,
                    field="id",
                )
            if not replace and node.id not in self.placeholders:
                raise DuplicateIdError(
                    f"{type(node).__name__} {node.id!r}: field 'id': already in the graph "
                    "(pass replace=True to replace it)",
                    id=node.id,
                    field="id",
                )
        if isinstance(node, Role):
            self._ensure_refs(node)
        elif isinstance(node, Cluster) and node.broader is not None:
            self._ensure_placeholder(node.broader, Cluster, node.id)
            self._check_cluster_cycle(node)
        self.placeholders.discard(node.id)
        self.by_id[node.id] = node
        self.by_type[node.node_type][node.id] = node

    def add_new(self, nodes: Sequence[Node]) -> bool:
        """Add ``nodes`` at once when `add` would add each without a question, else add
        nothing and return False: all of one type other than cluster, ids distinct and not
        taken (by a placeholder either), a role's cluster and industries nodes of those types.
        """
        if not nodes:
            return True
        kind = nodes[0].node_type
        ids = [node.id for node in nodes]
        by_id, by_type = self.by_id, self.by_type
        if (
            kind is NodeType.CLUSTER
            or any(node.node_type is not kind for node in nodes)
            or len(set(ids)) != len(ids)
            or not by_id.keys().isdisjoint(ids)
        ):
            return False
        if kind is NodeType.ROLE:
            clusters, industries = by_type[NodeType.CLUSTER], by_type[NodeType.INDUSTRY]
            roles = cast(Sequence[Role], nodes)
            if not all(r.cluster is None or r.cluster in clusters for r in roles) or not all(
                i in industries for r in roles for i in r.industries
            ):
                return False
        by_id.update(zip(ids, nodes, strict=True))
        by_type[kind].update(zip(ids, nodes, strict=True))
        return True

    def _ensure_refs(self, role: Role) -> None:
        refs: list[tuple[str, type[Node], str]] = [
            (ind, Industry, "industries") for ind in role.industries
        ]
        if role.cluster is not None:
            refs.insert(0, (role.cluster, Cluster, "cluster"))
        for create in (False, True):  # check every reference before creating placeholders
            for node_id, cls, fld in refs:
                self._ensure_placeholder(node_id, cls, role.id, fld, create=create)

    def _ensure_placeholder(
        self,
        node_id: str,
        cls: type[Node],
        owner: str = "",
        fld: str = "broader",
        *,
        create: bool = True,
    ) -> None:
        found = self.kind(node_id)
        if found is None:
            if not create:
                return
            placeholder = cls(id=node_id, label=node_id)
            self.by_id[node_id] = placeholder
            self.by_type[placeholder.node_type][node_id] = placeholder
            self.placeholders.add(node_id)
        elif found is not cls.node_type:
            raise DanglingReferenceError(
                f"{owner or node_id!r}: field {fld!r}: {node_id!r} is a "
                f"{found.value}, expected {_a(cls.node_type.value)}",
                id=owner or node_id,
                field=fld,
            )

    def _check_cluster_cycle(self, cluster: Cluster) -> None:
        seen = [cluster.id]
        up = cluster.broader
        while up is not None:
            if up == cluster.id:
                raise cycle_error(f"Cluster {cluster.id!r}", "broader", [*seen, up], cluster.id)
            seen.append(up)
            parent = self.get(up) if up in self.by_type[NodeType.CLUSTER] else None
            up = parent.broader if isinstance(parent, Cluster) else None

    def need_ends(
        self, edge: Any, first: str, a: tuple[NodeType, ...], second: str, b: tuple[NodeType, ...]
    ) -> str:
        """Check that the ends of ``edge`` (its fields ``first`` and ``second``) are nodes of
        the types ``a`` and ``b``; the edge as errors name it (``Teaching 'r -> s'``).

        Raises:
            DanglingReferenceError: an end is missing or of another type.
        """
        one, two = getattr(edge, first), getattr(edge, second)
        owner = f"{type(edge).__name__} '{one} -> {two}'"
        self.need(one, a, owner, first)
        self.need(two, b, owner, second)
        return owner

    def need(self, node_id: str, types: tuple[NodeType, ...], owner: str, fld: str) -> None:
        """Check that ``node_id`` (field ``fld`` of edge ``owner``) is a node of ``types``.

        Raises:
            DanglingReferenceError: it is missing or of another type.
        """
        kind = self.kind(node_id)
        if kind is None or kind not in types:
            what = " or ".join(t.value for t in types)
            found = "not in the graph" if kind is None else f"a {kind.value}"
            raise DanglingReferenceError(
                f"{owner}: field {fld!r}: {node_id!r} is {found}, expected a {what}",
                id=owner,
                field=fld,
            )


def _a(noun: str) -> str:
    """``noun`` with its indefinite article ("a cluster", "an industry")."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
