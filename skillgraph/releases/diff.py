"""``diff(old, new)``: what changed between two graphs (two releases of a taxonomy).

Reads both graphs through their public API only. Nodes are matched by id and type (a node
whose type changed is one removed and one added node); requirements by (role, skill);
relations by their two ends.
"""

from __future__ import annotations

from functools import partial
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

from .._trusted import construct, paused_gc
from ..errors import InvalidValueError
from ..graph import SkillGraph
from ..model import NodeType, Requirement
from ._compare import (
    RELATION_ATTRIBUTE,
    RelationKind,
    check_graphs,
    check_names,
    differences,
    jsonable,
    relations,
    same,
)
from .report import (
    DiffReport,
    FieldChange,
    NodeChange,
    NodeRef,
    Reidentified,
    Relation,
    RelationChange,
    Renamed,
    RequirementChange,
    RequirementRef,
    Retyped,
    RoleChurn,
)

__all__ = ["diff"]

_TYPE_ORDER = {t: i for i, t in enumerate(NodeType)}
_M = TypeVar("_M", bound=BaseModel)


def _make(cls: type[_M], **fields: Any) -> _M:
    """A report item from trusted values (no validation: the values come from models)."""
    return construct(cls, fields)


_REQUIREMENT_FIELDS = ("essential", "importance", "level", "source", "scale")


def diff(
    old: SkillGraph,
    new: SkillGraph,
    *,
    top: int = 10,
    names: tuple[str, str] = ("old", "new"),
) -> DiffReport:
    """What changed from ``old`` to ``new``, as a typed report.

    Args:
        old: the earlier graph (release).
        new: the later graph.
        top: how many roles to list in ``roles_most_changed``.
        names: how the report names the two graphs (file names, release numbers).

    Returns:
        The report: nodes added, removed and changed (field by field, labels shown),
        renamed labels, requirements and relations added, removed and re-weighted, extra
        RDF triples, metadata, and the ``top`` roles whose requirements changed most.
        ``diff(g, g).empty`` is True.

    Raises:
        InvalidValueError: ``old`` or ``new`` is not a SkillGraph, ``top`` is not an
            integer >= 0, or ``names`` is not two strings.
    """
    check_graphs(old=old, new=new)
    if isinstance(top, bool) or not isinstance(top, int) or top < 0:
        raise InvalidValueError(f"top must be an integer >= 0, got {top!r}", field="top")
    names = check_names(names)
    with paused_gc():  # many small objects, no cycles: the collector's scans only cost
        return _report(old, new, top=top, names=names)


def _report(old: SkillGraph, new: SkillGraph, *, top: int, names: tuple[str, str]) -> DiffReport:
    reqs = _requirements(old, new)
    churn = reqs.pop("churn")
    old_extra, new_extra = old.extra_triples, new.extra_triples
    return DiffReport(
        old=names[0],
        new=names[1],
        language=(
            None
            if old.language == new.language
            else FieldChange.of("language", old.language, new.language)
        ),
        metadata=_mapping("metadata", old.metadata, new.metadata),
        prefixes=_mapping("prefixes", old.prefixes, new.prefixes),
        **_nodes(old, new),
        **reqs,
        **_relations(old, new),
        extra_triples_added=sorted(new_extra - old_extra),
        extra_triples_removed=sorted(old_extra - new_extra),
        roles_most_changed=churn[:top],
    )


def _mapping(name: str, a: dict[str, str], b: dict[str, str]) -> list[FieldChange]:
    return [
        FieldChange.of(f"{name}.{k}", a.get(k), b.get(k))
        for k in sorted(set(a) | set(b))
        if a.get(k) != b.get(k)
    ]


def _by_type(g: SkillGraph) -> dict[NodeType, dict[str, Any]]:
    out: dict[NodeType, dict[str, Any]] = {t: {} for t in NodeType}
    for node_id, node in g.nodes.items():
        out[node.node_type][node_id] = node
    return out


def _nodes(old: SkillGraph, new: SkillGraph) -> dict[str, Any]:
    ref = partial(_make, NodeRef)
    added: list[NodeRef] = []
    removed: list[NodeRef] = []
    changed: list[NodeChange] = []
    renamed: list[Renamed] = []
    a_types, b_types = _by_type(old), _by_type(new)
    for t in NodeType:
        a, b = a_types[t], b_types[t]
        added += [ref(id=i, type=t, label=b[i].label) for i in sorted(b.keys() - a.keys())]
        removed += [ref(id=i, type=t, label=a[i].label) for i in sorted(a.keys() - b.keys())]
        for i in sorted(i for i in a.keys() & b.keys() if not same(a[i], b[i])):
            na, nb = a[i], b[i]
            changes = [FieldChange.of(f, x, y) for f, x, y in differences(na, nb)]
            changed.append(
                _make(NodeChange, id=i, type=t, label=nb.label, old_label=na.label, changes=changes)
            )
            if na.label != nb.label:
                renamed.append(_make(Renamed, id=i, type=t, old_label=na.label, new_label=nb.label))
    a_nodes, b_nodes = old.nodes, new.nodes
    retyped = [
        _make(
            Retyped,
            id=i,
            label=b_nodes[i].label,
            old_type=a_nodes[i].node_type,
            new_type=b_nodes[i].node_type,
        )
        for i in sorted(a_nodes.keys() & b_nodes.keys())
        if a_nodes[i].node_type is not b_nodes[i].node_type
    ]
    return {
        "nodes_added": added,
        "nodes_removed": removed,
        "nodes_changed": changed,
        "renamed": renamed,
        "retyped": retyped,
        "reidentified": _reidentified(added, removed),
    }


