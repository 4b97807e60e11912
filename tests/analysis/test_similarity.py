"""Tests for skillgraph.analysis.similarity."""

from __future__ import annotations

import warnings
from pathlib import Path

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
        # the generated titles are random words: judge the skill components alone
        for m in g.similar_roles(rid, k=3, weights={"text": 0.0}):
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


def test_every_match_reports_component_contributions(demo: sg.SkillGraph) -> None:
    weights = sg.similarity_weights()
    assert list(weights) == ["ratings", "skills", "hierarchy", "latent", "text", "tools"]
    for m in demo.similar_roles("demo:role/accountant", k=5):
        assert set(m.components) <= set(weights)
        assert sum(m.components.values()) == pytest.approx(m.score)
        assert any("similarity" in e for e in m.evidence)


def test_a_zero_weight_removes_a_component(demo: sg.SkillGraph) -> None:
    role = "demo:role/data-analyst"
    full = {m.id: m for m in demo.similar_roles(role, k=80)}
    no_text = {m.id: m for m in demo.similar_roles(role, k=80, weights={"text": 0})}
    assert all(m.components.get("text", 0.0) == 0.0 for m in no_text.values())
    assert any(m.components.get("text", 0.0) > 0 for m in full.values())
    assert {i: m.score for i, m in full.items()} != {i: m.score for i, m in no_text.items()}
    # only one component left: the score is that component's cosine, whatever its weight
    only = {"ratings": 0, "skills": 0, "hierarchy": 0, "latent": 0, "tools": 0}
    text_a = demo.similar_roles(role, k=80, weights={**only, "text": 1.0})
    text_b = demo.similar_roles(role, k=80, weights={**only, "text": 7.0})
    assert [m.id for m in text_a] == [m.id for m in text_b]
    assert [m.score for m in text_a] == pytest.approx([m.score for m in text_b])
    for m in text_a:
        assert m.components["text"] == pytest.approx(m.score)
        assert all(v == 0.0 for k, v in m.components.items() if k != "text")
    # a heavier weight moves the ranking toward that component
    heavy = demo.similar_roles(role, k=10, weights={"text": 50.0})
    assert [m.id for m in heavy] == [m.id for m in text_a[:10]]


def test_weights_are_validated(demo: sg.SkillGraph) -> None:
    for bad in ({"colour": 1.0}, {"text": -1.0}, {"text": float("nan")}, {"text": True}):
        with pytest.raises(sg.InvalidValueError, match="weights"):
            demo.similar_roles("demo:role/accountant", weights=bad)


def test_index_state_round_trips(demo: sg.SkillGraph) -> None:
    import numpy as np

    from skillgraph.analysis._index import INDEX_FORMAT_VERSION, Index, Profiles, index

    ix = index(demo)
    arrays, meta = ix.to_state()
    assert meta["format"] == INDEX_FORMAT_VERSION
    assert all(isinstance(a, np.ndarray) for a in arrays.values())
    import json

    back = Index.from_state(arrays, json.loads(json.dumps(meta)))
    p_arrays, p_meta = ix.parts.to_state()
    assert all(isinstance(a, np.ndarray) for a in p_arrays.values())
    back.attach(Profiles.from_state(p_arrays, json.loads(json.dumps(p_meta))))
    for r in range(ix.n_roles):
        assert np.array_equal(back.similarities(r), ix.similarities(r))
    assert back.role_ids == ix.role_ids and back.role_essential[3].tolist() == (
        ix.role_essential[3].tolist()
    )
    with pytest.raises(sg.InvalidValueError, match="format"):
        Index.from_state(arrays, {**meta, "format": INDEX_FORMAT_VERSION + 1})


def test_block_similarities_match_single_rows(demo: sg.SkillGraph) -> None:
    import numpy as np

    from skillgraph.analysis._index import index

    ix = index(demo)
    rows = np.arange(ix.n_roles)
    block = ix.similarity_rows(rows)
    for r in rows.tolist():
        assert np.allclose(block[r], ix.similarities(r), atol=1e-6)


def test_regression_a_role_without_requirements_is_never_offered(small: sg.SkillGraph) -> None:
    # red team s23 #2: O*NET's unrated occupations with no requirement ("shares 0 of 0
    # required skills") were offered as similar by their titles and descriptions alone
    text = "Writes and reviews Python code with Git"
    small.add(sg.Role(id="r:dev-other", label="Developer, all other", description=text))
    small.add(small.roles["r:dev"].model_copy(update={"description": text}), replace=True)
    ids = [m.id for m in small.similar_roles("r:dev", k=10)]
    assert ids and "r:dev-other" not in ids
    without = small.similar_roles("r:dev", k=10, weights={"text": 0.0})
    assert [m.id for m in without] == [i for i in ids if i in {m.id for m in without}]
    # the role itself still gets answers (by its title and description)
    assert all(m.shared == [] for m in small.similar_roles("r:dev-other", k=3))


@pytest.mark.data
@pytest.mark.slow
def test_regression_no_onet_role_without_requirements_is_offered(data: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        onet = sg.read(data / "onet" / "29.3")
    empty = {r for r in onet.roles if not onet.requirements(r)}
    assert len(empty) == 93
    for role in ("Legislators", "Security Guards", "Protective Service Workers, All Other"):
        found = onet.similar_roles(role, k=50)
        assert found and not {m.id for m in found} & empty, role
