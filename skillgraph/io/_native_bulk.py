"""The native reader's bulk sections: nodes, requirements, broader and related links checked
in bulk.

A canonical entry (a node of plain fields; a requirement of plain ids, a bool, a number in
[0, 1]; a link of two ids and its flag) is checked here and built without pydantic
(`skillgraph._trusted.plain_node`, `construct_rows`) or added through the store's bulk
paths (``add_requirement_columns``, ``add_broader_many``); anything else is validated by
its pydantic model, which names the field in error, so errors read as the model's would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple, cast

from pydantic import ValidationError

from .._store import store_of
from .._trusted import construct_rows, plain_node
from ..errors import DuplicateIdError, FormatError, SkillGraphError
from ..graph import SkillGraph
from ..model import (
    Broader,
    Cluster,
    Edge,
    Industry,
    Node,
    NodeType,
    Related,
    Requirement,
    ReuseLevel,
    Role,
    Skill,
    SkillGroup,
    SkillKind,
)
from ._build import requirement, valid_id
from ._utf8 import path

__all__ = [
    "NODE_SECTIONS",
    "Checked",
    "Columns",
    "Row",
    "add_broader",
    "add_requirements",
    "check_broader",
    "check_nodes",
    "check_related",
    "check_requirements",
    "duplicate_reason",
    "format_error",
    "requirement_columns",
]

Row = tuple[str, str, bool, float]


def duplicate_reason(doc: Any, item: Any, exc: SkillGraphError) -> str:
    """The reason for refusing node ``item`` of a file: for an id the file already declares
    (a `DuplicateIdError`), where, and what to do in the file; else ``exc``'s message."""
    if not isinstance(exc, DuplicateIdError):
        return str(exc)
    for section in NODE_SECTIONS:
        for index, node in enumerate(getattr(doc, section, ())):
            if node.id == item.id:
                return (
                    f"{type(item).__name__} {item.id!r}: field 'id': declared twice in the file "
                    f"(first as {section}[{index}]); keep one entry (ids are unique across "
                    "all node types; `skillgraph merge A B OUT` combines two graphs)"
                )
    return str(exc)


class Columns(NamedTuple):
    """Checked canonical requirements as columns of one length (importances as floats)."""

    role: Sequence[str]
    skill: Sequence[str]
    essential: Sequence[bool]
    importance: Sequence[float]


#: the ``requires`` entries as checked: columns when every one is canonical, else rows
#: (canonical entries) and models (the others) in document order
Checked = Columns | list[Row | Requirement]


def format_error(exc: ValidationError, at: tuple[Any, ...], name: str) -> FormatError:
    err = exc.errors(include_url=False)[0]
    loc = path((*at, *err["loc"]))
    msg = str(err["msg"]).removeprefix("Value error, ")
    got = f" (got {err['input']!r:.80})" if err["type"] != "missing" else ""
    return FormatError(f"{msg}{got}", source=name, column=loc)


#: the node sections checked here, in document order, and their model classes
NODE_SECTIONS: dict[str, type[Node]] = {
    "industries": Industry,
    "clusters": Cluster,
    "skill_groups": SkillGroup,
    "skills": Skill,
    "roles": Role,
}
_TUPLES = frozenset({"alt_labels", "hidden_labels", "tags", "industries"})
_ENUMS: dict[str, dict[str, Any]] = {
    "kind": {k.value: k for k in SkillKind},
    "reuse": {r.value: r for r in ReuseLevel},
}


def _node_fields(cls: type[Node], row: Any) -> dict[str, Any] | None:
    """A node entry's fields as the model keeps them (tuples, enum members), or None when
    the entry is not plain JSON of that shape (translations are left to the model)."""
    if type(row) is not dict:
        return None
    fields: dict[str, Any] = {}
    for key, value in row.items():
        if key in _TUPLES:
            if type(value) is not list:
                return None
            value = tuple(value)
        elif key in _ENUMS and cls is Skill:
            if value is not None:
                if type(value) is not str or value not in _ENUMS[key]:
                    return None
                value = _ENUMS[key][value]
        elif key == "translations":
            return None
        fields[key] = value
    return fields


def check_nodes(section: str, rows: list[Any], name: str) -> list[Node]:
    """The entries of node section ``section``, as nodes.

    Plain entries are built directly; any other is validated by its model.

    Raises:
        FormatError: an entry is invalid (with its path, e.g. ``skills[3].label``).
    """
    cls = NODE_SECTIONS[section]
    out: list[Node] = []
    for i, row in enumerate(rows):
        fields = _node_fields(cls, row)
        node = plain_node(cls, fields) if fields is not None else None
        if node is None:
            try:
                node = cls.model_validate(row)
            except ValidationError as exc:
                raise format_error(exc, (section, i), name) from None
        out.append(node)
    return out


