"""The reskilling route search: the viable route that asks the least learning.

A route is a path of viable moves (``viability``) of at most ``max_steps`` steps from the
start role to one of the goal roles, no role visited twice. Its price is the learning it
asks: the skills each step's role requires that nothing before it covers (the start role,
the person's own skills, the earlier steps; a technology title is covered by a held title
of its tool class, as in ``gap``), counted as ``GapIndex.counts`` counts them (a
requirement 1, the titles of one tool class of a role 1 together, technology at most
``COUNT_TECHNOLOGY_SHARE`` of a role's count) and summed over the steps: without
technology, the number of distinct skills learnt along the route. Two surcharges break
what the count alone would not: a bridge (a step before the last) that requires none of
the goals' skills not yet covered costs ``STALL_SHARE`` of the direct move's learning on
top (it brings the target no closer), and every step costs ``STEP_COST`` (of two routes
that learn as much, the shorter). Equal prices fall to the lexicographically smallest path
of role positions.

A **plausible** route (``nearest=N``, what ``reskill`` asks first, ``NEAREST``) takes only
bridges people really move into from the role before: each bridge is one of the ``N``
viable moves most similar to the role before it (the similarity the mobility holds; the
goals are always allowed); a bridge that stalls then costs ``STALL_SHARE`` plus
``OFF_SHARE`` of the direct learning, so that a plausible bridge bringing the target no
closer keeps its margin over an implausible one that does (with ``STALL_SHARE`` alone,
bench_moves' "every bridge progresses" fell from .302 to .277 on ESCO, .836 to .803 on
O*NET: near18, session 25). Least learning alone chains moves that sit just over the
viability threshold (a cashier through accountants to actuaries). A softer rule than the
one of ``reskill-plaus16`` (session 23), which also asked each bridge to be more similar
to the target than the role before: ESCO's long ladders rarely climb so at every step, and
reading the similarity to the target loaded the profiles into a warm reskill.

The direct move (one step onto a goal) learns the goal's uncovered skills, which every
route must learn too, so a route never learns less than the direct move onto its goal:
when the direct move is viable it is the route; otherwise the route is the viable one
closest to it in learning.

The search is best-first (A*) over partial routes with the admissible, consistent lower
bound "the skills the goal needing the fewest still requires, less what the step brings",
pruned by the fewest viable steps from each role to a goal (with tool classes an
estimate: a title's count differs between roles); a partial route reaching a role
at a step count already expanded is dropped (the first, of the least estimate, stands for
it), which keeps the search small at the price of exactness on path-dependent learning.
After ``MAX_EXPANSIONS`` partial routes the best one is completed greedily and the route
is marked inexact.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ._gap_credit import GapIndex
from ._index import FloatArray, IntArray
from .search import Route, Space, hops

__all__ = [
    "MAX_EXPANSIONS",
    "NEAREST",
    "OFF_SHARE",
    "STALL_SHARE",
    "STEP_COST",
    "cheapest_route",
    "to_goals",
]

MAX_EXPANSIONS = 4_000
"""Partial routes the search expands before completing the best one greedily."""
STALL_SHARE = 0.75
"""Surcharge of a bridge that requires none of the goals' skills not yet covered, as a
share of the direct move's learning (the least over the goals; at least one skill)."""
STEP_COST = 0.01
"""Surcharge of every step, in skills: of two routes that learn as much, the shorter."""

NEAREST = 30
"""A plausible route's bridges: among the viable moves of the role before, its ``NEAREST``
most similar (ties by position)."""
OFF_SHARE = 0.5
"""Surcharge of a bridge that is not plausible, as a share of the direct move's learning."""

Mask = npt.NDArray[np.bool_]


def to_goals(space: Space, goals: IntArray) -> IntArray:
    """Per role: the fewest viable steps from it to one of ``goals`` (-1: none within
    ``space.max_steps``; 0 for the goals)."""
    return hops(space.mob.a, goals, space.max_steps)


class _Prices:
    """What the next step onto each of some roles costs from a covered mask."""

    def __init__(self, gi: GapIndex, goals: IntArray, is_goal: Mask, stall: float) -> None:
        self.b = gi.count_matrix
        self.goal_rows = self.b.rows(goals)
        self.is_goal = is_goal
        aim = np.zeros(self.b.shape[1], dtype=np.bool_)
        aim[self.goal_rows.indices] = True
        self.aim = gi.close(aim)
        self.stall = stall

    def __call__(self, cov: Mask, roles: IntArray) -> tuple[FloatArray, FloatArray]:
        """(price of the step onto each of ``roles`` from ``cov``, a mask closed by tool
        class, and the lower bound of the rest after it:
        the skills the goal needing the fewest still requires, less the role's share of
        them; exact for one goal)."""
        unc = (~cov).astype(np.float64)
        rows = self.b.rows(roles)
        new = rows.dot(unc)
        ahead = rows.dot((self.aim & ~cov).astype(np.float64))
        stalls = ~self.is_goal[roles] & (ahead <= 0)
        price: FloatArray = new + STEP_COST + np.where(stalls, self.stall, 0.0)
        left = float(self.goal_rows.dot(unc).min())
        rest: FloatArray = np.where(self.is_goal[roles], 0.0, np.maximum(left - ahead, 0.0))
        return price, rest


