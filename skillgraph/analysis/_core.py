"""Building the core of the analysis index (``analysis._index.Index``): numpy only.

The core is what gaps, transition costs and skill paths read: role and skill positions,
per-skill rarity and document frequency, the role x skill matrices ``W`` (cost weights),
``E`` (essential flags), ``B`` (binary) and ``BT`` (its transpose), and per-role totals,
levels and declared clusters. It is made from the store's requirement columns with numpy
alone (the matrices as the arrays of a CSR matrix, ``analysis._csr.Csr``), so a query that
needs no similarity never imports scipy. The similarity profiles are ``analysis._profiles``.

Cost weights:

- ``rarity[s]``: a smoothed IDF, ``(log((1 + R) / (1 + df)) + 1) / (log(1 + R) + 1)``, in
  (0, 1]; halved for transversal skills, which say little about fit.
- ``W[r, s]``: ``importance x rarity``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .._store import store_of
from ..graph import SkillGraph
from ..model import ReuseLevel
from ._csr import Csr
from ._index import Index

__all__ = ["TRANSVERSAL_FACTOR", "Requirements", "broader_pairs", "build_core", "requirements"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

TRANSVERSAL_FACTOR = 0.5
"""Rarity multiplier of transversal skills."""


@dataclass(frozen=True)
class Requirements:
    """Every requirement of a graph as arrays, ordered by role then skill position.

    ``role`` and ``skill`` are positions in id order, ``importance`` and ``essential`` the
    requirement's values, ``level`` its level (NaN: none), ``rated`` whether it records the
    scale its importance was rated on (``scale`` set: O*NET's IM and In Demand rows).
    """

    role_ids: list[str]
    skill_ids: list[str]
    role: IntArray
    skill: IntArray
    importance: FloatArray
    essential: BoolArray
    level: FloatArray
    rated: BoolArray


def requirements(g: SkillGraph) -> Requirements:
    """The requirements of ``g`` as arrays (see `Requirements`)."""
    role_ids = sorted(g.roles)
    skill_ids = sorted(g.skills)
    role_pos = {r: i for i, r in enumerate(role_ids)}
    skill_pos = {s: i for i, s in enumerate(skill_ids)}
    cols = store_of(g).requirement_columns()
    role_of = np.asarray([role_pos.get(n, -1) for n in cols.names], dtype=np.int64)
    skill_of = np.asarray([skill_pos.get(n, -1) for n in cols.names], dtype=np.int64)
    r_arr = role_of[np.asarray(cols.role, dtype=np.int32)]
    c_arr = skill_of[np.asarray(cols.skill, dtype=np.int32)]
    lvl = np.full(len(r_arr), math.nan)
    rated = np.zeros(len(r_arr), dtype=np.bool_)
    for row, (level, _, scale) in cols.extra.items():
        if level is not None:
            lvl[row] = level
        if scale is not None:
            rated[row] = True
    # by role, then skill, repeats in row order: lexsort's order, from one stable sort of
    # a key that is one-to-one on (role, skill) (a skill position is -1 at least)
    order = np.argsort(r_arr * (len(skill_ids) + 1) + (c_arr + 1), kind="stable")
    imp = np.asarray(cols.importance, dtype=np.float64)
    ess = np.asarray(cols.essential, dtype=np.int8).astype(bool)
    return Requirements(
        role_ids,
        skill_ids,
        r_arr[order],
        c_arr[order],
        imp[order],
        ess[order],
        lvl[order],
        rated[order],
    )


def csr_of(rows: IntArray, cols: IntArray, values: FloatArray, shape: tuple[int, int]) -> Csr:
    """The CSR arrays of the matrix with ``values`` at ``(rows, cols)``, given sorted by row
    then column and without repeats (as scipy makes them: int32 indices, explicit zeros
    kept)."""
    counts = np.bincount(rows, minlength=shape[0]) if len(rows) else np.zeros(shape[0], int)
    indptr = np.zeros(shape[0] + 1, dtype=np.int32)
    np.cumsum(counts, out=indptr[1:])
    return Csr(
        np.asarray(values, dtype=np.float64),
        np.asarray(cols, dtype=np.int32),
        indptr,
        shape,
    )


def build_core(g: SkillGraph) -> Index:
    """The core ``Index`` of ``g`` (no profiles), from its store (numpy only)."""
    req = requirements(g)
    role_ids, skill_ids = req.role_ids, req.skill_ids
    n_r, n_s = len(role_ids), len(skill_ids)
    r_arr, c_arr = req.role, req.skill
    df = np.bincount(c_arr, minlength=n_s).astype(np.int64)
    rarity = (np.log((1.0 + n_r) / (1.0 + df)) + 1.0) / (math.log(1.0 + n_r) + 1.0)
    skills, roles = g.skills, g.roles
    transversal = np.asarray(
        [skills[s].reuse is ReuseLevel.TRANSVERSAL for s in skill_ids], dtype=bool
    )
    rarity = np.where(transversal, rarity * TRANSVERSAL_FACTOR, rarity).astype(np.float64)
    shape = (n_r, n_s)
    w = req.importance * rarity[c_arr] if len(c_arr) else np.zeros(0)
    w_m = csr_of(r_arr, c_arr, w, shape)
    e_m = csr_of(r_arr, c_arr, np.where(req.essential, 1.0, 0.0), shape)
    ones = np.ones(len(r_arr))
    b_m = csr_of(r_arr, c_arr, ones, shape)
    by_skill = np.lexsort((r_arr, c_arr))
    bt_m = csr_of(c_arr[by_skill], r_arr[by_skill], ones, (n_s, n_r))
    bounds = w_m.indptr.tolist()
    data = w_m.data.tolist()
    totals = np.asarray(
        [math.fsum(data[bounds[i] : bounds[i + 1]]) for i in range(n_r)], dtype=np.float64
    )
    return Index(
        role_ids=role_ids,
        skill_ids=skill_ids,
        rarity=rarity,
        df=df,
        W=w_m,
        E=e_m,
        B=b_m,
        BT=bt_m,
        totals=totals.reshape(n_r),
        levels=[roles[r].level for r in role_ids],
        declared_cluster=[roles[r].cluster for r in role_ids],
        importance=req.importance,
    )


def broader_pairs(g: SkillGraph) -> list[tuple[str, str]]:
    """(narrower, broader) of every hierarchy edge, in the order of ``g.iter_broader()``
    (without making an edge model for each: ESCO has 20,000)."""
    store = store_of(g)
    above = store.broader_of
    return [(n, b) for n in sorted(store.with_broader()) for b in sorted(above(n))]
