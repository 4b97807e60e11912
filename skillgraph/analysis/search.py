"""The one search core of career moves: fewest viable steps, then least learning.

A route is a path of viable moves (``viability``) from a start role. Its objective, in
order: the fewest steps; then the least learning, the sum of the step costs, where the
cost of a step onto role B is the weighted share of B's requirements not yet covered by
what the person holds at that point (start role, own skills, every earlier step), weighed
by the gap weights (``GapIndex.step_cost``: 1 - gap's coverage); then the
lexicographically smallest path of role ids.

The search is exact for that objective. A breadth-first sweep over the viable-move matrix
gives the fewest steps to every role; the roles on some shortest path to a goal form a
layered graph, searched best-first (A*) with the step costs computed along each path and
an admissible lower bound (a role's cost given everything the earlier layers could teach).
After ``MAX_EXPANSIONS`` partial paths the best one is completed greedily and the route is
marked inexact (the benchmark counts how often that happens).

``upskill`` plans with it; ``reskill`` plans the route of least learning
(``skillgraph.analysis._cheapest``), and falls back on this search only when that one
finds no route although a goal is reachable (its pruning can drop the one continuation).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ._csr import Csr
from ._gap_credit import GapIndex
from ._index import FloatArray, Index, IntArray
from .viability import Mobility

__all__ = [
    "MAX_EXPANSIONS",
    "Route",
    "Space",
    "best_route",
    "best_routes",
    "explore",
    "hops",
]

MAX_EXPANSIONS = 2_000
"""Partial paths the best-first search expands before completing the best one greedily."""

Mask = npt.NDArray[np.bool_]


@dataclass(eq=False)
class Space:
    """The viable roles reachable from ``start`` (``dist``: fewest steps, -1 unreached;
    ``covered``: closed by tool class, ``GapIndex.close``)."""

    ix: Index
    gi: GapIndex
    mob: Mobility
    start: int
    covered: Mask
    dist: IntArray
    max_steps: int


@dataclass(frozen=True)
class Route:
    """A path of role positions after the start, its step costs and whether it is exact."""

    path: list[int]
    costs: list[float]
    """Step costs as the search priced them (a sparse product: equal to
    ``GapIndex.step_cost`` up to rounding; plans report ``GapIndex.step_cost``)."""
    exact: bool

    @property
    def cost(self) -> float:
        """The sum of the step costs, added in step order."""
        total = 0.0
        for c in self.costs:
            total += c
        return total


def explore(
    ix: Index,
    gi: GapIndex,
    mob: Mobility,
    start: int,
    covered: Mask,
    max_steps: int,
    allowed: Mask | None = None,
) -> Space:
    """Fewest viable steps from ``start`` to every role (through ``allowed`` roles only),
    from the skills ``covered`` (closed by tool class here)."""
    dist = hops(mob.at, np.asarray([start], dtype=np.int64), max_steps, allowed)
    return Space(
        ix=ix,
        gi=gi,
        mob=mob,
        start=start,
        covered=gi.close(covered),
        dist=dist,
        max_steps=max_steps,
    )


def hops(step: Csr, sources: IntArray, max_steps: int, allowed: Mask | None = None) -> IntArray:
    """Per role, the fewest moves of the square matrix ``step`` (``step[j, i] > 0``: a move
    from ``i`` to ``j``) from one of ``sources`` (0 for them; -1: none within ``max_steps``,
    or only through roles outside ``allowed``)."""
    n = step.shape[0]
    dist = np.full(n, -1, dtype=np.int64)
    dist[sources] = 0
    frontier = np.zeros(n)
    frontier[sources] = 1.0
    for d in range(1, max_steps + 1):
        nxt = (step.dot(frontier) > 0) & (dist < 0)
        if allowed is not None:
            nxt &= allowed
        if not nxt.any():
            break
        dist[nxt] = d
        frontier = nxt.astype(np.float64)
    return dist


def best_route(space: Space, goals: IntArray) -> Route | None:
    """The best route (module objective) from the start to any of ``goals``; None if none."""
    ix, gi, mob, dist = space.ix, space.gi, space.mob, space.dist
    goals = np.asarray(goals, dtype=np.int64)
    reached = goals[dist[goals] > 0]
    if not len(reached):
        return None
    depth = int(dist[reached].min())
    if depth == 1:  # one viable step: the cheapest goal next to the start
        share = gi.uncovered(space.covered)
        ends = np.sort(reached[dist[reached] == 1])
        j = int(ends[np.lexsort((ends, share[ends]))][0])
        return Route(path=[j], costs=[gi.step_cost(j, space.covered)], exact=True)
    n = ix.n_roles
    layers: list[Mask] = [np.zeros(n, dtype=np.bool_) for _ in range(depth + 1)]
    layers[0][space.start] = True
    layers[depth][reached[dist[reached] == depth]] = True
    for d in range(depth - 1, 0, -1):
        layers[d] = (mob.a.dot(layers[d + 1].astype(np.float64)) > 0) & (dist == d)
    # lower bound of each role's step cost: what every earlier layer could have taught
    lower = np.zeros(n)
    known = space.covered.copy()
    for d in range(1, depth + 1):
        if d > 1:
            known = gi.close(known | (ix.csr("BT").dot(layers[d - 1].astype(np.float64)) > 0))
        members = np.flatnonzero(layers[d])
        lower[members] = gi.uncovered(known)[members]
    rest = np.zeros(n)  # least lower-bounded cost from a role to the end
    succ: dict[int, IntArray] = {}
    for d in range(depth - 1, -1, -1):
        for j in np.flatnonzero(layers[d]).tolist():
            nxt = _successors(mob, j, layers[d + 1])
            succ[j] = nxt
            rest[j] = float((lower[nxt] + rest[nxt]).min()) if len(nxt) else np.inf
    return _astar(ix, space, succ, rest, depth)


def best_routes(space: Space, goals: IntArray) -> dict[int, Route]:
    """The best route to each of ``goals`` reached (``best_route`` of each, computed at once
    for the goals one or two steps away)."""
    ix, gi, mob, dist = space.ix, space.gi, space.mob, space.dist
    goals = np.asarray(goals, dtype=np.int64)
    out: dict[int, Route] = {}
    one = goals[dist[goals] == 1]
    two = goals[dist[goals] == 2]
    if len(one):
        for j in one.tolist():
            out[j] = Route(path=[j], costs=[gi.step_cost(j, space.covered)], exact=True)
    if len(two):
        w_two = gi.matrix.rows(two)
        safe = np.where(gi.totals[two] > 0, gi.totals[two], 1.0)
        into = mob.A[:, two]  # which first steps lead to each goal
        best: dict[int, tuple[float, int, float, float]] = {}
        for m in np.flatnonzero(dist == 1).tolist():
            lo, hi = into.indptr[m], into.indptr[m + 1]
            if lo == hi:
                continue
            first = gi.step_cost(m, space.covered)
            cov = gi.learnt(space.covered, m, ix)
            share = np.clip(w_two.dot((~cov).astype(np.float64)) / safe, 0.0, 1.0)
            share = np.where(gi.totals[two] > 0, share, 0.0)
            for col in into.indices[lo:hi].tolist():
                total = first + float(share[col])
                j = int(two[col])
                if j not in best or (total, m) < best[j][:2]:
                    best[j] = (total, m, first, float(share[col]))
        for j, (_, m, first, second) in best.items():
            out[j] = Route(path=[m, j], costs=[first, second], exact=True)
    for j in goals[dist[goals] > 2].tolist():
        route = best_route(space, np.asarray([j], dtype=np.int64))
        if route is not None:
            out[j] = route
    return out


def _successors(mob: Mobility, j: int, layer: Mask) -> IntArray:
    lo, hi = mob.a.indptr[j], mob.a.indptr[j + 1]
    cols = mob.a.indices[lo:hi].astype(np.int64)
    out: IntArray = cols[layer[cols]]
    return out


class _Prices:
    """The step prices of the layered roles ``nodes`` from a covered mask: the share of
    each role's gap weight not covered (``cov``: closed by tool class)."""

    def __init__(self, gi: GapIndex, nodes: IntArray) -> None:
        self.w = gi.matrix.rows(nodes)  # the gap weights of the layered roles only
        totals = gi.totals[nodes]
        self.weighted = totals > 0
        self.safe = np.where(self.weighted, totals, 1.0)

    def __call__(self, cov: Mask) -> FloatArray:
        """Per layered role, its price as the next step."""
        share = np.clip(self.w.dot((~cov).astype(np.float64)) / self.safe, 0.0, 1.0)
        out: FloatArray = np.where(self.weighted, share, 0.0)
        return out


