"""Reskilling plans ask the least learning over viable routes, beside the direct move."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

import skillgraph as sg
from skillgraph.analysis import moves
from skillgraph.analysis._csr import Csr
from skillgraph.analysis._index import index
from skillgraph.analysis.viability import Mobility, mobility

FAMILIES = {"r:start": "a", "r:big": "a", "r:b1": "a", "r:b2": "b", "r:goal": "c"}
EDGES = [("r:start", "r:big"), ("r:big", "r:goal"), ("r:start", "r:b1"), ("r:b1", "r:b2")]
EDGES += [("r:b2", "r:goal")]


def _graph(big_brings: bool = True) -> sg.SkillGraph:
    """A start six skills away from its goal: a large bridge (ten skills off the goal; four
    goal skills with ``big_brings``) reaches it in two steps, two small bridges each
    bringing two goal skills in three."""
    g = sg.SkillGraph()
    a = [f"s:a{i}" for i in range(6)]
    t = [f"s:t{i}" for i in range(6)]
    x = [f"s:x{i}" for i in range(10)]
    for s in a + t + x:
        g.add(sg.Skill(id=s, label=s))
    roles = {
        "r:start": a,
        "r:big": a[:3] + (t[:4] if big_brings else []) + x,
        "r:b1": a[:4] + t[:2],
        "r:b2": t[:4],
        "r:goal": t,
    }
    for rid, skills in roles.items():
        g.add(sg.Role(id=rid, label=rid[2:], level=1))
        for s in skills:
            g.require(rid, s)
    return g


def _moves_only(g: sg.SkillGraph, edges: list[tuple[str, str]]) -> Mobility:
    """The graph's mobility with exactly ``edges`` as its viable moves (similarity 0.5)."""
    ix = index(g)
    mob = mobility(g, FAMILIES)
    n = ix.n_roles
    rows = [ix.role_pos[a] for a, _ in edges]
    cols = [ix.role_pos[b] for _, b in edges]
    a = sp.csr_matrix((np.full(len(edges), 0.5), (rows, cols)), shape=(n, n))
    a.sort_indices()
    at = a.T.tocsr()
    at.sort_indices()
    return dataclasses.replace(mob, a=Csr.of(a), at=Csr.of(at))


def test_regression_reskill_takes_the_route_of_least_learning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # main took the fewest steps, start -> big -> goal: 12 skills to learn for a goal 6
    # away; the three-step route through the small bridges learns 6
    g = _graph()
    mob = _moves_only(g, EDGES)
    monkeypatch.setattr(moves, "mobility", lambda *_a, **_k: mob)
    plan = g.reskill("r:start", "r:goal", families=FAMILIES)
    assert plan.roles == ["r:start", "r:b1", "r:b2", "r:goal"]
    assert sum(len(s.learn) for s in plan.steps) == 6
    assert all(s.viable for s in plan.steps)
    assert plan.direct is not None and plan.direct.role == "r:goal"
    assert len(plan.direct.learn) == 6 and not plan.direct.viable
    assert plan.learning == 6
    assert "the route asks 6 skills to learn in all" in plan.explanation
    assert "the direct move onto goal 6 (not viable" in plan.explanation
    assert "b1 brings 2 of the target's skills" in plan.explanation


