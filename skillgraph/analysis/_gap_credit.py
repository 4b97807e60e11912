"""What a requirement weighs in a gap, and which held skills give it partial credit.

Built once per graph version (``gap_index``, cached like the analysis index) and read by
``gap``, by learning lists and by workforce scoring, so all three weigh a role alike.

Weights (`GapIndex.weights`) start from the analysis index's cost weight, importance x
rarity, and change technology requirements (``SkillKind.TECHNOLOGY``, O*NET's Technology
Skills):

- the technology titles of a role that share a tool class (``commodity_title``, a UNSPSC
  commodity) weigh, together, what the heaviest of them weighs alone, split evenly: a role
  listing eight spreadsheet programs needs spreadsheets once, not eight times. Holding any
  one title of a class covers the class (`GapIndex.tool_class`, `class_held`);
- when the role also has other requirements, its technology weighs at most
  `TECHNOLOGY_SHARE` of the role's total: software titles are lesser evidence of fit than
  rated skills and knowledge. A role with technology requirements only keeps them whole.

Credit (`GapIndex.sources_of`): a requirement that is not held gets `NARROWER_CREDIT` from a
held skill one hierarchy step below it (SQL held, "query languages" required) and
`BROADER_CREDIT` from one one step above it (only "query languages" held, SQL required).
Only direct broader links count (ESCO's deeper chains are too loose), titles of a tool
class are credited by their class only, and there is no double counting: a held skill
that the role does not require credits one requirement of the role, its best (largest
credit x weight, then smallest id), and a requirement takes the best credit of the held
skills assigned to it. A held required skill credits nothing else. Credits are below 1,
so coverage is 1 exactly when every requirement is held (or its tool class covered), and
adding a skill never lowers it.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .._store import cached
from ..graph import SkillGraph
from ..model import SkillKind
from ._core import broader_pairs
from ._csr import ranges
from ._index import Index, index

__all__ = [
    "BROADER_CREDIT",
    "HOW",
    "NARROWER_CREDIT",
    "TECHNOLOGY_SHARE",
    "GapIndex",
    "class_held",
    "gap_index",
]

TECHNOLOGY_SHARE = 0.25
"""Largest share of a role's gap weight its technology requirements may take when it has
other requirements too."""
NARROWER_CREDIT = 0.75
"""Credit toward a required skill for holding a skill one step narrower than it."""
BROADER_CREDIT = 0.25
"""Credit toward a required skill for holding a skill one step broader than it."""
_TOOL_CLASS = "commodity_title"
HOW = ("same tool class", "narrower", "broader")
"""How a requirement not held is covered: by a held title of its tool class, by a held
skill one step narrower, or one step broader."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class GapIndex:
    """The gap weights and credit sources of every role, as arrays (a snapshot keeps them).

    Per requirement entry (the order of the analysis index's ``W``, role by role, within
    the bounds ``indptr``): ``weights``, the gap weight, and ``tool_class``, the number of
    its technology tool class (-1: not technology or no class). Per role: ``totals`` (the
    ``math.fsum`` of its weights), ``has_class`` (it has titles of a tool class) and its
    credit sources, CSR by role (``source_ptr``) over the held skill's position
    (``source_skill``), the slot of the requirement it credits (``source_slot``) and the
    credit (``source_credit``): ``sources_of(r)``.
    """

    indptr: IntArray
    weights: FloatArray
    tool_class: IntArray
    totals: FloatArray
    has_class: BoolArray
    source_ptr: IntArray
    source_skill: IntArray
    source_slot: IntArray
    source_credit: FloatArray

    def role_weights(self, r: int) -> FloatArray:
        """The gap weight of each skill of the analysis index's ``role_skills[r]``."""
        lo, hi = int(self.indptr[r]), int(self.indptr[r + 1])
        out: FloatArray = self.weights[lo:hi]
        return out

    def role_classes(self, r: int) -> IntArray:
        """The tool class of each skill of ``role_skills[r]`` (-1: none)."""
        lo, hi = int(self.indptr[r]), int(self.indptr[r + 1])
        out: IntArray = self.tool_class[lo:hi]
        return out

    def sources_of(self, r: int) -> tuple[IntArray, IntArray, FloatArray]:
        """Role ``r``'s credit sources: the skill positions (ascending, none required by
        ``r``), the slot in ``role_skills[r]`` of the requirement each credits, and the
        credit."""
        lo, hi = int(self.source_ptr[r]), int(self.source_ptr[r + 1])
        return self.source_skill[lo:hi], self.source_slot[lo:hi], self.source_credit[lo:hi]

    def credits(self, ix: Index, r: int, held: BoolArray) -> tuple[FloatArray, IntArray, list[str]]:
        """Per skill of ``role_skills[r]``, for someone holding the skill mask ``held``:
        its credit (1 held or its tool class covered, a hierarchy credit, or 0), the
        position of the held skill a credit comes from when it is not held itself (-1:
        none) and how (`HOW`: "", "same tool class", "narrower" or "broader")."""
        idx = ix.role_skills[r]
        mine = held[idx]
        got = mine.astype(np.float64)
        via = np.full(len(idx), -1, dtype=np.int64)
        how = [""] * len(idx)
        if self.has_class[r]:  # a title not held, of a class with a title held: its first
            classes = self.role_classes(r)
            on = (classes >= 0) & mine
            if on.any():
                covered, first = np.unique(classes[on], return_index=True)
                titles = idx[np.flatnonzero(on)[first]]
                at = np.searchsorted(covered, classes)
                hit = ~mine & (classes >= 0)
                hit[hit] = covered[np.minimum(at[hit], len(covered) - 1)] == classes[hit]
                got[hit] = 1.0
                via[hit] = titles[at[hit]]
                for k in np.flatnonzero(hit).tolist():
                    how[k] = HOW[0]
        lo, hi = int(self.source_ptr[r]), int(self.source_ptr[r + 1])
        if hi > lo:
            skills, slots, credit = self.sources_of(r)
            for k in np.flatnonzero(held[skills]).tolist():  # a few: the best credit first
                slot, c = int(slots[k]), float(credit[k])
                if c > got[slot]:
                    got[slot], via[slot] = c, skills[k]
                    how[slot] = HOW[1] if c == NARROWER_CREDIT else HOW[2]
        return got, via, how


