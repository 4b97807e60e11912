"""Vectorised coverage of many people against many roles: plain arrays, no graph needed.

`ScoringIndex` is everything a worker needs (picklable, broadcast once to a Dask cluster):
skill positions and the matrices of each role's gap weights and tool classes, taken from
the gap index (``skillgraph.analysis._gap_credit``, which ``g.gap`` reads too), so
coverage is ``g.gap``'s coverage:

- coverage(p, r) = ``sum(W[r, q] for q held by p) / sum(W[r, q])`` over the
  requirements ``q`` of ``r``, ``W`` the gap weights, clipped to 1; a technology title
  counts as held when a title of its tool class is (the sign of a sparse product);
- a role whose weights are all 0 counts requirements (``held / required``);
- a role without requirements has coverage 1.

Coverage is rounded to ``DECIMALS`` (12) decimals before ranking, so roles of equal
coverage tie whatever the summation order, and ties resolve by role id (column order).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..analysis._csr import ranges
from ..graph import SkillGraph

__all__ = [
    "DECIMALS",
    "ScoringIndex",
    "default_chunk",
    "people_matrix",
    "score_chunks",
    "top_k",
    "top_k_sparse",
]

DECIMALS = 12
"""Coverage is reported rounded to this many decimals."""
PREFILTER = 0.5
"""`top_k_sparse` first drops values below this share of their row's maximum, in rows
where at least ``k`` values reach it (they cannot be in the top ``k``)."""
ARGMAX_K = 32
"""Up to this ``k``, top-k is ``k`` row-wise argmax passes; above, a stable sort."""
CHUNK_CELLS = 4_000_000
"""People x roles cells scored at once (about 32 MB of float64): bounds memory."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class ScoringIndex:
    """Skill positions and the gap weights of the roles scored (columns), as matrices."""

    role_ids: list[str]
    role_labels: list[str]
    skill_pos: dict[str, int]
    WT: sp.csr_matrix
    """Skills x roles gap weights of the requirements outside a tool class (count weights
    for weightless roles)."""
    inv_totals: FloatArray
    """Per role: 1 / its total weight (0 for a role without requirements)."""
    empty: npt.NDArray[np.bool_]
    """Per role: no requirements (coverage 1)."""
    classes: tuple[sp.csr_matrix, sp.csr_matrix] | None = None
    """Tool classes: skills x classes titles and classes x roles weights; a role's titles
    of a class count whole when any title of the class is held (listed by the role or
    not)."""

    @classmethod
    def build(cls, g: SkillGraph, roles: Sequence[str] | None = None) -> ScoringIndex:
        """The scoring index of the role ids ``roles`` of ``g``, or of every role with
        requirements (everyone covers a role without any fully: it is not ranked)."""
        from ..analysis._gap_credit import gap_index
        from ..analysis._index import index

        ix, gi = index(g, profiles=False), gap_index(g)
        cols = (
            np.flatnonzero(np.diff(ix.B.indptr) > 0).astype(np.int64)
            if roles is None
            else np.asarray([ix.role_pos[r] for r in roles], dtype=np.int64)
        )
        counts = np.diff(ix.B.indptr)[cols].astype(np.float64)
        totals = gi.totals[cols]
        weightless = (totals <= 0) & (counts > 0)  # such roles count requirements (as gap)
        totals = np.where(weightless, counts, totals)
        empty = counts == 0
        inv = np.where(totals > 0, 1.0 / np.where(totals > 0, totals, 1.0), 0.0)
        lo, hi = ix.B.indptr[cols].astype(np.int64), ix.B.indptr[cols + 1].astype(np.int64)
        entry = ranges(lo, hi)  # the requirement entries of the columns, column by column
        col = np.repeat(np.arange(len(cols), dtype=np.int64), hi - lo)
        weight = np.where(weightless[col], 1.0, gi.weights[entry])
        skill = ix.B.indices[entry].astype(np.int64)
        klass = gi.tool_class[entry]
        n_s, n_c = ix.n_skills, len(cols)
        plain = klass < 0
        wt = sp.csr_matrix(
            (weight[plain], (skill[plain], col[plain])), shape=(n_s, n_c), dtype=np.float64
        )
        wt.sort_indices()
        ids = [ix.role_ids[c] for c in cols.tolist()]
        return cls(
            role_ids=ids,
            role_labels=[g.roles[r].label for r in ids],
            skill_pos=dict(ix.skill_pos),
            WT=wt,
            inv_totals=inv,
            empty=empty,
            classes=_classes(gi.skill_class, col[~plain], klass[~plain], weight[~plain], n_c),
        )

    @property
    def n_roles(self) -> int:
        """Number of roles scored."""
        return len(self.role_ids)

    def _weighted(self, h: sp.csr_matrix) -> sp.csr_matrix:
        """People x roles covered weight of the people rows ``h`` (sparse)."""
        p = sp.csr_matrix(h @ self.WT)
        if self.classes is not None:  # a class is held when any of its titles is
            titles, weights = self.classes
            p = p + sp.csr_matrix((h @ titles).sign()) @ weights
        return sp.csr_matrix(p)

    def products(self, h: sp.csr_matrix) -> sp.csr_matrix:
        """People x roles coverage of the people rows ``h``, sparse (roles with
        requirements only: a role without any is missing, not 1)."""
        p = self._weighted(h)
        p.data *= self.inv_totals[p.indices]
        _whole(p.data)
        return p

    def coverage(self, h: sp.csr_matrix) -> FloatArray:
        """People x roles coverage of the people rows ``h`` (dense)."""
        c: FloatArray = self._weighted(h).toarray()
        c *= self.inv_totals
        _whole(c)
        c[:, self.empty] = 1.0
        return c


