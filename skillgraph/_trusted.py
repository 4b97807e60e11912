"""Models built without pydantic's validation, for readers' hot paths (part of the model layer:
the readers, the cache and the release reports all build models here).

Validating 30,000 nodes or 120,000 requirements through pydantic costs seconds; readers of
large inputs check the usual values themselves and build models with `construct`, which
fills defaults and sets the same internal state as validation does. Models built this way
compare equal to validated ones; like them, their ``attributes`` and ``translations`` are
read-only mappings (`read_only`). `paused_gc` (from `skillgraph._gc`) keeps the cyclic
collector out of such bulk work.

`trusted_node` is the safe door for nodes: it checks every field of a node the way the
model's validators would (exact types, ids, labels, language tags, references), builds the
node with `construct` when all are plain, and otherwise hands the fields to the model,
so an unusual or invalid value is converted, or refused with the model's own message.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from ._gc import paused_gc
from ._kinds import ID_SPACE as _SPACE
from ._kinds import valid_id
from ._lang import canonical_language, is_language
from .model import (
    READ_ONLY,
    ROLE_LEVELS,
    Cluster,
    Industry,
    Node,
    ReuseLevel,
    Role,
    Skill,
    SkillGroup,
    SkillKind,
    Translation,
    read_only,
)

__all__ = ["construct", "construct_rows", "paused_gc", "plain_node", "trusted_node", "valid_id"]

M = TypeVar("M", bound=BaseModel)
N = TypeVar("N", bound=Node)

_new = object.__new__
_set = object.__setattr__
#: per model class: every field with its plain default (None where required or made by a
#: factory), default factories, read-only mapping fields
_Defaults = tuple[dict[str, Any], tuple[tuple[str, Any], ...], tuple[str, ...]]
_DEFAULTS: dict[type[BaseModel], _Defaults] = {}
#: per model class: the plain defaults with the value of each factory that returns one
#: shared object (the empty read-only map), and the factories that make a new value a call
#: (and the read-only mapping fields)
_FILLED: dict[type[BaseModel], _Defaults] = {}


def _defaults(cls: type[BaseModel]) -> _Defaults:
    found = _DEFAULTS.get(cls)
    if found is None:
        plain: dict[str, Any] = {}
        factories: list[tuple[str, Any]] = []
        maps: list[str] = []
        for name, field in cls.model_fields.items():
            # every field has its key, in declared order, so that ``fields`` fill them in place
            # (repr, model_dump and iteration then list them as a validated model does)
            made = field.is_required() or field.default_factory is not None
            plain[name] = None if made else field.default
            if field.default_factory is not None:
                factories.append((name, field.default_factory))
            if any(m is READ_ONLY for m in field.metadata):
                maps.append(name)
        found = (plain, tuple(factories), tuple(maps))
        _DEFAULTS[cls] = found
        filled = dict(plain)
        fresh: list[tuple[str, Any]] = []
        for name, factory in factories:
            value = factory()
            if value is factory():  # one shared value: made once
                filled[name] = value
            else:
                fresh.append((name, factory))
        _FILLED[cls] = (filled, tuple(fresh), found[2])
    return found


def construct(cls: type[M], fields: dict[str, Any]) -> M:
    """An instance of ``cls`` holding ``fields`` (plus defaults), without validation.

    The caller guarantees the values are valid for ``cls`` (types, ranges, non-empty ids);
    ``fields`` must name only fields of ``cls`` and must not be reused afterwards.
    """
    filled_found = _FILLED.get(cls)
    if filled_found is None:
        _defaults(cls)
        filled_found = _FILLED[cls]
    filled, fresh, maps = filled_found
    data = filled.copy()
    for name, factory in fresh:
        if name not in fields:
            data[name] = factory()
    data.update(fields)
    for name in maps:
        if name in fields:
            data[name] = read_only(data[name])
    return _instance(cls, data, set(fields))


def _instance(cls: type[M], data: dict[str, Any], given: set[str]) -> M:
    """An instance of ``cls`` whose field values are ``data`` and set fields ``given``."""
    obj = _new(cls)
    _set(obj, "__dict__", data)
    _set(obj, "__pydantic_fields_set__", given)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def construct_rows(cls: type[M], keys: tuple[str, ...], rows: Iterable[Sequence[Any]]) -> list[M]:
    """`construct` of ``cls`` from each row of values of the fields ``keys`` (same contract).

    When ``keys`` are every field of ``cls`` in declared order and none is a read-only
    mapping (the items of a result, mostly), an instance is one dict made from its row.
    """
    found = _DEFAULTS.get(cls)
    plain, _, maps = found if found is not None else _defaults(cls)
    if keys != tuple(plain) or maps:
        return [construct(cls, dict(zip(keys, row, strict=True))) for row in rows]
    given = set(keys)
    return [_instance(cls, dict(zip(keys, row, strict=True)), given.copy()) for row in rows]


_ATTRIBUTE_TYPES = (str, int, float, bool)
_COMMON = frozenset(Node.model_fields)
#: per class, the fields `trusted_node` checks beyond the common ones (others: validated)
_OWN: dict[type[Node], frozenset[str]] = {
    Skill: frozenset({"kind", "reuse", "tags"}),
    SkillGroup: frozenset({"code"}),
    Industry: frozenset({"code"}),
    Cluster: frozenset({"broader", "code"}),
    Role: frozenset({"cluster", "industries", "level", "code"}),
}
_KNOWN = {cls: _COMMON | own for cls, own in _OWN.items()}


def _texts(value: Any) -> bool:
    return type(value) is tuple and (not value or set(map(type, value)) == _STR)


_STR = {str}


def _translations(value: Any) -> bool:
    if type(value) is not dict:
        return False
    for tag, tr in value.items():
        if type(tr) is not Translation or not is_language(tag) or canonical_language(tag) != tag:
            return False
    return True


def _attributes(value: Any) -> bool:
    if type(value) is not dict:
        return False
    for name, item in value.items():
        t = type(item)
        if type(name) is not str or t not in _ATTRIBUTE_TYPES:
            return False
        if t is float and not math.isfinite(item):
            return False
    return True


_TUPLES = ("alt_labels", "hidden_labels", "tags", "industries")
_OPTIONAL_IDS = ("cluster", "broader")


def _plain(cls: type[Node], fields: Mapping[str, Any]) -> bool:
    """Whether every field is as the model would keep it (see `trusted_node`)."""
    get = fields.get
    node_id = get("id")
    label = get("label")
    if (
        type(node_id) is not str
        or not node_id
        or _SPACE.search(node_id) is not None
        or type(label) is not str
        or not label.strip()
    ):
        return False
    for name in _TUPLES:
        if name in fields and not _texts(fields[name]):
            return False
    if "description" in fields and type(fields["description"]) is not str:
        return False
    code = get("code")
    if code is not None and type(code) is not str:
        return False
    for name in _OPTIONAL_IDS:
        value = get(name)
        if value is not None and not valid_id(value):
            return False
    if "translations" in fields and not _translations(fields["translations"]):
        return False
    if "attributes" in fields and not _attributes(fields["attributes"]):
        return False
    if cls is Skill:
        reuse = get("reuse")
        return type(get("kind", SkillKind.SKILL)) is SkillKind and (
            reuse is None or type(reuse) is ReuseLevel
        )
    if cls is Role:
        level = get("level")
        industries = get("industries", ())
        return (
            (level is None or (type(level) is int and ROLE_LEVELS[0] <= level <= ROLE_LEVELS[1]))
            and len(set(industries)) == len(industries)
            and all(valid_id(i) for i in industries)
        )
    return cls is not Cluster or get("broader") != node_id


#: per class: every default (the read-only maps' shared empty one included)
_ALL_DEFAULTS: dict[type[Node], dict[str, Any]] = {}


def _node_defaults(cls: type[Node]) -> dict[str, Any]:
    plain, factories, _ = _defaults(cls)
    found = dict(plain)
    for name, factory in factories:
        found[name] = factory()  # the shared, immutable empty map
    _ALL_DEFAULTS[cls] = found
    return found


def trusted_node(cls: type[N], fields: dict[str, Any]) -> N:
    """The node of class ``cls`` with ``fields``: built directly when every field is plain.

    Plain: exactly the type the model keeps (``str``, tuples of ``str``, the enum members,
    `Translation` models, finite attribute values, ``dict`` maps), a valid id and label,
    language tags in their conventional case, valid and distinct references. Anything else
    goes through the model's validation, so the node is equal to ``cls(**fields)``, and an
    invalid field is refused with the same error. ``fields`` must not be reused afterwards.

    Raises:
        InvalidValueError: a field is invalid (the model's error).
    """
    found = plain_node(cls, fields)
    return found if found is not None else cls(**fields)


def plain_node(cls: type[N], fields: dict[str, Any]) -> N | None:
    """The node `trusted_node` builds directly, or None when a field is not plain."""
    known = _KNOWN.get(cls)
    if known is None or not fields.keys() <= known or not _plain(cls, fields):
        return None
    defaults = _ALL_DEFAULTS.get(cls)
    data = (defaults if defaults is not None else _node_defaults(cls)).copy()
    data.update(fields)
    for name in _MAPS:
        value = fields.get(name)
        if value is not None:
            data[name] = read_only(value)
    names = frozenset(fields)
    shared = _FIELDS_SETS.get(names)
    if shared is None:
        shared = _FIELDS_SETS[names] = set(names)
    return _instance(cls, data, shared)


#: the fields-sets of the nodes built, shared (as `skillgraph._requirements.requirement`
#: does: frozen models never change theirs in place): one set a node would cost memory
#: and the garbage collector's time; bounded by the sets of a model's field names
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
_MAPS = ("translations", "attributes")
