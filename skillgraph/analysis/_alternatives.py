"""Sets of exchangeable alternatives of ``adjacent_skills``: a skill's declared parents
(broader skills, skill groups) and its tool class (O*NET's ``commodity_title``, a UNSPSC
commodity such as "Object or component oriented development software").

A set holds at most its cap of the skills taken (and, for a tool class, of the given
skills) before a skill of it is passed over (``_select.spread_top_k``): a person who has
Python already holds one object-oriented language, so C++ and Oracle Java are
alternatives of what they have, not the next skill to learn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._store import cached
from ..graph import SkillGraph
from ._csr import Csr
from ._index import IntArray, index
from .tool_classes import TOOL_CLASS

__all__ = ["TOOL_CLASS_MAX", "Alternatives", "alternatives"]

TOOL_CLASS_MAX = 2
"""At most this many skills of one tool class, the given ones included, before any skill
ranked after them: the tools of one class are alternatives by definition (a commodity), a
declared parent only groups related skills. Tuned on held-out requirements
(``benchmarks/bench_adjacent.py``, seeds 206-210; 1, 2 and 3 tried)."""


@dataclass(eq=False)
class Alternatives:
    """Skill x alternative set incidence (declared parents first, then tool classes)."""

    ptr: IntArray
    sets: IntArray
    n_parents: int
    """How many of the sets are declared parents (the others are tool classes)."""
    n_sets: int

    def cap(self, parent_cap: int) -> IntArray:
        """Per set: how many skills it holds before the next one is passed over
        (``parent_cap`` for a declared parent, ``TOOL_CLASS_MAX`` for a tool class)."""
        out: IntArray = np.full(self.n_sets, TOOL_CLASS_MAX, dtype=np.int64)
        out[: self.n_parents] = parent_cap
        return out

    def held(self, given: list[int]) -> IntArray:
        """Per set: how many of the skills at ``given`` it holds, counted in tool classes
        only (a declared parent is looser: ESCO's 156-skill "software and applications
        development and analysis" holds both Python and SQL, and counting them there lost
        held-out requirements, ``benchmarks/bench_adjacent.py``)."""
        mine = [self.sets[self.ptr[j] : self.ptr[j + 1]] for j in given]
        flat = np.concatenate([np.zeros(0, dtype=np.int64), *mine])
        out: IntArray = np.bincount(flat[flat >= self.n_parents], minlength=self.n_sets).astype(
            np.int64
        )
        return out


def alternatives(g: SkillGraph, parents: Csr) -> Alternatives:
    """The alternative sets of ``g``: the columns of ``parents`` (skill x declared parent),
    then one set per tool class (built once per graph version)."""
    return cached(g, "analysis_alternatives", lambda h: _build(h, parents))


def _build(g: SkillGraph, parents: Csr) -> Alternatives:
    import scipy.sparse as sp

    ix = index(g, profiles=False)
    skills = g.skills
    classes: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for j, sid in enumerate(ix.skill_ids):
        title = skills[sid].attributes.get(TOOL_CLASS) if sid in skills else None
        if isinstance(title, str) and title:
            rows.append(j)
            cols.append(classes.setdefault(title, len(classes)))
    n_parents = parents.shape[1]
    declared = parents.matrix()
    tools = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(ix.n_skills, len(classes)))
    both = sp.csr_matrix(sp.hstack([declared != 0, tools], format="csr"))
    both.sort_indices()
    return Alternatives(
        ptr=both.indptr.astype(np.int64),
        sets=both.indices.astype(np.int64),
        n_parents=n_parents,
        n_sets=n_parents + len(classes),
    )
