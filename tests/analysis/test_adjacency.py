"""Tests for skillgraph.analysis.adjacency."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from tests.strategies import graphs


def test_adjacent_skills_excludes_input_and_gives_evidence(small: sg.SkillGraph) -> None:
    matches = small.adjacent_skills(["s:python"], k=10)
    ids = [m.id for m in matches]
    assert "s:python" not in ids
    # go: declared related + sibling under the languages group + co-required by senior dev
    assert ids[0] == "s:go"
    go = matches[0]
    assert go.shared == ["s:python"]
    text = " ".join(go.evidence)
    assert "declared related to Python" in text
    assert "sibling of Python under Programming languages" in text
    assert "co-required with Python" in text
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_adjacent_skills_accepts_a_single_label(small: sg.SkillGraph) -> None:
    assert [m.id for m in small.adjacent_skills("SQL", k=2)] == ["s:stats", "s:ml"]


def test_skill_path_prefers_declared_edges(small: sg.SkillGraph) -> None:
    assert small.skill_path("s:python", "s:python") == ["s:python"]
    assert small.skill_path("s:python", "s:go") == ["s:python", "s:go"]
    path = small.skill_path("s:go", "s:ml")
    assert path[0] == "s:go" and path[-1] == "s:ml" and len(path) == 3


def test_skill_path_not_found(small: sg.SkillGraph) -> None:
    small.add(sg.Skill(id="s:island", label="Island"))
    with pytest.raises(sg.NotFoundError, match="no skill path"):
        small.skill_path("s:python", "s:island")
    with pytest.raises(sg.NotFoundError):
        small.skill_path("s:python", "nothing like it")


def _reference(g: sg.SkillGraph) -> nx.Graph:
    ref = nx.Graph()
    ref.add_nodes_from(g.skills)
    for e in g.iter_related():
        ref.add_edge(e.skill, e.related)
    parents: dict[str, list[str]] = {}
    for b in g.iter_broader():
        if b.narrower in g.skills:
            parents.setdefault(b.broader, []).append(b.narrower)
            if b.broader in g.skills:
                ref.add_edge(b.narrower, b.broader)
    for kids in [*parents.values()] + [[r.skill for r in g.requirements(role)] for role in g.roles]:
        for i, a in enumerate(kids):
            for b2 in kids[i + 1 :]:
                ref.add_edge(a, b2)
    return ref


@given(graphs(rich=False), st.data())
def test_skill_path_is_shortest_and_valid(g: sg.SkillGraph, data: st.DataObject) -> None:
    a, b = data.draw(st.lists(st.sampled_from(sorted(g.skills)), min_size=2, max_size=2))
    ref = _reference(g)
    try:
        expected = nx.shortest_path_length(ref, a, b)
    except nx.NetworkXNoPath:
        with pytest.raises(sg.NotFoundError):
            g.skill_path(a, b)
        return
    path = g.skill_path(a, b)
    assert path[0] == a and path[-1] == b
    assert len(path) - 1 == expected
    assert all(ref.has_edge(x, y) for x, y in itertools.pairwise(path))
    assert g.copy().skill_path(a, b) == path


@given(graphs(rich=False), st.data())
def test_adjacent_skills_invariants(g: sg.SkillGraph, data: st.DataObject) -> None:
    given_skills = data.draw(st.lists(st.sampled_from(sorted(g.skills)), min_size=1, max_size=3))
    matches = g.adjacent_skills(given_skills, k=5)
    assert not {m.id for m in matches} & set(given_skills)
    assert all(m.score > 0 and m.shared and set(m.shared) <= set(given_skills) for m in matches)
    keys = [(-m.score, m.id) for m in matches]
    assert keys == sorted(keys)
