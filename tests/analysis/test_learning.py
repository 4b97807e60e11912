"""Tests for skillgraph.analysis.learning."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from tests.strategies import graphs


def test_prerequisites_come_first(small: sg.SkillGraph) -> None:
    plan = small.learning_plan(["s:ml", "s:stats", "s:python", "s:sql"])
    assert plan.stages[-1] == ["s:ml"]
    assert set(plan.stages[0]) == {"s:python", "s:stats", "s:sql"}
    assert plan.order[-1] == "s:ml"


def test_transitive_prerequisite_through_a_skill_outside_the_set(small: sg.SkillGraph) -> None:
    small.add(sg.Skill(id="s:k8s", label="Kubernetes"))
    small.add_prerequisite("s:docker", "s:k8s")
    # git -> docker -> k8s: docker is not asked for, git still precedes k8s
    plan = small.learning_plan(["s:k8s", "s:git"])
    assert plan.stages == [["s:git"], ["s:k8s"]]


def test_adjacency_to_have_orders_a_stage(small: sg.SkillGraph) -> None:
    plan = small.learning_plan(["s:sql", "s:go"], have=["s:python"])
    assert plan.stages == [["s:go", "s:sql"]]
    plan = small.learning_plan(["s:sql", "s:go"], have=["s:stats"])
    assert plan.stages == [["s:sql", "s:go"]]


def test_empty_plan(small: sg.SkillGraph) -> None:
    assert small.learning_plan([]).stages == []


@given(graphs(rich=False), st.data())
def test_every_prerequisite_edge_is_respected(g: sg.SkillGraph, data: st.DataObject) -> None:
    skills = data.draw(st.lists(st.sampled_from(sorted(g.skills)), unique=True, min_size=1))
    have = data.draw(st.lists(st.sampled_from(sorted(g.skills)), max_size=3))
    plan = g.learning_plan(skills, have)
    stage = {s: i for i, st_ in enumerate(plan.stages) for s in st_}
    assert sorted(stage) == sorted(skills)
    for e in g.iter_prerequisites():
        if e.prerequisite in stage and e.skill in stage:
            assert stage[e.prerequisite] < stage[e.skill]
    # transitively, too
    for s in skills:
        for anc in _all_prereqs(g, s):
            if anc in stage:
                assert stage[anc] < stage[s]
    assert plan.to_json() == g.copy().learning_plan(list(reversed(skills)), have).to_json()


def _all_prereqs(g: sg.SkillGraph, s: str) -> set[str]:
    out: set[str] = set()
    todo = g.prerequisites_of(s)
    while todo:
        p = todo.pop()
        if p not in out:
            out.add(p)
            todo.extend(g.prerequisites_of(p))
    return out


def test_groups_of_a_plan_without_the_whole_list_are_the_same() -> None:
    from skillgraph._store import store_of
    from skillgraph.analysis import learning

    fresh = sg.load("demo")
    roles = sorted(fresh.roles)[:6]
    plans = [[p.model_dump_json() for p in fresh.upskill(r)] for r in roles]
    assert "analysis_skill_groups" not in store_of(fresh).derived_keys()  # only the plan's
    listed = sg.load("demo")
    learning._skill_groups(listed)  # the whole list built first: the plans read it
    assert [[p.model_dump_json() for p in listed.upskill(r)] for r in roles] == plans
    assert any('"group_members":{"' in p for ps in plans for p in ps)  # groups were used
