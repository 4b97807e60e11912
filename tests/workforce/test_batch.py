"""Batch scoring equals the per-person gap: coverage, top-k order, ties, chunking."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.workforce import score
from skillgraph.workforce._scoring import top_k

DEMO = sg.load("demo")
SKILLS = sorted(DEMO.skills)
RANKED = sorted(r for r in DEMO.roles if DEMO.requirements(r))


def _naive_top(
    g: sg.SkillGraph, have: list[str], k: int, roles: list[str]
) -> list[tuple[str, float]]:
    covs = [(round(g.gap(r, have=have).coverage, 12), r) for r in roles]
    covs.sort(key=lambda cr: (-cr[0], cr[1]))
    return [(r, c) for c, r in covs[:k]]


@given(
    st.lists(st.lists(st.sampled_from(SKILLS), max_size=25), min_size=1, max_size=12),
    st.integers(1, 8),
)
def test_batch_top_k_equals_the_per_person_gap(people: list[list[str]], k: int) -> None:
    res = score(DEMO, [(f"p{i}", have) for i, have in enumerate(people)], k=k)
    for i, have in enumerate(people):
        got = res.top(f"p{i}")
        want = _naive_top(DEMO, have, k, RANKED)
        assert [r for r, _ in got] == [r for r, _ in want]
        for (_, a), (_, b) in zip(got, want, strict=True):
            assert math.isclose(a, b, abs_tol=1e-12)


@given(
    st.lists(st.lists(st.sampled_from(SKILLS), max_size=20), min_size=1, max_size=20),
    st.integers(1, 7),
)
def test_chunk_size_does_not_change_the_result(people: list[list[str]], chunk: int) -> None:
    items = [(f"p{i}", have) for i, have in enumerate(people)]
    a, b = score(DEMO, items, k=4), score(DEMO, items, k=4, chunk_size=chunk)
    assert (a.role_ids == b.role_ids).all() and (a.coverage == b.coverage).all()


def _odd_graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    for s in "abcd":
        g.add(sg.Skill(id=f"s:{s}", label=s.upper()))
    for r in ("r:1", "r:2", "r:zero", "r:empty"):
        g.add(sg.Role(id=r, label=r))
    g.require("r:1", "s:a", importance=1.0)
    g.require("r:1", "s:b", importance=0.5)
    g.require("r:2", "s:a", importance=1.0)
    g.require("r:2", "s:b", importance=0.5)  # the same profile as r:1: a tie
    g.require("r:zero", "s:c", importance=0.0)  # weightless: coverage counts requirements
    g.require("r:zero", "s:d", importance=0.0)
    return g


def test_weightless_roles_count_and_roles_without_requirements_are_not_ranked() -> None:
    g = _odd_graph()
    res = score(g, [("x", ["s:c"]), ("y", ["s:a", "s:b"]), ("z", [])], k=3)
    assert "r:empty" not in res.role_index
    assert res.top("x")[0] == ("r:zero", pytest.approx(g.gap("r:zero", have=["s:c"]).coverage))
    assert g.gap("r:zero", have=["s:c"]).coverage == 0.5
    # equal coverage ties resolve by role id
    assert [r for r, _ in res.top("y")] == ["r:1", "r:2", "r:zero"]
    assert [c for _, c in res.top("z")] == [0.0, 0.0, 0.0]
    # asked for explicitly, a role without requirements is covered fully (as gap says)
    only = score(g, [("z", [])], k=1, roles=["r:empty"])
    assert only.top("z") == [("r:empty", 1.0)] and g.gap("r:empty").coverage == 1.0


def test_top_k_breaks_ties_by_column() -> None:
    c = np.array([[0.5, 0.7, 0.5, 0.7, 0.1], [0.0, 0.0, 0.0, 0.0, 0.0]])
    top, cov = top_k(c.copy(), 3)
    assert top.tolist() == [[1, 3, 0], [0, 1, 2]]
    assert cov.tolist() == [[0.7, 0.7, 0.5], [0.0, 0.0, 0.0]]
    big, _ = top_k(c.copy(), 5)
    assert big.tolist()[0] == [1, 3, 0, 2, 4]


def test_result_tables(tmp_path: object) -> None:
    res = score(DEMO, [("a", ["demo:skill/python"]), ("b", [])], k=2)
    df = res.to_pandas()
    assert list(df.columns) == ["person", "rank", "role", "label", "coverage", "assumed"]
    assert df["person"].tolist() == ["a", "a", "b", "b"]
    assert [r["role"] for r in res.rows()] == df["role"].tolist()


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_bad_k_is_refused(bad: object) -> None:
    with pytest.raises(sg.InvalidValueError, match="k"):
        score(DEMO, [("a", [])], k=bad)  # type: ignore[arg-type]


def test_unknown_role_is_refused() -> None:
    with pytest.raises(sg.NotFoundError):
        score(DEMO, [("a", [])], roles=["astronaut"])


@given(
    st.lists(
        st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.5000000000001, 1.0]), min_size=6, max_size=6),
        min_size=1,
        max_size=8,
    ),
    st.integers(1, 7),
)
def test_sparse_top_k_equals_dense_top_k(rows: list[list[float]], k: int) -> None:
    import scipy.sparse as sp

    from skillgraph.workforce._scoring import top_k_sparse

    dense = np.asarray(rows)
    a = top_k(dense.copy(), k)
    b = top_k_sparse(sp.csr_matrix(dense), k)
    assert a[0].tolist() == b[0].tolist()
    assert a[1].tolist() == b[1].tolist()


def _credit_graph() -> sg.SkillGraph:
    """Two tool classes of software titles, a skill hierarchy and three roles using them."""
    g = sg.SkillGraph()
    for sid, label in (("s:ql", "query languages"), ("s:sql", "SQL"), ("s:care", "care")):
        g.add(sg.Skill(id=sid, label=label))
    g.add(sg.Broader(narrower="s:sql", broader="s:ql"))
    for i, klass in enumerate(("sheets", "sheets", "sheets", "mail", "mail")):
        g.add(
            sg.Skill(
                id=f"s:t{i}",
                label=f"Tool {i}",
                kind=sg.SkillKind.TECHNOLOGY,
                attributes={"commodity_title": klass},
            )
        )
    for rid in ("r:analyst", "r:nurse", "r:dba"):
        g.add(sg.Role(id=rid, label=rid[2:]))
    for s in ("s:ql", "s:care", "s:t0", "s:t1", "s:t2", "s:t3"):
        g.require("r:analyst", s)
    for s in ("s:care", "s:t1", "s:t3", "s:t4"):
        g.require("r:nurse", s)
    g.require("r:dba", "s:sql")
    return g


CREDIT_SKILLS = ["s:ql", "s:sql", "s:care", "s:t0", "s:t1", "s:t2", "s:t3", "s:t4"]


def test_batch_scores_tool_classes_as_gap() -> None:
    # base: batch summed the importance x rarity of the titles held, not gap's class weights
    # (a person holding one spreadsheet title covers the analyst's three)
    g = _credit_graph()
    have = ["s:sql", "s:t2"]
    got = dict(score(g, [("p", have)], k=3).top("p"))
    gap = g.gap("r:analyst", have)
    assert set(gap.matched) == {"s:t0", "s:t1", "s:t2"}
    assert got["r:analyst"] == pytest.approx(gap.coverage, abs=1e-12)
    assert got["r:dba"] == 1.0


@given(st.lists(st.lists(st.sampled_from(CREDIT_SKILLS), max_size=6), min_size=1, max_size=6))
def test_batch_equals_gap_with_tool_classes(
    people: list[list[str]],
) -> None:
    g = _credit_graph()
    res = score(g, [(f"p{i}", have) for i, have in enumerate(people)], k=3)
    for i, have in enumerate(people):
        for role, cov in res.top(f"p{i}"):
            assert math.isclose(cov, g.gap(role, have=have).coverage, abs_tol=1e-12)
