"""SkillGraph: typed storage of skills, roles, industries, clusters and their edges.

The graph keeps plain dictionaries keyed by node id (an adjacency store, like networkx's
own), validated pydantic models as values, and a modification counter that invalidates the
derived indices (label lookup, sparse role x skill matrices) the analyses build on first use.
`SkillGraph.to_networkx` gives the same content as a ``networkx.MultiDiGraph``.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from . import _text
from ._lang import canonical_language, is_language
from .errors import (
    AmbiguousError,
    CycleError,
    DanglingReferenceError,
    DuplicateIdError,
    InvalidValueError,
    NotFoundError,
)
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
    Role,
    Skill,
    SkillGroup,
)

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from .results import Gap, InputReport, LearningPlan, Match, Move, Plan, Viability
    from .text.match import Method, TextMatch, TextMatches

__all__ = ["SkillGraph"]

T = TypeVar("T")
N = TypeVar("N", bound=Node)
R = TypeVar("R", "Gap", "Plan", "Move")
Edge = Requirement | Broader | Related | Prerequisite | Progression
Triple = tuple[str, str, str]

_KIND_ALIASES: dict[str, NodeType] = {
    "skill": NodeType.SKILL,
    "skills": NodeType.SKILL,
    "role": NodeType.ROLE,
    "roles": NodeType.ROLE,
    "occupation": NodeType.ROLE,
    "industry": NodeType.INDUSTRY,
    "industries": NodeType.INDUSTRY,
    "cluster": NodeType.CLUSTER,
    "clusters": NodeType.CLUSTER,
    "group": NodeType.GROUP,
    "groups": NodeType.GROUP,
    "skill_group": NodeType.GROUP,
}

# lookup priorities: lower wins
_P_ID, _P_LABEL, _P_ALT, _P_HIDDEN, _P_TRANSLATION = range(5)


class SkillGraph:
    """A typed, weighted graph of skills, roles, industries and clusters.

    Nodes are added with `add`; edges with `add` or the shortcuts
    `require`, `add_broader`, `relate`, `add_prerequisite` and
    `add_progression`. Every addition is validated: a missing end, a duplicate id or
    a cycle in the skill hierarchy, the cluster hierarchy or the prerequisites raises a
    `SkillGraphError` subclass naming the id and the field.

    A role may name a cluster or industry that is not declared yet: a placeholder node
    (label = id) is created, and replaced when the real node is added.

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
        self._nodes: dict[str, Node] = {}
        self._by_type: dict[NodeType, dict[str, Any]] = {t: {} for t in NodeType}
        self._placeholders: set[str] = set()
        self._requires: dict[str, dict[str, Requirement]] = {}
        self._required_by: dict[str, dict[str, Requirement]] = {}
        self._broader: dict[str, set[str]] = {}
        self._narrower: dict[str, set[str]] = {}
        self._related: dict[str, dict[str, Related]] = {}
        self._related_in: dict[str, set[str]] = {}
        self._prereqs: dict[str, set[str]] = {}  # skill -> its prerequisites
        self._enables: dict[str, set[str]] = {}  # prerequisite -> skills it enables
        self._progress: dict[str, set[str]] = {}
        self._progress_in: dict[str, set[str]] = {}
        self._extra: set[Triple] = set()
        self._version = 0
        self._cache: dict[str, tuple[int, Any]] = {}
        self._lock = threading.RLock()
        #: the snapshot this graph was read from (skillgraph.cache): it supplies and keeps
        #: the derived indices of this version of the graph
        self._snapshot: Any = None

    # ------------------------------------------------------------------ views
    @property
    def skills(self) -> Mapping[str, Skill]:
        """Read-only mapping of skill id to `Skill`."""
        return MappingProxyType(self._by_type[NodeType.SKILL])

    @property
    def roles(self) -> Mapping[str, Role]:
        """Read-only mapping of role id to `Role`."""
        return MappingProxyType(self._by_type[NodeType.ROLE])

    @property
    def industries(self) -> Mapping[str, Industry]:
        """Read-only mapping of industry id to `Industry`."""
        return MappingProxyType(self._by_type[NodeType.INDUSTRY])

    @property
    def clusters(self) -> Mapping[str, Cluster]:
        """Read-only mapping of cluster id to `Cluster`."""
        return MappingProxyType(self._by_type[NodeType.CLUSTER])

    @property
    def groups(self) -> Mapping[str, SkillGroup]:
        """Read-only mapping of skill-group id to `SkillGroup` (broader concepts)."""
        return MappingProxyType(self._by_type[NodeType.GROUP])

    @property
    def nodes(self) -> Mapping[str, Node]:
        """Read-only mapping of every node id to its model."""
        return MappingProxyType(self._nodes)

    @property
    def extra_triples(self) -> frozenset[Triple]:
        """RDF triples about known nodes that the model does not interpret (N-Triples terms)."""
        return frozenset(self._extra)

    @property
    def version(self) -> int:
        """Modification counter: changes whenever the content changes."""
        return self._version

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

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
        node = self._nodes.get(node_id)
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
        if isinstance(item, Node):
            self._add_node(item, replace=replace)
        elif isinstance(item, Requirement):
            self._add_requirement(item)
        elif isinstance(item, Broader):
            self._add_broader(item)
        elif isinstance(item, Related):
            self._add_related(item)
        elif isinstance(item, Prerequisite):
            self._add_prerequisite(item)
        elif isinstance(item, Progression):
            self._add_progression(item)
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
        self._add_requirement(req)
        return req

    def add_broader(self, narrower: str, broader: str) -> Broader:
        """Place skill or group ``narrower`` under skill or group ``broader``.

        Raises:
            DanglingReferenceError: an end is missing or not a skill or group.
            CycleError: ``broader`` is already below ``narrower``.
        """
        edge = Broader(narrower=narrower, broader=broader)
        self._add_broader(edge)
        return edge

    def relate(self, skill: str, related: str, *, essential: bool = False) -> Related:
        """Declare ``related`` adjacent to ``skill``.

        Raises:
            DanglingReferenceError: a skill is missing.
        """
        edge = Related(skill=skill, related=related, essential=essential)
        self._add_related(edge)
        return edge

    def add_prerequisite(self, prerequisite: str, skill: str) -> Prerequisite:
        """Declare that ``prerequisite`` should be learned before ``skill``.

        Raises:
            InvalidValueError: the two are the same skill.
            DanglingReferenceError: a skill is missing.
            CycleError: ``skill`` is already (transitively) a prerequisite of ``prerequisite``.
        """
        edge = Prerequisite(prerequisite=prerequisite, skill=skill)
        self._add_prerequisite(edge)
        return edge

    def add_progression(self, source: str, target: str) -> Progression:
        """Declare the career-ladder step ``source`` -> ``target`` between two roles.

        Raises:
            DanglingReferenceError: a role is missing.
        """
        edge = Progression(source=source, target=target)
        self._add_progression(edge)
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
        self._extra.add((subject, predicate, obj))
        self._touch()

    def remove(self, node_id: str) -> Node:
        """Remove a node and every edge touching it; return the removed node.

        Raises:
            NotFoundError: no node has that id.
            InvalidValueError: the node is a cluster or industry still used by a role.
        """
        node = self._nodes.get(node_id)
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
        del self._nodes[node_id]
        del self._by_type[node.node_type][node_id]
        self._placeholders.discard(node_id)
        for req in self._requires.pop(node_id, {}).values():
            self._required_by[req.skill].pop(node_id, None)
        for req in self._required_by.pop(node_id, {}).values():
            self._requires[req.role].pop(node_id, None)
        for up in self._broader.pop(node_id, set()):
            self._narrower[up].discard(node_id)
        for down in self._narrower.pop(node_id, set()):
            self._broader[down].discard(node_id)
        for other in self._related.pop(node_id, {}):
            self._related_in[other].discard(node_id)
        for other in self._related_in.pop(node_id, set()):
            self._related[other].pop(node_id, None)
        for a, b in ((self._prereqs, self._enables), (self._progress, self._progress_in)):
            for other in a.pop(node_id, set()):
                b[other].discard(node_id)
            for other in b.pop(node_id, set()):
                a[other].discard(node_id)
        self._touch()
        return node

    def locked(self) -> threading.RLock:
        """The graph's re-entrant lock, for ``with g.locked(): ...``.

        Every public method holds it for its own work, so threads may query a graph while
        another changes it. The views (``g.skills``, ``g.iter_requirements()``...) are live,
        not snapshots: iterate them under this lock, or on a `copy`, when another
        thread may change the graph meanwhile.
        """
        return self._lock

    # ------------------------------------------------------------------ internals
    def _touch(self) -> None:
        self._version += 1

    def _cached(self, key: str, build: Callable[[SkillGraph], T]) -> T:
        """A derived index, built once per graph version (thread-safe)."""
        hit = self._cache.get(key)
        if hit is not None and hit[0] == self._version:
            return cast(T, hit[1])
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == self._version:
                return cast(T, hit[1])
            version = self._version
            link = self._snapshot if self._snapshot and self._snapshot.version == version else None
            # an index allocates many long-lived objects and no cycles: the collector's
            # repeated scans of them would take longer than the build itself
            collecting = gc.isenabled()
            gc.disable()
            try:
                value = link.load(key, self) if link is not None else None
                loaded = value is not None
                if not loaded:
                    value = build(self)
            finally:
                if collecting:
                    gc.enable()
            self._cache[key] = (version, value)
            if link is not None and not loaded:
                link.store(key, self, value)
            return cast(T, value)

    def _add_node(self, node: Node, *, replace: bool = False) -> None:
        old = self._nodes.get(node.id)
        if old is not None:
            if old.node_type is not node.node_type:
                raise DuplicateIdError(
                    f"{type(node).__name__} {node.id!r}: field 'id': already used by a "
                    f"{old.node_type.value}",
                    id=node.id,
                    field="id",
                )
            if not replace and node.id not in self._placeholders:
                raise DuplicateIdError(
                    f"{type(node).__name__} {node.id!r}: field 'id': already in the graph "
                    "(pass replace=True to replace it)",
                    id=node.id,
                    field="id",
                )
        if isinstance(node, Role):
            self._ensure_refs(node)
        elif isinstance(node, Cluster) and node.broader is not None:
            self._ensure_placeholder(node.broader, Cluster, node.id)
            self._check_cluster_cycle(node)
        self._placeholders.discard(node.id)
        self._nodes[node.id] = node
        self._by_type[node.node_type][node.id] = node
        self._touch()

    def _ensure_refs(self, role: Role) -> None:
        refs: list[tuple[str, type[Node], str]] = [
            (ind, Industry, "industries") for ind in role.industries
        ]
        if role.cluster is not None:
            refs.insert(0, (role.cluster, Cluster, "cluster"))
        for create in (False, True):  # check every reference before creating placeholders
            for node_id, cls, field in refs:
                self._ensure_placeholder(node_id, cls, role.id, field, create=create)

    def _ensure_placeholder(
        self,
        node_id: str,
        cls: type[Node],
        owner: str = "",
        field: str = "broader",
        *,
        create: bool = True,
    ) -> None:
        found = self._nodes.get(node_id)
        if found is None:
            if not create:
                return
            placeholder = cls(id=node_id, label=node_id)
            self._nodes[node_id] = placeholder
            self._by_type[placeholder.node_type][node_id] = placeholder
            self._placeholders.add(node_id)
        elif not isinstance(found, cls):
            raise DanglingReferenceError(
                f"{owner or node_id!r}: field {field!r}: {node_id!r} is a "
                f"{found.node_type.value}, expected {_a(cls.node_type.value)}",
                id=owner or node_id,
                field=field,
            )

    def _check_cluster_cycle(self, cluster: Cluster) -> None:
        seen = [cluster.id]
        up = cluster.broader
        while up is not None:
            if up == cluster.id:
                raise CycleError(
                    f"Cluster {cluster.id!r}: field 'broader': closes a cycle "
                    f"{' -> '.join([*seen, up])}",
                    cycle=[*seen, up],
                    id=cluster.id,
                    field="broader",
                )
            seen.append(up)
            parent = self._by_type[NodeType.CLUSTER].get(up)
            up = parent.broader if parent is not None else None

    def _need(self, node_id: str, types: tuple[NodeType, ...], owner: str, field: str) -> None:
        node = self._nodes.get(node_id)
        if node is None or node.node_type not in types:
            what = " or ".join(t.value for t in types)
            found = "not in the graph" if node is None else f"a {node.node_type.value}"
            raise DanglingReferenceError(
                f"{owner}: field {field!r}: {node_id!r} is {found}, expected a {what}",
                id=owner,
                field=field,
            )

    def _add_requirement(self, req: Requirement) -> None:
        owner = f"Requirement '{req.role} -> {req.skill}'"
        self._need(req.role, (NodeType.ROLE,), owner, "role")
        self._need(req.skill, (NodeType.SKILL,), owner, "skill")
        self._requires.setdefault(req.role, {})[req.skill] = req
        self._required_by.setdefault(req.skill, {})[req.role] = req
        self._touch()

    def _add_requirements_trusted(self, reqs: Iterable[Requirement]) -> None:
        """Bulk insert for importers that have checked every role and skill end exists."""
        requires, required_by = self._requires, self._required_by
        for req in reqs:
            requires.setdefault(req.role, {})[req.skill] = req
            required_by.setdefault(req.skill, {})[req.role] = req
        self._touch()

    def _add_broader(self, edge: Broader) -> None:
        owner = f"Broader '{edge.narrower} -> {edge.broader}'"
        both = (NodeType.SKILL, NodeType.GROUP)
        self._need(edge.narrower, both, owner, "narrower")
        self._need(edge.broader, both, owner, "broader")
        path = _find_path(self._broader, edge.broader, edge.narrower)
        if path is not None:
            cycle = [edge.narrower, *path]
            raise CycleError(
                f"{owner}: field 'broader': closes a cycle {' -> '.join(cycle)}",
                cycle=cycle,
                id=edge.narrower,
                field="broader",
            )
        self._broader.setdefault(edge.narrower, set()).add(edge.broader)
        self._narrower.setdefault(edge.broader, set()).add(edge.narrower)
        self._touch()

    def _add_related(self, edge: Related) -> None:
        owner = f"Related '{edge.skill} -> {edge.related}'"
        self._need(edge.skill, (NodeType.SKILL,), owner, "skill")
        self._need(edge.related, (NodeType.SKILL,), owner, "related")
        self._related.setdefault(edge.skill, {})[edge.related] = edge
        self._related_in.setdefault(edge.related, set()).add(edge.skill)
        self._touch()

    def _add_prerequisite(self, edge: Prerequisite) -> None:
        owner = f"Prerequisite '{edge.prerequisite} -> {edge.skill}'"
        self._need(edge.prerequisite, (NodeType.SKILL,), owner, "prerequisite")
        self._need(edge.skill, (NodeType.SKILL,), owner, "skill")
        path = _find_path(self._enables, edge.skill, edge.prerequisite)
        if path is not None:
            cycle = [edge.prerequisite, *path]
            raise CycleError(
                f"{owner}: field 'prerequisite': closes a cycle {' -> '.join(cycle)}",
                cycle=cycle,
                id=edge.skill,
                field="prerequisite",
            )
        self._prereqs.setdefault(edge.skill, set()).add(edge.prerequisite)
        self._enables.setdefault(edge.prerequisite, set()).add(edge.skill)
        self._touch()

    def _add_progression(self, edge: Progression) -> None:
        owner = f"Progression '{edge.source} -> {edge.target}'"
        self._need(edge.source, (NodeType.ROLE,), owner, "source")
        self._need(edge.target, (NodeType.ROLE,), owner, "target")
        self._progress.setdefault(edge.source, set()).add(edge.target)
        self._progress_in.setdefault(edge.target, set()).add(edge.source)
        self._touch()

    # ------------------------------------------------------------------ edges
    def requirements(self, role: str) -> list[Requirement]:
        """The requirements of ``role`` (id or anything `find` resolves), by skill id.

        Raises:
            NotFoundError: no such role.
        """
        rid = self.resolve(role, NodeType.ROLE)
        return [r for _, r in sorted(self._requires.get(rid, {}).items())]

    def roles_requiring(self, skill: str) -> list[Requirement]:
        """The requirements that name ``skill`` (id or label), by role id.

        Raises:
            NotFoundError: no such skill.
        """
        sid = self.resolve(skill, NodeType.SKILL)
        return [r for _, r in sorted(self._required_by.get(sid, {}).items())]

    def iter_requirements(self) -> Iterator[Requirement]:
        """Every requirement, ordered by role id then skill id."""
        for role in sorted(self._requires):
            reqs = self._requires[role]
            for skill in sorted(reqs):
                yield reqs[skill]

    def count_requirements(self) -> int:
        """How many role-requires-skill edges the graph holds."""
        return sum(len(r) for r in self._requires.values())

    def iter_broader(self) -> Iterator[Broader]:
        """Every hierarchy edge, ordered by (narrower, broader)."""
        for n in sorted(self._broader):
            for b in sorted(self._broader[n]):
                yield Broader(narrower=n, broader=b)

    def iter_related(self) -> Iterator[Related]:
        """Every related edge, ordered by (skill, related)."""
        for s in sorted(self._related):
            edges = self._related[s]
            for r in sorted(edges):
                yield edges[r]

    def iter_prerequisites(self) -> Iterator[Prerequisite]:
        """Every prerequisite edge, ordered by (prerequisite, skill)."""
        for p in sorted(self._enables):
            for s in sorted(self._enables[p]):
                yield Prerequisite(prerequisite=p, skill=s)

    def iter_progressions(self) -> Iterator[Progression]:
        """Every progression edge, ordered by (source, target)."""
        for s in sorted(self._progress):
            for t in sorted(self._progress[s]):
                yield Progression(source=s, target=t)

    def broader_of(self, node_id: str) -> list[str]:
        """Direct broader concepts (skills or groups) of ``node_id``, sorted."""
        return sorted(self._broader.get(node_id, ()))

    def narrower_of(self, node_id: str) -> list[str]:
        """Direct narrower concepts (skills or groups) of ``node_id``, sorted."""
        return sorted(self._narrower.get(node_id, ()))

    def ancestors(self, node_id: str) -> set[str]:
        """Every broader concept of ``node_id``, transitively (itself excluded)."""
        return _reach(self._broader, node_id)

    def descendants(self, node_id: str) -> set[str]:
        """Every narrower concept of ``node_id``, transitively (itself excluded)."""
        return _reach(self._narrower, node_id)

    def related_to(self, skill: str) -> list[str]:
        """Skills declared related to ``skill`` in either direction, sorted."""
        out = set(self._related.get(skill, ())) | self._related_in.get(skill, set())
        return sorted(out)

    def prerequisites_of(self, skill: str) -> list[str]:
        """Direct prerequisites of ``skill``, sorted."""
        return sorted(self._prereqs.get(skill, ()))

    def enabled_by(self, skill: str) -> list[str]:
        """Skills that have ``skill`` as a direct prerequisite, sorted."""
        return sorted(self._enables.get(skill, ()))

    def progressions_from(self, role: str) -> list[str]:
        """Roles that ``role`` declares as its next ladder steps, sorted."""
        return sorted(self._progress.get(role, ()))

    def progressions_to(self, role: str) -> list[str]:
        """Roles that declare ``role`` as their next ladder step, sorted."""
        return sorted(self._progress_in.get(role, ()))

    def roles_in_cluster(self, cluster: str, *, narrower: bool = True) -> list[str]:
        """Ids of the roles in ``cluster`` (and, with ``narrower``, in clusters below it)."""
        wanted = {cluster}
        if narrower:
            children: dict[str, set[str]] = {}
            for c in self.clusters.values():
                if c.broader is not None:
                    children.setdefault(c.broader, set()).add(c.id)
            wanted |= _reach(children, cluster)
        return sorted(r.id for r in self.roles.values() if r.cluster in wanted)

    # ------------------------------------------------------------------ lookup
    def _label_index(self) -> dict[str, list[tuple[int, str]]]:
        """Normalised text -> (priority, node id) of every id, label and alt label."""
        return self._cached("label_index", _build_label_index)

    def _label_tokens(self) -> dict[str, set[str]]:
        """Word -> the label index keys holding it (for suggestions; built on a first miss)."""
        return self._cached("label_tokens", _build_label_tokens)

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
        types = _kinds(kind)
        node = self._nodes.get(text)
        if node is not None and (types is None or node.node_type in types):
            return node
        keys = self._label_index()
        q = _text.normalize(text)
        hits = [
            (p, i) for p, i in keys.get(q, ()) if types is None or self._nodes[i].node_type in types
        ]
        if hits:
            best = min(p for p, _ in hits)
            ids = sorted({i for p, i in hits if p == best})
            if len(ids) == 1:
                return self._nodes[ids[0]]
            from .text.match import resolve_by_text

            picked = resolve_by_text(self, text, types, among=ids)
            if isinstance(picked, str):  # "cashier": the role labelled "Cashiers" among equals
                return self._nodes[picked]
            cands = [(i, self._nodes[i].label) for i in ids]
            raise AmbiguousError(
                f"{_text.clip(text)} matches {len(ids)} {_kind_name(types)}s: "
                + "; ".join(f"{label} ({i})" for i, label in cands[:8]),
                query=text,
                suggestions=cands,
            )
        from .text.match import resolve_by_text, suggest

        picked = resolve_by_text(self, text, types)
        if isinstance(picked, str):  # the same label up to plurals ("registered nurse")
            return self._nodes[picked]
        if picked:
            cands = [(i, self._nodes[i].label) for i in picked]
            raise AmbiguousError(
                f"{_text.clip(text)} matches {len(cands)} {_kind_name(types)}s: "
                + "; ".join(f"{label} ({i})" for i, label in cands[:8]),
                query=text,
                suggestions=cands,
            )
        suggestions = suggest(self, text, types)
        for key in [] if suggestions else _text.suggest(text, keys, self._label_tokens(), n=20):
            for _, i in sorted(keys[key]):
                node = self._nodes[i]
                if (types is None or node.node_type in types) and all(
                    i != s for s, _ in suggestions
                ):
                    suggestions.append((i, node.label))
            if len(suggestions) >= 5:
                break
        suggestions = suggestions[:5]
        hint = (
            " Did you mean: " + "; ".join(f"{label} ({i})" for i, label in suggestions) + "?"
            if suggestions
            else ""
        )
        other = sorted(keys.get(q, ()))  # a match of another type than asked for
        if other:
            node = self._nodes[other[0][1]]
            hint = f" It names a {node.node_type.value}: {node.label} ({node.id}).{hint}"
        raise NotFoundError(
            f"no {_kind_name(types)} matches {_text.clip(text)}.{hint}",
            query=text,
            suggestions=suggestions,
        )

    def resolve(self, ref: str | Node, kind: str | NodeType | None = None) -> str:
        """The id of the node ``ref`` names (a node, an id or anything `find` resolves).

        Raises:
            NotFoundError: nothing matches (or the node has another type).
            AmbiguousError: several nodes match equally well.
            InvalidValueError: ``kind`` is not a node kind.
        """
        if isinstance(ref, Node):
            ref = ref.id
        return self.find(ref, kind).id

    def label(self, node_id: str) -> str:
        """The label of ``node_id``, or the id itself for an unknown node."""
        node = self._nodes.get(node_id)
        return node.label if node is not None else node_id

    # ------------------------------------------------------------------ analysis
    def gap(self, role: str, have: str | Iterable[str] = (), *, strict: bool = True) -> Gap:
        """Matched and missing skills of ``role`` for someone holding ``have``.

        With ``strict=False``, ``have`` may be free text or a list with unknown items
        (see `match_skills`); ``Gap.inputs`` reports what matched and what did not.

        Raises:
            NotFoundError: the role, or (when strict) a skill of ``have``, cannot be resolved.
        """
        from .analysis.gap import gap

        ids, report = self._have(have, strict)
        result = self._with_labels(gap(self, role, ids))
        return result if report is None else result.model_copy(update={"inputs": report})

    def similar_roles(
        self, role: str, k: int = 10, *, weights: Mapping[str, float] | None = None
    ) -> list[Match]:
        """The ``k`` roles most similar to ``role`` (skills, ratings, titles, tools).

        ``weights`` overrides the weight of the similarity components it names (see
        ``skillgraph.similarity_weights()``); each match reports every component's
        contribution in ``components``.

        Raises:
            NotFoundError: the role cannot be resolved.
            InvalidValueError: ``k`` is negative, or ``weights`` names an unknown
                component or gives a negative weight.
        """
        from .analysis.similarity import similar_roles

        return similar_roles(self, role, k, weights=weights)

    def adjacent_skills(self, skills: str | Iterable[str], k: int = 10) -> list[Match]:
        """The ``k`` skills most adjacent to ``skills`` (co-required, related, broader).

        Raises:
            NotFoundError: a skill cannot be resolved.
            InvalidValueError: ``k`` is negative.
        """
        from .analysis.adjacency import adjacent_skills

        return adjacent_skills(self, skills, k)

    def skill_path(self, source: str, target: str) -> list[str]:
        """The shortest path of skill ids from ``source`` to ``target`` over skill adjacency.

        Raises:
            NotFoundError: a skill cannot be resolved, or no path joins them.
        """
        from .analysis.adjacency import skill_path

        return skill_path(self, source, target)

    def learning_plan(
        self, skills: Iterable[str], have: str | Iterable[str] = (), *, strict: bool = True
    ) -> LearningPlan:
        """``skills`` ordered by prerequisites, then adjacency to ``have``, in stages.

        With ``strict=False``, ``have`` may be free text or a list with unknown items;
        ``LearningPlan.inputs`` reports what matched and what did not.

        Raises:
            NotFoundError: a skill cannot be resolved.
        """
        from .analysis.learning import learning_plan

        ids, report = self._have(have, strict)
        result = learning_plan(self, skills, ids)
        return result if report is None else result.model_copy(update={"inputs": report})

    def upskill(
        self,
        role: str,
        have: str | Iterable[str] | None = None,
        k: int = 5,
        *,
        max_steps: int = 2,
        lateral: bool = False,
        families: str | Mapping[str, str] = "auto",
        strict: bool = True,
    ) -> list[Plan]:
        """Up to ``k`` plans of viable steps up ``role``'s job family (higher seniority).

        With ``lateral``, sideways targets of the family (same seniority) are included,
        labelled ``MoveKind.LATERAL``. ``families`` chooses the job families (see
        ``families``; default ``"auto"``). With ``strict=False``, ``have`` may be free
        text or a list with unknown items; each plan's ``inputs`` reports what matched.

        Raises:
            NotFoundError: the role or a skill of ``have`` cannot be resolved.
            InvalidValueError: ``k`` is negative, ``max_steps`` < 1 or ``families`` unknown.
        """
        from .analysis.moves import upskill

        ids, report = self._have(have, strict)
        plans = upskill(
            self,
            role,
            ids if have is not None else None,
            k,
            max_steps=max_steps,
            lateral=lateral,
            families=families,
        )
        plans = [self._with_labels(p) for p in plans]
        if report is None:
            return plans
        return [p.model_copy(update={"inputs": report}) for p in plans]

    def reskill(
        self,
        role: str,
        target: str,
        have: str | Iterable[str] | None = None,
        *,
        max_steps: int = 6,
        families: str | Mapping[str, str] = "auto",
        strict: bool = True,
    ) -> Plan:
        """The plan of viable steps from ``role`` to a role, cluster or industry of another
        job family: the fewest steps, then the least learning. ``plan.reachable`` is False
        when no viable path of at most ``max_steps`` steps exists; the plan then leads to
        the closest stepping stone.

        Raises:
            NotFoundError: an argument cannot be resolved, or the target has no roles.
            InvalidValueError: the target lies inside the start role's family,
                ``max_steps`` < 1 or ``families`` unknown.

        With ``strict=False``, ``have`` may be free text or a list with unknown items; the
        plan's ``inputs`` reports what matched and what did not.
        """
        from .analysis.moves import reskill

        ids, report = self._have(have, strict)
        plan = self._with_labels(
            reskill(
                self,
                role,
                target,
                ids if have is not None else None,
                max_steps=max_steps,
                families=families,
            )
        )
        return plan if report is None else plan.model_copy(update={"inputs": report})

    def viable_move(
        self, source: str, target: str, *, families: str | Mapping[str, str] = "auto"
    ) -> Viability:
        """Whether the single move ``source -> target`` is viable: similarity at least the
        graph's calibrated threshold and a seniority jump of at most one (see
        docs/concepts.md).

        Raises:
            NotFoundError: a role cannot be resolved.
            InvalidValueError: ``families`` is not a known method or a mapping.
        """
        from .analysis.viability import viable_move

        return viable_move(self, source, target, families=families)

    def _have(
        self, have: str | Iterable[str] | None, strict: bool
    ) -> tuple[list[str] | Any, InputReport | None]:
        """``have`` as given (strict), or resolved leniently with its report."""
        if strict:
            return have if have is not None else (), None
        from .text.lenient import resolve_have

        return resolve_have(self, have)

    # ------------------------------------------------------------------ free text
    def match_skills(
        self, text: str, k: int | None = 10, *, method: Method = "lexical"
    ) -> TextMatches:
        """The skills a free text (CV lines, a job ad, a list) mentions, best first.

        Each match has the skill ``id``, a ``score`` in [0, 1], the ``text`` span that
        matched (``start``/``end``), the label it matched and which field that was.
        Inflections, plurals, case and accents are forgiven. ``k=None`` returns all.
        The result is a list; its ``unmatched`` attribute holds the phrases that named no
        skill. ``method`` is ``"lexical"`` (default, no extra needed), ``"hybrid"`` or
        ``"embeddings"`` (the ``skillgraph[embeddings]`` extra's bundled model).

        Raises:
            InvalidValueError: ``text`` is not a string, ``k`` is negative or ``method`` is
                unknown.
            OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
        """
        from .text.match import match_skills

        return match_skills(self, text, k, method=method)

    def match_roles(
        self, title: str, k: int | None = 10, *, method: Method = "lexical"
    ) -> list[TextMatch]:
        """The roles whose titles best match a job title, best first (``id``, ``score``).

        Labels, alt and hidden labels count, plurals and typos are forgiven, and a role
        whose many titles share the query's words ranks higher. ``method`` as in
        ``match_skills``.

        Raises:
            InvalidValueError: ``title`` is not a string, ``k`` is negative or ``method`` is
                unknown.
            OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
        """
        from .text.match import match_roles

        return match_roles(self, title, k, method=method)

    def classify(
        self,
        source: str,
        target: str,
        have: Iterable[str] | None = None,
        *,
        families: str | Mapping[str, str] = "auto",
    ) -> Move:
        """Whether moving from ``source`` to ``target`` is upskilling (same job family,
        higher seniority), lateral (same family otherwise) or reskilling (another family),
        with its viability and explanation.

        Raises:
            NotFoundError: a role or a skill of ``have`` cannot be resolved.
            InvalidValueError: ``families`` is not a known method or a mapping.
        """
        from .analysis.moves import classify

        return self._with_labels(classify(self, source, target, have, families=families))

    def _with_labels(self, result: R) -> R:
        """``result`` with the labels of every node id it names."""
        labels = {i: self.label(i) for i in sorted(result.named())}
        return result.model_copy(update={"labels": labels})

    def detect_clusters(self, *, seed: int = 0, assign: bool = False) -> dict[str, str]:
        """Role id -> detected cluster id, by community detection on role similarity.

        With ``assign``, roles without a declared cluster are given the detected one.

        Raises:
            DuplicateIdError: with ``assign``, a ``detected:<n>`` id is used by another type.
        """
        from .analysis.clusters import detect_clusters

        return detect_clusters(self, seed=seed, assign=assign)

    def families(
        self, families: str | Mapping[str, str] = "detected", *, seed: int = 0
    ) -> dict[str, str]:
        """Role id -> job family id: ``"detected"`` (from similarity), ``"declared"``,
        ``"isco-1"``..``"isco-4"``, ``"soc-major"``/``"soc-minor"``/``"soc-broad"``, or a
        mapping you declare (see docs/concepts.md).

        Raises:
            InvalidValueError: ``families`` is not a known method or a mapping, or the
                graph lacks the codes the method needs.
        """
        from .analysis.families import families as _families

        return _families(self, families, seed=seed)

    def seniority(
        self, families: str | Mapping[str, str] = "detected", *, seed: int = 0
    ) -> dict[str, int]:
        """Role id -> seniority inside its family (level, managerial variants, progressions).

        Raises:
            InvalidValueError: as ``families``.
        """
        from .analysis.families import seniority

        return seniority(self, families, seed=seed)

    # ------------------------------------------------------------------ interop
    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a ``networkx.MultiDiGraph``.

        Nodes carry ``type`` and their model's fields; edges carry ``type`` (also the edge
        key) and their attributes. Directions: role -requires-> skill,
        broader -narrower-> narrower (so ``nx.descendants`` of a group gives what is under
        it), skill -related-> skill, prerequisite -prerequisite_of-> skill,
        role -progresses_to-> role, role -in_cluster-> cluster, role -in_industry->
        industry, broader cluster -narrower-> cluster.
        """
        from .io.networkx import to_networkx

        return to_networkx(self)

    def to_rdf(self) -> rdflib.Graph:
        """The graph as an ``rdflib.Graph`` in the skillgraph/ESCO/SKOS vocabulary."""
        from .io.rdf import to_rdflib

        return to_rdflib(self)

    @classmethod
    def from_rdf(cls, graph: rdflib.Graph) -> SkillGraph:
        """A SkillGraph read from an ``rdflib.Graph`` in the skillgraph/ESCO/SKOS vocabulary.

        Raises:
            FormatError: the RDF does not describe a valid skills graph.
        """
        from .io.rdf import from_rdflib

        return from_rdflib(graph)

    def copy(self) -> SkillGraph:
        """An independent copy; nodes and edges are shared (immutable, mappings included)."""
        new = SkillGraph(language=self.language, metadata=self.metadata, prefixes=self.prefixes)
        new._nodes = dict(self._nodes)
        new._by_type = {t: dict(d) for t, d in self._by_type.items()}
        new._placeholders = set(self._placeholders)
        new._requires = {k: dict(v) for k, v in self._requires.items()}
        new._required_by = {k: dict(v) for k, v in self._required_by.items()}
        new._related = {k: dict(v) for k, v in self._related.items()}
        for name in (
            "_broader",
            "_narrower",
            "_related_in",
            "_prereqs",
            "_enables",
            "_progress",
            "_progress_in",
        ):
            setattr(new, name, {k: set(v) for k, v in getattr(self, name).items()})
        new._extra = set(self._extra)
        return new

    def _content(self) -> tuple[Any, ...]:
        def nonempty(d: Mapping[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in d.items() if v}

        return (
            self.language,
            self.metadata,
            self._nodes,
            nonempty(self._requires),
            nonempty(self._broader),
            nonempty(self._related),
            nonempty(self._prereqs),
            nonempty(self._progress),
            self._extra,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SkillGraph):
            return NotImplemented
        return self._content() == other._content()

    __hash__ = None  # type: ignore[assignment]

    def diff(self, other: SkillGraph) -> dict[str, Any]:
        """A compact description of how ``other`` differs from this graph (``{}``: equal).

        The ``summary()`` of ``skillgraph.diff(self, other)``, whose full report says
        which fields changed, with labels.

        Raises:
            InvalidValueError: ``other`` is not a SkillGraph.
        """
        from .releases import diff

        return diff(self, other).summary()

    def extract(
        self,
        *,
        roles: str | Iterable[str] | None = None,
        clusters: str | Iterable[str] | None = None,
        skills: str | Iterable[str] | None = None,
        depth: int | None = None,
    ) -> SkillGraph:
        """A self-contained subset: the roles, clusters and skills named, and what they need.

        Keeps the ``roles`` and every role of the ``clusters``, the skills they require,
        the ``skills`` (skills or groups) with ``depth`` levels below them (None: all),
        every broader concept of those up to the roots, the clusters (with their broader
        chain) and industries referenced, and the edges and extra triples among kept
        nodes. See ``skillgraph.releases.extract``.

        Raises:
            InvalidValueError: nothing is selected, or an argument is invalid.
            NotFoundError: a reference names no node of the expected type.
            AmbiguousError: a label names several nodes.
        """
        from .releases import extract

        return extract(self, roles=roles, clusters=clusters, skills=skills, depth=depth)


def _kinds(kind: str | NodeType | None) -> tuple[NodeType, ...] | None:
    if kind is None:
        return None
    if isinstance(kind, NodeType):
        return (kind,)
    try:
        return (_KIND_ALIASES[kind.lower()],)
    except KeyError:
        raise InvalidValueError(
            f"unknown node kind {kind!r}: expected one of skill, role, industry, cluster, group",
            field="kind",
        ) from None


def _a(noun: str) -> str:
    """``noun`` with its indefinite article ("a cluster", "an industry")."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _kind_name(types: Sequence[NodeType] | None) -> str:
    return "node" if types is None else "/".join(t.value for t in types)


