"""The role-similarity graph of ``detect_clusters`` is built in one call, and is the very graph
(weights and insertion order, so Louvain's partitions) that adding its edges one by one gave."""

from __future__ import annotations

import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import skillgraph as sg
from skillgraph._synthetic import esco_like
from skillgraph.analysis._index import index
from skillgraph.analysis.clusters import Neighbours, similarity_graph
from skillgraph.analysis.clusters import neighbour_lists as role_neighbours

from ._neighbours import neighbour_lists


def _edge_by_edge(n: int, near: Neighbours) -> nx.Graph:
    """The graph as ``detect_clusters`` built it before (one edge at a time)."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for r, (best, scores) in enumerate(near):
        for o, s in zip(best.tolist(), scores.tolist(), strict=True):
            a, b = (r, o) if r < o else (o, r)
            if g.has_edge(a, b):
                g[a][b]["weight"] = max(g[a][b]["weight"], s)
            else:
                g.add_edge(a, b, weight=s)
    return g


def _layout(g: nx.Graph) -> list[list[tuple[int, float]]]:
    """Every node's neighbours and weights in insertion order (what Louvain iterates)."""
    return [[(v, d["weight"]) for v, d in g.adj[u].items()] for u in g.nodes]


def _same_graph(n: int, near: Neighbours) -> None:
    built, reference = similarity_graph(n, near), _edge_by_edge(n, near)
    assert list(built.nodes) == list(reference.nodes)
    assert _layout(built) == _layout(reference)
    for seed in (0, 1, 2):
        assert nx.community.louvain_communities(
            built, weight="weight", seed=seed
        ) == nx.community.louvain_communities(reference, weight="weight", seed=seed)


@settings(max_examples=150, deadline=None)
@given(case=neighbour_lists())
def test_same_graph_as_edge_by_edge(case: tuple[int, Neighbours]) -> None:
    _same_graph(*case)


def test_a_pair_met_twice_keeps_its_first_place_and_larger_score() -> None:
    near: Neighbours = [
        (np.array([2, 1]), np.array([0.2, 0.5])),
        (np.array([0]), np.array([0.9])),
        (np.array([0]), np.array([0.1])),
    ]
    g = similarity_graph(3, near)
    assert _layout(g) == [[(2, 0.2), (1, 0.9)], [(0, 0.9)], [(0, 0.2)]]
    _same_graph(3, near)


def test_role_graphs_of_the_demo_and_a_synthetic_graph(demo: sg.SkillGraph) -> None:
    for g in (demo, esco_like(0.05, seed=3)):
        _same_graph(index(g).n_roles, role_neighbours(g))


@pytest.mark.data
@pytest.mark.parametrize("release", ["esco/v1.1.1/csv", "onet/29.3"])
def test_role_graphs_of_the_real_releases(data: Path, release: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = sg.read(data / release, cache=False)
    _same_graph(index(g).n_roles, role_neighbours(g))
