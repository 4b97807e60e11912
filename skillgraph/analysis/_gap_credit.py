"""What a requirement weighs in a gap, and the requirements a held title's tool class covers.

Built once per graph version (``gap_index``, cached like the analysis index) and read by
``gap``, by learning lists and by workforce scoring, so all three weigh a role alike.

Weights (`GapIndex.weights`) start from the analysis index's cost weight, importance x
rarity, and change technology requirements (``SkillKind.TECHNOLOGY``, O*NET's Technology
Skills):

- the technology titles of a role that share a tool class (``commodity_title``, a UNSPSC
  commodity) weigh, together, what the heaviest of them weighs alone, split evenly: a role
  listing eight spreadsheet programs needs spreadsheets once, not eight times. Holding any
  one title of a class covers the class (`GapIndex.tool_class`, `GapIndex.covered`);
- when the role also has other requirements, its technology weighs at most
  `TECHNOLOGY_SHARE` of the role's total: software titles are lesser evidence of fit than
  rated skills and knowledge. A role with technology requirements only keeps them whole.

A requirement counts whole when held, or when it is a title of a tool class of which a
title is held; else 0. Partial credit from a held skill one hierarchy step narrower or
broader was tried (round 14: 0.75 / 0.25, each held skill crediting one requirement) and
dropped: it did not hold its keep rule on ESCO v1.1.0 (benchmarks/KEEP_RULE_gapcredit14.md).
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
from ._index import Index, index

__all__ = [
    "HOW",
    "TECHNOLOGY_SHARE",
    "GapIndex",
    "gap_index",
]

TECHNOLOGY_SHARE = 0.25
"""Largest share of a role's gap weight its technology requirements may take when it has
other requirements too."""
_TOOL_CLASS = "commodity_title"
HOW = "same tool class"
"""How a requirement not held is covered: by a held title of its tool class."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class GapIndex:
    """The gap weights and tool classes of every role, as arrays (a snapshot keeps them).

    Per requirement entry (the order of the analysis index's ``W``, role by role, within
    the bounds ``indptr``): ``weights``, the gap weight, and ``tool_class``, the number of
    its technology tool class (-1: not technology or no class). Per role: ``totals`` (the
    ``math.fsum`` of its weights) and ``has_class`` (it has titles of a tool class).
    """

    indptr: IntArray
    weights: FloatArray
    tool_class: IntArray
    totals: FloatArray
    has_class: BoolArray

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

    def covered(self, ix: Index, r: int, held: BoolArray) -> tuple[BoolArray, IntArray]:
        """Per skill of ``role_skills[r]``, for someone holding the skill mask ``held``:
        whether it counts as held (held, or its tool class covered) and the position of
        the held title that covers it when it is not held itself (-1: none)."""
        idx = ix.role_skills[r]
        mine = held[idx]
        got = mine.copy()
        via = np.full(len(idx), -1, dtype=np.int64)
        if self.has_class[r]:  # a title not held, of a class with a title held: its first
            classes = self.role_classes(r)
            on = (classes >= 0) & mine
            if on.any():
                covered, first = np.unique(classes[on], return_index=True)
                titles = idx[np.flatnonzero(on)[first]]
                at = np.searchsorted(covered, classes)
                hit = ~mine & (classes >= 0)
                hit[hit] = covered[np.minimum(at[hit], len(covered) - 1)] == classes[hit]
                got[hit] = True
                via[hit] = titles[at[hit]]
        return got, via


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
