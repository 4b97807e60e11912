"""Which of a step's skills to learn the person already holds at a rated level.

A step's skills to learn are exactly what ``gap`` calls missing (`GapIndex.covered`, the
same partition its cost prices). On O*NET a role rates every element (its ``ratings``
attribute: importance and level of each, those under the reader's ``min_importance`` too)
but *requires* only those rated important enough, so a skill the start role rates just
under the cut counts as missing onto a role that rates it just over: a Registered Nurse
"acquiring" Foreign Language, rated at level 1.23 by nurses and needed at 1.28 by Licensed
Practical Nurses. Such a skill is not new: `level_raises` lists it as a raise, from the
highest level any role held so far rates it at (the start and the plan's earlier steps) to
the level the step's role requires (its requirement's ``level``). Raises stay in the
step's cost and learning list, and the explanations say them as raises, not as new skills.

A skill a role held so far rates at the level the step's role requires it at or above
(both levels published) is held at the level needed: its importance there is under the
cut, so it is no requirement of that role, but its people have it. A move does not price
it (`at_level_cover`: it counts as held in the step's cost, transferable skills and
learning list; `priced`, the costs of a route so): the O*NET reader's cut decides what a
role *requires*, not what its people can do. ``gap`` itself is unchanged (its ``have``
carries no levels), so a step's cost is ``1 - gap(role, have=...)``'s coverage for what
is held by then plus these skills. The route searches still price with requirements only
(a mask of skills held): a step's figure can only be lower than the search's, by the few
skills held at the level (O*NET, seeded: 0.4-0.5% of the items of learning lists).

A rating with level 0, or without a level and with importance 0, holds nothing (O*NET:
not relevant); a skill no role held so far rates is new.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .._store import cached, store_of
from ..graph import SkillGraph
from ..results import LevelRaise
from ._gap_credit import GapIndex
from ._index import Index
from ._ratings import RATINGS_ATTRIBUTE, parse_ratings

__all__ = ["at_level_cover", "level_raises", "priced", "rated_levels"]

Mask = npt.NDArray[np.bool_]


class _Memo:
    """Per role, read on first use: the levels it rates skills at."""

    def __init__(self, g: SkillGraph) -> None:
        self._g = g
        self.rated: dict[str, dict[str, float | None]] = {}

    def ratings(self, rid: str) -> dict[str, float | None]:
        """Skill id -> level of the skills role ``rid`` rates as held (see the module)."""
        out = self.rated.get(rid)
        if out is None:
            text = self._g.roles[rid].attributes.get(RATINGS_ATTRIBUTE)
            items = parse_ratings(text) if isinstance(text, str) else []
            out = {
                sid: lv
                for sid, im, lv in items
                if (lv is None and im > 0) or (lv is not None and lv > 0)
            }
            self.rated[rid] = out
        return out


def _memo(g: SkillGraph) -> _Memo:
    return cached(g, "analysis_rated_levels", _Memo)


def rated_levels(g: SkillGraph, roles: list[str]) -> dict[str, tuple[float | None, str]]:
    """Skill id -> (level, role id): the highest level at which one of ``roles`` rates the
    skill (None: rated without a level), and the first role of ``roles`` rating it so;
    skills rated as not held (level 0, or no level and importance 0) are left out."""
    memo = _memo(g)
    out: dict[str, tuple[float | None, str]] = {}
    for rid in roles:
        for sid, lv in memo.ratings(rid).items():
            seen = out.get(sid)
            if seen is None or (lv is not None and (seen[0] is None or lv > seen[0])):
                out[sid] = (lv, rid)
    return out


def level_raises(g: SkillGraph, rid: str, roles: list[str], learn: list[str]) -> list[LevelRaise]:
    """The skills of ``learn`` (a step's learning list onto role ``rid``: exactly what
    ``gap`` calls missing, `GapIndex.covered`) that one of ``roles`` (the roles held so
    far) rates, in ``learn``'s order: each from the level held to the level ``rid``
    requires it at (None where not published)."""
    if not roles or not learn:
        return []
    rated = rated_levels(g, roles)
    if not rated:
        return []
    needed = store_of(g).requires_of(rid)  # models made when read: only the raised ones
    out = []
    for sid in learn:
        if sid in rated:
            level, by = rated[sid]
            req = needed.get(sid)
            out.append(
                LevelRaise(
                    skill=sid, held=level, needed=None if req is None else req.level, rated_by=by
                )
            )
    return out


def at_level_cover(g: SkillGraph, ix: Index, r: int, roles: list[str], covered: Mask) -> Mask:
    """``covered`` (a skill mask, as a step onto role ``r`` reads it) with the requirements
    of ``r`` it misses that one of ``roles`` (the roles held so far) rates at a level at
    least the one ``r`` requires them at, both published (``covered`` itself when there
    are none)."""
    idx = ix.role_skills[r]
    todo = idx[~covered[idx]].tolist()
    if not roles or not todo:
        return covered
    rated = rated_levels(g, roles)
    if not rated:
        return covered
    needed = store_of(g).requires_of(ix.role_ids[r])
    at = []
    for j in todo:
        sid = ix.skill_ids[j]
        held = rated.get(sid, (None, ""))[0]
        req = needed.get(sid) if held is not None else None
        if req is not None and req.level is not None and held is not None and held >= req.level:
            at.append(j)
    if not at:
        return covered
    out = covered.copy()
    out[at] = True
    return out


def priced(
    g: SkillGraph, ix: Index, gi: GapIndex, start: int, covered: Mask, path: list[int]
) -> float:
    """The summed step costs of ``path`` (role positions after ``start``, whose closed skill
    mask is ``covered``) as a plan's steps report them (`at_level_cover`)."""
    total = 0.0
    for i, r in enumerate(path):
        held_by = [ix.role_ids[p] for p in [start, *path[:i]]]
        total += gi.step_cost(r, at_level_cover(g, ix, r, held_by, covered))
        covered = gi.learnt(covered, r, ix)
    return total
