"""Louvain community detection on plain adjacency dicts, step for step networkx's.

``communities(adj, seed)`` returns what ``networkx.community.louvain_communities(G,
weight="weight", seed=seed)`` returns for the graph ``G`` with nodes ``0 .. n-1`` whose
adjacency (``G.adj``, in its insertion order) is ``adj``: the same partition, computed by
the same operations in the same order (the same random shuffles, the same floating-point
sums over the same dict and set orders), so every tie and rounding falls the same way. It
does it without importing networkx or building its graph objects, which cost more than the
algorithm on the role-similarity graphs of ``clusters.detect_clusters``. Tests compare the
two on many graphs; a change of networkx's algorithm shows there.

The networkx code this follows is ``networkx.algorithms.community.louvain`` (3.x:
``louvain_partitions``, ``_one_level``, ``_gen_graph``) and ``modularity`` of
``networkx.algorithms.community.quality``, for undirected graphs, resolution 1.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator

__all__ = ["THRESHOLD", "Adjacency", "communities"]

Adjacency = list[dict[int, float]]
"""Per node ``0 .. n-1``: its neighbours and edge weights, in insertion order (a
self-loop, if any, appears once under the node itself)."""

THRESHOLD = 0.0000001
"""Least modularity gain between two levels for the next level to be taken (networkx's)."""


def communities(adj: Adjacency, seed: int) -> list[set[int]]:
    """The Louvain partition of the graph ``adj`` (``louvain_communities``, ``seed``).

    Each community is a set of nodes; the list is in networkx's order.
    """
    partition = [{u} for u in range(len(adj))]
    if not any(adj):
        return partition
    rng = random.Random(seed)
    mod = _modularity(adj, partition)
    graph = _copy(adj)
    m = sum(_degrees(graph)) / 2
    members: list[set[int]] = [{u} for u in range(len(graph))]
    partition, inner, improvement = _one_level(graph, members, m, partition, rng)
    improvement = True
    last = partition
    while improvement:
        last = [s.copy() for s in partition]
        new_mod = _modularity(graph, inner)
        if new_mod - mod <= THRESHOLD:
            return last
        mod = new_mod
        graph, members = _gen_graph(graph, members, inner)
        partition, inner, improvement = _one_level(graph, members, m, partition, rng)
    return last


def _edges(adj: Adjacency) -> Iterator[tuple[int, int, float]]:
    """Every edge once, as ``G.edges(data="weight")`` lists them."""
    seen: set[int] = set()
    for n, nbrs in enumerate(adj):
        for nbr, wt in nbrs.items():
            if nbr not in seen:
                yield n, nbr, wt
        seen.add(n)


def _degrees(adj: Adjacency) -> list[float]:
    """Weighted degree per node (a self-loop counted twice), as ``G.degree(weight=...)``."""
    return [sum(nbrs.values()) + (n in nbrs and nbrs[n]) for n, nbrs in enumerate(adj)]


def _add_edge(adj: Adjacency, u: int, v: int, wt: float) -> None:
    adj[u][v] = wt
    adj[v][u] = wt


def _copy(adj: Adjacency) -> Adjacency:
    """The graph rebuilt from its edge list (``louvain_partitions``' working copy)."""
    out: Adjacency = [{} for _ in adj]
    for u, v, wt in _edges(adj):
        _add_edge(out, u, v, wt)
    return out


def _modularity(adj: Adjacency, parts: list[set[int]]) -> float:
    """``networkx.community.modularity(G, parts, weight="weight")``."""
    degree = _degrees(adj)
    deg_sum = sum(degree)
    m = deg_sum / 2
    norm = 1 / deg_sum**2

    def inside(comm: set[int]) -> Iterator[float]:
        seen: set[int] = set()
        for n in dict.fromkeys(comm):
            for nbr, wt in adj[n].items():
                if nbr not in seen and nbr in comm:
                    yield wt
            seen.add(n)

    def contribution(community: set[int]) -> float:
        comm = set(community)
        l_c = sum(inside(comm))
        degree_sum = sum(degree[u] for u in comm)
        return float(l_c / m - 1 * degree_sum * degree_sum * norm)

    return sum(map(contribution, parts))


def _one_level(
    graph: Adjacency,
    members: list[set[int]],
    m: float,
    partition: list[set[int]],
    rng: random.Random,
) -> tuple[list[set[int]], list[set[int]], bool]:
    """One level of moves (``_one_level``): (partition, inner partition, improved)."""
    n = len(graph)
    node2com = list(range(n))
    inner = [{u} for u in range(n)]
    degrees = _degrees(graph)
    stot = list(degrees)
    nbrs = [{v: wt for v, wt in graph[u].items() if v != u} for u in range(n)]
    rand_nodes = list(range(n))
    rng.shuffle(rand_nodes)
    nb_moves = 1
    improvement = False
    two_m2 = 2 * m**2
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            best_mod: float = 0
            best_com = node2com[u]
            weights2com: defaultdict[int, float] = defaultdict(float)
            for nbr, wt in nbrs[u].items():
                weights2com[node2com[nbr]] += wt
            degree = degrees[u]
            stot[best_com] -= degree
            remove_cost = -weights2com[best_com] / m + 1 * (stot[best_com] * degree) / two_m2
            for nbr_com, wt in weights2com.items():
                gain = remove_cost + wt / m - 1 * (stot[nbr_com] * degree) / two_m2
                if gain > best_mod:
                    best_mod = gain
                    best_com = nbr_com
            stot[best_com] += degree
            if best_com != node2com[u]:
                com = members[u]
                partition[node2com[u]].difference_update(com)
                inner[node2com[u]].remove(u)
                partition[best_com].update(com)
                inner[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    return list(filter(len, partition)), list(filter(len, inner)), improvement


def _gen_graph(
    graph: Adjacency, members: list[set[int]], inner: list[set[int]]
) -> tuple[Adjacency, list[set[int]]]:
    """The graph of the communities ``inner`` and their members (``_gen_graph``)."""
    node2com: dict[int, int] = {}
    merged: list[set[int]] = []
    for i, part in enumerate(inner):
        nodes: set[int] = set()
        for node in part:
            node2com[node] = i
            nodes.update(members[node])
        merged.append(nodes)
    out: Adjacency = [{} for _ in inner]
    for u, v, wt in _edges(graph):
        c1, c2 = node2com[u], node2com[v]
        _add_edge(out, c1, c2, wt + out[c1].get(c2, 0))
    return out, merged
