"""Export to networkx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from ..graph import SkillGraph


def to_networkx(g: SkillGraph) -> nx.MultiDiGraph:
    """The graph as a ``networkx.MultiDiGraph`` (see `SkillGraph.to_networkx`)."""
    import networkx as nx

    out = nx.MultiDiGraph(language=g.language, **{f"meta_{k}": v for k, v in g.metadata.items()})
    for node_id in sorted(g.nodes):
        node = g.nodes[node_id]
        attrs: dict[str, Any] = node.model_dump(mode="json")
        attrs.pop("id")
        out.add_node(node_id, type=node.node_type.value, **attrs)
    for req in g.iter_requirements():
        out.add_edge(
            req.role,
            req.skill,
            key="requires",
            type="requires",
            essential=req.essential,
            importance=req.importance,
            level=req.level,
            source=req.source,
            scale=req.scale,
        )
    for br in g.iter_broader():
        out.add_edge(br.broader, br.narrower, key="narrower", type="narrower")
    for rel in g.iter_related():
        out.add_edge(rel.skill, rel.related, key="related", type="related", essential=rel.essential)
    for pre in g.iter_prerequisites():
        out.add_edge(pre.prerequisite, pre.skill, key="prerequisite_of", type="prerequisite_of")
    for pro in g.iter_progressions():
        out.add_edge(pro.source, pro.target, key="progresses_to", type="progresses_to")
    for taught in g.iter_teaching():
        level = None if taught.proficiency is None else taught.proficiency.value
        out.add_edge(
            taught.resource, taught.skill, key="teaches", type="teaches", proficiency=level
        )
    for need in g.iter_resource_prerequisites():
        out.add_edge(need.resource, need.skill, key="requires_skill", type="requires_skill")
    for role_id in sorted(g.roles):
        role = g.roles[role_id]
        if role.cluster is not None:
            out.add_edge(role_id, role.cluster, key="in_cluster", type="in_cluster")
        for ind in role.industries:
            out.add_edge(role_id, ind, key="in_industry", type="in_industry")
    for cl_id in sorted(g.clusters):
        cl = g.clusters[cl_id]
        if cl.broader is not None:
            out.add_edge(cl.broader, cl_id, key="narrower", type="narrower")
    return out
