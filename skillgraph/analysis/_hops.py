"""The weighted skill-path search core: hop arrays of a graph and the A* search over them.

``skillgraph.analysis.adjacency.skill_path`` documents the costs; this module only walks
them. The arrays are built once per graph version (``adjacency.hops``), so a search reads
integer slices and never rebuilds a neighbour list.

Hops through a shared parent (siblings) or a shared role (co-required) are not listed pair
by pair (a parent with ``n`` children holds ``n^2`` pairs): the search reaches them through
the parent or the role, and opens each parent and role once per path length it is reached
at. A later opening at the same or a longer distance offers nothing cheaper, so skipping it
leaves the result exactly that of relaxing every pair.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Hops", "cheapest", "rows_of"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


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
    sibling_cost: float
    co_required_cost: float


def rows_of(ptr: IntArray, idx: IntArray, rows: IntArray) -> IntArray:
    """The entries of CSR rows ``rows`` (``ptr``/``idx``), concatenated in row order."""
    if len(rows) == 1:
        r = int(rows[0])
        return idx[ptr[r] : ptr[r + 1]]
    starts = ptr[rows]
    lens = ptr[rows + 1] - starts
    total = int(lens.sum())
    if not total:
        return idx[:0]
    offsets: IntArray = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(total)
    out: IntArray = idx[offsets]
    return out


def cheapest(hops: Hops, a: int, b: int, bound: FloatArray, eps: float) -> IntArray | None:
    """Predecessors of the cheapest path from skill ``a`` to ``b`` (None: no path).

    ``bound`` is a consistent lower bound of each skill's cost to ``b``. Skills are settled
    by lowest ``(cost so far + bound, position)``; a skill's predecessor is the first
    settled skill offering it a cost lower by more than ``eps``; hops that cannot beat the
    best path to ``b`` found so far (by more than ``eps``) are not made.
    """
    n = len(hops.penalty)
    pen = hops.penalty.copy()
    pen[b] = 0.0
    dist = np.full(n, np.inf)
    pred = np.full(n, -1, dtype=np.int64)
    done = np.zeros(n, dtype=bool)
    parent_at = np.full(len(hops.children_ptr) - 1, np.inf)
    role_at = np.full(len(hops.required_ptr) - 1, np.inf)
    sib_c, co_c = hops.sibling_cost, hops.co_required_cost
    offer = np.full(n, np.inf)  # per skill: the lowest offer of the skill being settled
    dist[a] = 0.0
    # per skill reached and not settled: its estimate (cost so far + bound); the lowest,
    # then the lowest position, is settled next (argmin returns the first of equals)
    estimate = np.full(n, np.inf)
    estimate[a] = bound[a]
    while True:
        u = int(np.argmin(estimate))
        if estimate[u] == np.inf:
            break
        estimate[u] = np.inf
        done[u] = True
        if u == b:
            break
        d = float(dist[u])
        limit = float(dist[b]) - eps
        lo, hi = hops.near_ptr[u], hops.near_ptr[u + 1]
        cands = [hops.near[lo:hi]]
        offer[cands[0]] = (d + hops.near_cost[lo:hi]) + pen[cands[0]]
        ps = _open(hops.parents[hops.parents_ptr[u] : hops.parents_ptr[u + 1]], parent_at, d)
        if len(ps):
            kids = rows_of(hops.children_ptr, hops.children, ps)
            cands.append(_offer(offer, kids, d + sib_c, pen))
        if d + co_c < limit:
            rs = _open(hops.roles[hops.roles_ptr[u] : hops.roles_ptr[u + 1]], role_at, d)
            if len(rs):
                mates = rows_of(hops.required_ptr, hops.required, rs)
                cands.append(_offer(offer, mates, d + co_c, pen))
        cand = cands[0] if len(cands) == 1 else np.concatenate(cands)
        new = offer[cand]
        offer[cand] = np.inf
        ok = (new < dist[cand] - eps) & (new + bound[cand] < limit) & ~done[cand]
        if not ok.all():
            cand, new = cand[ok], new[ok]
        # a skill offered twice (two parents, two roles) is written twice with one value
        dist[cand] = new
        pred[cand] = u
        estimate[cand] = new + bound[cand]
    return pred if done[b] else None


def _open(groups: IntArray, opened_at: FloatArray, d: float) -> IntArray:
    """The ``groups`` (parents or roles) not opened at a distance ≤ ``d``; they are now."""
    fresh = groups[opened_at[groups] > d]
    opened_at[fresh] = d
    return fresh


def _offer(offer: FloatArray, cand: IntArray, base: float, pen: FloatArray) -> IntArray:
    """Lower ``offer`` at ``cand`` to ``base + penalty`` where that is lower; ``cand``.

    ``cand`` may repeat a skill: its repeats carry one value, so writing them all is exact.
    """
    offer[cand] = np.minimum(offer[cand], base + pen[cand])
    return cand