def class_held(classes: IntArray, held: BoolArray) -> BoolArray:
    """Which requirements count as held: held themselves, or a title of their tool class
    (``classes``, -1: none) held."""
    out = held.copy()
    tech = classes >= 0
    if tech.any():
        covered = np.unique(classes[tech & held])
        out |= tech & np.isin(classes, covered)
    return out


def gap_index(g: SkillGraph) -> GapIndex:
    """The `GapIndex` of ``g`` (built once per graph version)."""
    return cached(g, "analysis_gap_index", _build)


def _build(g: SkillGraph) -> GapIndex:
    ix = index(g, profiles=False)
    w = ix.csr("W")
    indptr = w.indptr.astype(np.int64)
    n_r = ix.n_roles
    role = np.repeat(np.arange(n_r, dtype=np.int64), np.diff(indptr))
    skill = w.indices.astype(np.int64)
    weights, classes = _weights(g, ix, role, skill, w.data.astype(np.float64))
    ptr, src, slot, credit = _sources(g, ix, role, skill, indptr, weights, classes)
    bounds = indptr.tolist()
    return GapIndex(
        indptr=indptr,
        weights=weights,
        tool_class=classes,
        totals=np.asarray(
            [math.fsum(weights[a:b].tolist()) for a, b in itertools.pairwise(bounds)],
            dtype=np.float64,
        ),
        has_class=np.bincount(role[classes >= 0], minlength=n_r) > 0,
        source_ptr=ptr,
        source_skill=src,
        source_slot=slot,
        source_credit=credit,
    )