#: a share this close to 1 is a whole cover: the product and the reciprocal of the total
#: round differently from ``gap``'s ``fsum`` ratio (0.9999999999999999 for a holder of all)
_WHOLE = 1e-12


def _whole(shares: FloatArray) -> None:
    """``shares`` in place: at most 1, and 1 where only rounding keeps them under."""
    shares[shares >= 1.0 - _WHOLE] = 1.0


def _classes(
    skill_class: IntArray, col: IntArray, klass: IntArray, weight: FloatArray, n_c: int
) -> tuple[sp.csr_matrix, sp.csr_matrix] | None:
    """Skills x classes (every title of each class, required by a scored role or not)
    and classes x columns summed weights of the columns' titles."""
    if not len(col):
        return None
    n_k = int(skill_class.max()) + 1
    of = np.flatnonzero(skill_class >= 0)
    titles = sp.csr_matrix((np.ones(len(of)), (of, skill_class[of])), shape=(len(skill_class), n_k))
    weights = sp.csr_matrix((weight, (klass, col)), shape=(n_k, n_c), dtype=np.float64)
    weights.sum_duplicates()
    return titles, weights


def people_matrix(
    skill_pos: dict[str, int], skills: Iterable[Iterable[str]], n_skills: int
) -> sp.csr_matrix:
    """People x skills binary matrix of the skill ids (unknown ids are skipped)."""
    get = skill_pos.get
    lengths: list[int] = []
    flat: list[int] = []
    for held in skills:
        row = [p for s in held if (p := get(s)) is not None]
        flat.extend(row)
        lengths.append(len(row))
    n = len(lengths)
    cols = np.asarray(flat, dtype=np.int64)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.asarray(lengths, dtype=np.int64))
    if len(cols):  # sort each row's columns and drop repeats
        order = np.lexsort((cols, rows))
        rows, cols = rows[order], cols[order]
        fresh = np.ones(len(cols), dtype=bool)
        fresh[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        rows, cols = rows[fresh], cols[fresh]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return sp.csr_matrix(
        (np.ones(len(cols), dtype=np.float64), cols.astype(np.int32), indptr),
        shape=(n, n_skills),
    )


def top_k(c: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    """Per row, the columns of the ``k`` highest values rounded to `DECIMALS`, best first,
    ties by column. ``c`` is overwritten (it is a scratch array)."""
    n, m = c.shape
    k = min(k, m)
    if k <= 0 or n == 0:
        return np.zeros((n, 0), np.int64), np.zeros((n, 0))
    np.round(c, DECIMALS, out=c)
    if k > ARGMAX_K:  # a stable sort keeps equal values in column order
        top = np.argsort(-c, axis=1, kind="stable")[:, :k].astype(np.int64)
        return top, np.take_along_axis(c, top, axis=1)
    rows = np.arange(n)
    top = np.zeros((n, k), dtype=np.int64)
    cov = np.zeros((n, k), dtype=np.float64)
    for j in range(k):  # argmax takes the first (lowest) column among equal values
        best = np.argmax(c, axis=1)
        top[:, j] = best
        cov[:, j] = c[rows, best]
        c[rows, best] = -np.inf
    return top, cov


def top_k_sparse(p: sp.csr_matrix, k: int) -> tuple[IntArray, FloatArray]:
    """`top_k` of the dense matrix ``p`` holds (missing entries are 0), read from its
    non-zero entries only: ``k`` passes of per-row maxima over the stored values, then the
    lowest-numbered zero columns for rows with fewer than ``k`` positive values.
    ``p.data`` is overwritten."""
    n, m = p.shape
    k = min(k, m)
    top = np.zeros((n, k), dtype=np.int64)
    cov = np.zeros((n, k), dtype=np.float64)
    if k <= 0 or n == 0:
        return top, cov
    # a product of CSR matrices stores each (row, column) once; columns may be unsorted
    data = np.round(p.data, DECIMALS)
    data[data <= 0] = -np.inf  # zeros are ranked with the missing entries below
    indices, indptr = p.indices, p.indptr
    lengths = np.diff(indptr)
    rowof = np.repeat(np.arange(n), lengths)
    if len(data):  # keep what can be in a row's top k: at least half its maximum, when
        # k values reach that (else the whole row)
        rowmax = np.full(n, -np.inf)
        nonempty = np.flatnonzero(lengths > 0)
        rowmax[nonempty] = np.maximum.reduceat(data, indptr[:-1][nonempty])
        floor = np.where(rowmax > 0, rowmax * PREFILTER, -np.inf)
        above = data >= floor[rowof]
        enough = np.bincount(rowof[above], minlength=n) >= k
        keep = above | ~enough[rowof]
        data, indices, rowof = data[keep], indices[keep], rowof[keep]
        lengths = np.bincount(rowof, minlength=n)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    filled = np.zeros(n, dtype=np.int64)
    live = np.flatnonzero(lengths > 0)
    rowmax = np.full(n, np.inf)
    for j in range(k):
        if not len(live):
            break
        best = np.maximum.reduceat(data, starts[live])
        ok = best > -np.inf
        live, best = live[ok], best[ok]
        if not len(live):
            break
        rowmax.fill(np.inf)
        rowmax[live] = best
        hits = np.flatnonzero(data == rowmax[rowof])
        # of the entries holding a row's maximum, the lowest column (columns may be unsorted)
        first = np.searchsorted(hits, starts[live])
        low = np.minimum.reduceat(indices[hits], first)
        lowest = np.full(n, -1, dtype=np.int64)
        lowest[live] = low
        pos = hits[indices[hits] == lowest[rowof[hits]]]
        top[live, j] = indices[pos]
        cov[live, j] = best
        filled[live] += 1
        data[pos] = -np.inf
    for i in np.flatnonzero(filled < k).tolist():  # too few positive values: zeros by column
        have = set(top[i, : filled[i]].tolist())
        zeros = [c for c in range(m) if c not in have][: k - filled[i]]
        top[i, filled[i] :] = zeros
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
        t, c = (
            top_k(si.coverage(h[start:stop]), kk)
            if si.empty.any()
            else top_k_sparse(si.products(h[start:stop]), kk)
        )
        tops[start:stop] = t
        covs[start:stop] = c
    return tops, covs