def _astar(
    ix: Index,
    space: Space,
    succ: dict[int, IntArray],
    rest: FloatArray,
    depth: int,
) -> Route:
    # heap: (estimate, cost so far, path, step costs, index of the covered mask at the node)
    start = space.start
    nodes = np.asarray(sorted(succ.keys() | {int(x) for v in succ.values() for x in v.tolist()}))
    local = {int(j): i for i, j in enumerate(nodes.tolist())}
    gi = space.gi
    prices = _Prices(gi, nodes)
    heap: list[tuple[float, float, tuple[int, ...], tuple[float, ...], int]] = []
    masks: list[Mask] = [space.covered]
    heapq.heappush(heap, (float(rest[start]), 0.0, (), (), 0))
    expanded = 0
    while heap:
        _, cost, path, costs, parent = heapq.heappop(heap)
        if len(path) == depth:
            return Route(path=list(path), costs=list(costs), exact=True)
        cov = masks[parent]
        if path:
            cov = gi.learnt(cov, path[-1], ix)
        masks.append(cov)
        me = len(masks) - 1
        expanded += 1
        node = path[-1] if path else start
        if expanded > MAX_EXPANSIONS:
            walk = _Walk(succ, rest, depth)
            return walk.complete(ix, gi, list(path), list(costs), cov, node)
        nxt = succ[node]
        if not len(nxt):
            continue
        share = prices(cov)
        for s_, c in zip(
            nxt.tolist(), share[[local[x] for x in nxt.tolist()]].tolist(), strict=True
        ):
            total = cost + c
            heapq.heappush(heap, (total + float(rest[s_]), total, (*path, s_), (*costs, c), me))
    raise AssertionError("a layered route always reaches the last layer")  # pragma: no cover


@dataclass
class _Walk:
    """The greedy completion of a partial route: each step the successor of the least
    price (``GapIndex.step_cost``) plus lower bound of the rest."""

    succ: dict[int, IntArray]
    rest: FloatArray
    depth: int

    def complete(
        self, ix: Index, gi: GapIndex, path: list[int], costs: list[float], cov: Mask, node: int
    ) -> Route:
        """The route ``path`` (step ``costs``, covering ``cov``, at ``node``) completed."""
        while len(path) < self.depth:
            options = self.succ[node].tolist()
            price = [gi.step_cost(s, cov) for s in options]
            priced = [(p + float(self.rest[s]), p, s) for p, s in zip(price, options, strict=True)]
            _, c, node = min(priced)
            path.append(node)
            costs.append(c)
            cov = gi.learnt(cov, node, ix)
        return Route(path=path, costs=costs, exact=False)
