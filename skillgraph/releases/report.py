"""Typed reports of the release tools: what changed between two graphs, what a merge did.

Every report is a frozen pydantic model: ``report.to_json()`` gives stable JSON (lists are
sorted, so the same two graphs always give the same bytes), ``report.to_markdown()`` and
``report.to_text()`` a document for people.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .._escape import printable
from .._result import Result
from ..model import NodeType, Proficiency
from ._compare import RelationKind

__all__ = [
    "DiffReport",
    "FieldChange",
    "MergeConflict",
    "MergeReport",
    "NodeChange",
    "NodeRef",
    "Reidentified",
    "Relation",
    "RelationChange",
    "Renamed",
    "RequirementChange",
    "RequirementRef",
    "Retyped",
    "RoleChurn",
]

Origin = Literal["left", "right", "both"]


class FieldChange(Result):
    """One field that differs: its name (``attributes.isco_code`` for a mapping entry), the
    value before and after (JSON data; None for a missing mapping entry).

    For list fields (alt labels, tags, industries), ``added`` and ``removed`` hold the
    items only one side has; both empty means the same items in another order.
    """

    field: str
    old: Any
    new: Any
    added: list[Any] | None = None
    removed: list[Any] | None = None

    @classmethod
    def of(cls, field: str, old: Any, new: Any) -> FieldChange:
        """The change of ``field`` from ``old`` to ``new`` (JSON data), items worked out."""
        from .._trusted import construct

        if isinstance(old, list) and isinstance(new, list):
            return construct(
                cls,
                {
                    "field": field,
                    "old": old,
                    "new": new,
                    "added": [x for x in new if x not in old],
                    "removed": [x for x in old if x not in new],
                },
            )
        return construct(cls, {"field": field, "old": old, "new": new})


class NodeRef(Result):
    """A node added or removed: id, type and label."""

    id: str
    type: NodeType
    label: str


class NodeChange(Result):
    """A node present in both graphs with different content.

    ``label`` is the new label, ``old_label`` the old one (equal unless renamed);
    ``changes`` lists every field that differs, in model order.
    """

    id: str
    type: NodeType
    label: str
    old_label: str
    changes: list[FieldChange]


class Renamed(Result):
    """A node whose preferred label changed."""

    id: str
    type: NodeType
    old_label: str
    new_label: str


class Retyped(Result):
    """An id that names a node of another type in the new graph (also listed as one
    removed and one added node)."""

    id: str
    label: str
    old_type: NodeType
    new_type: NodeType


class Reidentified(Result):
    """A removed and an added node of one type and one label: probably one node whose id
    changed (ESCO v1.1.1 gave its skill groups new ids). Each label is unique among the
    removed and among the added nodes of its type."""

    type: NodeType
    label: str
    old_id: str
    new_id: str


class RequirementRef(Result):
    """A requirement added or removed, with the labels of its role and skill."""

    role: str
    role_label: str
    skill: str
    skill_label: str
    essential: bool
    importance: float


class RequirementChange(Result):
    """A requirement present in both graphs with another weight, flag, level or source."""

    role: str
    role_label: str
    skill: str
    skill_label: str
    changes: list[FieldChange]


class Relation(Result):
    """A relation between two nodes added or removed.

    ``kind`` is ``broader`` (``source`` sits under ``target``), ``related`` (``essential``
    tells which kind), ``prerequisite`` (``source`` is learnt before ``target``),
    ``progression`` (role ``source`` progresses to role ``target``), ``teaches`` (learning
    resource ``source`` teaches skill ``target``, up to ``proficiency`` when given) or
    ``resource_requires`` (learning resource ``source`` requires skill ``target`` first).
    """

    kind: RelationKind
    source: str
    source_label: str
    target: str
    target_label: str
    essential: bool | None = None
    proficiency: Proficiency | None = None


class RelationChange(Result):
    """A relation present in both graphs with another attribute (a related edge's flag, the
    proficiency a resource teaches up to)."""

    kind: RelationKind
    source: str
    source_label: str
    target: str
    target_label: str
    changes: list[FieldChange]


class RoleChurn(Result):
    """How much the requirements of one role (present in both graphs) changed.

    ``share`` is ``(added + removed + reweighted) / max(before, 1)``.
    """

    role: str
    label: str
    before: int
    after: int
    added: int
    removed: int
    reweighted: int
    share: float


class DiffReport(Result):
    """Everything that differs between an ``old`` and a ``new`` graph.

    Lists are sorted (nodes by type then id, edges by their ends); ``roles_most_changed``
    by decreasing number of changed requirements, then share, then id. ``empty`` is True
    exactly when the two graphs are equal (``old == new``); prefix declarations only
    change how ids are spelled as IRIs, so, like equality, ``empty`` ignores them, though
    ``prefixes`` reports them.
    """

    old: str = "old"
    new: str = "new"
    language: FieldChange | None = None
    metadata: list[FieldChange] = Field(default_factory=list)
    prefixes: list[FieldChange] = Field(default_factory=list)
    nodes_added: list[NodeRef] = Field(default_factory=list)
    nodes_removed: list[NodeRef] = Field(default_factory=list)
    nodes_changed: list[NodeChange] = Field(default_factory=list)
    renamed: list[Renamed] = Field(default_factory=list)
    retyped: list[Retyped] = Field(default_factory=list)
    reidentified: list[Reidentified] = Field(default_factory=list)
    requirements_added: list[RequirementRef] = Field(default_factory=list)
    requirements_removed: list[RequirementRef] = Field(default_factory=list)
    requirements_changed: list[RequirementChange] = Field(default_factory=list)
    relations_added: list[Relation] = Field(default_factory=list)
    relations_removed: list[Relation] = Field(default_factory=list)
    relations_changed: list[RelationChange] = Field(default_factory=list)
    extra_triples_added: list[tuple[str, str, str]] = Field(default_factory=list)
    extra_triples_removed: list[tuple[str, str, str]] = Field(default_factory=list)
    roles_most_changed: list[RoleChurn] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing but prefix declarations differs (the graphs are equal)."""
        return not (
            self.language
            or self.metadata
            or self.nodes_added
            or self.nodes_removed
            or self.nodes_changed
            or self.requirements_added
            or self.requirements_removed
            or self.requirements_changed
            or self.relations_added
            or self.relations_removed
            or self.relations_changed
            or self.extra_triples_added
            or self.extra_triples_removed
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts by section: nodes by type, requirements, each relation kind, triples.

        Each entry maps ``added``, ``removed`` and ``changed`` to a count; sections without
        any change are left out.
        """
        from ._render import counts

        return counts(self)

    def summary(self) -> dict[str, Any]:
        """The compact form ``SkillGraph.diff`` returns: node ids by type, edge counts.

        Node types map to ``{"added": ids, "removed": ids, "changed": ids}``;
        ``requires``, ``broader``, ``related``, ``prerequisites``, ``progressions``,
        ``teaches``, ``resource_requires`` and ``extra_triples`` to counts; ``metadata`` is
        True when metadata or language differ. Sections without changes are left out, so
        equal graphs give ``{}``.
        """
        from ._render import summary

        return summary(self)

    def to_text(self, *, limit: int = 20) -> str:
        """A plain-text report: counts, then up to ``limit`` items of each list.

        Raises:
            InvalidValueError: ``limit`` is negative.
        """
        from ._render import text

        return text(self, limit=limit, markdown=False)

    def to_markdown(self, *, limit: int = 20) -> str:
        """A Markdown report: a counts table, then up to ``limit`` items of each list.

        Raises:
            InvalidValueError: ``limit`` is negative.
        """
        from ._render import text

        return text(self, limit=limit, markdown=True)

    def __str__(self) -> str:
        return self.to_text()


class MergeConflict(Result):
    """Something both graphs declare differently.

    ``kind`` says what: a ``node`` (same id, other content or type), a ``requirement``
    (same role and skill, ``id`` is ``"role -> skill"``), a ``related`` edge (same pair,
    other flag), a ``metadata`` key, a ``prefix`` name or the graphs' ``language``.
    ``left`` and ``right`` hold both values (JSON data); ``fields`` the fields that
    differ, with ``old`` the left value and ``new`` the right one.
    """

    kind: Literal["node", "requirement", "related", "metadata", "prefix", "language"]
    id: str
    label: str = ""
    left: Any
    right: Any
    fields: list[FieldChange] = Field(default_factory=list)

    def text(self) -> str:
        """One line per differing field: ``kind id: field: left != right``."""
        head = f"{self.kind} {printable(self.id)}" + (
            f" ({printable(self.label)})" if self.label else ""
        )
        if not self.fields:
            return f"{head}: {self.left!r} != {self.right!r}"
        return "; ".join(
            f"{head}: {f.field}: {f.old!r} (left) != {f.new!r} (right)" for f in self.fields
        )


class MergeReport(Result):
    """What `skillgraph.merge` did.

    ``provenance`` maps every node id of the result to where its content came from:
    ``left`` or ``right`` (only there, or that side won a conflict, or the other side held
    only a bare placeholder of it), ``both`` (equal in both). ``conflicts`` lists what both
    declared differently, and ``on_conflict`` how they were resolved.
    """

    left: str = "left"
    right: str = "right"
    on_conflict: Literal["error", "left", "right"] = "error"
    conflicts: list[MergeConflict] = Field(default_factory=list)
    provenance: dict[str, Origin] = Field(default_factory=dict)
    requirements_from_right: int = 0
    relations_from_right: int = 0
    extra_triples_from_right: int = 0

    def origin_counts(self) -> dict[str, int]:
        """How many nodes came from ``left``, ``right`` and ``both``."""
        out = {"left": 0, "right": 0, "both": 0}
        for origin in self.provenance.values():
            out[origin] += 1
        return out

    def to_text(self) -> str:
        """A short plain-text summary: node origins, edges added, conflicts."""
        o = self.origin_counts()
        left, right = printable(self.left), printable(self.right)
        lines = [
            f"merged {left} + {right}: {len(self.provenance)} nodes "
            f"({o['both']} in both, {o['left']} only from {left}, "
            f"{o['right']} from {right})",
            f"from {right}: {self.requirements_from_right} requirements, "
            f"{self.relations_from_right} relations, {self.extra_triples_from_right} "
            "extra triples added",
        ]
        if self.conflicts:
            lines.append(
                f"{len(self.conflicts)} conflict(s), resolved in favour of "
                f"{left if self.on_conflict == 'left' else right}:"
            )
            lines += [f"  {c.text()}" for c in self.conflicts]
        else:
            lines.append("no conflicts")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()