def _weights(
    g: SkillGraph, ix: Index, role: IntArray, skill: IntArray, base: FloatArray
) -> tuple[FloatArray, IntArray]:
    """Gap weights and per-role tool class numbers of the requirement entries."""
    skills = g.skills
    key_of: dict[str, int] = {}
    klass = np.full(ix.n_skills, -1, dtype=np.int64)  # tool class key of each skill
    tech = np.zeros(ix.n_skills, dtype=bool)
    for i, sid in enumerate(ix.skill_ids):
        sk = skills[sid]
        if sk.kind is SkillKind.TECHNOLOGY:
            tech[i] = True
            title = sk.attributes.get(_TOOL_CLASS)
            if isinstance(title, str) and title:
                klass[i] = key_of.setdefault(title, len(key_of))
    is_tech = tech[skill]
    classes = np.full(len(skill), -1, dtype=np.int64)
    if not is_tech.any():
        return base.copy(), classes
    # a group: the titles of one tool class in one role (a title without class: alone)
    width = len(key_of) + ix.n_skills
    own = np.where(klass[skill] >= 0, klass[skill], len(key_of) + skill)
    groups, inverse = np.unique(role[is_tech] * width + own[is_tech], return_inverse=True)
    top = np.zeros(len(groups))
    np.maximum.at(top, inverse, base[is_tech])
    count = np.bincount(inverse, minlength=len(groups))
    out = base.copy()
    out[is_tech] = top[inverse] / count[inverse]
    classed = is_tech & (klass[skill] >= 0)
    classes[classed] = klass[skill][classed]
    other = np.bincount(role[~is_tech], weights=out[~is_tech], minlength=ix.n_roles)
    used = np.bincount(role[is_tech], weights=out[is_tech], minlength=ix.n_roles)
    limit = TECHNOLOGY_SHARE / (1.0 - TECHNOLOGY_SHARE) * other
    over = (other > 0) & (used > limit)
    scale = np.where(over, limit / np.where(over, used, 1.0), 1.0)
    out[is_tech] *= scale[role[is_tech]]
    return out, classes


def _sources(
    g: SkillGraph,
    ix: Index,
    role: IntArray,
    skill: IntArray,
    indptr: IntArray,
    weights: FloatArray,
    classes: IntArray,
) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    """Per role, its credit sources (see the module documentation), CSR by role."""
    pos = ix.skill_pos
    n_s = ix.n_skills
    edges = [(pos[a], pos[b]) for a, b in broader_pairs(g) if a in pos and b in pos and a != b]
    empty = np.zeros(0, dtype=np.int64)
    if not edges or not len(skill):
        return np.zeros(ix.n_roles + 1, dtype=np.int64), empty, empty, np.zeros(0)
    e = np.asarray(edges, dtype=np.int64)
    # one step from a required skill q: held h narrower than q credits it NARROWER_CREDIT
    q = np.concatenate([e[:, 1], e[:, 0]])
    h = np.concatenate([e[:, 0], e[:, 1]])
    c = np.concatenate([np.full(len(e), NARROWER_CREDIT), np.full(len(e), BROADER_CREDIT)])
    by_q = np.argsort(q, kind="stable")
    q, h, c = q[by_q], h[by_q], c[by_q]
    nb_ptr = np.zeros(n_s + 1, dtype=np.int64)
    np.cumsum(np.bincount(q, minlength=n_s), out=nb_ptr[1:])
    # every (requirement entry, neighbour of its skill)
    entry = np.repeat(np.arange(len(skill), dtype=np.int64), nb_ptr[skill + 1] - nb_ptr[skill])
    if not len(entry):
        return np.zeros(ix.n_roles + 1, dtype=np.int64), empty, empty, np.zeros(0)
    at = ranges(nb_ptr[skill], nb_ptr[skill + 1])
    src, credit, r = h[at], c[at], role[entry]
    # a skill the role requires is matched itself: it is no source
    required = role * n_s + skill  # ascending (role, then skill)
    keys = r * n_s + src
    hit = np.searchsorted(required, keys)
    inside = (hit < len(required)) & (required[np.minimum(hit, len(required) - 1)] == keys)
    keep = ~inside & (classes[entry] < 0)  # a titled tool class is credited by its class
    src, credit, r, entry = src[keep], credit[keep], r[keep], entry[keep]
    # each (role, source): its best requirement, largest credit x weight, then credit, then
    # the smallest skill position
    order = np.lexsort((skill[entry], -credit, -(credit * weights[entry]), src, r))
    src, credit, r, entry = src[order], credit[order], r[order], entry[order]
    first = np.ones(len(src), dtype=bool)
    first[1:] = (r[1:] != r[:-1]) | (src[1:] != src[:-1])
    src, credit, r, entry = src[first], credit[first], r[first], entry[first]
    ptr = np.zeros(ix.n_roles + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=ix.n_roles), out=ptr[1:])
    slot = entry - indptr[r]
    return ptr, src, slot, credit.astype(np.float64)
