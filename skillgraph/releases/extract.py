"""``extract``: a self-contained subset of a graph (a few roles, clusters or skills).

Like ROBOT's ``extract`` with the "bottom" module: the selection, everything it refers to
and the hierarchy above it, so the subset validates, converts and answers queries on its
own. Reads the source graph through its public API only.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import InvalidValueError, NotFoundError
from ..graph import SkillGraph
from ..model import Node, NodeType
from ._compare import refs

__all__ = ["extract"]

Refs = str | Node | Iterable[str | Node] | None


def extract(
    g: SkillGraph,
    *,
    roles: Refs = None,
    clusters: Refs = None,
    skills: Refs = None,
    depth: int | None = None,
) -> SkillGraph:
    """A new, self-contained graph holding a part of ``g``.

    What is kept:

    - the ``roles``, and every role of the ``clusters`` (and of the clusters below them);
    - the ``skills`` (skills or skill groups), each with the concepts below it down to
      ``depth`` levels (None: all; 0: none);
    - every skill a kept role requires;
    - every broader skill and skill group of a kept skill or group, up to the roots;
    - the clusters of the kept roles and the selected clusters, each with its broader
      chain, and the industries of the kept roles;
    - every requirement of a kept role, and the broader, related, prerequisite and
      progression edges among kept nodes;
    - the extra RDF triples about kept nodes (following blank nodes and other resources
      they lead to), except those that point to a node left out;
    - the language, metadata and prefixes of ``g``.

    Nodes are the same objects as in ``g``; nothing in the result refers to a node it
    lacks. ``g`` is not changed.

    Args:
        g: the source graph.
        roles: role ids or labels (one string, or several).
        clusters: cluster ids or labels.
        skills: skill or skill-group ids or labels.
        depth: levels of narrower concepts kept below each of ``skills``.

    Raises:
        InvalidValueError: nothing is selected, an argument has the wrong type, or
            ``depth`` is negative.
        NotFoundError: a reference does not name a node of the expected type.
        AmbiguousError: a label names several nodes.
    """
    if not isinstance(g, SkillGraph):
        raise InvalidValueError(f"g must be a SkillGraph, got {type(g).__name__}", field="g")
    role_refs = refs(roles, "roles")
    cluster_refs = refs(clusters, "clusters")
    skill_refs = refs(skills, "skills")
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 0):
        raise InvalidValueError(
            f"depth must be None or an integer >= 0, got {depth!r}", field="depth"
        )
    if not (role_refs or cluster_refs or skill_refs):
        raise InvalidValueError("nothing to extract: give roles, clusters or skills", field="roles")
    kept_roles = {g.resolve(r, NodeType.ROLE) for r in role_refs}
    chosen_clusters = {g.resolve(ref, NodeType.CLUSTER) for ref in cluster_refs}
    for chosen in chosen_clusters:
        kept_roles.update(g.roles_in_cluster(chosen))
    concepts: set[str] = set()
    for ref in skill_refs:
        start = _skill_or_group(g, ref)
        concepts.add(start)
        concepts |= _below(g, start, depth)
    for role in kept_roles:
        concepts.update(r.skill for r in g.requirements(role))
    concepts = _with_ancestors(g, concepts)
    kept_clusters: set[str] = set()
    industries: set[str] = set()
    for role in kept_roles:
        node = g.roles[role]
        if node.cluster is not None:
            chosen_clusters.add(node.cluster)
        industries.update(node.industries)
    for chosen in chosen_clusters:
        c: str | None = chosen
        while c is not None and c not in kept_clusters:
            kept_clusters.add(c)
            c = g.clusters[c].broader if c in g.clusters else None
    return _build(g, kept_roles, concepts, kept_clusters, industries)


def _skill_or_group(g: SkillGraph, ref: str) -> str:
    """The id of the skill, else skill group, ``ref`` names.

    Raises:
        NotFoundError: neither matches (the skill lookup's error, with its suggestions).
    """
    try:
        return g.resolve(ref, NodeType.SKILL)
    except NotFoundError as first:
        try:
            return g.resolve(ref, NodeType.GROUP)
        except NotFoundError:
            raise first from None


def _below(g: SkillGraph, start: str, depth: int | None) -> set[str]:
    seen: set[str] = set()
    level = [start]
    steps = 0
    while level and (depth is None or steps < depth):
        nxt = [n for x in level for n in g.narrower_of(x) if n not in seen and n != start]
        seen.update(nxt)
        level = nxt
        steps += 1
    return seen


def _with_ancestors(g: SkillGraph, concepts: set[str]) -> set[str]:
    out = set(concepts)
    stack = list(concepts)
    while stack:
        for up in g.broader_of(stack.pop()):
            if up not in out:
                out.add(up)
                stack.append(up)
    return out


def _build(
    g: SkillGraph,
    roles: set[str],
    concepts: set[str],
    clusters: set[str],
    industries: set[str],
) -> SkillGraph:
    out = SkillGraph(language=g.language, metadata=g.metadata, prefixes=g.prefixes)
    nodes = g.nodes
    for group in (clusters, industries, concepts, roles):
        for node_id in sorted(group):
            out.add(nodes[node_id])
    for role in sorted(roles):
        for req in g.requirements(role):
            out.add(req)
    for node_id in sorted(concepts):
        for up in g.broader_of(node_id):
            if up in concepts:
                out.add_broader(node_id, up)
    for edge in g.iter_related():
        if edge.skill in concepts and edge.related in concepts:
            out.add(edge)
    for node_id in sorted(concepts):
        if node_id in g.skills:
            for pre in g.prerequisites_of(node_id):
                if pre in concepts:
                    out.add_prerequisite(pre, node_id)
    for role in sorted(roles):
        for target in g.progressions_from(role):
            if target in roles:
                out.add_progression(role, target)
    extra = g.extra_triples
    if extra:
        for t in _extra_about(g, set(out.nodes), extra):
            out.add_extra_triple(*t)
    return out


def _extra_about(
    g: SkillGraph, kept: set[str], extra: frozenset[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """The extra triples reachable from kept nodes, without those naming a dropped node."""
    from ..io.rdf import IdMap

    ids = IdMap(g.prefixes)
    node_terms = {ids.nt(i): i for i in g.nodes}
    by_subject: dict[str, list[tuple[str, str, str]]] = {}
    for t in extra:
        by_subject.setdefault(t[0], []).append(t)
    frontier = [ids.nt(i) for i in kept if ids.nt(i) in by_subject]
    seen = set(frontier)
    out: list[tuple[str, str, str]] = []
    while frontier:
        for t in by_subject.get(frontier.pop(), ()):
            obj = t[2]
            node = node_terms.get(obj)
            if node is not None and node not in kept:
                continue  # points to a node left out
            out.append(t)
            if node is None and obj not in seen and obj in by_subject:
                seen.add(obj)
                frontier.append(obj)
    return sorted(out)
