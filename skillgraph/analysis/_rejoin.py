"""Rejoining communities that hold no senior step into the family they lean on most.

Louvain (``skillgraph.analysis._communities``) knows nothing of seniority: it may leave a
senior role, or a band of roles of one grade, in a community of its own, where nobody has
a more senior role to move up to. Such a community is a poor job family for vertical
moves (``upskill``): its members get no target.

A community holds a **senior step** when one of the graph's edges inside it links two
roles whose ranks (a role's grade, a negative rank for a role without one) are both known
and differ by at least 1 and at most ``max_jump`` (the seniority jump a viable move may
make). ``rejoin`` merges every community without one into the neighbouring community it
shares the most edge weight with, among those whose union with it holds a senior step;
a community with no such neighbour stays as it is. Merges are made in rounds: in each, the
communities without a step, smallest first (then by number), are merged unless one of the
two was already part of a merge of that round; rounds repeat until none merges. Merging
only unites communities, so the result is a coarser partition of the same nodes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..errors import InvalidValueError
from ._communities import Adjacency, from_entries, renumber
from ._index import FloatArray, IntArray

__all__ = ["BoolArray", "checked_edges", "rejoin", "step_communities"]

BoolArray = npt.NDArray[np.bool_]


def step_communities(
    graph: Adjacency, labels: IntArray, ranks: IntArray, max_jump: int = 1
) -> BoolArray:
    """Per community number of ``labels`` (``0 .. max``): whether it holds a senior step
    (see the module documentation)."""
    c = int(labels.max()) + 1 if len(labels) else 0
    rows, cols = graph.rows(), graph.indices
    step = _steps(rows, cols, ranks, max_jump) & (labels[rows] == labels[cols])
    out: BoolArray = np.bincount(labels[rows[step]], minlength=c) > 0
    return out


def checked_edges(
    graph: Adjacency, labels: IntArray, ranks: IntArray, max_jump: int
) -> tuple[IntArray, IntArray, IntArray, IntArray, FloatArray]:
    """``labels`` renumbered ``0 .. c-1``, ``ranks`` as arrays, and the edges of ``graph``
    between distinct nodes (rows, cols, weights), once the arguments are checked.

    Raises:
        InvalidValueError: ``labels`` or ``ranks`` do not hold one entry per node, a label
            is negative, or ``max_jump`` < 1.
    """
    n = graph.n
    labels = np.asarray(labels, dtype=np.int64)
    ranks = np.asarray(ranks, dtype=np.int64)
    if labels.shape != (n,) or ranks.shape != (n,):
        raise InvalidValueError(f"labels and ranks need one entry per node ({n})")
    if n and labels.min() < 0:
        raise InvalidValueError("community numbers must not be negative")
    if max_jump < 1:
        raise InvalidValueError(f"max_jump must be >= 1 (got {max_jump})", field="max_jump")
    rows, cols, weights = graph.rows(), graph.indices, graph.weights
    apart = rows != cols
    return renumber(labels), ranks, rows[apart], cols[apart], weights[apart]


def rejoin(graph: Adjacency, labels: IntArray, ranks: IntArray, max_jump: int = 1) -> IntArray:
    """``labels`` (node -> community number) with every community lacking a senior step
    merged into a neighbour (see the module documentation), renumbered ``0 .. c-1`` in
    order of each community's first node. Deterministic: no randomness is involved.

    Raises:
        InvalidValueError: ``labels`` or ``ranks`` do not hold one entry per node, a label
            is negative, or ``max_jump`` < 1.
    """
    labels, ranks, rows, cols, weights = checked_edges(graph, labels, ranks, max_jump)
    step = _steps(rows, cols, ranks, max_jump)
    while True:
        merged = _round(labels, rows, cols, weights, step)
        if merged is None:
            return labels
        labels = renumber(merged)


def _round(
    labels: IntArray, rows: IntArray, cols: IntArray, weights: FloatArray, step: BoolArray
) -> IntArray | None:
    """One round of merges (new labels), or None when no community merges."""
    c = int(labels.max()) + 1 if len(labels) else 0
    lu, lv = labels[rows], labels[cols]
    inside = lu == lv
    has_step = np.bincount(lu[step & inside], minlength=c) > 0
    lacking = np.flatnonzero(~has_step)
    if not len(lacking):
        return None
    cross = ~inside
    link = from_entries(c, lu[cross], lv[cross], weights[cross])
    # community pairs linked by a cross edge that is itself a senior step
    stepped = from_entries(
        c, lu[cross & step], lv[cross & step], np.ones(int((cross & step).sum()))
    )
    size = np.bincount(labels, minlength=c)
    target = np.arange(c, dtype=np.int64)
    touched = np.zeros(c, dtype=bool)
    for a in lacking[np.lexsort((lacking, size[lacking]))].tolist():
        if touched[a]:
            continue
        lo, hi = link.indptr[a], link.indptr[a + 1]
        near, w = link.indices[lo:hi], link.weights[lo:hi]
        slo, shi = stepped.indptr[a], stepped.indptr[a + 1]
        useful = has_step[near] | np.isin(near, stepped.indices[slo:shi])
        useful &= ~touched[near]
        if not useful.any():
            continue
        near, w = near[useful], w[useful]
        b = int(near[np.lexsort((near, -w))][0])  # the heaviest link, then the lowest number
        target[a] = b
        touched[a] = touched[b] = True
    if not touched.any():
        return None
    out: IntArray = target[labels]
    return out


def _steps(rows: IntArray, cols: IntArray, ranks: IntArray, max_jump: int) -> BoolArray:
    """Per entry: whether it links two known ranks 1 .. ``max_jump`` apart."""
    ru, rv = ranks[rows], ranks[cols]
    jump = np.abs(ru - rv)
    out: BoolArray = (ru >= 0) & (rv >= 0) & (jump >= 1) & (jump <= max_jump)
    return out
