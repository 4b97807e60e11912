"""``merge(a, b)``: one graph holding two (a taxonomy and your own additions).

Reads both graphs through their public API; the result starts as a copy of ``a`` and
receives what ``b`` adds. Content both declare differently is a conflict: listed with
both values, then an error (``on_conflict="error"``) or resolved in favour of one side.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from .._store import store_of
from ..errors import InvalidValueError, MergeConflictError
from ..graph import SkillGraph
from ..model import Node, NodeType
from ._compare import check_graphs, check_names, differences, jsonable, relations
from .report import FieldChange, MergeConflict, MergeReport, Origin

__all__ = ["merge", "merge_with_report"]

OnConflict = Literal["error", "left", "right"]
_CHOICES = ("error", "left", "right")
# clusters first (roles refer to them), concepts before the edges that join them
_ORDER = (
    NodeType.CLUSTER,
    NodeType.INDUSTRY,
    NodeType.GROUP,
    NodeType.SKILL,
    NodeType.ROLE,
    NodeType.RESOURCE,
)


def merge(a: SkillGraph, b: SkillGraph, *, on_conflict: OnConflict = "error") -> SkillGraph:
    """One graph holding every node and edge of ``a`` and ``b``.

    See `merge_with_report` (same arguments and errors), which also says where each
    node came from.
    """
    return merge_with_report(a, b, on_conflict=on_conflict)[0]


def merge_with_report(
    a: SkillGraph,
    b: SkillGraph,
    *,
    on_conflict: OnConflict = "error",
    names: tuple[str, str] = ("left", "right"),
) -> tuple[SkillGraph, MergeReport]:
    """Merge ``a`` (left) and ``b`` (right); the result and a report of what happened.

    Nodes are matched by id, requirements by (role, skill), relations by their ends;
    edges of both sides are kept (their union). A conflict is content both declare
    differently: a node with the same id but other fields or another type, a
    requirement with another weight, a related edge with another flag, a metadata key or
    prefix with another value, another default language. A bare node (its label is its
    id and it has no other field, as the placeholder a role's undeclared cluster gets)
    yields to a declared one without a conflict.

    Args:
        a: the left graph (say, the published taxonomy).
        b: the right graph (say, your additions).
        on_conflict: ``"error"`` raises `MergeConflictError` listing every
            conflict; ``"left"`` or ``"right"`` keeps that side's value.
        names: how the report names the two sides.

    Returns:
        The merged graph (``a`` and ``b`` are not changed) and a `MergeReport`
        whose ``provenance`` maps each node id to ``left``, ``right`` or ``both``.

    Raises:
        InvalidValueError: an argument has the wrong type or value.
        MergeConflictError: conflicts were found and ``on_conflict`` is ``"error"``, or two
            nodes of one id have different types (whatever ``on_conflict`` says: one side's
            edges could not be kept).
        CycleError: the union of both hierarchies or prerequisites has a cycle.
    """
    check_graphs(a=a, b=b)
    if on_conflict not in _CHOICES:
        raise InvalidValueError(
            f"on_conflict must be one of {', '.join(_CHOICES)}, got {on_conflict!r}",
            field="on_conflict",
        )
    names = check_names(names)
    plan = _Plan(a, b)
    fatal = plan.conflicts if on_conflict == "error" else plan.clashes
    if fatal:
        raise MergeConflictError(_message(fatal), conflicts=fatal)
    out, report = plan.apply(on_conflict == "right")
    return out, report.model_copy(
        update={"left": names[0], "right": names[1], "on_conflict": on_conflict}
    )


def _message(conflicts: list[MergeConflict]) -> str:
    shown = [c.text() for c in conflicts[:5]]
    more = f"; … and {len(conflicts) - 5} more" if len(conflicts) > 5 else ""
    return f"{len(conflicts)} merge conflict(s): " + "; ".join(shown) + more


def _bare(node: Node) -> bool:
    """Whether ``node`` says nothing but its id (a placeholder)."""
    return node.label == node.id and node == type(node)(id=node.id, label=node.id)


class _Plan:
    """The comparison of both sides: conflicts, and what the right side adds."""

    def __init__(self, a: SkillGraph, b: SkillGraph) -> None:
        self.a, self.b = a, b
        self.conflicts: list[MergeConflict] = []
        self.clashes: list[MergeConflict] = []  # same id, different node types
        self.provenance: dict[str, Origin] = dict.fromkeys(a.nodes, "left")
        # right nodes to add, by id: (node, replaces a conflicting left node)
        self.nodes: dict[str, tuple[Node, bool]] = {}
        self._settings()
        self._nodes()
        self.requirements = self._requirements()
        self.related = self._related()

    def conflict(self, kind: Any, ident: str, left: Any, right: Any, label: str = "") -> None:
        fields: list[FieldChange] = []
        if isinstance(left, BaseModel) and isinstance(right, BaseModel):
            fields = [FieldChange(field=f, old=x, new=y) for f, x, y in differences(left, right)]
        self.conflicts.append(
            MergeConflict(
                kind=kind,
                id=ident,
                label=label,
                left=jsonable(left),
                right=jsonable(right),
                fields=fields,
            )
        )

    def _settings(self) -> None:
        a, b = self.a, self.b
        if a.language != b.language:
            self.conflict("language", "language", a.language, b.language)
        for kind, x, y in (
            ("metadata", a.metadata, b.metadata),
            ("prefix", a.prefixes, b.prefixes),
        ):
            for key in sorted(x.keys() & y.keys()):
                if x[key] != y[key]:
                    self.conflict(kind, key, x[key], y[key])

    def _nodes(self) -> None:
        mine = self.a.nodes
        for node_id, right in sorted(self.b.nodes.items()):
            left = mine.get(node_id)
            if left is None:
                self.nodes[node_id] = (right, False)
                self.provenance[node_id] = "right"
            elif left == right:
                self.provenance[node_id] = "both"
            elif left.node_type is right.node_type and _bare(left):
                self.nodes[node_id] = (right, True)
                self.provenance[node_id] = "right"
            elif left.node_type is right.node_type and _bare(right):
                pass  # the left node stays
            else:
                self.conflict("node", node_id, left, right, label=left.label)
                if left.node_type is right.node_type:
                    self.nodes[node_id] = (right, True)  # applied only when right wins
                else:
                    self.clashes.append(self.conflicts[-1])

    def _requirements(self) -> list[tuple[Any, bool]]:
        """Right requirements to add: (requirement, conflicts with a left one)."""
        out = []
        left_roles = self.a.roles
        for role in sorted(self.b.roles):
            theirs = self.b.requirements(role)
            ours = {r.skill: r for r in self.a.requirements(role)} if role in left_roles else {}
            for req in theirs:
                have = ours.get(req.skill)
                if have is None:
                    out.append((req, False))
                elif have != req:
                    self.conflict(
                        "requirement",
                        f"{role} -> {req.skill}",
                        have,
                        req,
                        label=f"{self.b.label(role)} -> {self.b.label(req.skill)}",
                    )
                    out.append((req, True))
        return out

    def _related(self) -> list[tuple[Any, bool]]:
        ours = {(e.skill, e.related): e for e in self.a.iter_related()}
        out = []
        for edge in self.b.iter_related():
            have = ours.get((edge.skill, edge.related))
            if have is None:
                out.append((edge, False))
            elif have != edge:
                self.conflict("related", f"{edge.skill} -> {edge.related}", have, edge)
                out.append((edge, True))
        return out

    def apply(self, right_wins: bool) -> tuple[SkillGraph, MergeReport]:
        a, b = self.a, self.b
        out = a.copy()
        for key, value in b.metadata.items():
            if key not in out.metadata or right_wins:
                out.metadata[key] = value
        for key, value in b.prefixes.items():
            if key not in out.prefixes or right_wins:
                out.prefixes[key] = value
        if right_wins:
            out.language = b.language
        for t in _ORDER:
            for node_id, (node, replaces) in self.nodes.items():
                if node.node_type is not t:
                    continue
                if not replaces:
                    out.add(node)
                elif self.provenance[node_id] == "right" or right_wins:
                    out.add(node, replace=True)
                    self.provenance[node_id] = "right"
        n_reqs = 0
        for req, conflicting in self.requirements:
            if not conflicting or right_wins:
                out.add(req)
                n_reqs += 1
        n_rel = 0
        for edge, conflicting in self.related:
            if not conflicting or right_wins:
                out.add(edge)
                n_rel += 1
        adders = {
            "broader": out.add_broader,
            "prerequisite": out.add_prerequisite,
            "progression": out.add_progression,
        }
        have = {(k, s, t) for k, s, t, _ in relations(a) if k in adders}
        for kind, source, target, _ in relations(b):
            if kind in adders and (kind, source, target) not in have:
                adders[kind](source, target)
                n_rel += 1
        for taught in b.iter_teaching():  # learning resources' edges: the union
            if right_wins or taught.skill not in store_of(a).teaching_of(taught.resource):
                out.add(taught)
        for need in b.iter_resource_prerequisites():
            out.add(need)
        new_extra = b.extra_triples - a.extra_triples
        for triple in sorted(new_extra):
            out.add_extra_triple(*triple)
        report = MergeReport(
            conflicts=self.conflicts,
            provenance=dict(sorted(self.provenance.items())),
            requirements_from_right=n_reqs,
            relations_from_right=n_rel,
            extra_triples_from_right=len(new_extra),
        )
        return out, report
