"""Role clusters: declared ones, or detected by community detection on role similarity."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeAlias

from .._store import cached
from ..graph import SkillGraph
from ..model import Cluster
from ._communities import communities, knn_graph
from ._index import FloatArray, IntArray, check_weights, index

__all__ = [
    "DETECTED_PREFIX",
    "DETECTION_VERSION",
    "KNN",
    "detect_clusters",
    "effective_clusters",
    "neighbour_lists",
]

Neighbours: TypeAlias = list[tuple[IntArray, FloatArray]]

DETECTED_PREFIX = "detected:"
KNN = 10
"""Neighbours per role in the similarity graph used for community detection."""
DETECTION_VERSION = 2
"""Raised whenever detection gives other partitions (1: networkx's Louvain; 2: our own):
the cache keeps detected families and the moves built on them under this number."""


def detect_clusters(
    g: SkillGraph,
    *,
    seed: int = 0,
    assign: bool = False,
    weights: Mapping[str, float] | None = None,
) -> dict[str, str]:
    """Role id -> detected cluster id (``"detected:<n>"``), deterministic for ``seed``.

    Builds a graph linking each role to its ``KNN`` most similar roles (role similarity
    with the component ``weights``, default ones unless given, as edge weight; a pair
    listed both ways weighs the larger score) and divides it into communities of high
    modularity by Louvain's method with ``seed`` (``skillgraph.analysis._communities``).
    Clusters are numbered by their smallest member id. With ``assign``, a ``Cluster`` node
    is added for each detected cluster and every role without a declared cluster is given
    its detected one (declared clusters are kept).

    Raises:
        DuplicateIdError: with ``assign``, a ``detected:<n>`` id is used by another node type.
        InvalidValueError: ``weights`` names an unknown component or a negative weight.
    """
    w = None if weights is None else check_weights(weights)
    ix = index(g)
    near = ix.all_neighbours(KNN, w) if w is not None else neighbour_lists(g)
    labels = communities(knn_graph(ix.n_roles, near), seed=seed).tolist()
    found: dict[int, list[int]] = {}
    for r, c in enumerate(labels):
        found.setdefault(c, []).append(r)
    ordered = sorted(found.values(), key=lambda c: c[0])
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