def check_requirements(rows: list[Any] | Columns, name: str) -> Checked:
    """The ``requires`` entries, checked: as columns when all are canonical, else plain
    ones as rows and the others as models.

    A canonical entry (ids, a bool, a number in [0, 1]) is checked here, its ids all at
    once; anything else is validated by the `Requirement` model, which names the field in
    error.

    Raises:
        FormatError: an entry is invalid (with its path, e.g. ``requires[12].importance``).
    """
    if isinstance(rows, Columns):  # checked as the document was parsed: `requirement_columns`
        return rows
    fast = requirement_columns([rows])
    if fast is not None:
        return fast
    found_rows = [_plain(row) for row in rows]
    plain = [r for r in found_rows if r is not None]
    if not all(r[0] and r[1] for r in plain) or _SPACE.search("".join(r[0] + r[1] for r in plain)):
        found_rows = [
            r if r is not None and valid_id(r[0]) and valid_id(r[1]) else None for r in found_rows
        ]
    out: list[Row | Requirement | None] = list(found_rows)
    for i, found in enumerate(out):
        if found is None:
            try:
                out[i] = Requirement.model_validate(rows[i])
            except ValidationError as exc:
                raise format_error(exc, ("requires", i), name) from None
    return cast(list[Row | Requirement], out)


def check_broader(rows: list[Any], name: str) -> list[tuple[str, str]]:
    """The ``broader`` entries as checked (narrower, broader) pairs.

    Canonical entries (two different ids) are checked here, the others by the `Broader`
    model.

    Raises:
        FormatError: an entry is invalid (with its path, e.g. ``broader[3].broader``).
    """
    out = _checked_edges(rows, "broader", Broader, ("narrower", "broader", None), name)
    return [p if isinstance(p, tuple) else p.ends for p in out]


def check_related(rows: list[Any], name: str) -> list[Related]:
    """The ``related`` entries as models: canonical ones (two different ids and a flag)
    checked here and built without pydantic, the others by the `Related` model.

    Raises:
        FormatError: an entry is invalid (with its path, e.g. ``related[3].related``).
    """
    out = _checked_edges(rows, "related", Related, _RELATED, name)
    made = iter(construct_rows(Related, _RELATED, [p for p in out if isinstance(p, tuple)]))
    return [next(made) if isinstance(p, tuple) else cast(Related, p) for p in out]


def _checked_edges(
    rows: list[Any],
    section: str,
    model: type[Edge],
    fields: tuple[str, str, str | None],
    name: str,
) -> list[tuple[Any, ...] | Edge]:
    """The entries of edge section ``section``: a canonical one (exactly the fields
    ``fields``, two different ids and a bool flag unless None) as the tuple of their
    values, its ids checked all at once; any other validated by ``model``.

    Raises:
        FormatError: an entry is invalid (with its path, e.g. ``broader[3].broader``).
    """
    a, b, flag = fields
    keys = frozenset((a, b) if flag is None else (a, b, flag))
    found: list[tuple[Any, ...] | Edge | None] = [
        ((row[a], row[b]) if flag is None else (row[a], row[b], row[flag]))
        if type(row) is dict
        and row.keys() == keys
        and type(row[a]) is str
        and type(row[b]) is str
        and row[a] != row[b]
        and (flag is None or type(row[flag]) is bool)
        else None
        for row in rows
    ]
    plain = cast(list[tuple[str, ...]], [p for p in found if p is not None])
    if not all(p[0] and p[1] for p in plain) or _SPACE.search("".join(p[0] + p[1] for p in plain)):
        found = [
            p if isinstance(p, tuple) and valid_id(p[0]) and valid_id(p[1]) else None for p in found
        ]
    for i, p in enumerate(found):
        if p is None:
            try:
                found[i] = model.model_validate(rows[i])
            except ValidationError as exc:
                raise format_error(exc, (section, i), name) from None
    return cast(list[tuple[Any, ...] | Edge], found)


_RELATED: tuple[str, str, str] = ("skill", "related", "essential")


def requirement_columns(pieces: Iterable[Any]) -> Columns | None:
    """The columns of ``requires`` read in pieces (lists of entries, see
    `skillgraph.io._json.parse_members`; or the whole list as one) when there are entries
    and every one holds exactly the four canonical keys with plain values and valid ids
    (checked column by column, each id once a piece), else None.

    Every importance kept is in [0, 1], so none is infinite; an id named by many entries
    is kept as one string.
    """
    roles: list[str] = []
    skills: list[str] = []
    essential: list[bool] = []
    importance: list[float] = []
    same: dict[str, str] = {}
    one = same.setdefault
    for rows in pieces:
        if type(rows) is not list or not rows or set(map(type, rows)) - {dict}:
            return None
        if set(map(len, rows)) - {4}:
            return None
        try:
            found = _canonical(*(list(map(get, rows)) for get in _CANONICAL))
        except KeyError:
            return None
        if found is None:
            return None
        roles += map(one, found.role, found.role)
        skills += map(one, found.skill, found.skill)
        essential += found.essential
        importance += found.importance
    return Columns(roles, skills, essential, importance) if roles else None


