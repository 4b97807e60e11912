"""The requirement table of the store: role-requires-skill edges as columns, models on demand.

Private to the store (``skillgraph._store``). A requirement is one row of four columns
(role and skill as positions into a table of ids, essential flag, importance); the rare
level, source and scale live in a sparse map by row. The role -> skill and skill -> role
maps (id -> id -> row) are built from the columns when first read and kept in step after,
so a graph loaded from a snapshot pays for them only if asked. `Requirement` models are
made when a read asks for one (`RequirementTable.model`): a row costs 17 bytes instead of a
model's ~500.

Rows are only appended; a replaced or removed requirement's row is marked dead (role -1).
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress, groupby, repeat
from operator import add, itemgetter, mul, not_
from typing import Any, cast

from ._relations import View
from .model import EMPTY_MAP, Requirement

__all__ = [
    "RequirementColumns",
    "RequirementList",
    "RequirementTable",
    "RowColumns",
    "Split",
    "ValueRow",
    "requirement",
]

_new = object.__new__
_set = object.__setattr__
#: the fields-set of every requirement built by `requirement`, shared: frozen models never
#: change it in place (pydantic copies it in ``model_copy``); one set per edge would cost
#: about 40 MB for ESCO's 130,000 requirements
_PLAIN_FIELDS = {"role", "skill", "essential", "importance"}
_DEAD = -1
#: level, source and scale of a row that has any of them
Extra = tuple[float | None, str | None, str | None]
Row = tuple[str, str, bool, float]
#: rows as columns of one length: roles, skills, essential flags, importances
RowColumns = tuple[Sequence[str], Sequence[str], Sequence[bool], Sequence[float]]
#: one requirement as plain values: (role, skill, essential, importance, extra or None)
ValueRow = tuple[str, str, bool, float, Extra | None]
#: the requirements of one role, essential or not, at one importance: (role, skills, ., .)
RequirementList = tuple[str, Sequence[str], bool, float]
#: one requirement of a known role, as plain values: (skill, essential, importance, extra)
Values = tuple[str, bool, float, Extra | None]
#: the requirements of one role, for writers: (essential skills, optional skills, `Values` of
#: those whose importance is not the plain one or that have an extra), each unsorted
Split = tuple[list[str], list[str], list[Values]]


def requirement(
    role: str, skill: str, essential: bool, importance: float, extra: Extra | None = None
) -> Requirement:
    """A requirement with checked values, built without validation (importers' hot path).

    The caller guarantees valid ids and an ``importance`` (a float) in [0, 1]; ``extra`` is
    (level, source, scale), all None when not given.
    """
    level, source, scale = extra if extra is not None else (None, None, None)
    req = _new(Requirement)
    _set(
        req,
        "__dict__",
        {
            "role": role,
            "skill": skill,
            "essential": essential,
            "importance": importance,
            "level": level,
            "source": source,
            "scale": scale,
        },
    )
    fields: Any = _PLAIN_FIELDS
    if extra is not None:
        fields = set(_PLAIN_FIELDS)
        fields.update(
            k for k, v in zip(("level", "source", "scale"), extra, strict=True) if v is not None
        )
    _set(req, "__pydantic_fields_set__", fields)
    _set(req, "__pydantic_extra__", None)
    _set(req, "__pydantic_private__", None)
    return req


@dataclass
class RequirementColumns:
    """The live requirements as columns, in row order (what a snapshot stores).

    ``role`` and ``skill`` are positions into ``names``; ``extra`` maps a position in these
    columns to (level, source, scale). Arrays are ``array.array`` (``i``, ``i``, ``b``,
    ``d``), readable by ``numpy.frombuffer`` without a copy.
    """

    names: list[str]
    role: array[int]
    skill: array[int]
    essential: array[int]
    importance: array[float]
    extra: dict[int, Extra]


class RequirementTable:
    """Requirement rows (columns), their role/skill maps (built lazily), models on demand."""

    __slots__ = (
        "_indexed",
        "_into",
        "_lock",
        "_out",
        "_shared",
        "dead",
        "essential",
        "extra",
        "importance",
        "names",
        "pos",
        "role",
        "skill",
    )

    def __init__(self) -> None:
        self.names: list[str] = []
        self.pos: dict[str, int] = {}
        self.role: array[int] = array("i")
        self.skill: array[int] = array("i")
        self.essential: array[int] = array("b")
        self.importance: array[float] = array("d")
        self.extra: dict[int, Extra] = {}
        self.dead = 0
        self._out: dict[str, dict[str, int]] = {}
        self._into: dict[str, dict[str, int]] = {}
        self._indexed = 0  # rows below this are in the maps
        #: a live view of the maps was handed out (`of_role`, `of_skill`, `roles`): new rows
        #: must join the maps at once; until then they wait for the next read (bulk loads)
        self._shared = False
        #: reads index the rows appended since the maps were built: one thread at a time
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ writing
    def _name(self, node_id: str) -> int:
        found = self.pos.get(node_id)
        if found is None:
            found = self.pos[node_id] = len(self.names)
            self.names.append(node_id)
        return found

    def _append(self, role: str, skill: str, essential: bool, importance: float) -> None:
        self.role.append(self._name(role))
        self.skill.append(self._name(skill))
        self.essential.append(essential)
        self.importance.append(importance)

    def add(self, req: Requirement) -> None:
        """Add (or replace) the requirement ``req``."""
        self.add_many((req,))

    def add_many(self, reqs: Iterable[Requirement]) -> None:
        """`add` for each of ``reqs``: the rows first, then one `sync` (a later
        requirement of the same role and skill replaces an earlier one). Once the maps are
        built the rows join them now, so the views already handed out stay live; before (a
        bulk load), on the next read."""
        indexed = self._shared and self._indexed == len(self.role)
        extra = self.extra
        for req in reqs:
            found = (req.level, req.source, req.scale)
            if found != (None, None, None):
                extra[len(self.role)] = found  # the row `_append` is about to make
            self._append(req.role, req.skill, req.essential, req.importance)
        if indexed:  # keep the views handed out live (see `add_many`)
            self.sync()

    def add_values(self, rows: Sequence[ValueRow]) -> None:
        """`add_many` given each requirement as (role, skill, essential, importance,
        extra) values: the same rows, ids named in the same order, without a model each."""
        start = len(self.role)
        extra = self.extra
        for i, row in enumerate(rows):
            found = row[4]
            if found is not None and found != (None, None, None):
                extra[start + i] = found
        roles, skills, essential, importance = (tuple(map(itemgetter(k), rows)) for k in range(4))
        self.add_columns((roles, skills, essential, importance))

    def add_rows(self, rows: Iterable[Row]) -> None:
        """Append plain requirements given as (role, skill, essential, importance)."""
        roles, skills, essential, importance = tuple(zip(*rows, strict=True)) or ((),) * 4
        self.add_columns((roles, skills, essential, importance))

    def add_columns(self, columns: RowColumns) -> None:
        """`add_rows` given as (roles, skills, essential flags, importances), columns of
        one length: row i holds the i-th value of each."""
        roles, skills, essential, importance = columns
        indexed = self._shared and self._indexed == len(self.role)
        names, pos = self.names, self.pos
        # the ids not named yet, in the order one row at a time names them (role, skill, ...)
        pairs = chain.from_iterable(zip(roles, skills, strict=True))
        new = [n for n in dict.fromkeys(pairs) if n not in pos]
        pos.update(zip(new, range(len(names), len(names) + len(new)), strict=True))
        names.extend(new)
        self.role.extend(map(pos.__getitem__, roles))
        self.skill.extend(map(pos.__getitem__, skills))
        self.essential.extend(essential)
        self.importance.extend(importance)
        if indexed:  # keep the views handed out live (see `add_many`)
            self.sync()

    def add_lists(self, lists: Iterable[RequirementList]) -> None:
        """Append, for each (role, skills, essential, importance), one row a skill."""
        indexed = self._shared and self._indexed == len(self.role)
        pos, name = self.pos, self._name
        known = pos.get
        for role, skills, essential, importance in lists:
            n = len(skills)
            found = list(map(known, skills))  # first: may raise
            i = -1
            try:  # skills not seen before: named in order, as one at a time would
                while True:
                    i = found.index(None, i + 1)
                    s = skills[i]
                    found[i] = pos[s] if s in pos else name(s)
            except ValueError:  # no None left
                pass
            at = cast(list[int], found)
            self.role.extend(repeat(name(role), n))
            self.skill.extend(at)
            self.essential.extend(repeat(essential, n))
            self.importance.extend(repeat(importance, n))
        if indexed:  # keep the views handed out live (see `add_many`)
            self.sync()

    def _kill(self, row: int) -> None:
        self.role[row] = _DEAD
        self.extra.pop(row, None)
        self.dead += 1

    def drop(self, node_id: str) -> None:
        """Remove every requirement of role (or skill) ``node_id``."""
        self.sync()
        out, into = self._out, self._into
        for skill, row in out.pop(node_id, {}).items():
            into[skill].pop(node_id, None)
            self._kill(row)
        for role, row in into.pop(node_id, {}).items():
            out[role].pop(node_id, None)
            self._kill(row)

    def sync(self) -> None:
        """Index the rows appended since the maps were last read (a later row replaces).

        Safe from several threads: reads of a freshly loaded table all call it.
        """
        if self._indexed == len(self.role):
            return
        with self._lock:
            self._sync()

    def _sync(self) -> None:
        start, end = self._indexed, len(self.role)
        if start == end:
            return
        out, into, names = self._out, self._into, self.names
        roles = self.role[start:].tolist()
        skills = self.skill[start:].tolist()
        for row, r, s in zip(range(start, end), roles, skills, strict=True):
            if r == _DEAD:
                continue
            role, skill = names[r], names[s]
            found = out.get(role)
            if found is None:
                out[role] = {skill: row}
            else:
                old = found.get(skill)
                if old is not None:
                    self._kill(old)
                found[skill] = row  # a replaced edge keeps its place
            back = into.get(skill)
            if back is None:
                into[skill] = {role: row}
            else:
                back[role] = row
        self._indexed = end

    # ------------------------------------------------------------------ reading
    def model(self, row: int) -> Requirement:
        """The requirement of row ``row`` (a new model; equal for equal rows)."""
        names = self.names
        return requirement(
            names[self.role[row]],
            names[self.skill[row]],
            bool(self.essential[row]),
            self.importance[row],
            self.extra.get(row),
        )

    def _model_at(self, _: str, row: int) -> Requirement:
        return self.model(row)

    def values_of_role(self, role: str) -> list[Values]:
        """(skill, essential, importance, extra) of each requirement of ``role``, no model."""
        self.sync()
        rows = self._out.get(role)
        if not rows:
            return []
        ess, imp, extra = self.essential, self.importance, self.extra
        return [(skill, bool(ess[r]), imp[r], extra.get(r)) for skill, r in rows.items()]

    def split_by_role(self, plain: tuple[float, float]) -> dict[str, Split]:
        """The live requirements of every role as a `Split`, without a tuple or a map per
        requirement (what a writer needs): ``plain`` is the importance of an essential and
        of an optional requirement that needs nothing more than its ESCO relation.

        The columns are cut into runs of one role (sorted by role first, stably, unless
        every role's rows already are one run, as readers append them) and each run is
        split with C-level slices and maps. A later row of a (role, skill) pair replaces
        the earlier one, as `sync` does; the maps are not built.
        """
        roles = self.role.tolist()
        skills, ess, imp = self.skill.tolist(), self.essential.tolist(), self.importance.tolist()
        runs = [(r, len(list(group))) for r, group in groupby(roles)]
        rows: Sequence[int] = range(len(roles))
        if len(runs) != len(set(roles)):  # some role's rows are apart: sort them together
            rows = sorted(rows, key=roles.__getitem__)
            skills, ess = list(map(skills.__getitem__, rows)), list(map(ess.__getitem__, rows))
            imp = list(map(imp.__getitem__, rows))
            runs = [(r, len(list(group))) for r, group in groupby(map(roles.__getitem__, rows))]
        names, extra = self.names, self.extra
        name_of = names.__getitem__
        ess_plain, opt_plain = {plain[0]}, {plain[1]}
        out: dict[str, Split] = {}
        end = 0
        for r, n in runs:
            start, end = end, end + n
            if r == _DEAD:
                continue
            sk, fl, im, at = skills[start:end], ess[start:end], imp[start:end], rows[start:end]
            if n > 1 and len(set(sk)) < n:  # a pair twice: its later row replaces
                keep = sorted(dict(zip(sk, range(n), strict=True)).values())
                sk, fl, at = [sk[k] for k in keep], [fl[k] for k in keep], [at[k] for k in keep]
                im = [im[k] for k in keep]
            special: list[Values] = []
            if (
                not ess_plain.issuperset(compress(im, fl))
                or not opt_plain.issuperset(compress(im, map(not_, fl)))
                or (extra and not extra.keys().isdisjoint(at))
            ):
                for s, e, i, row in zip(sk, fl, im, at, strict=True):
                    x = extra.get(row)
                    if (x is not None and x != (None, None, None)) or i != plain[not e]:
                        special.append((names[s], bool(e), i, x))
            out[names[r]] = (
                list(map(name_of, compress(sk, fl))),
                list(map(name_of, compress(sk, map(not_, fl)))),
                special,
            )
        return out

    def of_role(self, role: str) -> Mapping[str, Requirement]:
        """Skill id -> requirement of ``role`` (live)."""
        self.sync()
        self._shared = True
        rows = self._out.get(role)
        return EMPTY_MAP if rows is None else View(rows, self._model_at)

    def of_skill(self, skill: str) -> Mapping[str, Requirement]:
        """Role id -> requirement naming ``skill`` (live)."""
        self.sync()
        self._shared = True
        rows = self._into.get(skill)
        return EMPTY_MAP if rows is None else View(rows, self._model_at)

    def roles(self) -> Iterable[str]:
        """Role ids that have (or had) requirements, in insertion order."""
        self.sync()
        self._shared = True
        return self._out.keys()

    def __len__(self) -> int:
        if self._indexed < len(self.role) and not self.dead:
            # rows not indexed yet (a bulk load): its distinct (role, skill) pairs, counted
            # as integers without building the maps (a later row of a pair replaces)
            n = len(self.names)
            pairs = map(add, map(mul, self.role.tolist(), repeat(n)), self.skill.tolist())
            return len(set(pairs))
        self.sync()
        return len(self.role) - self.dead

    def live(self) -> Iterator[int]:
        """The rows of the live requirements, in row order."""
        self.sync()
        if not self.dead:
            return iter(range(len(self.role)))
        return (row for row, r in enumerate(self.role) if r != _DEAD)

    def columns(self) -> RequirementColumns:
        """The live requirements as columns (see `RequirementColumns`), without building
        the maps (a later row of a (role, skill) pair replaces the earlier one, as `sync`
        does): what the analysis index and a snapshot of a freshly read table need."""
        if self._indexed == len(self.role):
            rows: list[int] | None = None if not self.dead else list(self.live())
        else:
            rows = _last_rows(self.role, self.skill, len(self.names))
        if rows is None:
            return RequirementColumns(
                self.names,
                self.role,
                self.skill,
                self.essential,
                self.importance,
                dict(self.extra),
            )
        role, skill, ess, imp = self.role, self.skill, self.essential, self.importance
        at = {row: i for i, row in enumerate(rows)}
        return RequirementColumns(
            self.names,
            array("i", [role[r] for r in rows]),
            array("i", [skill[r] for r in rows]),
            array("b", [ess[r] for r in rows]),
            array("d", [imp[r] for r in rows]),
            {at[row]: e for row, e in self.extra.items() if row in at},
        )

    def content(self) -> dict[tuple[str, str], tuple[bool, float, Extra | None]]:
        """What equality compares: (role, skill) -> (essential, importance, extra)."""
        names, role, skill = self.names, self.role, self.skill
        ess, imp, extra = self.essential, self.importance, self.extra
        return {
            (names[role[r]], names[skill[r]]): (bool(ess[r]), imp[r], extra.get(r))
            for r in self.live()
        }

    # ------------------------------------------------------------------ whole table
    def copy(self) -> RequirementTable:
        """An independent table with the same live rows."""
        return RequirementTable.load(self.columns())

    @classmethod
    def load(cls, cols: RequirementColumns) -> RequirementTable:
        """A table holding ``cols`` (trusted: no (role, skill) twice); maps built lazily."""
        new = cls()
        new.names = list(cols.names)
        new.pos = {name: i for i, name in enumerate(new.names)}
        new.role = array("i", cols.role)
        new.skill = array("i", cols.skill)
        new.essential = array("b", cols.essential)
        new.importance = array("d", cols.importance)
        new.extra = dict(cols.extra)
        return new


def _last_rows(role: array[int], skill: array[int], n_names: int) -> list[int] | None:
    """The rows `sync` would leave live: per (role, skill) pair the last row not dead, in
    row order; None when that is every row. numpy, not the maps: 0.01 s instead of 0.15 s
    on ESCO's 127,000 rows."""
    import numpy as np

    r = np.frombuffer(role, dtype=np.intc).astype(np.int64) if len(role) else np.zeros(0, int)
    c = np.frombuffer(skill, dtype=np.intc).astype(np.int64) if len(skill) else np.zeros(0, int)
    idx = np.flatnonzero(r != _DEAD)
    key = r[idx] * max(n_names, 1) + c[idx]
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    last = np.ones(len(ordered), dtype=bool)
    last[:-1] = ordered[1:] != ordered[:-1]
    if bool(last.all()) and len(idx) == len(role):
        return None
    live: list[int] = np.sort(idx[order[last]]).tolist()
    return live