def test_a_stalling_bridge_is_explained_and_not_preferred(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the only route passes through the large bridge once it brings no goal skill
    g = _graph(big_brings=False)
    mob = _moves_only(g, EDGES[:2])
    monkeypatch.setattr(moves, "mobility", lambda *_a, **_k: mob)
    plan = g.reskill("r:start", "r:goal", families=FAMILIES)
    assert plan.roles == ["r:start", "r:big", "r:goal"]
    assert "big brings none of the target's skills (a stepping stone" in plan.explanation
    assert "route chosen for the least learning over viable steps" in plan.explanation
    assert "bridges that each bring target skills" not in plan.explanation
    both = _moves_only(g, EDGES)
    monkeypatch.setattr(moves, "mobility", lambda *_a, **_k: both)
    assert g.reskill("r:start", "r:goal", families=FAMILIES).bridges == ["r:b1", "r:b2"]


def test_the_direct_move_is_the_plan_when_viable(monkeypatch: pytest.MonkeyPatch) -> None:
    g = _graph()
    mob = _moves_only(g, [*EDGES, ("r:start", "r:goal")])
    monkeypatch.setattr(moves, "mobility", lambda *_a, **_k: mob)
    plan = g.reskill("r:start", "r:goal", families=FAMILIES)
    assert plan.roles == ["r:start", "r:goal"]
    assert plan.direct is not None and plan.direct.viable
    assert plan.direct.learn == plan.steps[0].learn


def test_regression_near_lateral_reskilling_is_said_so() -> None:
    # data analyst -> data scientist (one ISCO group, two detected families) was
    # "Reskilling: A (C251) -> B (C251)" with the purpose "... the current one is shrinking"
    g = sg.SkillGraph()
    g.add(sg.Cluster(id="c:x", label="Analysts"))
    for i in range(6):
        g.add(sg.Skill(id=f"s:{i}", label=f"skill {i}"))
    for rid, skills in {"r:a": [0, 1, 2, 3], "r:b": [1, 2, 3, 4, 5]}.items():
        g.add(sg.Role(id=rid, label=rid, cluster="c:x", level=1))
        for s in skills:
            g.require(rid, f"s:{s}")
    fam = {"r:a": "f1", "r:b": "f2"}
    move = g.classify("r:a", "r:b", families=fam)
    assert move.kind is sg.MoveKind.RESKILLING
    assert "shrinking" not in move.purpose and "near-lateral" in move.purpose
    plan = g.reskill("r:a", "r:b", families=fam)
    assert plan.roles == ["r:a", "r:b"] and plan.steps[0].viable
    assert "neighbouring job family of the same cluster (Analysts)" in plan.explanation
    assert "near-lateral" in plan.explanation


def test_regression_esco_reskill_plans_learn_less_than_the_fewest_steps(data: Path) -> None:
    # ESCO v1.1.1: main's fewest-step routes learnt 331 skills for cargo vehicle driver ->
    # software developer (104 directly) and showed no direct move; welder -> electrician
    # learns 49 directly, not one viable move
    from skillgraph.analysis.explain import DIRECT_BOUND

    g = sg.read(data / "esco" / "v1.1.1" / "csv", format="esco")
    cargo = g.reskill("cargo vehicle driver", "software developer")
    assert cargo.direct is not None and len(cargo.direct.learn) == 104
    assert cargo.learning < 331 and all(s.viable for s in cargo.steps)
    plan = g.reskill("welder", "electrician")
    assert plan.reachable and plan.direct is not None
    assert plan.direct.label == "electrician" and len(plan.direct.learn) == 49
    assert not plan.direct.viable
    assert len(plan.direct.learn) <= plan.learning <= 97
    if plan.learning > DIRECT_BOUND * len(plan.direct.learn):
        assert "weigh retraining directly as electrician" in plan.explanation


@pytest.mark.parametrize(
    ("goal", "why"),
    [
        ({}, "(not viable as one move: similarity under the threshold "),
        ({"level": 3}, "(not viable as one move: a seniority jump of +2, more than the ±1"),
        (
            {"attributes": {"education_level": "8"}},
            "(not viable as one move: 6 levels of education up, to a master's degree, more",
        ),
    ],
)
def test_regression_the_direct_move_says_which_bar_it_fails(
    monkeypatch: pytest.MonkeyPatch, goal: dict[str, object], why: str
) -> None:
    # main gave one reason for every direct move: "under the similarity threshold 0.xxx,
    # or too far in seniority or education"
    g = _graph()
    start = {"education_level": "2"}
    g.add(sg.Role(id="r:start", label="start", level=1, attributes=start), replace=True)
    g.add(sg.Role(id="r:goal", label="goal", **{"level": 1, **goal}), replace=True)  # type: ignore[arg-type]
    mob = _moves_only(g, EDGES)
    monkeypatch.setattr(moves, "mobility", lambda *_a, **_k: mob)
    plan = g.reskill("r:start", "r:goal", families=FAMILIES)
    assert plan.direct is not None and not plan.direct.viable
    assert why in plan.explanation
    assert "or too far in seniority or education" not in plan.explanation


@pytest.mark.parametrize("name", ["demo", "onet"])
def test_the_direct_reason_is_the_bar_the_viability_judges_failed(
    name: str, request: pytest.FixtureRequest
) -> None:
    # O*NET declares required education, so its moves fail all three bars
    from skillgraph.analysis.explain import direct_reason
    from skillgraph.analysis.viability import judge

    if name == "demo":
        g = sg.load("demo")
    else:
        g = sg.read(request.getfixturevalue("data") / "onet" / "29.3", format="onet")
    ix, mob = index(g), mobility(g)
    pairs = [(a, b) for a in range(ix.n_roles) for b in range(ix.n_roles) if a != b]
    for a, b in random.Random(7).sample(pairs, min(len(pairs), 3000)):
        verdict = judge(g, ix, mob, a, b)
        if verdict.viable:
            continue
        why = direct_reason(mob, a, b, bool(ix.totals[b] > 0))
        bars = verdict.explanation.removeprefix("not viable: ")
        if why.startswith(("similarity under", "a promotion inside")):
            assert "seniority jump" not in bars and "education" not in bars, (why, bars)
            assert "below" in bars, (why, bars)
        else:
            assert ("seniority jump" in why) == ("seniority jump" in bars), (why, bars)
            assert ("education up" in why) == ("levels of education up" in bars), (why, bars)
