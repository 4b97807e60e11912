"""SkillGraph: typed storage of skills, roles, industries, clusters and their edges.

The public face of the graph: validation of arguments, views, lookup and the analyses,
delegating. The content lives in the graph's private `Store` (``skillgraph._store``:
the project's own adjacency store, per relation and both ways), lookup in
``skillgraph._lookup``, argument checks in ``skillgraph._arguments``; derived indices
(label lookup, sparse role x skill matrices) are built on first use and invalidated on
change. `SkillGraph.to_networkx` gives the same content as a ``networkx.MultiDiGraph``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar, overload

from . import _lookup
from ._arguments import guard
from ._facade import Facade
from ._lang import canonical_language, is_language
from ._resource_views import ResourceViews
from ._store import Store, reach
from .errors import InvalidValueError, NotFoundError
from .model import (
    Broader,
    Cluster,
    Industry,
    Node,
    NodeType,
    Prerequisite,
    Progression,
    Related,
    Requirement,
    Resource,
    ResourcePrerequisite,
    Role,
    Skill,
    SkillGroup,
    Teaching,
)

if TYPE_CHECKING:
    from .results import Gap, Move, Plan

__all__ = ["SkillGraph"]

N = TypeVar("N", bound=Node)
R = TypeVar("R", "Gap", "Plan", "Move")
Edge = (
    Requirement | Broader | Related | Prerequisite | Progression | Teaching | ResourcePrerequisite
)
Triple = tuple[str, str, str]


class SkillGraph(Facade, ResourceViews):
    """A typed, weighted graph of skills, roles, industries and clusters.

    Nodes are added with `add`; edges with `add` or the shortcuts
    `require`, `add_broader`, `relate`, `add_prerequisite` and
    `add_progression`. Every addition is validated: a missing end, a duplicate id or
    a cycle in the skill hierarchy, the cluster hierarchy or the prerequisites raises a
    `SkillGraphError` subclass naming the id and the field.

    A role may name a cluster or industry that is not declared yet: a placeholder node
    (label = id) is created, listed in `undeclared`, and replaced when the real node
    is added.

    Two graphs are equal when they hold the same language, metadata, nodes, edges and
    extra RDF triples.
    """

    def __init__(
        self,
        *,
        language: str = "en",
        metadata: Mapping[str, str] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        if not is_language(language):
            raise InvalidValueError(
                f"language {language!r} is not a language tag (expected like 'en' or 'pt-PT')",
                field="language",
            )
        self.language = canonical_language(language)  # "EN" is "en": one spelling a tag
        self.metadata: dict[str, str] = dict(metadata or {})
        self.prefixes: dict[str, str] = dict(prefixes or {})
        self._store = Store()

    # ------------------------------------------------------------------ views
    @property
    def skills(self) -> Mapping[str, Skill]:
        """Read-only mapping of skill id to `Skill`."""
        return self._store.of_type(NodeType.SKILL)

    @property
    def roles(self) -> Mapping[str, Role]:
        """Read-only mapping of role id to `Role`."""
        return self._store.of_type(NodeType.ROLE)

    @property
    def industries(self) -> Mapping[str, Industry]:
        """Read-only mapping of industry id to `Industry`."""
        return self._store.of_type(NodeType.INDUSTRY)

    @property
    def clusters(self) -> Mapping[str, Cluster]:
        """Read-only mapping of cluster id to `Cluster`."""
        return self._store.of_type(NodeType.CLUSTER)

    @property
    def groups(self) -> Mapping[str, SkillGroup]:
        """Read-only mapping of skill-group id to `SkillGroup` (broader concepts)."""
        return self._store.of_type(NodeType.GROUP)

    @property
    def resources(self) -> Mapping[str, Resource]:
        """Read-only mapping of learning-resource id to `Resource`."""
        return self._store.of_type(NodeType.RESOURCE)

    @property
    def nodes(self) -> Mapping[str, Node]:
        """Read-only mapping of every node id to its model."""
        return self._store.nodes()

    @property
    def extra_triples(self) -> frozenset[Triple]:
        """RDF triples about known nodes that the model does not interpret (N-Triples terms)."""
        return frozenset(self._store.extra())

    @property
    def undeclared(self) -> frozenset[str]:
        """Ids of the placeholder clusters and industries: named by a role or cluster, never
        declared (their label is their id until the real node is added)."""
        return self._store.placeholders()

    @property
    def version(self) -> int:
        """Modification counter: changes whenever the content changes."""
        return self._store.version

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._store

    def __repr__(self) -> str:
        return (
            f"<SkillGraph: {len(self.roles)} roles, {len(self.skills)} skills, "
            f"{len(self.industries)} industries, {len(self.clusters)} clusters, "
            f"{self.count_requirements()} requirements>"
        )

    def node_type(self, node_id: str) -> NodeType:
        """The type of node ``node_id``.

        Raises:
            NotFoundError: no node has that id.
        """
        node = self._store.node(node_id)
        if node is None:
            raise NotFoundError(f"no node with id {node_id!r}", query=node_id)
        return node.node_type

    # ------------------------------------------------------------------ adding
    @overload
    def add(self, item: N, *, replace: bool = False) -> N: ...
    @overload
    def add(self, item: Edge, *, replace: bool = False) -> Edge: ...
    def add(self, item: Node | Edge, *, replace: bool = False) -> Node | Edge:
        """Add a node or an edge model and return it.

        Raises:
            DuplicateIdError: the node id is taken (and ``replace`` is false, or the existing
                node has another type).
            DanglingReferenceError: an edge end is not in the graph, or has the wrong type.
            CycleError: the edge would close a hierarchy or prerequisite cycle.
            InvalidValueError: the item is not a skillgraph node or edge.
        """
        store = self._store
        if isinstance(item, Node):
            store.add_node(item, replace=replace)
        elif isinstance(item, Requirement):
            store.add_requirement(item)
        elif isinstance(item, Broader):
            store.add_broader(item)
        elif isinstance(item, Related):
            store.add_related(item)
        elif isinstance(item, Prerequisite):
            store.add_prerequisite(item)
        elif isinstance(item, Progression):
            store.add_progression(item)
        elif isinstance(item, Teaching):
            store.add_teaching(item)
        elif isinstance(item, ResourcePrerequisite):
            store.add_resource_prerequisite(item)
        else:
            raise InvalidValueError(
                f"cannot add {type(item).__name__}: expected a node or edge model", field="item"
            )
        return item

    def add_all(self, items: Iterable[Node | Edge]) -> None:
        """Add every node and edge of ``items``, in order (see `add`)."""
        for item in items:
            self.add(item)

    def require(
        self,
        role: str,
        skill: str,
        *,
        essential: bool = True,
        importance: float = 1.0,
        level: float | None = None,
        source: str | None = None,
        scale: str | None = None,
    ) -> Requirement:
        """Declare that ``role`` requires ``skill`` (ids); replaces an earlier declaration.

        Raises:
            InvalidValueError: a field is invalid (importance outside [0, 1], empty id).
            DanglingReferenceError: the role or skill is not in the graph.
        """
        req = Requirement(
            role=role,
            skill=skill,
            essential=essential,
            importance=importance,
            level=level,
            source=source,
            scale=scale,
        )
        self._store.add_requirement(req)
        return req

    def add_broader(self, narrower: str, broader: str) -> Broader:
        """Place skill or group ``narrower`` under skill or group ``broader``.

        Raises:
            DanglingReferenceError: an end is missing or not a skill or group.
            CycleError: ``broader`` is already below ``narrower``.
        """
        edge = Broader(narrower=narrower, broader=broader)
        self._store.add_broader(edge)
        return edge

    def relate(self, skill: str, related: str, *, essential: bool = False) -> Related:
        """Declare ``related`` adjacent to ``skill``.

        Raises:
            DanglingReferenceError: a skill is missing.
        """
        edge = Related(skill=skill, related=related, essential=essential)
        self._store.add_related(edge)
        return edge

    def add_prerequisite(self, prerequisite: str, skill: str) -> Prerequisite:
        """Declare that ``prerequisite`` should be learned before ``skill``.

        Raises:
            InvalidValueError: the two are the same skill.
            DanglingReferenceError: a skill is missing.
            CycleError: ``skill`` is already (transitively) a prerequisite of ``prerequisite``.
        """
        edge = Prerequisite(prerequisite=prerequisite, skill=skill)
        self._store.add_prerequisite(edge)
        return edge

    def add_progression(self, source: str, target: str) -> Progression:
        """Declare the career-ladder step ``source`` -> ``target`` between two roles.

        Raises:
            DanglingReferenceError: a role is missing.
        """
        edge = Progression(source=source, target=target)
        self._store.add_progression(edge)
        return edge

    def add_extra_triple(self, subject: str, predicate: str, obj: str) -> None:
        """Keep an RDF triple the model does not interpret, written back verbatim.

        Each term is one term in N-Triples syntax: ``"<http://ex.org/a>"``, ``"_:b1"``,
        ``'"text"@en'``, ``'"5"^^<http://www.w3.org/2001/XMLSchema#integer>'`` (what
        ``str()`` of a pyoxigraph term or ``n3()`` of an rdflib one gives).

        Raises:
            InvalidValueError: a term is not exactly one well-formed N-Triples term of its
                place (a literal as subject, an unescaped quote or newline in a literal...).
        """
        from ._nt_terms import check_triples

        check_triples([(subject, predicate, obj)])
        self._store.add_extra([(subject, predicate, obj)])

    def remove(self, node_id: str) -> Node:
        """Remove a node and every edge touching it; return the removed node.

        Raises:
            NotFoundError: no node has that id.
            InvalidValueError: the node is a cluster or industry still used by a role.
        """
        node = self._store.node(node_id)
        if node is None:
            raise NotFoundError(f"no node with id {node_id!r}", query=node_id)
        if isinstance(node, Cluster | Industry):
            users = sorted(
                r.id for r in self.roles.values() if r.cluster == node_id or node_id in r.industries
            )
            users += sorted(c.id for c in self.clusters.values() if c.broader == node_id)
            if users:
                raise InvalidValueError(
                    f"cannot remove {node_id!r}: still used by {users[:5]}", id=node_id, field="id"
                )
        return self._store.remove(node_id)

    def locked(self) -> threading.RLock:
        """The graph's re-entrant lock, for ``with g.locked(): ...``.

        Every public method holds it for its own work, so threads may query a graph while
        another changes it. The views (``g.skills``, ``g.iter_requirements()``...) are live,
        not snapshots: iterate them under this lock, or on a `copy`, when another
        thread may change the graph meanwhile.
        """
        return self._store.lock

    # ------------------------------------------------------------------ edges
    def requirements(self, role: str) -> list[Requirement]:
        """The requirements of ``role`` (id or anything `find` resolves), by skill id.

        Raises:
            NotFoundError: no such role.
        """
        rid = self.resolve(role, NodeType.ROLE)
        return [r for _, r in sorted(self._store.requires_of(rid).items())]

    def roles_requiring(self, skill: str) -> list[Requirement]:
        """The requirements that name ``skill`` (id or label), by role id.

        Raises:
            NotFoundError: no such skill.
        """
        sid = self.resolve(skill, NodeType.SKILL)
        return [r for _, r in sorted(self._store.required_by(sid).items())]

    def iter_requirements(self) -> Iterator[Requirement]:
        """Every requirement, ordered by role id then skill id."""
        store = self._store
        for role in sorted(store.roles_with_requirements()):
            reqs = store.requires_of(role)
            for skill in sorted(reqs):
                yield reqs[skill]

    def count_requirements(self) -> int:
        """How many role-requires-skill edges the graph holds."""
        return self._store.count_requirements()

    def iter_broader(self) -> Iterator[Broader]:
        """Every hierarchy edge, ordered by (narrower, broader)."""
        store = self._store
        for n in sorted(store.with_broader()):
            for b in sorted(store.broader_of(n)):
                yield Broader(narrower=n, broader=b)

    def iter_related(self) -> Iterator[Related]:
        """Every related edge, ordered by (skill, related)."""
        store = self._store
        for s in sorted(store.skills_with_related()):
            edges = store.related_of(s)
            for r in sorted(edges):
                yield edges[r]

    def iter_prerequisites(self) -> Iterator[Prerequisite]:
        """Every prerequisite edge, ordered by (prerequisite, skill)."""
        store = self._store
        for p in sorted(store.with_enabled()):
            for s in sorted(store.enabled_by(p)):
                yield Prerequisite(prerequisite=p, skill=s)

    def iter_progressions(self) -> Iterator[Progression]:
        """Every progression edge, ordered by (source, target)."""
        store = self._store
        for s in sorted(store.with_progressions()):
            for t in sorted(store.progressions_from(s)):
                yield Progression(source=s, target=t)

    def broader_of(self, node_id: str) -> list[str]:
        """Direct broader concepts (skills or groups) of ``node_id``, sorted."""
        return sorted(self._store.broader_of(node_id))

    def narrower_of(self, node_id: str) -> list[str]:
        """Direct narrower concepts (skills or groups) of ``node_id``, sorted."""
        return sorted(self._store.narrower_of(node_id))

    def ancestors(self, node_id: str) -> set[str]:
        """Every broader concept of ``node_id``, transitively (itself excluded)."""
        return self._store.ancestors(node_id)

    def descendants(self, node_id: str) -> set[str]:
        """Every narrower concept of ``node_id``, transitively (itself excluded)."""
        return self._store.descendants(node_id)

    def related_to(self, skill: str) -> list[str]:
        """Skills declared related to ``skill`` in either direction, sorted."""
        out = set(self._store.related_of(skill)) | set(self._store.related_into(skill))
        return sorted(out)

    def prerequisites_of(self, skill: str) -> list[str]:
        """Direct prerequisites of ``skill``, sorted."""
        return sorted(self._store.prerequisites_of(skill))

    def enabled_by(self, skill: str) -> list[str]:
        """Skills that have ``skill`` as a direct prerequisite, sorted."""
        return sorted(self._store.enabled_by(skill))

    def progressions_from(self, role: str) -> list[str]:
        """Roles that ``role`` declares as its next ladder steps, sorted."""
        return sorted(self._store.progressions_from(role))

    def progressions_to(self, role: str) -> list[str]:
        """Roles that declare ``role`` as their next ladder step, sorted."""
        return sorted(self._store.progressions_to(role))

    def roles_in_cluster(self, cluster: str, *, narrower: bool = True) -> list[str]:
        """Ids of the roles in ``cluster`` (and, with ``narrower``, in clusters below it)."""
        wanted = {cluster}
        if narrower:
            children: dict[str, set[str]] = {}
            for c in self.clusters.values():
                if c.broader is not None:
                    children.setdefault(c.broader, set()).add(c.id)
            wanted |= reach(children, cluster)
        return sorted(r.id for r in self.roles.values() if r.cluster in wanted)

    # ------------------------------------------------------------------ lookup
    def find(self, text: str, kind: str | NodeType | None = None) -> Node:
        """The node whose id, label, alt label or translated label is ``text``.

        Matching ignores case, accents and repeated white space. An exact id wins, then a
        preferred label, then an alt label, then a hidden or translated label. Of several
        equally good matches, the one whose preferred label is ``text`` up to plurals wins
        ("cashier" finds "Cashiers"); with no exact match, a label equal to ``text`` up to
        plurals is taken when only one node has it ("registered nurse" finds "Registered
        Nurses"). Suggestions come from ``match_roles``-style ranking (words, stems and
        character 3-grams of every label). ``kind`` ("skill", "role", "industry",
        "cluster", "group") restricts the search.

        Raises:
            NotFoundError: nothing matches; ``suggestions`` holds close matches.
            AmbiguousError: several nodes match equally well; ``suggestions`` lists them.
            InvalidValueError: ``kind`` is not a node kind.
        """
        return _lookup.find(self, text, kind)

    def resolve(self, ref: str | Node, kind: str | NodeType | None = None) -> str:
        """The id of the node ``ref`` names (a node, an id or anything `find` resolves).

        Raises:
            NotFoundError: nothing matches (or the node has another type).
            AmbiguousError: several nodes match equally well.
            InvalidValueError: ``kind`` is not a node kind.
        """
        return _lookup.resolve(self, ref, kind)

    def label(self, node_id: str) -> str:
        """The label of ``node_id``, or the id itself for an unknown node."""
        node = self._store.node(node_id)
        return node.label if node is not None else node_id

    def copy(self) -> SkillGraph:
        """An independent copy; nodes and edges are shared (immutable, mappings included)."""
        new = SkillGraph(language=self.language, metadata=self.metadata, prefixes=self.prefixes)
        new._store = self._store.copy()
        return new

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SkillGraph):
            return NotImplemented
        return (self.language, self.metadata, self._store.content()) == (
            other.language,
            other.metadata,
            other._store.content(),
        )

    __hash__ = None  # type: ignore[assignment]


guard(SkillGraph)
