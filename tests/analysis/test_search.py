"""Tests for skillgraph.analysis.search: the search is exact for its objective."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.analysis._gap_credit import GapIndex, gap_index
from skillgraph.analysis._index import Index, covered_mask, index
from skillgraph.analysis.search import STALL_COST, Space, best_route, best_routes, explore
from skillgraph.analysis.viability import mobility
from tests.strategies import graphs


def _brute(g: sg.SkillGraph, start: int, goal: int, max_steps: int) -> tuple[int, float] | None:
    """(fewest viable steps, least summed cost) over every viable path, by enumeration."""
    ix, gi, mob = index(g), gap_index(g), mobility(g)
    best: tuple[int, float] | None = None
    for n in range(1, max_steps + 1):
        for middle in itertools.product(range(ix.n_roles), repeat=n - 1):
            path = [*middle, goal]
            prev, ok = start, True
            for r in path:
                if mob.similarity(prev, r) is None:
                    ok = False
                    break
                prev = r
            if not ok:
                continue
            cov = covered_mask(ix, ix.role_skills[start].tolist())
            total = 0.0
            for r in path:
                total += gi.step_cost(r, cov)
                cov = gi.learnt(cov, r, ix)
            if best is None or total < best[1] - 1e-12:
                best = (n, total)
        if best is not None:
            return best
    return None


def _space(g: sg.SkillGraph, data: st.DataObject, max_steps: int) -> tuple[Space, int]:
    """The search space of a drawn start role (its skills covered) and a drawn goal."""
    ix, mob = index(g), mobility(g)
    start = data.draw(st.integers(0, ix.n_roles - 1))
    goal = data.draw(st.integers(0, ix.n_roles - 1))
    cov = covered_mask(ix, ix.role_skills[start].tolist())
    return explore(ix, gap_index(g), mob, start, cov, max_steps), goal


@given(graphs(rich=False), st.data())
def test_best_route_is_exact(g: sg.SkillGraph, data: st.DataObject) -> None:
    space, goal = _space(g, data, data.draw(st.integers(1, 3)))
    start, max_steps = space.start, space.max_steps
    route = best_route(space, np.asarray([goal]))
    want = _brute(g, start, goal, max_steps) if goal != start else None
    if want is None:
        assert route is None
        return
    assert route is not None and route.exact
    assert len(route.path) == want[0]
    assert abs(route.cost - want[1]) < 1e-9
    many = best_routes(space, np.asarray([goal]))
    assert abs(many[goal].cost - want[1]) < 1e-9 and len(many[goal].path) == want[0]


def _progress_price(ix: Index, gi: GapIndex, path: list[int], cov: np.ndarray, goal: int) -> float:
    """The ``toward`` price of ``path`` (the module objective), summed step by step."""
    aim = gi.close(covered_mask(ix, ix.role_skills[goal].tolist()))

    def weight(r: int, missing: np.ndarray) -> float:
        return math.fsum(gi.role_weights(r)[missing[ix.role_skills[r]]].tolist())

    scale = weight(goal, ~cov) or 1.0
    total = 0.0
    for i, r in enumerate(path):
        if i == len(path) - 1:
            total += weight(r, ~cov) / scale
        else:
            stalls = not (aim & ~cov)[ix.role_skills[r]].any()
            total += weight(r, ~cov & ~aim) / scale + (STALL_COST if stalls else 0.0)
        cov = gi.learnt(cov, r, ix)
    return total


@given(graphs(rich=False), st.data())
def test_best_route_toward_is_exact(g: sg.SkillGraph, data: st.DataObject) -> None:
    # the fewest steps, then the least progress price over every viable path of that length
    space, goal = _space(g, data, 3)
    ix, mob, start, cov = space.ix, space.mob, space.start, space.covered
    route = best_route(space, np.asarray([goal]), toward=True)
    fewest = _brute(g, start, goal, 3) if goal != start else None
    if fewest is None:
        assert route is None
        return
    assert route is not None and route.exact and len(route.path) == fewest[0]
    if fewest[0] == 1:  # one step: the goal itself, priced as a plain step
        return
    best = math.inf
    for middle in itertools.product(range(ix.n_roles), repeat=fewest[0] - 1):
        path = [*middle, goal]
        if all(mob.similarity(a, b) is not None for a, b in itertools.pairwise([start, *path])):
            best = min(best, _progress_price(ix, space.gi, path, cov, goal))
    assert abs(route.cost - best) < 1e-9
    assert abs(_progress_price(ix, space.gi, route.path, cov, goal) - best) < 1e-9
