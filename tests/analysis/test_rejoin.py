"""Tests for skillgraph.analysis._rejoin: merging communities that hold no senior step."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph.analysis._communities import Adjacency, communities
from skillgraph.analysis._rejoin import rejoin, step_communities
from skillgraph.errors import InvalidValueError

from ._graphs import clique, random_edges, undirected


def _two_families_and_a_lone_senior() -> tuple[Adjacency, np.ndarray, np.ndarray]:
    """Family A (0-3, grade 2, and 4, grade 3), family B (5-8, grades 1 and 2), and a lone
    senior role 9 (grade 3) put in a community of its own, linked to A more than to B."""
    edges = [*clique(range(4)), (3, 4, 1.0), *clique(range(5, 9))]
    edges += [(9, 0, 0.6), (9, 1, 0.6), (9, 6, 0.5), (4, 5, 0.1)]
    graph = undirected(10, edges)
    ranks = np.array([2, 2, 2, 2, 3, 1, 1, 2, 2, 3], dtype=np.int64)
    labels = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 2], dtype=np.int64)
    return graph, labels, ranks


def test_a_lone_senior_role_rejoins_the_family_it_leans_on() -> None:
    graph, labels, ranks = _two_families_and_a_lone_senior()
    assert step_communities(graph, labels, ranks).tolist() == [True, True, False]
    out = rejoin(graph, labels, ranks)
    assert out.tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 1, 0]


def test_the_union_must_hold_a_step() -> None:
    """Two communities two grades apart hold no step together: they stay apart."""
    graph = undirected(4, [(0, 1, 1.0), (2, 3, 1.0), (0, 2, 5.0)])
    ranks = np.array([1, 1, 3, 3], dtype=np.int64)
    assert rejoin(graph, np.array([0, 0, 1, 1]), ranks).tolist() == [0, 0, 1, 1]


def test_a_community_without_a_useful_neighbour_stays() -> None:
    graph = undirected(4, [(0, 1, 1.0), (2, 3, 1.0)])
    ranks = np.array([1, 1, 1, 1], dtype=np.int64)
    labels = np.array([0, 0, 1, 1], dtype=np.int64)
    assert rejoin(graph, labels, ranks).tolist() == [0, 0, 1, 1]


def test_unknown_ranks_make_no_step() -> None:
    graph = undirected(3, [(0, 1, 1.0), (1, 2, 1.0)])
    ranks = np.array([-1, 2, 1], dtype=np.int64)
    labels = np.array([0, 1, 2], dtype=np.int64)
    # 0 joins 1 only when 1's community holds a step: here 1 and 2 merge, then 0 joins them
    out = rejoin(graph, labels, ranks)
    assert out.tolist() == [0, 0, 0]
    assert step_communities(graph, labels, np.full(3, -1)).tolist() == [False] * 3
    assert rejoin(graph, labels, np.full(3, -1)).tolist() == [0, 1, 2]


def test_deterministic_for_a_seed() -> None:
    rng = np.random.default_rng(3)
    n = 60
    edges = random_edges(rng, n, 300)
    graph = undirected(n, edges)
    ranks = rng.integers(-1, 5, n)
    runs = [rejoin(graph, communities(graph, seed=11), ranks) for _ in range(2)]
    assert runs[0].tolist() == runs[1].tolist()


@pytest.mark.parametrize(
    ("labels", "ranks", "jump"),
    [([0, 0], [1], 1), ([0], [1, 1], 1), ([-1, 0], [1, 1], 1), ([0, 0], [1, 1], 0)],
)
def test_refuses_bad_arguments(labels: list[int], ranks: list[int], jump: int) -> None:
    graph = undirected(2, [(0, 1, 1.0)])
    with pytest.raises(InvalidValueError):
        rejoin(graph, np.array(labels), np.array(ranks), max_jump=jump)


@st.composite
def _case(draw: st.DrawFn) -> tuple[Adjacency, np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 30))
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = draw(st.lists(st.tuples(pair, st.floats(0.01, 5.0)), max_size=4 * n))
    graph = undirected(n, [(u, v, w) for (u, v), w in edges if u != v])
    labels = np.array(draw(st.lists(st.integers(0, n + 3), min_size=n, max_size=n)))
    ranks = np.array(draw(st.lists(st.integers(-1, 4), min_size=n, max_size=n)))
    return graph, labels, ranks


@settings(max_examples=200, deadline=None)
@given(case=_case(), jump=st.integers(1, 2))
def test_rejoin_invariants(case: tuple[Adjacency, np.ndarray, np.ndarray], jump: int) -> None:
    graph, labels, ranks = case
    out = rejoin(graph, labels, ranks, max_jump=jump)
    c = len(np.unique(labels))
    found = np.unique(out)
    # a partition numbered 0 .. c'-1 by first node, coarser than the one given
    assert found.tolist() == list(range(len(found)))
    assert len(found) <= c
    firsts = [int(np.flatnonzero(out == k)[0]) for k in found.tolist()]
    assert firsts == sorted(firsts)
    same = labels[:, None] == labels[None, :]
    assert (out[:, None] == out[None, :])[same].all()
    # a community that had a step keeps one, and a fixed point: rejoining again is a no-op
    assert rejoin(graph, out, ranks, max_jump=jump).tolist() == out.tolist()
    before = step_communities(graph, labels, ranks, jump)
    after = step_communities(graph, out, ranks, jump)
    assert after[out[np.flatnonzero(before[labels])]].all()
