"""skillgraph.analysis._louvain gives networkx's Louvain partitions, list order and all."""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph._synthetic import esco_like
from skillgraph.analysis._index import index
from skillgraph.analysis._louvain import Adjacency, communities
from skillgraph.analysis.clusters import KNN, neighbour_lists, similarity_graph


def _adjacency(g: nx.Graph) -> Adjacency:
    return [{v: d["weight"] for v, d in g.adj[u].items()} for u in range(g.number_of_nodes())]


def _networkx(n: int, edges: list[tuple[int, int, float]]) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for a, b, w in edges:
        g.add_edge(a, b, weight=w)
    return g


def _same(g: nx.Graph, seed: int) -> None:
    want = nx.community.louvain_communities(g, weight="weight", seed=seed)
    assert communities(_adjacency(g), seed) == want


@st.composite
def _graphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, float]]]:
    n = draw(st.integers(0, 40))
    if n == 0:
        return 0, []
    node = st.integers(0, n - 1)
    # small integer weights make ties; floats make rounding matter; self-loops are allowed
    weight = st.one_of(st.integers(1, 3).map(float), st.floats(0.01, 1.0))
    edges = draw(st.lists(st.tuples(node, node, weight), max_size=4 * n))
    return n, edges


@settings(max_examples=300, deadline=None)
@given(graph=_graphs(), seed=st.integers(0, 50))
def test_same_partitions_as_networkx(
    graph: tuple[int, list[tuple[int, int, float]]], seed: int
) -> None:
    n, edges = graph
    _same(_networkx(n, edges), seed)


@pytest.mark.parametrize("trial", range(40))
def test_same_partitions_on_larger_random_graphs(trial: int) -> None:
    rng = random.Random(trial)
    n = rng.randint(50, 300)
    edges = []
    for _ in range(rng.randint(n, 6 * n)):
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            edges.append((a, b, rng.choice([rng.random(), float(rng.randint(1, 2))])))
    _same(_networkx(n, edges), trial % 5)


def test_graphs_without_edges() -> None:
    assert communities([], 0) == []
    assert communities([{}, {}, {}], 0) == [{0}, {1}, {2}]
    _same(_networkx(3, []), 0)


def _reference_graph(n: int, near: list[tuple[object, object]]) -> nx.Graph:
    """The role graph as ``detect_clusters`` built it with networkx (edge by edge)."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for r, (best, scores) in enumerate(near):
        for o, s in zip(best.tolist(), scores.tolist(), strict=True):  # type: ignore[attr-defined]
            a, b = (r, o) if r < o else (o, r)
            if g.has_edge(a, b):
                g[a][b]["weight"] = max(g[a][b]["weight"], s)
            else:
                g.add_edge(a, b, weight=s)
    return g


def _check_roles(g: sg.SkillGraph) -> None:
    n = index(g).n_roles
    near = neighbour_lists(g)
    built = similarity_graph(n, near)
    reference = _reference_graph(n, near)
    assert built == _adjacency(reference)  # same weights, same insertion order
    for seed in (0, 1, 2):
        _same(reference, seed)


def test_role_similarity_graphs_match_networkx(demo: sg.SkillGraph) -> None:
    _check_roles(demo)
    _check_roles(esco_like(0.05, seed=3))


@pytest.mark.parametrize("release", ["esco/v1.1.1/csv", "onet/29.3"])
def test_real_releases_match_networkx(data: Path, release: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = sg.read(data / release, cache=False)
    _check_roles(g)
    assert KNN == 10