def _canonical(
    roles: list[Any], skills: list[Any], essential: list[Any], importance: list[Any]
) -> Columns | None:
    """The columns of canonical entries when every value is plain and every id valid."""
    numbers = set(map(type, importance))
    if (
        set(map(type, roles)) - {str}
        or set(map(type, skills)) - {str}
        or set(map(type, essential)) - {bool}
        or not numbers <= {float, int}
        or not _in_unit_range(importance)
    ):
        return None
    ids = set(roles)
    ids.update(skills)
    if "" in ids or _SPACE.search("".join(ids)):
        return None
    if int in numbers:
        importance = list(map(float, importance))
    return Columns(roles, skills, essential, importance)


_CANONICAL = tuple(map(itemgetter, ("role", "skill", "essential", "importance")))


def _in_unit_range(values: Sequence[float]) -> bool:
    """Every value (a non-empty sequence of numbers) is in [0, 1]; a NaN is not."""
    try:
        total = sum(values)
    except OverflowError:  # an integer too large for a float among floats
        return False
    if total != total:  # a NaN among them: min and max would not see it
        return False
    return min(values) >= 0.0 and max(values) <= 1.0


def _plain(row: Any) -> Row | None:
    """(role, skill, essential, importance) of a canonical requirement entry (ids not checked
    yet), else None."""
    if type(row) is not dict or not row.keys() <= _PLAIN_KEYS:
        return None
    role, skill = row.get("role"), row.get("skill")
    essential, importance = row.get("essential", True), row.get("importance", 1.0)
    if (
        type(role) is not str
        or type(skill) is not str
        or type(essential) is not bool
        or type(importance) not in _NUMBER
        or not 0.0 <= importance <= 1.0  # NaN fails too
    ):
        return None
    return role, skill, essential, float(importance)


_PLAIN_KEYS = frozenset({"role", "skill", "essential", "importance"})
_NUMBER = (float, int)
_SPACE = re.compile(r"\s")


def add_requirements(g: SkillGraph, reqs: Checked, name: str) -> None:
    """Add checked requirements in order: columns or runs of plain rows in bulk, the others
    one by one.

    Raises:
        FormatError: an end is missing or of another type, naming the list entry.
    """
    store = store_of(g)
    if isinstance(reqs, Columns):
        roles, skills = store.of_type(NodeType.ROLE), store.of_type(NodeType.SKILL)
        if all(map(roles.__contains__, set(reqs.role))) and all(
            map(skills.__contains__, set(reqs.skill))
        ):  # the end check of `first_bad_end`, each id once
            store.add_requirement_columns(reqs)
            return
        reqs = list(zip(*reqs, strict=True))  # the entry by entry path names the bad end
    at = 0
    while at < len(reqs):
        end = at
        while end < len(reqs) and isinstance(reqs[end], tuple):
            end += 1
        batch = cast(list[Row], reqs[at:end])
        bad = store.first_bad_end(batch)
        store.add_requirement_columns(_columns(batch if bad < 0 else batch[:bad]))
        if bad < 0 and end == len(reqs):
            return
        at = end if bad < 0 else at + bad
        req = reqs[at]
        try:
            store.add_requirement(req if isinstance(req, Requirement) else requirement(*req))
        except SkillGraphError as exc:
            raise FormatError(str(exc), source=name, column=f"requires[{at}]") from None
        at += 1


def _columns(rows: list[Row]) -> Columns:
    return Columns(*(zip(*rows, strict=True) if rows else ((), (), (), ())))


def add_broader(g: SkillGraph, pairs: Sequence[tuple[str, str]], name: str) -> None:
    """Add checked (narrower, broader) pairs with one cycle check.

    Raises:
        FormatError: an end is missing or of another type, or a link closes a cycle,
            naming the first such list entry.
    """
    store = store_of(g)
    ends = (NodeType.SKILL, NodeType.GROUP)
    bad = store.first_bad_end(pairs, ends, ends)
    todo = pairs if bad < 0 else pairs[:bad]

    def make(a: str, b: str) -> Broader:
        return Broader(narrower=a, broader=b)

    try:
        store.add_broader_many(todo, make)
        if bad >= 0:
            store.add_broader(make(*pairs[bad]))
    except SkillGraphError as exc:
        at = bad
        for i, (a, b) in enumerate(todo):  # the one-at-a-time pass stopped at the culprit
            if b not in store.broader_of(a):
                at = i
                break
        raise FormatError(str(exc), source=name, column=f"broader[{at}]") from None