def cheapest_route(
    space: Space, goals: IntArray, *, nearest: int = 0, off_share: float = math.inf
) -> Route | None:
    """The route of the least learning (module price) from the start to one of ``goals``
    within ``space.max_steps`` viable steps; with ``nearest`` > 0 a bridge outside the
    role before's ``nearest`` most similar viable moves costs ``off_share`` of the direct
    move's learning on top (``inf``: none is taken; module docstring), and a stalled
    bridge ``STALL_SHARE`` plus ``off_share``; None when there is none."""
    ix, gi = space.ix, space.gi
    goals = np.unique(np.asarray(goals, dtype=np.int64))
    back = to_goals(space, goals)
    if back[space.start] < 0 or not (space.dist[goals] > 0).any():
        return None
    is_goal = np.zeros(ix.n_roles, dtype=np.bool_)
    is_goal[goals] = True
    is_goal[space.start] = False
    goals = goals[goals != space.start]
    direct = float(gi.count_matrix.rows(goals).dot((~space.covered).astype(np.float64)).min())
    priced_off = nearest > 0 and math.isfinite(off_share)
    # a stalled bridge keeps its margin over an implausible one that brings target skills
    stall = STALL_SHARE + (off_share if priced_off else 0.0)
    prices = _Prices(gi, goals, is_goal, stall * max(direct, 1.0))
    off = off_share * max(direct, 1.0) if math.isfinite(off_share) else math.inf
    return _Search(space, back, prices, nearest, off).run()


@dataclass(eq=False)
class _Search:
    space: Space
    back: IntArray
    prices: _Prices
    nearest: int
    """Plausible bridges: among the role before's ``nearest`` most similar viable moves
    (0: every viable move)."""
    off: float
    """Surcharge of a bridge outside them (``inf``: none is taken)."""

    def _next(self, path: tuple[int, ...]) -> tuple[IntArray, Mask]:
        """The successors of a partial route that can still reach a goal in time, and
        which of them are bridges that are not plausible."""
        node = path[-1] if path else self.space.start
        cols, sims = self.space.mob.viable_from(node)
        far = np.zeros(len(cols), dtype=np.bool_)
        if self.nearest and len(cols) > self.nearest:
            far[np.lexsort((cols, -sims))[self.nearest :]] = True
            far &= ~self.prices.is_goal[cols]
        left = self.space.max_steps - len(path) - 1
        keep = (self.back[cols] >= 0) & (self.back[cols] <= left)
        if not math.isfinite(self.off):
            keep &= ~far
        seen = {self.space.start, *path}
        keep &= np.asarray([c not in seen for c in cols.tolist()], dtype=np.bool_)
        out: IntArray = cols[keep]
        return out, far[keep]

    def _surcharged(self, price: FloatArray, far: Mask) -> FloatArray:
        """``price`` with the surcharge of the bridges that are not plausible (``far``):
        ``off`` each (a share of the direct move's learning; a share of their own price
        was tried and not kept, session 25)."""
        if not far.any():
            return price
        out: FloatArray = price + np.where(far, self.off, 0.0)
        return out

    def _cover(self, cov: Mask, role: int) -> Mask:
        return self.space.gi.learnt(cov, role, self.space.ix)

    def run(self) -> Route | None:
        """The best route (A*), completed greedily after ``MAX_EXPANSIONS``."""
        # heap: (estimate, path, step prices, index of the covered mask before the last step)
        heap: list[tuple[float, tuple[int, ...], tuple[float, ...], int]] = []
        masks: list[Mask] = [self.space.covered]
        heapq.heappush(heap, (0.0, (), (), 0))
        expanded = 0
        closed: set[tuple[int, int]] = set()
        while heap:
            _, path, costs, parent = heapq.heappop(heap)
            if path and self.prices.is_goal[path[-1]]:
                return Route(path=list(path), costs=list(costs), exact=True)
            key = (path[-1] if path else self.space.start, len(path))
            if key in closed:  # reached before at that step count, for no more
                continue
            closed.add(key)
            cov = self._cover(masks[parent], path[-1]) if path else masks[parent]
            expanded += 1
            if expanded > MAX_EXPANSIONS:
                done = self._greedy(list(path), list(costs), cov)
                if done is not None:
                    return done
                continue
            nxt, far = self._next(path)
            if not len(nxt):
                continue
            masks.append(cov)
            me = len(masks) - 1
            price, rest = self.prices(cov, nxt)
            price = self._surcharged(price, far)
            spent = sum(costs)
            for s, c, h in zip(nxt.tolist(), price.tolist(), rest.tolist(), strict=True):
                heapq.heappush(heap, (spent + c + h, (*path, s), (*costs, c), me))
        return None

    def _greedy(self, path: list[int], costs: list[float], cov: Mask) -> Route | None:
        """``path`` completed by the cheapest next step (price plus bound) each time."""
        while not path or not self.prices.is_goal[path[-1]]:
            nxt, far = self._next(tuple(path))
            if not len(nxt):
                return None
            price, rest = self.prices(cov, nxt)
            price = self._surcharged(price, far)
            i = int(np.lexsort((nxt, price + rest))[0])
            path.append(int(nxt[i]))
            costs.append(float(price[i]))
            cov = self._cover(cov, int(nxt[i]))
        return Route(path=path, costs=costs, exact=False)
