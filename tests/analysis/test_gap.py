"""Tests for skillgraph.analysis.gap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from tests.strategies import graphs


def test_gap_orders_essential_first_and_weights_coverage(small: sg.SkillGraph) -> None:
    gap = small.gap("r:dev", have=["Python"])
    assert gap.matched == ["s:python"]
    # essential (python, git) first, then optional by weight then id
    assert gap.missing == ["s:git", "s:docker", "s:comm"]
    assert 0 < gap.coverage < 1
    assert [d.skill for d in gap.details] == gap.matched + gap.missing
    total = sum(d.weight for d in gap.details)
    assert gap.coverage == pytest.approx(gap.details[0].weight / total)
    assert gap.essential_coverage == pytest.approx(0.5, abs=0.2)


def test_transversal_skill_weighs_less(small: sg.SkillGraph) -> None:
    gap = small.gap("r:dev")
    w = {d.skill: d.weight for d in gap.details}
    # same importance 0.5 for both; communication is transversal and required everywhere
    assert w["s:comm"] < w["s:docker"]


def test_gap_accepts_labels_and_rejects_unknown(small: sg.SkillGraph) -> None:
    assert small.gap("Developer", have=["git"]).matched == ["s:git"]
    with pytest.raises(sg.NotFoundError):
        small.gap("r:dev", have=["no such skill"])
    with pytest.raises(sg.NotFoundError):
        small.gap("no such role")


def test_regression_no_essential_requirement_is_not_full_essential_coverage(
    small: sg.SkillGraph,
) -> None:
    # red team s21 #9: "Coverage: 0% ... (essential ones: 100%)" for a role whose
    # requirements are all optional; the share of nothing is unknown, not 100%
    small.add(sg.Role(id="r:loose", label="Loose", cluster="c:dev"))
    small.require("r:loose", "s:docker", essential=False, importance=0.5)
    gap = small.gap("r:loose")
    assert gap.coverage == 0.0 and gap.essential_coverage is None
    from skillgraph.cli._render import gap_text

    text = gap_text(small, gap)
    assert "(no essential ones)" in text and "100%" not in text


def test_role_without_requirements_is_covered(small: sg.SkillGraph) -> None:
    small.add(sg.Role(id="r:empty", label="Empty", cluster="c:dev"))
    gap = small.gap("r:empty")
    assert gap.coverage == 1.0 and gap.missing == [] and gap.matched == []


@given(graphs(rich=False), st.data())
def test_all_held_gives_full_coverage(g: sg.SkillGraph, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(sorted(g.roles)))
    req = [r.skill for r in g.requirements(role)]
    gap = g.gap(role, have=req)
    assert gap.missing == []
    assert gap.coverage == 1.0
    essential = any(r.essential for r in g.requirements(role))
    assert gap.essential_coverage == (1.0 if essential else None)


@given(graphs(rich=False), st.data())
def test_coverage_never_decreases(g: sg.SkillGraph, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(sorted(g.roles)))
    order = data.draw(st.permutations(sorted(g.skills)))
    have: list[str] = []
    last = g.gap(role, have=have).coverage
    assert 0.0 <= last <= 1.0
    for sid in order:
        have.append(sid)
        cov = g.gap(role, have=have).coverage
        assert last <= cov <= 1.0
        last = cov
    assert last == 1.0


@given(graphs(rich=False), st.data())
def test_gap_is_deterministic(g: sg.SkillGraph, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(sorted(g.roles)))
    have = data.draw(st.lists(st.sampled_from(sorted(g.skills)), max_size=5))
    assert g.gap(role, have).to_json() == g.copy().gap(role, list(reversed(have))).to_json()


@given(graphs(), st.data())
def test_gap_labels_are_those_of_every_id_it_names(g: sg.SkillGraph, data: st.DataObject) -> None:
    roles = sorted(g.roles)
    if not roles:
        return
    role = data.draw(st.sampled_from(roles))
    have = data.draw(st.lists(st.sampled_from([q.skill for q in g.requirements(role)] or [""])))
    gap = g.gap(role, [h for h in have if h])
    assert gap.labels == {i: g.label(i) for i in sorted(gap.named())}
    assert list(gap.labels) == sorted(gap.named())
    assert gap.label == g.roles[role].label
    assert [d.label for d in gap.details] == [g.label(d.skill) for d in gap.details]
    assert "labels" in gap.model_fields_set and "inputs" not in gap.model_fields_set