def _build_label_index(g: SkillGraph) -> dict[str, list[tuple[int, str]]]:
    keys: dict[str, list[tuple[int, str]]] = {}
    normalize = _text.normalize

    def put(text: str, prio: int, node_id: str) -> None:
        k = normalize(text)
        if k:
            hits = keys.get(k)
            if hits is None:
                keys[k] = [(prio, node_id)]
            else:
                hits.append((prio, node_id))

    for node_id, node in g._nodes.items():
        put(node_id, _P_ID, node_id)
        put(node.label, _P_LABEL, node_id)
        for alt in node.alt_labels:
            put(alt, _P_ALT, node_id)
        for hidden in node.hidden_labels:
            put(hidden, _P_HIDDEN, node_id)
        for tr in node.translations.values():
            if tr.label:
                put(tr.label, _P_TRANSLATION, node_id)
            for alt in tr.alt_labels:
                put(alt, _P_TRANSLATION, node_id)
    return keys


def _build_label_tokens(g: SkillGraph) -> dict[str, set[str]]:
    tokens: dict[str, set[str]] = {}
    for k in g._label_index():
        for tok in _text.tokens(k):
            tokens.setdefault(tok, set()).add(k)
    return tokens


def _reach(adj: Mapping[str, Iterable[str]], start: str) -> set[str]:
    seen: set[str] = set()
    stack = list(adj.get(start, ()))
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(adj.get(n, ()))
    return seen


