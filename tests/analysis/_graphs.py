"""Undirected weighted graphs for the community tests, from edge lists."""

from __future__ import annotations

import itertools

import numpy as np

from skillgraph.analysis._communities import Adjacency, from_entries

Edges = list[tuple[int, int, float]]


def undirected(n: int, edges: Edges) -> Adjacency:
    """The undirected graph of ``edges`` on ``n`` nodes (a pair listed twice sums its
    weights)."""
    a = np.array([u for u, _, _ in edges] + [v for _, v, _ in edges], dtype=np.int64)
    b = np.array([v for _, v, _ in edges] + [u for u, _, _ in edges], dtype=np.int64)
    w = np.array([x for _, _, x in edges] * 2, dtype=np.float64)
    return from_entries(n, a, b, w)


def random_edges(rng: np.random.Generator, n: int, m: int) -> Edges:
    """Up to ``m`` edges between random distinct nodes of ``n``, weights in [0, 1) (drawn
    from ``rng``: the ends of every edge, then the weights)."""
    ends = zip(rng.integers(0, n, m), rng.integers(0, n, m), rng.random(m), strict=True)
    return [(int(u), int(v), float(w)) for u, v, w in ends if u != v]


def clique(nodes: range, weight: float = 1.0) -> Edges:
    """An edge of ``weight`` between every two of ``nodes``."""
    return [(u, v, weight) for u, v in itertools.combinations(nodes, 2)]
