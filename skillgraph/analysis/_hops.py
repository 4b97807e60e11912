"""The weighted skill-path search core: hop arrays of a graph and the A* search over them.

``skillgraph.analysis.adjacency.skill_path`` documents the costs; this module only walks
them. The arrays are built once per graph version (``adjacency.hops``) and cut into rows on
the first search (``Hops.rows``), so a search reads ready rows and never rebuilds a
neighbour list; per skill it settles it makes a few numpy calls over all its offers, and
walks only the short parent and role lists in Python.

Hops through a shared parent (siblings) or a shared role (co-required) are not listed pair
by pair (a parent with ``n`` children holds ``n^2`` pairs): the search reaches them through
the parent or the role, and opens each parent and role once per path length it is reached
at. A later opening at the same or a longer distance offers nothing cheaper, so skipping it
leaves the result exactly that of relaxing every pair.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = ["HopRows", "Hops", "cheapest", "cheapest_of", "csr_arrays", "lower_bounds"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_T = TypeVar("_T", bound=np.generic)


@dataclass(eq=False)
class Hops:
    """Plain int64 CSR arrays of a graph's skill relations, with the cost of each kind.

    ``near``: skill -> skills one declared hop away (related, broader or narrower);
    ``parents`` / ``children``: skill -> parent (broader skill or group) and back;
    ``roles`` / ``required``: skill -> roles requiring it and back.
    """

    near_ptr: IntArray
    near: IntArray
    near_cost: FloatArray
    """Per ``near`` entry: the cost of its cheapest declared relation."""
    parents_ptr: IntArray
    parents: IntArray
    children_ptr: IntArray
    children: IntArray
    roles_ptr: IntArray
    roles: IntArray
    required_ptr: IntArray
    required: IntArray
    penalty: FloatArray
    """Per skill: the hub penalty of entering it."""
    sibling_cost: FloatArray
    """Per parent: the cost of a hop between two of its children."""
    co_required_cost: float
    _rows: HopRows | None = field(default=None, init=False, repr=False)

    def rows(self) -> HopRows:
        """The arrays cut into per-row views and lists, built once (see ``HopRows``)."""
        if self._rows is None:
            self._rows = HopRows(
                near=_views(self.near_ptr, self.near),
                near_cost=_views(self.near_ptr, self.near_cost),
                parents_ptr=self.parents_ptr.tolist(),
                parents=self.parents.tolist(),
                children=_views(self.children_ptr, self.children),
                sibling_cost=self.sibling_cost.tolist(),
                roles_ptr=self.roles_ptr.tolist(),
                roles=self.roles.tolist(),
                required=_views(self.required_ptr, self.required),
            )
        return self._rows


@dataclass(eq=False)
class HopRows:
    """The rows of a ``Hops``: numpy views of the rows the search offers to at once, one
    list entry a row, and the parent and role CSR arrays, which it walks entry by entry, as
    flat Python lists (a list entry reads faster than a numpy element, and a kept view
    beats a slice; flat, as a list a row would be many objects for the garbage collector)."""

    near: list[IntArray]
    near_cost: list[FloatArray]
    parents_ptr: list[int]
    parents: list[int]
    children: list[IntArray]
    sibling_cost: list[float]
    roles_ptr: list[int]
    roles: list[int]
    required: list[IntArray]


def _views(ptr: IntArray, idx: npt.NDArray[_T]) -> list[npt.NDArray[_T]]:
    """The rows of CSR ``ptr``/``idx`` as views of ``idx``."""
    return [idx[lo:hi] for lo, hi in itertools.pairwise(ptr.tolist())]


def cheapest(hops: Hops, a: int, b: int, bound: FloatArray, eps: float) -> IntArray | None:
    """Predecessors of the cheapest path from skill ``a`` to ``b`` (None: no path).

    ``bound`` is a consistent lower bound of each skill's cost to ``b``. Skills are settled
    by lowest ``(cost so far + bound, position)``; a skill's predecessor is the first
    settled skill offering it a cost lower by more than ``eps``; hops that cannot beat the
    best path to ``b`` found so far (by more than ``eps``) are not made.
    """
    n = len(hops.penalty)
    rows_of = hops.rows()
    near, near_cost, children, required = (
        rows_of.near,
        rows_of.near_cost,
        rows_of.children,
        rows_of.required,
    )
    parents_ptr, parents, roles_ptr, roles = (
        rows_of.parents_ptr,
        rows_of.parents,
        rows_of.roles_ptr,
        rows_of.roles,
    )
    pen = hops.penalty.copy()
    pen[b] = 0.0
    # per skill: its cost so far; -inf once settled, so that no offer is taken
    dist = np.full(n, np.inf)
    pred = np.full(n, -1, dtype=np.int64)
    parent_at = [math.inf] * len(children)
    role_at = [math.inf] * len(required)
    sib_c, co_c = rows_of.sibling_cost, hops.co_required_cost
    offer = np.full(n, np.inf)  # per skill: the lowest offer of the skill being settled
    dist[a] = 0.0
    # per skill reached and not settled: its estimate (cost so far + bound); the lowest,
    # then the lowest position, is settled next (argmin returns the first of equals)
    estimate = np.full(n, np.inf)
    estimate[a] = bound[a]
    unbounded = not np.isfinite(bound).all()  # an estimate can be inf, not below inf
    while True:
        u = int(estimate.argmin())
        if estimate[u] == np.inf:
            return None
        if u == b:
            return pred
        estimate[u] = np.inf
        d = float(dist[u])
        dist[u] = -np.inf
        limit = float(dist[b]) - eps
        rows = [near[u]]
        n_near = n_kids = len(rows[0])
        sib_at: list[float] = []  # per parent opened: the offer to its children, ...
        sib_n: list[int] = []  # ... and how many they are
        for r in parents[parents_ptr[u] : parents_ptr[u + 1]]:
            if parent_at[r] > d:  # a parent opens once per distance it is reached at
                parent_at[r] = d
                rows.append(children[r])
                n_kids += len(children[r])
                sib_at.append(d + sib_c[r])
                sib_n.append(len(children[r]))
        n_rows = len(rows)
        if d + co_c < limit:
            for r in roles[roles_ptr[u] : roles_ptr[u + 1]]:
                if role_at[r] > d:
                    role_at[r] = d
                    rows.append(required[r])
        cand = rows[0] if len(rows) == 1 else np.concatenate(rows)
        new = pen[cand]
        # offer: cost so far + hop cost, then + penalty (a float sum commutes, but does
        # not associate)
        if n_near:
            new[:n_near] += d + near_cost[u]
        if n_rows == 2:
            new[n_near:n_kids] += sib_at[0]
        elif n_rows > 2:
            new[n_near:n_kids] += np.repeat(sib_at, sib_n)
        if len(rows) > n_rows:
            new[n_kids:] += d + co_c
        # each offer on its own: a skill takes its lowest offer if any passes, since the
        # lowest passes whenever another does
        ok = new < dist[cand] - eps
        if limit != np.inf or unbounded:  # else every estimate is below the limit
            ok &= (new + bound[cand]) < limit
        take = ok.nonzero()[0]
        if len(take) < len(cand):
            cand, new = cand[take], new[take]
        if len(rows) > 1:  # a skill in two rows: its lowest offer
            np.minimum.at(offer, cand, new)
            new = offer[cand]
            offer[cand] = np.inf
        est = new + bound[cand]
        # a skill offered twice (two parents, two roles) is written twice with one value
        dist[cand] = new
        pred[cand] = u
        estimate[cand] = est


def lower_bounds(hops: Hops, b: int, min_hop: float) -> FloatArray:
    """Per skill, a consistent lower bound of its path cost to ``b`` (the A* heuristic).

    A path from a skill not next to ``b`` makes at least one hop (cost ``>= min_hop`` plus
    the penalty) into some neighbour ``w`` of ``b``, then ``w``'s hop to ``b``; a neighbour
    is bounded by its cheapest hop to ``b``.
    """
    rows_of = hops.rows()
    n = len(hops.penalty)
    ps, rs = hops.parents_ptr, hops.roles_ptr
    mine = rows_of.parents[ps[b] : ps[b + 1]]
    kids = [rows_of.children[r] for r in mine]
    mates = [rows_of.required[r] for r in rows_of.roles[rs[b] : rs[b + 1]]]
    cand = np.concatenate([rows_of.near[b], *kids, *mates])
    cost = np.concatenate(
        [
            rows_of.near_cost[b],
            np.repeat(hops.sibling_cost[mine], [len(k) for k in kids]).astype(np.float64),
            np.full(sum(map(len, mates)), hops.co_required_cost),
        ]
    )
    cheapest_hop = np.full(n, np.inf)
    np.minimum.at(cheapest_hop, cand, cost)
    cheapest_hop[b] = np.inf
    near = np.flatnonzero(cheapest_hop < np.inf)
    hop = cheapest_hop[near]
    two = min_hop + float(np.min(hops.penalty[near] + hop)) if len(near) else np.inf
    out: FloatArray = np.full(n, two)
    out[near] = np.minimum(hop, two)
    out[b] = 0.0
    return out


def csr_arrays(m: sp.csr_matrix) -> tuple[IntArray, IntArray]:
    """The row pointers and (ascending per row) column indices of ``m``, as int64."""
    m = m if m.has_sorted_indices else m.sorted_indices()
    return m.indptr.astype(np.int64), m.indices.astype(np.int64)


def cheapest_of(
    parts: list[tuple[sp.csr_matrix, float]], n: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """CSR arrays of the union of the patterns of ``parts``, each entry at the lowest cost
    of the parts holding it."""
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    costs: list[FloatArray] = []
    for m, cost in parts:
        coo = m.tocoo()
        rows.append(coo.row.astype(np.int64))
        cols.append(coo.col.astype(np.int64))
        costs.append(np.full(coo.nnz, cost))
    row, col, cost_all = np.concatenate(rows), np.concatenate(cols), np.concatenate(costs)
    order = np.lexsort((cost_all, col, row))
    row, col, cost_all = row[order], col[order], cost_all[order]
    first = np.ones(len(row), dtype=bool)
    first[1:] = (row[1:] != row[:-1]) | (col[1:] != col[:-1])
    row, col, cost_all = row[first], col[first], cost_all[first]
    ptr: IntArray = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n), out=ptr[1:])
    return ptr, col, cost_all