def _find_path(adj: Mapping[str, Iterable[str]], start: str, goal: str) -> list[str] | None:
    """A path start -> ... -> goal over ``adj`` (depth first), or None."""
    if start == goal:
        return [start]
    parent: dict[str, str] = {}
    stack = [start]
    seen = {start}
    while stack:
        n = stack.pop()
        for m in adj.get(n, ()):
            if m in seen:
                continue
            parent[m] = n
            if m == goal:
                path = [m]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            seen.add(m)
            stack.append(m)
    return None


# ---------------------------------------------------------------------- entry-point guard
# Every public method below checks its arguments (InvalidValueError naming the argument:
# misuse never escapes as TypeError or AttributeError) and runs under the graph's lock:
# mutations and the queries that iterate the graph's dictionaries never overlap, so threads
# may query a graph while another one changes it. The lock is re-entrant (analyses call
# back into the graph) and is the one that guards the derived-index cache.


def _ref(name: str, value: Any) -> None:
    if isinstance(value, Node):
        return
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            f"{name} must be a node id, label or node (a non-empty string or a Node), "
            f"got {_shown(value)}",
            field=name,
        )


def _refs(name: str, value: Any) -> None:
    if isinstance(value, str | Node):
        _ref(name, value)
        return
    if isinstance(value, bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"{name} must be an iterable of node ids, labels or nodes, got {_shown(value)}",
            field=name,
        )


