"""What a requirement weighs in a gap, and the requirements a held title's tool class covers.

Built once per graph version (``gap_index``, cached like the analysis index) and read by
``gap``, by learning lists, by workforce scoring and by move costs (``classify``,
``upskill``, ``reskill``: a step's cost, its skills to learn and the route search), so
every answer weighs a role alike: a step's cost onto B is 1 - ``gap(B, have=...)``'s
coverage for what the person holds at that point (with, on rated taxonomies, the skills a
role held so far rates at the level B needs: ``analysis._gap_levels``).

Weights (`GapIndex.weights`) start from the analysis index's cost weight, importance x
rarity (ESCO and any graph without ratings or technology: unchanged), and change two kinds
of requirement (session 25, benchmarks/KEEP_RULE_gap18.md):

- a *rated* requirement (one that records the scale its importance was rated on: O*NET's
  Skills and Knowledge, ``scale = "IM"``) weighs ``(1 + importance) x sqrt(rarity)``.
  O*NET rates every element for every occupation and the reader requires those rated
  important enough, so an element's rarity counts occupations over that cut, and
  importance ``(IM - 1) / 4`` spreads the kept requirements fourfold: full importance x
  rarity ranked a person's own role below a plain count of their needs;
- a technology requirement (``SkillKind.TECHNOLOGY``, O*NET's Technology Skills) is one
  need per *tool class* (``commodity_title``, a UNSPSC commodity; a title without class:
  its own): the class weighs what the role's average other requirement weighs (1 for a
  role with technology only), split evenly over the role's titles of it. A role listing
  eight spreadsheet programs needs spreadsheets once, not eight times, and as much as it
  needs an average rated skill. Holding any one title of a class covers the class
  (`GapIndex.tool_class`, `GapIndex.covered`). No product-name rarity, hot or in-demand
  factor and no cap on the technology share: each lowered the own role's rank once a tool
  class counts as one need (session 25).

A requirement counts whole when held, or when it is a title of a tool class of which any
title is held (listed by the role or not: `GapIndex.close`); else 0. Reskilling's
least-learning route counts skills to learn with the same rule (`GapIndex.counts`: a
requirement counts 1, the titles of one tool class of a role 1 together, technology at
most `COUNT_TECHNOLOGY_SHARE` of the count: lifting that cap too sent Retail Salespersons
to Registered Nurses through hairdressing and skincare, session 25).

Partial credit from a held skill one hierarchy step narrower or broader was tried (round
14: 0.75 / 0.25, each held skill crediting one requirement) and dropped: it did not hold
its keep rule on ESCO v1.1.0 (benchmarks/KEEP_RULE_gapcredit14.md).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from .._store import cached
from ..graph import SkillGraph
from ..model import SkillKind
from ._core import requirements
from ._csr import Csr
from ._index import Index, index
from .tool_classes import TOOL_CLASS

__all__ = ["COUNT_TECHNOLOGY_SHARE", "HOW", "GapIndex", "gap_index"]

COUNT_TECHNOLOGY_SHARE = 0.25
"""Largest share of a role's count of skills to learn (`GapIndex.counts`) its technology
may take when it has other requirements."""
HOW = "same tool class"
"""How a requirement not held is covered: by a held title of its tool class."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class GapIndex:
    """The gap weights and tool classes of every role, as arrays (a snapshot keeps them).

    Per requirement entry (the order of the analysis index's ``W``, role by role, within
    the bounds ``indptr``; ``indices``: the skill positions): ``weights``, the gap weight,
    ``counts``, its count as a skill to learn, and ``tool_class``, the number of its
    technology tool class (-1: not technology or no class). Per role: ``totals`` (the
    ``math.fsum`` of its weights) and ``has_class`` (it has titles of a tool class). Per
    skill: ``skill_class``, its tool class (-1: none).
    """

    indptr: IntArray
    indices: IntArray
    weights: FloatArray
    counts: FloatArray
    tool_class: IntArray
    totals: FloatArray
    has_class: BoolArray
    skill_class: IntArray

    @cached_property
    def matrix(self) -> Csr:
        """Roles x skills gap weights."""
        return Csr(self.weights, self.indices, self.indptr, self._shape)

    @cached_property
    def count_matrix(self) -> Csr:
        """Roles x skills counts of skills to learn."""
        return Csr(self.counts, self.indices, self.indptr, self._shape)

    @property
    def _shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, len(self.skill_class)

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

    def close(self, held: BoolArray) -> BoolArray:
        """The skill mask ``held`` with every title of a tool class of which a title is
        held (``held`` itself when that adds nothing)."""
        k = self.skill_class
        on = k[held]
        on = on[on >= 0]
        if not len(on):
            return held
        classes = np.zeros(int(k.max()) + 2, dtype=np.bool_)
        classes[on + 1] = True
        classes[0] = False
        out: BoolArray = held | classes[k + 1]
        return out

    def learnt(self, held: BoolArray, r: int, ix: Index) -> BoolArray:
        """``held`` (a mask closed by `close`) after a step onto role ``r``: a new mask
        with ``r``'s requirements and their tool classes."""
        out = held.copy()
        out[ix.role_skills[r]] = True
        return self.close(out)

    def covered(self, ix: Index, r: int, held: BoolArray) -> tuple[BoolArray, IntArray]:
        """Per skill of ``role_skills[r]``, for someone holding the skill mask ``held``:
        whether it counts as held (held, or a title of a tool class of which a title is
        held) and the position of the held title that covers it when it is not held
        itself (-1: none): the held title of its class the role lists first, else the
        first held title of its class."""
        idx = ix.role_skills[r]
        mine = held[idx]
        got = mine.copy()
        via = np.full(len(idx), -1, dtype=np.int64)
        if not self.has_class[r]:
            return got, via
        titles = np.flatnonzero(held & (self.skill_class >= 0))
        if len(titles):
            classes = self.role_classes(r)
            listed = titles[np.isin(titles, idx)]  # the role's own held titles first
            pool = np.concatenate([listed, titles])
            on, first = np.unique(self.skill_class[pool], return_index=True)
            at = np.minimum(np.searchsorted(on, classes), len(on) - 1)
            hit = ~mine & (classes >= 0) & (on[at] == classes)
            got[hit] = True
            via[hit] = pool[first[at[hit]]]
        return got, via

    def step_cost(self, r: int, covered: BoolArray) -> float:
        """The cost of a step onto role ``r`` for someone holding the skill mask
        ``covered``: the gap weight share of its requirements not covered (held, or by a
        held title of their tool class), in [0, 1]; 0 for a role of no weight."""
        total = float(self.totals[r])
        if total <= 0:
            return 0.0
        lo, hi = int(self.indptr[r]), int(self.indptr[r + 1])
        got = self.close(covered)[self.indices[lo:hi]]
        missing = math.fsum(self.weights[lo:hi][~got].tolist())
        return min(1.0, max(0.0, missing / total))

    def uncovered(self, covered: BoolArray) -> FloatArray:
        """Per role, `step_cost` from the skill mask ``covered`` (a sparse product: equal
        up to rounding)."""
        u = self.matrix.dot((~self.close(covered)).astype(np.float64))
        weighted = self.totals > 0
        share = u / np.where(weighted, self.totals, 1.0)
        out: FloatArray = np.where(weighted, np.clip(share, 0.0, 1.0), 0.0)
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
    klass, tech = _classes(g, ix)
    base = w.data.astype(np.float64)
    rated = requirements(g).rated & ~tech[skill]  # the order of ``W``'s entries
    if rated.any():
        base[rated] = (1.0 + ix.importance[rated]) * np.sqrt(ix.rarity[skill[rated]])
    weights, classes = _weights(ix, klass, tech, role, skill, base)
    counts, _ = _weights(ix, klass, tech, role, skill, np.ones(len(skill)))
    counts = _capped(counts, tech[skill], role, ix.n_roles)
    bounds = indptr.tolist()
    return GapIndex(
        indptr=indptr,
        indices=skill,
        weights=weights,
        counts=counts,
        tool_class=classes,
        skill_class=klass,
        totals=np.asarray(
            [math.fsum(weights[a:b].tolist()) for a, b in itertools.pairwise(bounds)],
            dtype=np.float64,
        ),
        has_class=np.bincount(role[classes >= 0], minlength=n_r) > 0,
    )


