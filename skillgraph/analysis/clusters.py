"""Role clusters: declared ones, or detected by community detection on role similarity."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeAlias

from .._store import cached
from ..errors import InvalidValueError
from ..graph import SkillGraph
from ..model import Cluster
from ._index import FloatArray, IntArray, check_weights, index

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DETECTED_PREFIX",
    "DETECTION_METHODS",
    "KNN",
    "detect_clusters",
    "effective_clusters",
    "neighbour_lists",
    "rank_hints",
    "similarity_graph",
]

Neighbours: TypeAlias = list[tuple[IntArray, FloatArray]]

DETECTED_PREFIX = "detected:"
KNN = 10
"""Neighbours per role in the similarity graph used for community detection."""
DETECTION_METHODS = ("arrays", "networkx")
"""Louvain implementations of ``detect_clusters``: ours over CSR arrays (the default,
``skillgraph.analysis._communities``: no networkx import, several times less CPU;
Blondel et al.'s levels, visiting nodes in networkx's order, so networkx's partition for
the seed, then every community that holds no senior step is rejoined to a neighbour,
``skillgraph.analysis._rejoin``, then a senior role that is the only step up of juniors
elsewhere moves to them when that gives more roles a step and takes it from no more of
its juniors than it joins, ``skillgraph.analysis._reseat``), or networkx's Louvain alone
(see docs/benchmarks.md)."""


def detect_clusters(
    g: SkillGraph,
    *,
    seed: int = 0,
    assign: bool = False,
    weights: Mapping[str, float] | None = None,
    method: str = "arrays",
) -> dict[str, str]:
    """Role id -> detected cluster id (``"detected:<n>"``), deterministic for ``seed``.

    Builds a graph linking each role to its ``KNN`` most similar roles (role similarity
    with the component ``weights``, default ones unless given, as edge weight; a pair
    listed both ways weighs the larger score) and divides it into communities of high
    modularity by Louvain's method with ``seed``: by default our own, whose communities
    without a senior step (``rank_hints``) join a neighbour and whose senior roles move to
    the juniors they are the only step up of (see ``DETECTION_METHODS``), or with
    ``method="networkx"`` networkx's alone. Clusters are numbered by their smallest member
    id. With ``assign``, a ``Cluster`` node is added for each detected cluster and every
    role without a declared cluster is given its detected one (declared clusters kept).

    Raises:
        DuplicateIdError: with ``assign``, a ``detected:<n>`` id is used by another node type.
        InvalidValueError: ``weights`` names an unknown component or a negative weight, or
            ``method`` is not one of ``DETECTION_METHODS``.
    """
    if method not in DETECTION_METHODS:
        raise InvalidValueError(
            f"unknown detection method {method!r} (expected one of {', '.join(DETECTION_METHODS)})",
            field="method",
        )
    w = None if weights is None else check_weights(weights)
    ix = index(g)
    near = ix.all_neighbours(KNN, w) if w is not None else neighbour_lists(g)
    if method == "arrays":
        from ._communities import communities, knn_graph
        from ._rejoin import rejoin
        from ._reseat import reseat

        graph = knn_graph(ix.n_roles, near)
        ranks = rank_hints(g)
        labels = communities(graph, seed=seed, refine=False)
        labels = reseat(graph, rejoin(graph, labels, ranks), ranks)
        found: list[list[int]] = [[] for _ in range(ix.n_roles)]
        for r, c in enumerate(labels.tolist()):
            found[c].append(r)
    else:
        import networkx as nx

        found = [
            sorted(c)
            for c in nx.community.louvain_communities(
                similarity_graph(ix.n_roles, near), weight="weight", seed=seed
            )
        ]
    ordered = sorted((c for c in found if c), key=lambda c: c[0])
    out: dict[str, str] = {}
    for n, members in enumerate(ordered):
        for r in members:
            out[ix.role_ids[r]] = f"{DETECTED_PREFIX}{n}"
    if assign:
        for n, members in enumerate(ordered):
            cid = f"{DETECTED_PREFIX}{n}"
            g.add(
                Cluster(id=cid, label=f"detected cluster {n} ({g.label(ix.role_ids[members[0]])})"),
                replace=True,
            )
        roles = g.roles
        for rid, cid in sorted(out.items()):
            role = roles[rid]
            if role.cluster is None:
                g.add(role.model_copy(update={"cluster": cid}), replace=True)
    return out


def rank_hints(g: SkillGraph) -> IntArray:
    """Per role position: the rank the repairs of ``method="arrays"`` compare (the
    role's ``level`` plus one for a managerial label, ``families.is_managerial``), -1 for a
    role without a level. Seniority proper (``families.seniority``) needs the families
    themselves; declared progressions are left out here.
    """
    import numpy as np

    from .families import is_managerial

    ix = index(g, profiles=False)
    roles = g.roles
    return np.asarray(
        [
            -1 if lv is None else lv + (1 if is_managerial(roles[rid].label) else 0)
            for rid, lv in zip(ix.role_ids, ix.levels, strict=True)
        ],
        dtype=np.int64,
    )


def similarity_graph(n: int, near: Neighbours) -> nx.Graph:
    """The role-similarity graph of ``near`` (each role's nearest roles and scores): nodes
    ``0 .. n-1``, an edge from every role to each of its neighbours weighted by the larger
    score of the two directions, edges inserted in the order they are first met.

    The insertion order fixes the order in which Louvain visits neighbours, hence its
    partitions: the edges are merged first and then added in one call, which gives the
    graph that adding them one by one (and raising the weight of an edge met again) gives.
    """
    import networkx as nx

    weight: dict[tuple[int, int], float] = {}
    for r, (best, scores) in enumerate(near):
        for o, s in zip(best.tolist(), scores.tolist(), strict=True):
            key = (r, o) if r < o else (o, r)
            old = weight.get(key)
            weight[key] = s if old is None or s > old else old
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((a, b, wt) for (a, b), wt in weight.items())
    return graph


def neighbour_lists(g: SkillGraph, compute: Callable[[], Neighbours] | None = None) -> Neighbours:
    """Every role's ``KNN`` nearest roles under the default weights (``Index.all_neighbours``),
    built once per graph version; ``compute`` gives them when they are not built yet (a pass
    over the similarity matrix made for another purpose).
    """
    return cached(
        g, "analysis_neighbours", lambda h: compute() if compute else index(h).all_neighbours(KNN)
    )


def effective_clusters(g: SkillGraph) -> list[str | None]:
    """Per role position: its declared cluster, else its detected one (seed 0).

    Detection runs only when some role declares no cluster.
    """
    return cached(g, "analysis_clusters", _effective)


def _effective(g: SkillGraph) -> list[str | None]:
    ix = index(g, profiles=False)
    if all(c is not None for c in ix.declared_cluster):
        return list(ix.declared_cluster)
    detected = detect_clusters(g, seed=0)
    return [
        c if c is not None else detected.get(rid)
        for rid, c in zip(ix.role_ids, ix.declared_cluster, strict=True)
    ]
