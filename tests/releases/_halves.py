"""Two overlapping halves of a graph whose union is the graph (for merge tests)."""

from __future__ import annotations

from typing import Any

import skillgraph as sg


def halves(g: sg.SkillGraph) -> tuple[sg.SkillGraph, sg.SkillGraph]:
    """Split ``g``: nodes and each kind of edge alternate between the two halves.

    Each half also holds the nodes its edges and roles refer to (ends, clusters with
    their broader chain, industries), so both are valid graphs and every node and edge
    of ``g`` is in at least one of them.
    """
    ids = sorted(g.nodes)
    edges: list[list[Any]] = [
        list(g.iter_requirements()),
        list(g.iter_broader()),
        list(g.iter_related()),
        list(g.iter_prerequisites()),
        list(g.iter_progressions()),
    ]
    extra = sorted(g.extra_triples)
    out = []
    for side in (0, 1):
        mine = [e for kind in edges for i, e in enumerate(kind) if i % 2 == side]
        need = set(ids[side::2])
        for e in mine:
            need.update(e.ends)
        for node_id in list(need):
            node = g.nodes[node_id]
            if isinstance(node, sg.Role):
                if node.cluster:
                    need.add(node.cluster)
                need.update(node.industries)
        for node_id in list(need):
            up = g.nodes[node_id]
            while isinstance(up, sg.Cluster) and up.broader is not None:
                need.add(up.broader)
                up = g.nodes[up.broader]
        half = sg.SkillGraph(language=g.language, metadata=g.metadata, prefixes=g.prefixes)
        for node_id in sorted(need):
            half.add(g.nodes[node_id])
        for e in mine:
            half.add(e)
        for t in extra[side::2]:
            half.add_extra_triple(*t)
        out.append(half)
    return out[0], out[1]