def _opt_refs(name: str, value: Any) -> None:
    if value is not None:
        _refs(name, value)


def _text_arg(name: str, value: Any) -> None:
    from ._validate import check_str

    check_str(name, value)


def _kind_arg(name: str, value: Any) -> None:
    if value is not None and not isinstance(value, str | NodeType):
        raise InvalidValueError(
            f"{name} must be a node type name or NodeType, got {_shown(value)}", field=name
        )


def _count(name: str, value: Any) -> None:
    from ._validate import check_int

    check_int(name, value, minimum=0 if name == "k" else 1)  # k=0 asks for nothing


def _whole(name: str, value: Any) -> None:
    from ._validate import check_int

    check_int(name, value)


def _flag(name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError(f"{name} must be True or False, got {_shown(value)}", field=name)


def _opt_text(name: str, value: Any) -> None:
    if value is not None:
        _text_arg(name, value)


def _str_map(name: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidValueError(
            f"{name} must be a mapping of strings to strings, got {_shown(value)}", field=name
        )


def _item(name: str, value: Any) -> None:
    if not isinstance(value, Node | Requirement | Broader | Related | Prerequisite | Progression):
        raise InvalidValueError(
            f"{name} must be a node (Skill, Role, ...) or an edge (Requirement, ...), "
            f"got {_shown(value)}",
            field=name,
        )


def _items(name: str, value: Any) -> None:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"{name} must be an iterable of nodes and edges, got {_shown(value)}", field=name
        )


def _shown(value: Any) -> str:
    from ._validate import shown

    return shown(value)


_Check = Callable[[str, Any], None]
_ARGUMENTS: dict[str, dict[str, _Check]] = {
    "__init__": {"language": _text_arg, "metadata": _str_map, "prefixes": _str_map},
    "add": {"item": _item, "replace": _flag},
    "add_all": {"items": _items},
    "require": {"role": _text_arg, "skill": _text_arg, "essential": _flag},
    "add_broader": {"narrower": _text_arg, "broader": _text_arg},
    "relate": {"skill": _text_arg, "related": _text_arg, "essential": _flag},
    "add_prerequisite": {"prerequisite": _text_arg, "skill": _text_arg},
    "add_progression": {"source": _text_arg, "target": _text_arg},
    "add_extra_triple": {},  # checks its terms itself (field "extra_triples")
    "remove": {"node_id": _text_arg},
    "node_type": {"node_id": _text_arg},
    "find": {"text": _text_arg, "kind": _kind_arg},
    "resolve": {"ref": _ref, "kind": _kind_arg},
    "gap": {"role": _ref, "have": _refs},
    "similar_roles": {"role": _ref, "k": _count},
    "adjacent_skills": {"skills": _refs, "k": _count},
    "skill_path": {"source": _ref, "target": _ref},
    "learning_plan": {"skills": _refs, "have": _refs},
    "upskill": {"role": _ref, "have": _opt_refs, "k": _count, "max_steps": _count},
    "reskill": {"role": _ref, "target": _ref, "have": _opt_refs, "max_steps": _count},
    "classify": {"source": _ref, "target": _ref, "have": _opt_refs},
    "detect_clusters": {"seed": _whole, "assign": _flag},
    "roles_in_cluster": {"cluster": _text_arg, "narrower": _flag},
    "requirements": {"role": _text_arg},
    "roles_requiring": {"skill": _text_arg},
    "to_networkx": {},
    "to_rdf": {},
    "copy": {},
    "diff": {},
}


def _guarded(fn: Callable[..., T], checks: Mapping[str, _Check], lock: bool) -> Callable[..., T]:
    import functools
    import inspect

    sig = inspect.signature(fn)
    name = fn.__name__

    @functools.wraps(fn)
    def wrapper(self: SkillGraph, *args: Any, **kwargs: Any) -> T:
        try:
            bound = sig.bind(self, *args, **kwargs)
        except TypeError as exc:
            raise InvalidValueError(f"SkillGraph.{name}(): {exc}", field=name) from None
        given = bound.arguments
        for arg, check in checks.items():
            if arg in given:
                check(arg, given[arg])
        if not lock:
            return fn(self, *args, **kwargs)
        with self._lock:
            return fn(self, *args, **kwargs)

    return wrapper


for _name, _checks in _ARGUMENTS.items():
    setattr(
        SkillGraph,
        _name,
        _guarded(getattr(SkillGraph, _name), _checks, lock=_name != "__init__"),
    )
