"""Tests for skillgraph.analysis.search: the search is exact for its objective."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.analysis._index import covered_mask, index
from skillgraph.analysis.search import best_route, best_routes, explore
from skillgraph.analysis.viability import mobility
from tests.strategies import graphs


def _brute(g: sg.SkillGraph, start: int, goal: int, max_steps: int) -> tuple[int, float] | None:
    """(fewest viable steps, least summed cost) over every viable path, by enumeration."""
    ix, mob = index(g), mobility(g)
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
                total += ix.step_cost(r, cov)
                cov[ix.role_skills[r]] = True
            if best is None or total < best[1] - 1e-12:
                best = (n, total)
        if best is not None:
            return best
    return None


@given(graphs(rich=False), st.data())
def test_best_route_is_exact(g: sg.SkillGraph, data: st.DataObject) -> None:
    ix, mob = index(g), mobility(g)
    start = data.draw(st.integers(0, ix.n_roles - 1))
    goal = data.draw(st.integers(0, ix.n_roles - 1))
    max_steps = data.draw(st.integers(1, 3))
    cov = covered_mask(ix, ix.role_skills[start].tolist())
    space = explore(ix, mob, start, cov, max_steps)
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
