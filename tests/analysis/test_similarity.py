"""Tests for skillgraph.analysis.similarity."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph._synthetic import esco_like
from tests.strategies import graphs


def test_similar_roles_ranks_by_shared_profile(small: sg.SkillGraph) -> None:
    matches = small.similar_roles("r:dev", k=3)
    ids = [m.id for m in matches]
    assert "r:dev" not in ids
    assert ids[0] in {"r:junior-dev", "r:senior-dev"}
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    top = matches[0]
    assert set(top.shared) <= {r.skill for r in small.requirements("r:dev")}
    assert "s:python" in top.shared
    assert top.evidence and "shares" in top.evidence[0]
    # missing: what the match requires that the query role lacks
    senior = next(m for m in small.similar_roles("r:dev", k=5) if m.id == "r:senior-dev")
    assert senior.missing == ["s:go"]


def test_k_limits_and_rejects_negative(small: sg.SkillGraph) -> None:
    assert len(small.similar_roles("r:dev", k=1)) == 1
    assert small.similar_roles("r:dev", k=0) == []
    with pytest.raises(sg.InvalidValueError):
        small.similar_roles("r:dev", k=-1)


def test_roles_sharing_nothing_are_left_out(small: sg.SkillGraph) -> None:
    small.add(sg.Skill(id="s:cook", label="Cooking"))
    small.add(sg.Role(id="r:chef", label="Chef", cluster="c:data"))
    small.require("r:chef", "s:cook")
    assert small.similar_roles("r:chef", k=10) == []


def test_same_cluster_roles_rank_high_on_generated_graph() -> None:
    g = esco_like(0.05, seed=3)
    hits = total = 0
    for rid in sorted(g.roles)[:40]:
        here = g.roles[rid].cluster
        for m in g.similar_roles(rid, k=3):
            total += 1
            hits += g.roles[m.id].cluster == here
    assert hits / total > 0.5


@given(graphs(rich=False), st.data())
def test_scores_bounded_sorted_and_deterministic(g: sg.SkillGraph, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(sorted(g.roles)))
    matches = g.similar_roles(role, k=5)
    keys = [(-m.score, m.id) for m in matches]
    assert keys == sorted(keys)
    assert all(0 < m.score <= 1 + 1e-9 and m.id != role for m in matches)
    assert [m.to_json() for m in matches] == [m.to_json() for m in g.copy().similar_roles(role, 5)]
