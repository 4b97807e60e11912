"""Field-by-field comparison of two nodes or edges, as JSON-ready values.

Shared by the diff (old -> new) and the merge (left vs right conflicts). Mapping fields
(``translations``, ``attributes``) are compared key by key, so a report says
``attributes.isco_code`` rather than showing both whole mappings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from ..errors import InvalidValueError
from ..model import NodeType

if TYPE_CHECKING:
    from ..graph import SkillGraph

RelationKind = Literal[
    "broader", "related", "prerequisite", "progression", "teaches", "resource_requires"
]
#: the one attribute an edge of a relation kind carries besides its ends (when it has one)
RELATION_ATTRIBUTE: dict[str, str] = {"related": "essential", "teaches": "proficiency"}

__all__ = [
    "RELATION_ATTRIBUTE",
    "check_graphs",
    "check_names",
    "differences",
    "jsonable",
    "refs",
    "relations",
    "same",
]

_MAPS = ("translations", "attributes")


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data: models as dicts (defaults left out), tuples as lists."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def same(a: BaseModel, b: BaseModel) -> bool:
    """Whether two models are equal (as ``==``, without pydantic's slower general path).

    The models of skillgraph are frozen, forbid extra fields and hold no private state,
    so equal field values (and class) is equality.
    """
    return a is b or (type(a) is type(b) and a.__dict__ == b.__dict__)


def differences(a: BaseModel, b: BaseModel) -> list[tuple[str, Any, Any]]:
    """The fields in which ``a`` and ``b`` differ: ``(field, value in a, value in b)``.

    Fields are in model order; mapping fields are split into ``field.key`` entries (sorted
    by key; None for a missing key). Models of different classes differ in ``type`` first.
    """
    out: list[tuple[str, Any, Any]] = []
    if type(a) is not type(b):
        out.append(("type", type(a).__name__, type(b).__name__))
    names = list(type(a).model_fields)
    names += [n for n in type(b).model_fields if n not in names]
    for name in names:
        va, vb = getattr(a, name, None), getattr(b, name, None)
        if va == vb:
            continue
        if name in _MAPS and isinstance(va, Mapping) and isinstance(vb, Mapping):
            for key in sorted(set(va) | set(vb)):
                ka, kb = va.get(key), vb.get(key)
                if ka != kb:
                    out.append((f"{name}.{key}", jsonable(ka), jsonable(kb)))
        else:
            out.append((name, jsonable(va), jsonable(vb)))
    return out


def refs(value: Any, name: str) -> list[str]:
    """``value`` as a list of references (ids or labels) for argument ``name``.

    A single string (or node) is one reference; None is none; nodes stand for their ids.

    Raises:
        InvalidValueError: ``value`` is neither None, a string nor an iterable of strings.
    """
    from ..model import Node

    if value is None:
        return []
    if isinstance(value, str | Node):
        value = [value]
    try:
        items = list(value)
    except TypeError:
        raise InvalidValueError(
            f"{name} must be a string or an iterable of strings, got {type(value).__name__}",
            field=name,
        ) from None
    out: list[str] = []
    for item in items:
        if isinstance(item, Node):
            item = item.id
        if not isinstance(item, str) or not item.strip():
            raise InvalidValueError(
                f"{name} must hold non-empty strings (ids or labels), got {item!r}", field=name
            )
        out.append(item)
    return out


def check_graphs(**graphs: object) -> None:
    """Check that every keyword argument is a SkillGraph.

    Raises:
        InvalidValueError: one is not, naming the argument.
    """
    from ..graph import SkillGraph

    for arg, value in graphs.items():
        if not isinstance(value, SkillGraph):
            raise InvalidValueError(
                f"{arg} must be a SkillGraph, got {type(value).__name__}", field=arg
            )


def check_names(names: object) -> tuple[str, str]:
    """``names`` (what a report calls the two graphs) as a pair of strings.

    Raises:
        InvalidValueError: it is not two strings.
    """
    if (
        not isinstance(names, tuple | list)
        or len(names) != 2
        or not all(isinstance(n, str) for n in names)
    ):
        raise InvalidValueError(f"names must be two strings, got {names!r}", field="names")
    return names[0], names[1]


def relations(g: SkillGraph) -> Iterator[tuple[RelationKind, str, str, Any]]:
    """Every relation of ``g`` as (kind, source, target, its `RELATION_ATTRIBUTE` or None).

    ``broader``: narrower -> broader; ``related``: skill -> related (the flag
    ``essential``); ``prerequisite``: prerequisite -> skill; ``progression``: role -> next
    role; ``teaches``: learning resource -> skill (the ``proficiency`` reached, or None);
    ``resource_requires``: learning resource -> a skill it requires first.
    """
    for node_id, node in g.nodes.items():
        if node.node_type in (NodeType.SKILL, NodeType.GROUP):
            for up in g.broader_of(node_id):
                yield "broader", node_id, up, None
    for edge in g.iter_related():
        yield "related", edge.skill, edge.related, edge.essential
    for skill in g.skills:
        for pre in g.prerequisites_of(skill):
            yield "prerequisite", pre, skill, None
    for role in g.roles:
        for target in g.progressions_from(role):
            yield "progression", role, target, None
    for taught in g.iter_teaching():
        yield "teaches", taught.resource, taught.skill, taught.proficiency
    for need in g.iter_resource_prerequisites():
        yield "resource_requires", need.resource, need.skill, None
