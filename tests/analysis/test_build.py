"""The rated profiles of the similarity index (``analysis._build._ratings``): which cell each
``ratings`` item and requirement gives."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TypeVar

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.analysis import _build
from skillgraph.analysis._core import requirements
from skillgraph.analysis._features import parse_ratings, rating_profiles
from skillgraph.analysis._index import index

RATED = {
    # a skill named twice (the last item gives the importance; the last with a level, the
    # level), a malformed item, a skill the graph lacks
    "r1": "s1=0.2/3 s2=0.5 s1=0.4 bad=x/1 s9=0.3/1",
    "r2": "s2=0.7/2 s1=0.1/6",
    "r3": None,  # no attribute: its requirements fill its cells
    "r4": "s3=0.9",
}


def _graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    for s in ("s1", "s2", "s3", "s4"):
        g.add(sg.Skill(id=s, label=f"skill {s}"))
    for r, text in RATED.items():
        attributes = {} if text is None else {"ratings": text}
        g.add(sg.Role(id=r, label=f"role {r}", attributes=attributes))
    g.require("r1", "s2", importance=0.6, level=4.0)  # level cell empty in r1: filled
    g.require("r3", "s1", importance=0.3, level=2.0)
    g.require("r3", "s4", importance=0.8)  # s4 is rated by nobody: no rating column
    g.require("r4", "s3", importance=0.1, level=5.0)
    return g


def _item_by_item(g: sg.SkillGraph) -> np.ndarray:
    """The rated profiles written cell by cell, items then requirements in turn."""
    ix = index(g, profiles=False)
    req = requirements(g)
    parsed = []
    for rid in ix.role_ids:
        text = g.roles[rid].attributes.get("ratings")
        items = parse_ratings(text) if isinstance(text, str) else []
        parsed.append([(ix.skill_pos[s], im, lv) for s, im, lv in items if s in ix.skill_pos])
    cols = sorted({pos for items in parsed for pos, _, _ in items})
    col_of = {pos: j for j, pos in enumerate(cols)}
    n, m = ix.n_roles, len(cols)
    values, known = np.zeros((n, 2 * m)), np.zeros((n, 2 * m), dtype=bool)
    for i, items in enumerate(parsed):
        for pos, im, lv in items:
            j = col_of[pos]
            values[i, j], known[i, j] = im, True
            if lv is not None:
                values[i, m + j], known[i, m + j] = lv, True
    for i, pos, im, lv in zip(req.role, req.skill, req.importance, req.level, strict=True):
        if pos not in col_of:
            continue
        j = col_of[pos]
        if not known[i, j]:
            values[i, j], known[i, j] = im, True
        if not known[i, m + j] and not math.isnan(lv):
            values[i, m + j], known[i, m + j] = lv, True
    return rating_profiles(values[:, :m], values[:, m:], known[:, :m], known[:, m:])


def test_ratings_cells_as_written_item_by_item() -> None:
    g = _graph()
    ix = index(g, profiles=False)
    w = ix.csr("W")
    rows = np.repeat(np.arange(ix.n_roles), np.diff(w.indptr))
    got, rated = _build._ratings(
        g, ix.role_ids, ix.skill_pos, rows, w.indices.astype(np.int64), ix.importance
    )
    assert rated.tolist() == [True, True, True, False]
    expected = _item_by_item(g)
    assert got.shape == expected.shape == (4, 6)
    assert np.array_equal(got, expected)


def test_regression_hierarchy_profiles_hold_every_ancestor() -> None:
    """A skill met while its broader skill waited on the search stack got that skill but
    not its ancestors (ESCO: 553 of 150,390 cells missing): here "c" lost "d"."""
    import scipy.sparse as sp

    g = sg.SkillGraph()
    for s in "abcd":
        g.add(sg.Skill(id=s, label=f"skill {s}"))
    for narrower, broader in (("a", "b"), ("a", "c"), ("c", "b"), ("b", "d")):
        g.add_broader(narrower, broader)
    skills = list("abcd")
    x_m = sp.csr_matrix(np.zeros((10, 4)))
    x_m[0, 0] = 1.0  # a role with "a" (searched first) ...
    x_m[1, 2] = 1.0  # ... and one with "c" alone
    h = _build._hierarchy(g, skills, sp.csr_matrix(x_m))
    assert h is not None
    assert h[0].nnz == 3  # b, c, d
    assert h[1].nnz == 2  # b and d
    assert np.isclose(h[1].multiply(h[1]).sum(), 1.0)  # unit length


T = TypeVar("T")


def _above(parents: Mapping[T, set[T]], node: T) -> set[T]:
    """Every ancestor of ``node`` (its parents, transitively), one by one."""
    out: set[T] = set()
    for p in parents.get(node, ()):
        out |= {p} | _above(parents, p)
    return out


@given(
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20),
    st.permutations(range(8)),
    st.permutations(range(8)),
)
def test_hierarchy_profiles_are_the_closure_of_broader(
    edges: list[tuple[int, int]], names: list[int], order: list[int]
) -> None:
    """Each skill's row holds exactly its ancestors (broader skills, transitively), whatever
    the ids (their order sets the order of parents) and the order skills are searched in."""
    import scipy.sparse as sp

    g = sg.SkillGraph()
    ids = [f"s{n}" for n in names]  # node i is named ids[i]
    for s in ids:
        g.add(sg.Skill(id=s, label=f"skill {s}"))
    parents: dict[int, set[int]] = {}
    for i, j in edges:
        if i > j:  # narrower above broader: no cycle
            g.add_broader(ids[i], ids[j])
            parents.setdefault(i, set()).add(j)

    x_m = sp.vstack([sp.identity(8, format="csr"), sp.csr_matrix((800, 8))], format="csr")
    # row k is node order[k]; 808 roles: no ancestor is too common to count
    h = _build._hierarchy(g, [ids[i] for i in order], x_m)
    if not parents:
        assert h is None
        return
    assert h is not None
    assert [h[k].nnz for k in range(8)] == [len(_above(parents, i)) for i in order]


def _ancestors_one_by_one(
    pairs: list[tuple[str, str]], skill_ids: list[str]
) -> tuple[list[int], list[int], int]:
    """Every skill's ancestors by id, numbered in the order they are first met."""
    parents: dict[str, set[str]] = {}
    for narrower, broader in pairs:
        parents.setdefault(narrower, set()).add(broader)
    pos: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, sid in enumerate(skill_ids):
        for a in sorted(_above(parents, sid)):
            rows.append(i)
            cols.append(pos.setdefault(a, len(pos)))
    return rows, cols, len(pos)


@given(
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=30),
    st.permutations(range(12)),
    st.integers(1, 12),
)
def test_ancestors_are_numbered_as_first_met(
    edges: list[tuple[int, int]], names: list[int], n_skills: int
) -> None:
    # nodes past n_skills are skill groups: ancestors only; ids set the order of parents
    ids = [f"n{k:02d}" for k in names]
    pairs = sorted({(ids[i], ids[j]) for i, j in edges if i > j})  # no cycle
    skills = sorted(ids[:n_skills])
    rows, cols, width = _build._ancestors(pairs, skills)
    want = _ancestors_one_by_one(pairs, skills)
    assert (rows.tolist(), cols.tolist(), width) == want
