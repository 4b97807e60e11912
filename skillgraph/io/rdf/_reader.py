"""RDF triples (pyoxigraph terms) -> SkillGraph, following docs/vocabulary.md.

Triples are first grouped by subject (`_collect`, one pass over the stream, no RDF
store), ESCO's own shapes are turned into the plain ones (`_esco`), then each typed node
is interpreted (`_nodes`) and the edges are added, all through the store's builder.
Every triple the model does not interpret is kept in the graph's extra triples
(N-Triples terms) and written back, so RDF -> graph -> RDF loses nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox

from ..._lang import canonical_language
from ..._store import store_of
from ...errors import DataWarning, FormatError, IncompleteDataWarning, SkillGraphError
from ...graph import SkillGraph
from ...model import (
    AttributeValue,
    Broader,
    NodeType,
    Prerequisite,
    Progression,
    Requirement,
)
from .. import _esco_conventions as esco
from .._build import edge, paused_gc
from .._source import Progress
from . import _esco, _learning
from . import _vocab as vocab
from ._collect import Collected, UncheckedTermError
from ._ids import IdMap
from ._languages import label_language, language_filter
from ._nodes import NODE_TYPES, NodeReader
from ._relations import relation_edges
from ._terms import TRUE, key, target, text, typed_value

__all__ = ["UncheckedTermError", "build_graph"]

#: The kinds of node added before roles (which name clusters and industries), in order.
_BEFORE_ROLES = (
    NodeType.CLUSTER,
    NodeType.INDUSTRY,
    NodeType.GROUP,
    NodeType.SKILL,
    NodeType.RESOURCE,
)


class _Reader:
    """Pass 2 over one input's collected triples: the graph, through the store's builder."""

    def __init__(
        self,
        c: Collected,
        cluster_level: int | None,
        locate: Callable[[str, str], int | None] | None,
        main_language: str | None,
        kept_languages: frozenset[str] | None,
    ) -> None:
        self.c = c
        self.source = c.source
        self.props = c.props
        self.extra: set[tuple[str, str, str]] = set()
        self.compact: dict[str, str] = {}  # prefixes whose IRIs read as CURIEs
        self.consumed: set[str] = set()  # subjects whose triples are all interpreted
        self.file_level: int | None = None
        self.lost = 0
        self.unread_requirements = 0
        #: (role key, skill key) -> requirement fields of an sg:Requirement node
        self.requirements: dict[tuple[str, str], dict[str, Any]] = {}
        onto = sorted(k for k, ts in c.types.items() if vocab.ONTOLOGY in ts)
        declared: str | None = None
        metadata: dict[str, str] = {}
        prefixes: dict[str, str] = {}
        if onto:
            declared, metadata, prefixes = self.ontology(onto[0])
        language = declared or "en"
        if main_language is not None:
            language = canonical_language(main_language)
        elif kept_languages is not None and language not in kept_languages:
            language = "en" if "en" in kept_languages else min(kept_languages)
        elif declared is None and kept_languages is None:  # no sg:language, none asked for
            language = label_language(self.props)
        self.cluster_level = cluster_level or self.file_level or esco.DEFAULT_CLUSTER_LEVEL
        self.kinds = self.node_kinds()
        self.ids = IdMap(self.compact, source=self.source, locate=locate)
        try:
            self.g = SkillGraph(language=language, metadata=metadata, prefixes=prefixes)
        except SkillGraphError as exc:
            raise FormatError(str(exc), source=self.source, column="sg:language") from None
        self.store = store_of(self.g)
        self.nodes = NodeReader(
            self.props, self.kinds, self.ids, language, self.keep, self.pair, self.source
        )
        self.node_ids = self.nodes.node_ids

    def release(self) -> None:
        """Drop every reference the reader and its node reader hold.

        They refer to each other (and the node reader to itself, through its bound
        methods): left to the garbage collector, freeing their triples would cost its first
        pass after the read about as much as building the edges did.
        """
        vars(self.nodes).clear()
        vars(self).clear()

    def keep(self, k: str, p: str, o: Any) -> None:
        """Keep a triple the model does not interpret (N-Triples terms)."""
        self.extra.add((k if k[:2] == "_:" else f"<{k}>", f"<{p}>", str(o)))

    def node_kinds(self) -> dict[str, NodeType]:
        """The kind of each typed subject that is a node.

        Raises:
            FormatError: a subject is typed as two kinds of node.
        """
        kinds: dict[str, NodeType] = {}
        for k, ts in self.c.types.items():
            if k.startswith("_:"):
                continue
            found = {NODE_TYPES[t] for t in ts if t in NODE_TYPES}
            if len(found) > 1:
                raise FormatError(
                    f"<{k}> is typed as several kinds of node: {sorted(map(str, found))}",
                    source=self.source,
                )
            if found:
                code = esco.isco_code(k)
                if code is not None and len(code) > self.cluster_level and vocab.CLUSTER not in ts:
                    continue  # finer ISCO groups are no clusters: kept as extra triples
                kinds[k] = found.pop()
        return kinds

    def build(self) -> SkillGraph:
        """The graph: nodes, then edges, then the extra triples (with their warnings).

        Raises:
            FormatError: a node or edge is invalid, or a hierarchy has a cycle.
        """
        kinds = self.kinds
        store = self.store
        nodes = self.nodes
        built: dict[NodeType, list[Any]] = {kind: [] for kind in _BEFORE_ROLES}
        roles: list[tuple[str, dict[str, Any], str | None]] = []
        for k in sorted(kinds):
            kind = kinds[k]
            if kind == NodeType.ROLE:
                fields, isco = nodes.role_fields(k)
                roles.append((k, fields, isco))
            else:
                built[kind].append(nodes.node(k, kind))
        for req_key in sorted(k for k, ts in self.c.types.items() if vocab.REQUIREMENT in ts):
            self.requirement_node(req_key)
        try:
            for kind in _BEFORE_ROLES:
                for nd in built[kind]:
                    store.add_node(nd, replace=True)
            direct = {k: isco for k, _, isco in roles}
            for k, fields, _ in roles:
                code = self.isco(k, direct)
                if code is not None:
                    fields.setdefault("cluster", esco.cluster_id(code, self.cluster_level))
                    fields.setdefault("level", esco.isco_skill_level(code))
                    attrs = dict(fields.get("attributes", {}))
                    attrs.setdefault("isco_code", code)
                    fields["attributes"] = attrs
                store.add_node(nodes.make(NodeType.ROLE, fields), replace=True)
        except SkillGraphError as exc:
            raise FormatError(str(exc), source=self.source) from None
        self.edges()
        for k, lst in self.props.items():
            if k in kinds or k in self.consumed:
                continue
            for p, o in lst:
                self.keep(k, p, o)
        store.add_extra(self.extra)
        _esco.kept_warning(self.extra, self.source)
        if self.lost:
            warnings.warn(
                f"{self.source}: {self.lost} relations point to nodes the file does not "
                "declare; they were kept as extra triples",
                IncompleteDataWarning,
                stacklevel=4,
            )
        if self.unread_requirements:
            warnings.warn(
                f"{self.source}: {self.unread_requirements} sg:Requirement nodes lack a valid "
                "role, skill, essential flag or importance (or repeat one); they were kept as "
                "extra triples",
                DataWarning,
                stacklevel=4,
            )
        return self.g

    # ------------------------------------------------------------------ ontology
    def ontology(self, k: str) -> tuple[str | None, dict[str, str], dict[str, str]]:
        """The language (None: not declared), metadata and prefixes the ontology node ``k``
        records."""
        language: str | None = None
        metadata: dict[str, str] = {}
        prefixes: dict[str, str] = {}
        self.consumed.add(k)
        for p, o in sorted(self.props[k], key=lambda po: (po[0], str(po[1]))):
            value = text(o)
            if p == vocab.TYPE and type(o) is ox.NamedNode and o.value == vocab.ONTOLOGY:
                continue
            if p == vocab.SG_LANGUAGE and value is not None:
                language = canonical_language(value)
            elif (
                p == vocab.SG_CLUSTER_LEVEL
                and self.file_level is None
                and typed_value(o) in (1, 2, 3, 4)
                and not isinstance(typed_value(o), bool)
            ):
                self.file_level = int(o.value)
            elif (
                p.startswith(vocab.DCTERMS)
                and p[len(vocab.DCTERMS) :] in vocab.DC_METADATA
                and (value is not None and o.language is None)
                and p[len(vocab.DCTERMS) :] not in metadata
            ):
                metadata[p[len(vocab.DCTERMS) :]] = value
            elif p == vocab.VERSION_INFO and value is not None and "version" not in metadata:
                metadata["version"] = value
            elif p == vocab.SG_METADATA and type(o) is ox.BlankNode:
                pair = self.pair(key(o), vocab.SG_KEY, vocab.SG_VALUE)
                if pair is None or not isinstance(pair[1], str):
                    self.keep(k, p, o)
                    continue
                metadata[pair[0]] = pair[1]
            elif p == vocab.SG_PREFIX and type(o) is ox.BlankNode:
                flag = self.props.get(key(o), [])
                compact = (vocab.SG_COMPACT_IDS, TRUE) in [(q, str(v)) for q, v in flag]
                pair = self.pair(
                    key(o), vocab.SG_PREFIX_NAME, vocab.SG_NAMESPACE, 3 if compact else 2
                )
                if pair is None or not isinstance(pair[1], str):
                    self.keep(k, p, o)
                    continue
                prefixes[pair[0]] = pair[1]
                if compact:
                    self.compact[pair[0]] = pair[1]
            else:
                self.keep(k, p, o)
        return language, metadata, prefixes

    def pair(
        self, b: str, key_pred: str, value_pred: str, size: int = 2
    ) -> tuple[str, AttributeValue] | None:
        """A (key, value) blank node: consumed when it holds exactly those triples."""
        lst = self.props.get(b)
        if lst is None or b in self.consumed or len(lst) != size:
            return None
        got = dict(lst)
        name = text(got.get(key_pred))
        value = typed_value(got.get(value_pred))
        if name is None or value is None:
            return None
        self.consumed.add(b)
        return name, value

    def isco(self, k: str, direct: dict[str, str | None]) -> str | None:
        """The ISCO code of role ``k``: its own, else inherited from its parent roles."""
        parents = self.nodes.parents
        seen = {k}
        while direct.get(k) is None and k in parents and parents[k] not in seen:
            k = parents[k]
            seen.add(k)
        return direct.get(k)

    # ------------------------------------------------------------------ requirements
    def requirement_node(self, k: str) -> None:
        """Take an ``sg:Requirement`` node (level, source, scale...), or count it unread.

        Raises:
            FormatError: two nodes give one requirement different values.
        """
        got: dict[str, Any] = {}
        ok = True
        for p, o in self.props[k]:
            if p == vocab.TYPE and type(o) is ox.NamedNode and o.value == vocab.REQUIREMENT:
                continue
            if p in got:
                ok = False
            got[p] = o
        role = target(got.pop(vocab.SG_ROLE, None))
        skill = target(got.pop(vocab.SG_SKILL, None))
        essential = typed_value(got.pop(vocab.SG_ESSENTIAL, None))
        importance = typed_value(got.pop(vocab.SG_IMPORTANCE, None))
        level = typed_value(got.pop(vocab.SG_LEVEL, None)) if vocab.SG_LEVEL in got else None
        source = text(got.pop(vocab.SG_SOURCE, None)) if vocab.SG_SOURCE in got else None
        scale = text(got.pop(vocab.SG_SCALE, None)) if vocab.SG_SCALE in got else None
        kinds = self.kinds
        if (
            not ok
            or got
            or role is None
            or skill is None
            or kinds.get(role) != NodeType.ROLE
            or kinds.get(skill) != NodeType.SKILL
            or not isinstance(essential, bool)
            or not isinstance(importance, float)
            or (level is not None and not isinstance(level, float))
        ):
            self.unread_requirements += 1
            return  # left as extra triples
        self.consumed.add(k)
        detail = {
            "essential": essential,
            "importance": importance,
            "level": level,
            "source": source,
            "scale": scale,
        }
        before = self.requirements.setdefault((role, skill), detail)
        if before != detail:  # the last one would silently win
            changed = sorted(f for f in detail if detail[f] != before[f])
            values = " and ".join(", ".join(repr(d[f]) for f in changed) for d in (before, detail))
            raise FormatError(
                f"two sg:Requirement nodes give the requirement of <{role}> for <{skill}>, "
                f"with different {', '.join(changed)} ({values}); keep one",
                source=self.source,
                column="sg:Requirement",
            )

    def unconsume_requirement(self, role: str, skill: str) -> None:
        """A requirement node contradicting its ESCO triple is kept verbatim instead."""
        del self.requirements[(role, skill)]
        for k, ts in self.c.types.items():
            if vocab.REQUIREMENT in ts and k in self.consumed:
                got = dict(self.props[k])
                if (
                    target(got.get(vocab.SG_ROLE)) == role
                    and target(got.get(vocab.SG_SKILL)) == skill
                ):
                    self.consumed.discard(k)

    # ------------------------------------------------------------------ edges
    def edges(self) -> None:
        """Every edge: hierarchies, ESCO relations, then the other requirement nodes.

        Raises:
            FormatError: an edge is invalid or closes a cycle.
        """
        ids = self.node_ids
        seen_req: set[tuple[str, str]] = set()
        try:
            self.hierarchy_edges()
            relation_edges(self, seen_req)  # ESCO's relations: their own module
            _learning.add_edges(self)  # learning resources' edges
            for (role, skill), detail in sorted(self.requirements.items()):
                if (role, skill) not in seen_req:
                    self.store.add_requirement(
                        Requirement(role=ids[role], skill=ids[skill], **detail)
                    )
        except SkillGraphError as exc:
            raise FormatError(str(exc), source=self.source) from None

    def hierarchy_edges(self) -> None:
        """Broader, prerequisite and progression edges of the deferred triples.

        Broader links (tens of thousands in ESCO) are inserted in bulk and checked for a
        cycle once (`Store.add_broader_many`), which names the edge that closes a cycle as
        adding them one at a time would.

        Raises:
            SkillGraphError: an edge is a self-loop or closes a cycle.
        """
        store = self.store
        ids = self.node_ids
        kinds = self.kinds
        up: list[tuple[str, str]] = []
        role, skill, broader = NodeType.ROLE, NodeType.SKILL, vocab.BROADER
        either = (skill, NodeType.GROUP)
        for kind, k, p, o in self.nodes.deferred:
            t = o.value
            tk = kinds.get(t)
            sid = ids[k]
            if kind == role:
                if p == vocab.SG_PROGRESSES_TO and tk == role:
                    store.add_progression(edge(Progression, source=sid, target=ids[t]))
                    continue
            elif p == broader and tk in either:
                tid = ids[t]
                if sid != tid:
                    up.append((sid, tid))
                else:  # a self-loop is refused with the edge's own error
                    store.add_broader(edge(Broader, narrower=sid, broader=ids[t]))
                continue
            elif kind == skill and tk == skill and p == vocab.SG_PREREQUISITE:
                store.add_prerequisite(edge(Prerequisite, prerequisite=ids[t], skill=sid))
                continue
            if tk is None:
                self.lost += 1
            self.keep(k, p, o)
        store.add_broader_many(up, lambda a, b: edge(Broader, narrower=a, broader=b))


def build_graph(
    triples: Iterable[ox.Triple | ox.Quad],
    *,
    source: str = "<rdf>",
    cluster_level: int | None = None,
    progress: Progress | None = None,
    unchecked: bool = False,
    language: str | None = None,
    languages: frozenset[str] | None = None,
    locate: Callable[[str, str], int | None] | None = None,
) -> SkillGraph:
    """A SkillGraph from RDF triples in the skillgraph/ESCO/SKOS vocabulary.

    ``language``: the graph's main language (default: the file's ``sg:language``, else
    English, else the first of ``languages``). ``languages`` (canonical tags, from
    `skillgraph.io.rdf._languages.language_set`): keep only literals in these languages
    (and untagged ones), dropped while the triples stream.

    ``unchecked``: the triples come from a lenient parser; every distinct IRI and language
    tag is validated before the graph is built (`UncheckedTermError` when one is invalid, for
    the caller to parse again strictly and report the error where it is).

    ``locate(iri, node_id)``: the line of an IRI (or of the CURIE it was written as) in
    the input, for messages (None: unknown).

    ``cluster_level`` (1-4) is the ISCO level of the cluster given to ESCO occupations
    (default: the file's ``sg:clusterLevel``, else 3); finer ISCO groups are not clusters.

    Raises:
        FormatError: a node is typed twice, a value is invalid, a hierarchy has a cycle
            (naming the IRI and the file).
        ResourceLimitError: more triples than the limits allow.
        UncheckedTermError: (``unchecked`` only) an IRI or language tag is invalid.
    """
    c = Collected(source)
    if languages is not None:
        triples = language_filter(triples, languages)
    with paused_gc():
        c.collect(triples, progress, unchecked=unchecked)
        if unchecked:
            c.check()
        _esco.normalise(c, languages is not None)
        reader = _Reader(c, cluster_level, locate, language, languages)
        g = reader.build()
        reader.release()
        c.clear()  # free the triples while the collector is still paused
        return g