def _reidentified(added: list[NodeRef], removed: list[NodeRef]) -> list[Reidentified]:
    """Removed and added nodes paired by type and a label unique on both sides."""

    def unique(refs: list[NodeRef]) -> dict[tuple[NodeType, str], str]:
        seen: dict[tuple[NodeType, str], str | None] = {}
        for r in refs:
            key = (r.type, r.label)
            seen[key] = None if key in seen else r.id
        return {k: v for k, v in seen.items() if v is not None}

    gone, came = unique(removed), unique(added)
    return [
        _make(Reidentified, type=k[0], label=k[1], old_id=gone[k], new_id=came[k])
        for k in sorted(gone.keys() & came.keys())
        if gone[k] != came[k]
    ]


def _requirement_ref(g: SkillGraph, r: Requirement) -> RequirementRef:
    nodes = g.nodes
    return _make(
        RequirementRef,
        role=r.role,
        role_label=nodes[r.role].label,
        skill=r.skill,
        skill_label=nodes[r.skill].label,
        essential=r.essential,
        importance=r.importance,
    )


def _requirements(old: SkillGraph, new: SkillGraph) -> dict[str, Any]:
    added: list[RequirementRef] = []
    removed: list[RequirementRef] = []
    changed: list[RequirementChange] = []
    a_roles, b_roles = old.roles, new.roles
    labels = new.nodes
    for role in sorted(a_roles.keys() | b_roles.keys()):
        la = old.requirements(role) if role in a_roles else []
        lb = new.requirements(role) if role in b_roles else []
        if [r.__dict__ for r in la] == [r.__dict__ for r in lb]:
            continue  # most roles: the same requirements (see same())
        a = {r.skill: r for r in la}
        b = {r.skill: r for r in lb}
        added += [_requirement_ref(new, b[k]) for k in sorted(b.keys() - a.keys())]
        removed += [_requirement_ref(old, a[k]) for k in sorted(a.keys() - b.keys())]
        for skill in sorted(k for k in a.keys() & b.keys() if not same(a[k], b[k])):
            ra, rb = a[skill], b[skill]
            changes = [
                FieldChange.of(f, jsonable(getattr(ra, f)), jsonable(getattr(rb, f)))
                for f in _REQUIREMENT_FIELDS
                if getattr(ra, f) != getattr(rb, f)
            ]
            changed.append(
                _make(
                    RequirementChange,
                    role=role,
                    role_label=labels[role].label,
                    skill=skill,
                    skill_label=labels[skill].label,
                    changes=changes,
                )
            )
    return {
        "requirements_added": added,
        "requirements_removed": removed,
        "requirements_changed": changed,
        "churn": _churn(old, new, added, removed, changed),
    }


def _churn(
    old: SkillGraph,
    new: SkillGraph,
    added: list[RequirementRef],
    removed: list[RequirementRef],
    changed: list[RequirementChange],
) -> list[RoleChurn]:
    """Roles of both graphs ranked by how many of their requirements changed."""
    both = old.roles.keys() & new.roles.keys()
    tally: dict[str, list[int]] = {}
    roles_of = ([x.role for x in added], [x.role for x in removed], [x.role for x in changed])
    for i, items in enumerate(roles_of):
        for role in items:
            if role in both:
                tally.setdefault(role, [0, 0, 0])[i] += 1
    out = []
    for role, (n_add, n_rem, n_chg) in tally.items():
        before = len(old.requirements(role))
        out.append(
            _make(
                RoleChurn,
                role=role,
                label=new.label(role),
                before=before,
                after=len(new.requirements(role)),
                added=n_add,
                removed=n_rem,
                reweighted=n_chg,
                share=(n_add + n_rem + n_chg) / max(before, 1),
            )
        )
    out.sort(key=lambda c: (-(c.added + c.removed + c.reweighted), -c.share, c.role))
    return out


_RelKey = tuple[RelationKind, str, str]
_KIND_ORDER = {k: i for i, k in enumerate(get_args(RelationKind))}


def _order(x: _RelKey) -> tuple[int, str, str]:
    return _KIND_ORDER[x[0]], x[1], x[2]


def _ends(g: SkillGraph, key: _RelKey) -> dict[str, Any]:
    """The kind and the two ends (ids and labels in ``g``) of the relation ``key``."""
    nodes = g.nodes
    return {
        "kind": key[0],
        "source": key[1],
        "source_label": nodes[key[1]].label,
        "target": key[2],
        "target_label": nodes[key[2]].label,
    }


def _relation(g: SkillGraph, key: _RelKey, value: Any) -> Relation:
    attribute = RELATION_ATTRIBUTE.get(key[0])
    return _make(Relation, **_ends(g, key), **({attribute: value} if attribute else {}))


def _change(new: SkillGraph, key: _RelKey, old_value: Any, new_value: Any) -> RelationChange:
    field = RELATION_ATTRIBUTE[key[0]]  # edges of a kind without one never differ
    change = FieldChange.of(field, jsonable(old_value), jsonable(new_value))
    return _make(RelationChange, **_ends(new, key), changes=[change])


def _relations(old: SkillGraph, new: SkillGraph) -> dict[str, Any]:
    a: dict[_RelKey, Any] = {(k, s, t): f for k, s, t, f in relations(old)}
    b: dict[_RelKey, Any] = {(k, s, t): f for k, s, t, f in relations(new)}
    return {
        "relations_added": [
            _relation(new, k, b[k]) for k in sorted(b.keys() - a.keys(), key=_order)
        ],
        "relations_removed": [
            _relation(old, k, a[k]) for k in sorted(a.keys() - b.keys(), key=_order)
        ],
        "relations_changed": [
            _change(new, k, a[k], b[k])
            for k in sorted((k for k in a.keys() & b.keys() if a[k] != b[k]), key=_order)
        ],
    }
