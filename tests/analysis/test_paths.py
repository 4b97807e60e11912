"""Tests for skillgraph.analysis.paths: upskill, reskill, classify."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import skillgraph as sg
from tests.strategies import graphs


def _check_costs(plan: sg.Plan) -> None:
    assert plan.steps
    assert all(0.0 <= s.cost <= 1.0 for s in plan.steps)
    assert plan.cost == sum(s.cost for s in plan.steps)


# ---------------------------------------------------------------- upskill
def test_upskill_stays_in_cluster_and_ranks_by_cost(small: sg.SkillGraph) -> None:
    plans = small.upskill("r:junior-dev", k=5)
    targets = [p.target for p in plans]
    assert set(targets) == {"r:dev", "r:go-dev", "r:senior-dev"}
    assert targets[0] == "r:dev"  # one skill (docker) away
    for p in plans:
        assert p.kind is sg.MoveKind.UPSKILLING
        assert all(small.roles[s.role].cluster == "c:dev" for s in p.steps)
        _check_costs(p)
        assert "same role family" in p.explanation
    keys = [(p.cost, p.target) for p in plans]
    assert keys == sorted(keys)


def test_upskill_step_lists_transferable_and_learn(small: sg.SkillGraph) -> None:
    plan = next(p for p in small.upskill("r:junior-dev") if p.target == "r:dev")
    step = plan.steps[-1]
    assert step.learn == ["s:docker"]
    assert set(step.transferable) == {"s:python", "s:git", "s:comm"}
    assert step.learning_plan is not None and step.learning_plan.order == ["s:docker"]
    assert "Docker" in plan.explanation


def test_upskill_never_goes_below_start_level(small: sg.SkillGraph) -> None:
    plans = small.upskill("r:senior-dev", k=5)
    assert plans == []  # every other dev role is at a lower level
    assert [p.target for p in small.upskill("r:dev", k=5)] == ["r:senior-dev", "r:go-dev"]


def test_have_lowers_costs(small: sg.SkillGraph) -> None:
    base = {p.target: p.cost for p in small.upskill("r:junior-dev")}
    more = {p.target: p.cost for p in small.upskill("r:junior-dev", have=["Docker", "Go"])}
    assert more["r:senior-dev"] < base["r:senior-dev"]
    assert more["r:dev"] == 0.0


def test_upskill_argument_errors(small: sg.SkillGraph) -> None:
    with pytest.raises(sg.InvalidValueError):
        small.upskill("r:dev", k=-1)
    with pytest.raises(sg.InvalidValueError):
        small.upskill("r:dev", max_steps=0)
    with pytest.raises(sg.NotFoundError):
        small.upskill("r:nobody")


# ---------------------------------------------------------------- reskill
def test_reskill_to_role_crosses_cluster(small: sg.SkillGraph) -> None:
    plan = small.reskill("r:junior-dev", "Data scientist")
    assert plan.kind is sg.MoveKind.RESKILLING
    assert plan.target == "r:ds" == plan.steps[-1].role
    _check_costs(plan)
    last = plan.steps[-1]
    assert "s:python" in last.transferable
    assert set(last.learn) == {"s:sql", "s:stats", "s:ml"}
    assert last.learn[-1] == "s:ml"  # after its prerequisites
    assert "Data" in plan.explanation and "Software" in plan.explanation


def test_reskill_names_a_cheaper_bridge() -> None:
    g = sg.SkillGraph()
    for c in ("c:a", "c:b"):
        g.add(sg.Cluster(id=c, label=c))
    for i in range(6):
        g.add(sg.Skill(id=f"s:{i}", label=f"skill {i}"))
    g.add(sg.Role(id="r:start", label="Start", cluster="c:a"))
    g.add(sg.Role(id="r:bridge", label="Bridge", cluster="c:a"))
    g.add(sg.Role(id="r:goal", label="Goal", cluster="c:b"))
    for s in ("s:0", "s:1"):
        g.require("r:start", s)
    for s in ("s:0", "s:1", "s:2", "s:3"):
        g.require("r:bridge", s)
    for s in ("s:2", "s:3", "s:4"):
        g.require("r:goal", s)
    direct = g.classify("r:start", "r:goal").cost
    plan = g.reskill("r:start", "r:goal")
    assert plan.roles == ["r:start", "r:bridge", "r:goal"]
    assert plan.bridges == ["r:bridge"]
    assert plan.cost < direct
    assert "bridge role Bridge" in plan.explanation
    assert plan.steps[1].learn == ["s:4"]  # s:2, s:3 learned on the bridge step


def test_reskill_to_cluster_and_industry(small: sg.SkillGraph) -> None:
    plan = small.reskill("r:dev", "c:data")
    assert small.roles[plan.target].cluster == "c:data"
    plan = small.reskill("r:dev", "Tech")
    assert small.roles[plan.target].cluster == "c:data"


def test_reskill_inside_cluster_is_rejected(small: sg.SkillGraph) -> None:
    with pytest.raises(sg.InvalidValueError, match="upskill") as info:
        small.reskill("r:dev", "r:senior-dev")
    assert info.value.field == "target"
    with pytest.raises(sg.InvalidValueError) as info:
        small.reskill("r:dev", "c:dev")
    assert info.value.field == "target"
    with pytest.raises(sg.NotFoundError, match="target"):
        small.reskill("r:dev", "astronaut")


# ---------------------------------------------------------------- classify
def test_classify(small: sg.SkillGraph) -> None:
    up = small.classify("r:junior-dev", "r:senior-dev")
    assert up.kind is sg.MoveKind.UPSKILLING
    assert "same role family" in up.purpose
    assert set(up.acquire) == {"s:docker", "s:go"}
    assert set(up.transferred) == {"s:python", "s:git", "s:comm"}
    down = small.classify("r:analyst", "r:dev", have=["s:python"])
    assert down.kind is sg.MoveKind.RESKILLING
    assert "different role family" in down.purpose
    assert "s:python" in down.transferred
    assert "Data" in down.explanation and "Software" in down.explanation


# ---------------------------------------------------------------- invariants
@given(graphs(rich=False), st.data())
def test_upskill_invariants(g: sg.SkillGraph, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(sorted(g.roles)))
    have = data.draw(st.lists(st.sampled_from(sorted(g.skills)), max_size=4))
    max_steps = data.draw(st.integers(1, 3))
    plans = g.upskill(role, have, k=4, max_steps=max_steps)
    start = g.roles[role]
    assert len(plans) <= 4
    for p in plans:
        assert p.start == role and p.steps[-1].role == p.target != role
        assert len(p.steps) <= max_steps
        for s in p.steps:
            assert g.roles[s.role].cluster == start.cluster == s.cluster
            lvl = g.roles[s.role].level
            assert lvl is None or start.level is None or lvl >= start.level
        _check_costs(p)
    assert [p.cost for p in plans] == sorted(p.cost for p in plans)
    again = g.copy().upskill(role, have, k=4, max_steps=max_steps)
    assert [p.to_json() for p in plans] == [p.to_json() for p in again]


@given(graphs(rich=False), st.data())
def test_reskill_invariants(g: sg.SkillGraph, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(sorted(g.roles)))
    here = g.roles[role].cluster
    others = sorted(r for r, m in g.roles.items() if m.cluster != here)
    assume(others)
    use_cluster = data.draw(st.booleans())
    if use_cluster:
        target = data.draw(st.sampled_from(sorted({g.roles[r].cluster or "" for r in others})))
    else:
        target = data.draw(st.sampled_from(others))
    have = data.draw(st.lists(st.sampled_from(sorted(g.skills)), max_size=4))
    max_steps = data.draw(st.integers(1, 4))
    plan = g.reskill(role, target, have, max_steps=max_steps)
    assert len(plan.steps) <= max_steps
    if use_cluster:
        assert g.roles[plan.target].cluster == target
    else:
        assert plan.target == target
    assert plan.steps[-1].role == plan.target
    clusters = [here, *(g.roles[s.role].cluster for s in plan.steps)]
    assert any(a != b for a, b in itertools.pairwise(clusters))
    _check_costs(plan)
    again = g.copy().reskill(role, target, have, max_steps=max_steps)
    assert plan.to_json() == again.to_json()


@given(graphs(rich=False), st.data())
def test_classify_follows_clusters(g: sg.SkillGraph, data: st.DataObject) -> None:
    a = data.draw(st.sampled_from(sorted(g.roles)))
    b = data.draw(st.sampled_from(sorted(g.roles)))
    move = g.classify(a, b)
    differ = g.roles[a].cluster != g.roles[b].cluster
    assert (move.kind is sg.MoveKind.RESKILLING) == differ
    assert move.cost >= 0
    need = {r.skill for r in g.requirements(b)}
    assert set(move.transferred) | set(move.acquire) == need
    assert not set(move.transferred) & set(move.acquire)
    assert move.to_json() == g.copy().classify(a, b).to_json()


def test_regression_roles_without_requirements_are_no_targets() -> None:
    """O*NET 'All Other' roles have no requirements: they came back as free upskill targets."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="A"))
    g.add(sg.Skill(id="s:b", label="B"))
    g.add(sg.Role(id="r:start", label="Start", cluster="c:x", level=1))
    g.add(sg.Role(id="r:next", label="Next", cluster="c:x", level=2))
    g.add(sg.Role(id="r:empty", label="All other", cluster="c:x", level=2))
    g.add(sg.Role(id="r:far", label="Far", cluster="c:y", level=2))
    g.add(sg.Role(id="r:far-empty", label="Far empty", cluster="c:y", level=2))
    g.require("r:start", "s:a")
    g.require("r:next", "s:a")
    g.require("r:next", "s:b")
    g.require("r:far", "s:b")
    assert [p.target for p in g.upskill("r:start")] == ["r:next"]
    plan = g.reskill("r:start", "c:y")
    assert plan.target == "r:far"
