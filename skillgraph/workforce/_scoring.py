"""Vectorised coverage of many people against many roles: plain arrays, no graph needed.

`ScoringIndex` is everything a worker needs (picklable, broadcast once to a Dask cluster):
skill positions, the skills x roles weight matrix and each role's total weight, taken from
the analysis index, so coverage is ``g.gap``'s coverage:

- coverage(p, r) = ``sum(W[r, s] for s held by p) / sum(W[r, s])``, ``W = importance x
  rarity`` (see ``skillgraph.analysis._index``), clipped to 1;
- a role whose weights are all 0 counts requirements (``held / required``);
- a role without requirements has coverage 1.

Scores are rounded to ``DECIMALS`` decimals before ranking, so roles of equal coverage tie
exactly whatever the summation order and ties resolve by role id (column order).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..graph import SkillGraph

__all__ = ["DECIMALS", "ScoringIndex", "default_chunk", "people_matrix", "score_chunks", "top_k"]

DECIMALS = 12
"""Coverage is rounded to this many decimals (ties then resolve by role id)."""
CHUNK_CELLS = 4_000_000
"""People x roles cells scored at once (about 32 MB of float64): bounds memory."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class ScoringIndex:
    """Skill positions and the weight matrix of the roles scored (columns)."""

    role_ids: list[str]
    role_labels: list[str]
    skill_pos: dict[str, int]
    WT: sp.csr_matrix
    """Skills x roles weights (count weights for weightless roles)."""
    inv_totals: FloatArray
    """Per role: 1 / its total weight (0 for a role without requirements)."""
    empty: npt.NDArray[np.bool_]
    """Per role: no requirements (coverage 1)."""

    @classmethod
    def build(cls, g: SkillGraph, roles: Sequence[str] | None = None) -> ScoringIndex:
        """The scoring index of ``g``'s roles (all of them, or the role ids ``roles``)."""
        from ..analysis._index import index

        ix = index(g)
        cols = (
            np.arange(ix.n_roles, dtype=np.int64)
            if roles is None
            else np.asarray([ix.role_pos[r] for r in roles], dtype=np.int64)
        )
        w = sp.csr_matrix(ix.W[cols], dtype=np.float64)
        b = sp.csr_matrix(ix.B[cols], dtype=np.float64)
        totals = np.asarray(ix.totals, dtype=np.float64)[cols]
        counts = np.diff(b.indptr).astype(np.float64)
        weightless = (totals <= 0) & (counts > 0)
        if weightless.any():  # such roles count requirements instead (as gap does)
            keep = sp.diags(np.where(weightless, 0.0, 1.0))
            use = sp.diags(np.where(weightless, 1.0, 0.0))
            w = sp.csr_matrix(keep @ w + use @ b)
            totals = np.where(weightless, counts, totals)
        empty = counts == 0
        inv = np.where(totals > 0, 1.0 / np.where(totals > 0, totals, 1.0), 0.0)
        wt = sp.csr_matrix(w.T)
        wt.sort_indices()
        ids = [ix.role_ids[c] for c in cols.tolist()]
        return cls(
            role_ids=ids,
            role_labels=[g.roles[r].label for r in ids],
            skill_pos=dict(ix.skill_pos),
            WT=wt,
            inv_totals=inv,
            empty=empty,
        )

    @property
    def n_roles(self) -> int:
        """Number of roles scored."""
        return len(self.role_ids)

    def coverage(self, h: sp.csr_matrix) -> FloatArray:
        """People x roles coverage of the people rows ``h`` (dense, rounded)."""
        c = (h @ self.WT).toarray()
        c *= self.inv_totals
        np.minimum(c, 1.0, out=c)
        c[:, self.empty] = 1.0
        out: FloatArray = np.round(c, DECIMALS)
        return out


def people_matrix(
    skill_pos: dict[str, int], skills: Iterable[Iterable[str]], n_skills: int
) -> sp.csr_matrix:
    """People x skills binary matrix of the skill ids (unknown ids are skipped)."""
    indptr = [0]
    indices: list[int] = []
    for held in skills:
        row = sorted({p for s in held if (p := skill_pos.get(s)) is not None})
        indices.extend(row)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix(
        (data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
        shape=(len(indptr) - 1, n_skills),
    )


def top_k(c: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    """Per row, the columns of the ``k`` highest values, best first, ties by column."""
    n, m = c.shape
    k = min(k, m)
    if k <= 0 or n == 0:
        return np.zeros((n, 0), np.int64), np.zeros((n, 0))
    if k < m:
        kth = -np.partition(-c, k - 1, axis=1)[:, k - 1]
        above = c > kth[:, None]
        tied = c == kth[:, None]
        need = k - above.sum(axis=1)
        pick = above | (tied & (np.cumsum(tied, axis=1) <= need[:, None]))
    else:
        pick = np.ones_like(c, dtype=bool)
    rows, cols = np.nonzero(pick)
    vals = c[rows, cols]
    order = np.lexsort((cols, -vals, rows))
    top = cols[order].reshape(n, k).astype(np.int64)
    cov = vals[order].reshape(n, k)
    return top, cov


def default_chunk(n_roles: int) -> int:
    """People a chunk holds so that a chunk has about `CHUNK_CELLS` cells."""
    return max(1, CHUNK_CELLS // max(1, n_roles))


def score_chunks(
    si: ScoringIndex, h: sp.csr_matrix, k: int, chunk: int | None = None
) -> tuple[IntArray, FloatArray]:
    """Top-``k`` role columns and coverages of every row of ``h``, chunk by chunk."""
    size = chunk or default_chunk(si.n_roles)
    n = h.shape[0]
    kk = min(k, si.n_roles)
    tops = np.zeros((n, kk), dtype=np.int64)
    covs = np.zeros((n, kk), dtype=np.float64)
    for start in range(0, n, size):
        stop = min(n, start + size)
        t, c = top_k(si.coverage(h[start:stop]), kk)
        tops[start:stop] = t
        covs[start:stop] = c
    return tops, covs
