"""Argument checks and locking of `SkillGraph`'s public methods (the entry-point guard).

Every public method checks its arguments (InvalidValueError naming the argument:
misuse never escapes as TypeError or AttributeError) and runs under the graph's lock:
mutations and the queries that iterate the graph's dictionaries never overlap, so threads
may query a graph while another one changes it. The lock is re-entrant (analyses call
back into the graph) and is the one that guards the derived-index cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ._store import store_of
from .errors import InvalidValueError
from .model import Edge, Node, NodeType

if TYPE_CHECKING:
    from .graph import SkillGraph

__all__ = ["guard"]

T = TypeVar("T")


def _ref(name: str, value: Any) -> None:
    if isinstance(value, Node):
        return
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            f"{name} must be a node id, label or node (a non-empty string or a Node), "
            f"got {_shown(value)}",
            field=name,
        )


def _refs(name: str, value: Any) -> None:
    if isinstance(value, str | Node):
        _ref(name, value)
        return
    if isinstance(value, bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"{name} must be an iterable of node ids, labels or nodes, got {_shown(value)}",
            field=name,
        )


def _opt_refs(name: str, value: Any) -> None:
    if value is not None:
        _refs(name, value)


def _text_arg(name: str, value: Any) -> None:
    from ._validate import check_str

    check_str(name, value)


def _kind_arg(name: str, value: Any) -> None:
    if value is not None and not isinstance(value, str | NodeType):
        raise InvalidValueError(
            f"{name} must be a node type name or NodeType, got {_shown(value)}", field=name
        )


def _count(name: str, value: Any) -> None:
    from ._validate import check_int

    check_int(name, value, minimum=0 if name == "k" else 1)  # k=0 asks for nothing


def _whole(name: str, value: Any) -> None:
    from ._validate import check_int

    check_int(name, value)


def _flag(name: str, value: Any) -> None:
    from ._validate import check_bool

    check_bool(name, value)


def _str_map(name: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidValueError(
            f"{name} must be a mapping of strings to strings, got {_shown(value)}", field=name
        )


def _item(name: str, value: Any) -> None:
    if not isinstance(value, Node | Edge):  # every edge model derives from Edge
        raise InvalidValueError(
            f"{name} must be a node (Skill, Role, ...) or an edge (Requirement, ...), "
            f"got {_shown(value)}",
            field=name,
        )


def _items(name: str, value: Any) -> None:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"{name} must be an iterable of nodes and edges, got {_shown(value)}", field=name
        )


def _shown(value: Any) -> str:
    from ._validate import shown

    return shown(value)


_Check = Callable[[str, Any], None]
_ARGUMENTS: dict[str, dict[str, _Check]] = {
    "__init__": {"language": _text_arg, "metadata": _str_map, "prefixes": _str_map},
    "add": {"item": _item, "replace": _flag},
    "add_all": {"items": _items},
    "require": {"role": _text_arg, "skill": _text_arg, "essential": _flag},
    "add_broader": {"narrower": _text_arg, "broader": _text_arg},
    "relate": {"skill": _text_arg, "related": _text_arg, "essential": _flag},
    "add_prerequisite": {"prerequisite": _text_arg, "skill": _text_arg},
    "add_progression": {"source": _text_arg, "target": _text_arg},
    "add_extra_triple": {},  # checks its terms itself (field "extra_triples")
    "remove": {"node_id": _text_arg},
    "node_type": {"node_id": _text_arg},
    "find": {"text": _text_arg, "kind": _kind_arg},
    "resolve": {"ref": _ref, "kind": _kind_arg},
    "gap": {"role": _ref, "have": _refs},
    "similar_roles": {"role": _ref, "k": _count},
    "adjacent_skills": {"skills": _refs, "k": _count},
    "skill_path": {"source": _ref, "target": _ref},
    "explain_skill_path": {"source": _ref, "target": _ref},
    "learning_plan": {"skills": _refs, "have": _refs},
    "upskill": {
        "role": _ref,
        "have": _opt_refs,
        "k": _count,
        "max_steps": _count,
        "lateral": _flag,
    },
    "reskill": {"role": _ref, "target": _ref, "have": _opt_refs, "max_steps": _count},
    "classify": {"source": _ref, "target": _ref, "have": _opt_refs},
    "viable_move": {"source": _ref, "target": _ref},
    "detect_clusters": {"seed": _whole, "assign": _flag, "method": _text_arg},
    "roles_in_cluster": {"cluster": _text_arg, "narrower": _flag},
    "requirements": {"role": _text_arg},
    "teaching": {"resource": _ref},
    "resource_prerequisites": {"resource": _ref},
    "roles_requiring": {"skill": _text_arg},
    "to_networkx": {},
    "to_rdf": {},
    "copy": {},
    "diff": {},
}


def _guarded(fn: Callable[..., T], checks: Mapping[str, _Check], lock: bool) -> Callable[..., T]:
    import functools
    import inspect

    sig = inspect.signature(fn)
    name = fn.__name__

    @functools.wraps(fn)
    def wrapper(self: SkillGraph, *args: Any, **kwargs: Any) -> T:
        try:
            bound = sig.bind(self, *args, **kwargs)
        except TypeError as exc:
            raise InvalidValueError(f"SkillGraph.{name}(): {exc}", field=name) from None
        given = bound.arguments
        for arg, check in checks.items():
            if arg in given:
                check(arg, given[arg])
        if not lock:
            return fn(self, *args, **kwargs)
        with store_of(self).lock:
            return fn(self, *args, **kwargs)

    return wrapper


def guard(cls: type[SkillGraph]) -> None:
    """Wrap the public methods of ``cls`` in their argument checks and the graph's lock."""
    for name, checks in _ARGUMENTS.items():
        setattr(cls, name, _guarded(getattr(cls, name), checks, lock=name != "__init__"))
