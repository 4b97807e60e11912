"""Tests for skillgraph.analysis.viability: calibrated threshold, seniority jump."""

from __future__ import annotations

import numpy as np
import pytest

import skillgraph as sg
from skillgraph.analysis._index import index
from skillgraph.analysis.viability import (
    FAMILY_NEIGHBOURS,
    MAX_SENIORITY_JUMP,
    VIABLE_QUANTILE,
    mobility,
)


def test_threshold_is_the_quantile_of_close_family_similarities(demo: sg.SkillGraph) -> None:
    ix, mob = index(demo), mobility(demo)
    inside = []
    for r in range(ix.n_roles):
        sims = np.float32(ix.similarities(r)).astype(np.float64)
        mates = [o for o in range(ix.n_roles) if o != r and mob.family[o] == mob.family[r]]
        s = np.sort(sims[mates][sims[mates] > 0])[::-1][:FAMILY_NEIGHBOURS]
        inside += s.tolist()
    want = float(np.quantile(inside, VIABLE_QUANTILE, method="lower"))
    assert mob.threshold == pytest.approx(want, abs=1e-6)


def test_viable_move_reports_its_figures(demo: sg.SkillGraph) -> None:
    v = demo.viable_move("retail sales assistant", "e-commerce assistant")
    assert v.viable and v.similarity >= v.threshold
    assert abs(v.seniority_jump) <= MAX_SENIORITY_JUMP
    far = demo.viable_move("accountant", "finance manager")
    assert not far.viable and far.seniority_jump > MAX_SENIORITY_JUMP
    assert "seniority jump" in far.explanation
    with pytest.raises(sg.NotFoundError):
        demo.viable_move("accountant", "astronaut")
    with pytest.raises(sg.InvalidValueError):
        demo.viable_move("accountant", "finance manager", families="nope")


def test_every_viable_move_meets_both_conditions(demo: sg.SkillGraph) -> None:
    ix, mob = index(demo), mobility(demo)
    rows, cols = mob.A.nonzero()
    assert len(rows)
    for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
        assert a != b and ix.totals[b] > 0
        assert mob.A[a, b] >= mob.threshold
        assert abs(int(mob.seniority[b]) - int(mob.seniority[a])) <= MAX_SENIORITY_JUMP


def test_auto_families_on_the_demo_are_its_clusters(demo: sg.SkillGraph) -> None:
    fam = demo.families("auto")
    assert all(fam[r] == demo.roles[r].cluster for r in demo.roles)
