"""Tests for the two parts of the analysis index: the numpy-only core
(skillgraph.analysis._core) and the similarity profiles (skillgraph.analysis._profiles)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph._store import store_of
from skillgraph.analysis import _index
from skillgraph.analysis._core import build_core, requirements


def test_the_core_alone_answers_a_gap_without_profiles(demo: sg.SkillGraph) -> None:
    g = demo.copy()
    role = sorted(g.roles)[0]
    g.gap(role, [])
    ix = _index.index(g, profiles=False)
    assert not ix.has_profiles


def test_profiles_are_completed_on_first_use(demo: sg.SkillGraph) -> None:
    g = demo.copy()
    core = _index.index(g, profiles=False)
    assert not core.has_profiles
    whole = _index._build(g)
    for r in range(core.n_roles):
        np.testing.assert_array_equal(core.similarities(r), whole.similarities(r))
    assert core.has_profiles
    assert _index.index(g) is core  # one index per graph version, now complete


def test_parts_answer_as_the_whole_index(demo: sg.SkillGraph) -> None:
    g = demo.copy()
    whole = _index._build(g)
    ix = _index.index(g)
    rows = np.arange(ix.n_roles)
    np.testing.assert_array_equal(ix.similarity_rows(rows), whole.similarity_rows(rows))
    assert ix.has.keys() == whole.has.keys()
    for name in ix.has:
        np.testing.assert_array_equal(ix.has[name], whole.has[name])
    for r in range(ix.n_roles):
        assert ix.component_scores(r).keys() == whole.component_scores(r).keys()
        np.testing.assert_array_equal(ix.neighbours(r, 5)[0], whole.neighbours(r, 5)[0])


def test_profiles_of_a_changed_graph_are_refused(demo: sg.SkillGraph) -> None:
    g = demo.copy()
    core = _index.index(g, profiles=False)
    g.add(sg.Skill(id="demo:skill/new", label="New"))
    with pytest.raises(sg.InvalidValueError, match="graph changed"):
        core.similarities(0)
    assert _index.index(g, profiles=False) is not core


def test_profiles_without_a_graph_are_refused(demo: sg.SkillGraph) -> None:
    g = demo.copy()
    arrays, meta = _index.index(g, profiles=False).to_state()
    lone = _index.Index.from_state(arrays, meta)
    with pytest.raises(sg.InvalidValueError, match="no graph"):
        lone.similarities(0)
    held = _index.Index.from_state(arrays, meta, graph=g)
    del g
    gc.collect()
    with pytest.raises(sg.InvalidValueError, match="no graph"):
        held.similarities(0)  # the graph is held weakly: gone, it is not kept alive


def test_profiles_of_another_size_are_not_attached(demo: sg.SkillGraph) -> None:
    ix = _index.index(demo)
    small = _index.Profiles({}, ix.n_roles - 1)
    with pytest.raises(sg.InvalidValueError, match="do not fit"):
        ix.attach(small)


def _scipy_core(g: sg.SkillGraph) -> dict[str, sp.csr_matrix]:
    """The core matrices as scipy builds them from the same requirement arrays (the build
    before the core was numpy only)."""
    req = requirements(g)
    core = build_core(g)
    shape = (len(req.role_ids), len(req.skill_ids))
    coo = (req.role, req.skill)
    out = {
        "W": sp.csr_matrix((req.importance * core.rarity[req.skill], coo), shape=shape),
        "E": sp.csr_matrix((np.where(req.essential, 1.0, 0.0), coo), shape=shape),
        "B": sp.csr_matrix((np.ones(len(req.role)), coo), shape=shape),
    }
    out["BT"] = sp.csr_matrix(out["B"].T)
    for m in out.values():
        m.sort_indices()
    return out


def _assert_core_is_scipys(g: sg.SkillGraph) -> None:
    core = build_core(g)
    for name, want in _scipy_core(g).items():
        got = core.csr(name)
        assert got.shape == want.shape, name
        for attr in ("data", "indices", "indptr"):
            a, b = getattr(got, attr), getattr(want, attr)
            assert a.dtype == b.dtype and np.array_equal(a, b), (name, attr)


def test_core_matrices_are_those_scipy_makes(demo: sg.SkillGraph) -> None:
    _assert_core_is_scipys(demo)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 6), st.floats(0.0, 1.0), st.booleans()),
        max_size=30,
    )
)
def test_core_matrices_are_those_scipy_makes_on_any_graph(
    reqs: list[tuple[int, int, float, bool]],
) -> None:
    g = sg.SkillGraph()
    for i in range(5):
        g.add(sg.Role(id=f"x:role/{i}", label=f"Role {i}"))
    for j in range(7):
        g.add(sg.Skill(id=f"x:skill/{j}", label=f"Skill {j}"))
    for r, s, imp, ess in reqs:
        g.require(f"x:role/{r}", f"x:skill/{s}", essential=ess, importance=imp)
    _assert_core_is_scipys(g)
    core = build_core(g)
    for r in range(core.n_roles):  # per-role rows and totals follow the matrices
        lo, hi = core.csr("W").indptr[r], core.csr("W").indptr[r + 1]
        assert core.role_skills[r].tolist() == core.csr("W").indices[lo:hi].tolist()
        assert core.totals[r] == pytest.approx(core.role_weights[r].sum())
        rid = core.role_ids[r]
        want = {s: imp for s, _, imp, _ in store_of(g).requirement_values_of(rid)}
        skills = [core.skill_ids[s] for s in core.role_skills[r]]
        got = dict(zip(skills, core.role_importance(r).tolist(), strict=True))
        assert got == want


def test_a_gap_on_a_loaded_graph_does_not_index_the_requirement_table(
    demo: sg.SkillGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importances come from the core index, not from the store's per-role maps (whose
    first use on a snapshot-loaded graph costs 0.1 s on ESCO)."""
    from skillgraph import _requirements

    monkeypatch.setenv("SKILLGRAPH_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "demo.json"
    sg.write(demo, path)
    g = sg.read(path, cache=True)
    role = g.resolve("software engineer", "role")
    want = g.gap(role, ["demo:skill/python"])
    again = sg.read(path, cache=True)
    calls: list[int] = []
    real = _requirements.RequirementTable._sync

    def spy(self: Any) -> None:
        calls.append(1)
        real(self)

    monkeypatch.setattr(_requirements.RequirementTable, "_sync", spy)
    assert again.gap(role, ["demo:skill/python"]) == want
    assert calls == []