def _classes(g: SkillGraph, ix: Index) -> tuple[IntArray, BoolArray]:
    """Per skill: its tool class number (-1: none) and whether it is technology."""
    skills = g.skills
    key_of: dict[str, int] = {}
    klass = np.full(ix.n_skills, -1, dtype=np.int64)
    tech = np.zeros(ix.n_skills, dtype=bool)
    for i, sid in enumerate(ix.skill_ids):
        sk = skills[sid]
        if sk.kind is SkillKind.TECHNOLOGY:
            tech[i] = True
            title = sk.attributes.get(TOOL_CLASS)
            if isinstance(title, str) and title:
                klass[i] = key_of.setdefault(title, len(key_of))
    return klass, tech


def _weights(
    ix: Index, klass: IntArray, tech: BoolArray, role: IntArray, skill: IntArray, base: FloatArray
) -> tuple[FloatArray, IntArray]:
    """Gap weights (from the ``base`` weights of the requirements that are not technology)
    and tool class numbers of the requirement entries: a role's titles of one tool class
    (a title without class: alone) weigh, together, the mean ``base`` of the role's other
    requirements (1 without any)."""
    n_classes = int(klass.max()) + 1 if len(klass) else 0
    is_tech = tech[skill]
    classes = np.full(len(skill), -1, dtype=np.int64)
    if not is_tech.any():
        return base.copy(), classes
    other = np.bincount(role[~is_tech], weights=base[~is_tech], minlength=ix.n_roles)
    many = np.bincount(role[~is_tech], minlength=ix.n_roles)
    mean = np.where(many > 0, other / np.maximum(many, 1), 1.0)
    # a group: the titles of one tool class in one role (a title without class: alone)
    width = n_classes + ix.n_skills
    own = np.where(klass[skill] >= 0, klass[skill], n_classes + skill)
    _, inverse, count = np.unique(
        role[is_tech] * width + own[is_tech], return_inverse=True, return_counts=True
    )
    out = base.copy()
    out[is_tech] = mean[role[is_tech]] / count[inverse]
    classed = is_tech & (klass[skill] >= 0)
    classes[classed] = klass[skill][classed]
    return out, classes


def _capped(counts: FloatArray, is_tech: BoolArray, role: IntArray, n_roles: int) -> FloatArray:
    """``counts`` with a role's technology counting at most `COUNT_TECHNOLOGY_SHARE` of the
    role's count when it has other requirements (what reskilling's route search prices)."""
    if not is_tech.any():
        return counts
    other = np.bincount(role[~is_tech], weights=counts[~is_tech], minlength=n_roles)
    used = np.bincount(role[is_tech], weights=counts[is_tech], minlength=n_roles)
    limit = COUNT_TECHNOLOGY_SHARE / (1.0 - COUNT_TECHNOLOGY_SHARE) * other
    over = (other > 0) & (used > limit)
    scale = np.where(over, limit / np.where(over, used, 1.0), 1.0)
    out = counts.copy()
    out[is_tech] *= scale[role[is_tech]]
    return out
