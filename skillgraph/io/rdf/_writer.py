"""SkillGraph -> RDF triples as N-Triples term strings, in a deterministic order.

Nodes come in order of IRI, each with its triples in a fixed predicate order and sorted
objects, followed by the extra triples kept about it; then requirement, attribute and
metadata nodes (blank nodes labelled by a counter in that same order); then the remaining
extra triples, sorted. Writing the same graph twice gives the same triples in the same order.

Terms are N-Triples strings (``<iri>``, ``_:label``, ``"text"@en``; see `_literals`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..._store import RequirementValues, store_of
from ...errors import InvalidValueError
from ...model import (
    AttributeValue,
    Cluster,
    Industry,
    Node,
    Resource,
    Role,
    Skill,
    SkillGroup,
    SkillKind,
)
from .. import _esco_conventions as esco
from . import _learning
from . import _vocab as vocab
from ._blocks import CHUNK, CHUNK_TRIPLES, Block, Group
from ._ids import IdMap
from ._literals import (
    FALSE,
    TRUE,
    Triple,
    double_literal,
    iri_term,
    literal,
    literals,
    typed,
    value_literal,
)
from ._ontology_out import ontology_blocks

if TYPE_CHECKING:
    from ...graph import SkillGraph

__all__ = [
    "CHUNK",
    "CHUNK_TRIPLES",
    "Block",
    "Group",
    "graph_blocks",
]

_N = iri_term
_TYPE = _N(vocab.TYPE)
_P_ESSENTIAL = _N(vocab.ESSENTIAL)
_P_OPTIONAL = _N(vocab.OPTIONAL)
_CONCEPT = _N(vocab.CONCEPT)
_PREF_LABEL = _N(vocab.PREF_LABEL)
_DESCRIPTION = _N(vocab.DESCRIPTION)
_ALT_LABEL = _N(vocab.ALT_LABEL)
_HIDDEN_LABEL = _N(vocab.HIDDEN_LABEL)
_BROADER = _N(vocab.BROADER)
_SKILL_TYPE = _N(vocab.SKILL_TYPE)
_SG_KIND = _N(vocab.SG_KIND)
_REUSE_LEVEL = _N(vocab.REUSE_LEVEL)
_SG_TAG = _N(vocab.SG_TAG)
_SG_PREREQUISITE = _N(vocab.SG_PREREQUISITE)
_SG_ATTRIBUTE = _N(vocab.SG_ATTRIBUTE)
_SKILL = _N(vocab.SKILL)
_OCCUPATION = _N(vocab.OCCUPATION)
_SKILL_GROUP = _N(vocab.SKILL_GROUP)
_ISCO_GROUP = _N(vocab.ISCO_GROUP)
_CLUSTER = _N(vocab.CLUSTER)
_INDUSTRY = _N(vocab.INDUSTRY)
_ESCO_CODE = _N(vocab.ESCO_CODE)
_NOTATION = _N(vocab.NOTATION)


# objects shared by many groups: tuples, so that no writer can change them
_SKILL_TYPES = (_SKILL, _CONCEPT)
_KIND_OBJECTS = {kind: (_N(esco.skill_type_iri(kind)),) for kind in SkillKind}
_KIND_LITERALS = {
    kind: (literal(kind.value),) for kind in (SkillKind.COMPETENCE, SkillKind.TECHNOLOGY)
}
_REUSE_OBJECTS: dict[Any, tuple[str]] = {}


def _related_groups(related: Any, nt: Any) -> list[Group]:
    """Related-skill links: the essential ones, then the optional ones, each by target id."""
    out: list[Group] = []
    for pred, essential in ((_P_ESSENTIAL, True), (_P_OPTIONAL, False)):
        targets = sorted(e.related for e in related.values() if e.essential == essential)
        if targets:
            out.append((pred, [nt(t) for t in targets]))
    return out


class _Writer:
    def __init__(self, graph: SkillGraph, cluster_level: int | None) -> None:
        self.g = graph
        self.store = store_of(graph)
        self.ids = IdMap(graph.prefixes)
        if cluster_level is None:
            codes = [esco.isco_code(c) for c in graph.clusters]
            cluster_level = max((len(c) for c in codes if c), default=esco.DEFAULT_CLUSTER_LEVEL)
        self.level = cluster_level
        self.blank = 0
        self.extra = _group_extra(graph)
        nt = self.ids.nt
        self.nt: dict[str, str] = {i: nt(i) for i in graph.nodes}  # id -> <iri>, once a node
        if len(set(self.nt.values())) < len(self.nt):
            _refuse_shared_iris(self.nt)
        parents: dict[str, str] = {}
        broader_nt = f"<{vocab.BROADER}>"
        roles = {self.nt[r]: r for r in graph.roles}
        for s, p, o in graph.extra_triples:
            if p == broader_nt and s in roles and o in roles:
                parents.setdefault(roles[s], roles[o])
        self.parents = parents
        plain = (esco.ESSENTIAL_IMPORTANCE, esco.OPTIONAL_IMPORTANCE)
        self.requirements = self.store.requirements_split(plain)  # lists, no maps built

    def new_blank(self, kind: str) -> str:
        self.blank += 1
        return f"_:sg{kind}{self.blank}"

    def run(self) -> Iterator[Block]:
        g = self.g
        yield from self.ontology()
        node_nt = self.nt
        undeclared = self.store.placeholders()  # named by a role or cluster: not written
        nodes = sorted(
            (n for n in g.nodes.values() if n.id not in undeclared),
            key=lambda n: node_nt[n.id][1:-1],  # by IRI
        )
        pending: list[tuple[str, list[tuple[str, str]]]] = []
        extra = self.extra
        for nd in nodes:
            subj = node_nt[nd.id]
            groups = self.node(nd, pending)
            more = extra.pop(subj, None)
            if more:
                groups.extend([(p, [o]) for _, p, o in more])
            yield subj, groups
        for bsubj, props in pending:
            yield bsubj, [(_N(pred), [obj]) for pred, obj in props]
        for key in sorted(extra):
            yield key, [(p, [o]) for _, p, o in extra[key]]

    def ontology(self) -> list[Block]:
        g = self.g
        used = {i.partition(":")[0] for i in g.nodes if ":" in i} & set(g.prefixes)
        meta = (g.language, g.metadata, g.prefixes)
        return ontology_blocks(*meta, level=self.level, used=used, new_blank=self.new_blank)

    # ------------------------------------------------------------------ nodes
    def target(self, node_id: str) -> str:
        """``<iri>`` of a node id (of the graph's nodes, or any other id)."""
        found = self.nt.get(node_id)
        return found if found is not None else self.ids.nt(node_id)

    def node(
        self,
        nd: Node,
        pending: list[tuple[str, list[tuple[str, str]]]],
    ) -> list[Group]:
        store = self.store
        target = self.target
        attributes: Any = nd.attributes  # copied before a change (roles' isco_code)
        after: list[Group] = []
        add_after = after.append
        cls = type(nd)
        code: str | None = None
        if cls is Skill:
            assert isinstance(nd, Skill)
            groups: list[Group] = [(_TYPE, _SKILL_TYPES)]
            kind = nd.kind
            if kind is SkillKind.COMPETENCE or kind is SkillKind.TECHNOLOGY:
                add_after((_SG_KIND, _KIND_LITERALS[kind]))
            add_after((_SKILL_TYPE, _KIND_OBJECTS[kind]))
            reuse = nd.reuse
            if reuse is not None:
                found = _REUSE_OBJECTS.get(reuse)
                if found is None:
                    found = _REUSE_OBJECTS[reuse] = (_N(esco.REUSE_PREFIX + reuse.value),)
                add_after((_REUSE_LEVEL, found))
            broader = store.broader_of(nd.id)
            if broader:
                add_after((_BROADER, [target(b) for b in sorted(broader)]))
            if nd.tags:
                add_after((_SG_TAG, literals(sorted(set(nd.tags)))))
            related = store.related_of(nd.id)
            if related:
                after.extend(_related_groups(related, target))
            prereqs = store.prerequisites_of(nd.id)
            if prereqs:
                add_after((_SG_PREREQUISITE, [target(pre) for pre in sorted(prereqs)]))
        elif cls is Role:
            assert isinstance(nd, Role)
            groups = [(_TYPE, [_OCCUPATION, _CONCEPT])]
            attributes = dict(attributes)
            self.role(nd, attributes, after, pending)
            code = nd.code
        elif cls is SkillGroup:
            assert isinstance(nd, SkillGroup)
            groups = [(_TYPE, [_SKILL_GROUP, _CONCEPT])]
            broader = store.broader_of(nd.id)
            if broader:
                add_after((_BROADER, [target(b) for b in sorted(broader)]))
            code = nd.code
        elif cls is Cluster:
            assert isinstance(nd, Cluster)
            isco = esco.isco_code(self.ids.iri(nd.id))
            groups = [(_TYPE, [_ISCO_GROUP if isco else _CLUSTER, _CONCEPT])]
            if nd.broader is not None:
                add_after((_BROADER, [target(nd.broader)]))
            code = nd.code
        elif cls is Industry:
            assert isinstance(nd, Industry)
            groups = [(_TYPE, [_INDUSTRY])]
            code = nd.code
        elif cls is Resource:  # learning resources: their own module
            assert isinstance(nd, Resource)
            groups = _learning.resource_groups(self, nd, after, pending)
        else:  # pragma: no cover - every node type is handled above
            raise InvalidValueError(f"unknown node type {type(nd).__name__}", id=nd.id)
        if code is not None:
            add_after((_ESCO_CODE if cls is Role else _NOTATION, [literal(code)]))
        self.labels(nd, groups)
        groups.extend(after)
        if attributes:
            blanks = []
            for key in sorted(attributes):
                blank = self.new_blank("a")
                blanks.append(blank)
                pending.append(
                    (
                        blank,
                        [
                            (vocab.SG_KEY, literal(key)),
                            (vocab.SG_VALUE, value_literal(attributes[key])),
                        ],
                    )
                )
            groups.append((_SG_ATTRIBUTE, blanks))
        return groups

    def labels(self, nd: Node, groups: list[Group]) -> None:
        add = groups.append
        lang = self.g.language
        order: dict[str, list[str]] = {}
        add((_PREF_LABEL, [literal(nd.label, lang)]))
        if nd.alt_labels:
            self.label_list(groups, _ALT_LABEL, nd.alt_labels, lang, "alt_labels", order)
        if nd.hidden_labels:
            self.label_list(groups, _HIDDEN_LABEL, nd.hidden_labels, lang, "hidden_labels", order)
        if nd.description:
            add((_DESCRIPTION, [literal(nd.description, lang)]))
        translations = nd.translations
        for tag in sorted(translations) if translations else ():
            tr = translations[tag]
            if tag == lang or not tag:
                raise InvalidValueError(
                    f"node {nd.id!r}: translation language {tag!r} is the graph's own language",
                    id=nd.id,
                    field="translations",
                )
            if tr.label is not None:
                add((_PREF_LABEL, [literal(tr.label, tag)]))
            self.label_list(groups, _ALT_LABEL, tr.alt_labels, tag, f"alt_labels@{tag}", order)
            self.label_list(
                groups, _HIDDEN_LABEL, tr.hidden_labels, tag, f"hidden_labels@{tag}", order
            )
            if tr.description is not None:
                add((_DESCRIPTION, [literal(tr.description, tag)]))
        if isinstance(nd, Role) and nd.industries and list(nd.industries) != sorted(nd.industries):
            order["industries"] = list(nd.industries)
        if isinstance(nd, Skill) and nd.tags and list(nd.tags) != sorted(set(nd.tags)):
            order["tags"] = list(nd.tags)
        if order:
            text = json.dumps(order, ensure_ascii=False, sort_keys=True)
            add((_N(vocab.SG_LIST_ORDER), [literal(text)]))

    @staticmethod
    def label_list(
        groups: list[Group],
        pred: str,
        values: Sequence[str],
        lang: str,
        key: str,
        order: dict[str, list[str]],
    ) -> None:
        if not values:
            return
        unique = sorted(set(values))
        groups.append((pred, literals(unique, lang)))
        if list(values) != unique:
            order[key] = list(values)

    def role(
        self,
        nd: Role,
        attributes: dict[str, AttributeValue],
        after: list[Group],
        pending: list[tuple[str, list[tuple[str, str]]]],
    ) -> None:
        ids = self.ids
        target = self.target
        code = attributes.get("isco_code")
        esco_form = (
            isinstance(code, str)
            and code.isascii()
            and code.isdigit()
            and 1 <= len(code) <= 4
            and nd.cluster == esco.cluster_id(code, self.level)
            and nd.level == esco.isco_skill_level(code)
        )
        if esco_form:
            assert isinstance(code, str)
            del attributes["isco_code"]
            parent = self.parents.get(nd.id)
            inherited = parent is not None and _isco_of(self.g, parent) == code
            if not inherited:
                after.append((_BROADER, [_N(esco.isco_iri(code))]))
        else:
            if nd.cluster is not None:
                after.append((_N(vocab.SG_CLUSTER), [target(nd.cluster)]))
            if nd.level is not None:
                after.append((_N(vocab.SG_LEVEL), [typed(str(nd.level), vocab.XSD_INTEGER)]))
        if nd.industries:
            after.append((_N(vocab.SG_INDUSTRY), [target(i) for i in sorted(nd.industries)]))
        split = self.requirements.get(nd.id)
        if split is not None:
            by_nt = self.nt.__getitem__
            essential_ids, optional_ids, special = split
            if essential_ids:
                after.append((_P_ESSENTIAL, sorted(map(by_nt, essential_ids))))
            if optional_ids:
                after.append((_P_OPTIONAL, sorted(map(by_nt, optional_ids))))
            if special:
                self.requirement_nodes(nd, special, pending)
        progressions = self.g.progressions_from(nd.id)
        if progressions:
            after.append((_N(vocab.SG_PROGRESSES_TO), [ids.nt(t) for t in progressions]))

    def requirement_nodes(
        self,
        nd: Role,
        special: list[RequirementValues],
        pending: list[tuple[str, list[tuple[str, str]]]],
    ) -> None:
        """``sg:Requirement`` nodes for the requirements ESCO's two relations cannot say
        (``special``: the third list of the role's ``requirements_split`` entry)."""
        node_nt = self.nt
        ordered = sorted([(node_nt[s], e, i, x) for s, e, i, x in special], key=lambda t: t[0])
        for target, ess, imp, extra in ordered:
            level, source, scale = extra if extra is not None else (None, None, None)
            b = self.new_blank("r")
            props: list[tuple[str, str]] = [
                (vocab.TYPE, _N(vocab.REQUIREMENT)),
                (vocab.SG_ROLE, node_nt[nd.id]),
                (vocab.SG_SKILL, target),
                (vocab.SG_ESSENTIAL, TRUE if ess else FALSE),
                (vocab.SG_IMPORTANCE, double_literal(imp)),
            ]
            if level is not None:
                props.append((vocab.SG_LEVEL, double_literal(level)))
            if source is not None:
                props.append((vocab.SG_SOURCE, literal(source)))
            if scale is not None:
                props.append((vocab.SG_SCALE, literal(scale)))
            pending.append((b, props))


def _refuse_shared_iris(nt: dict[str, str]) -> None:
    """Raise for the first two node ids that stand for one IRI (``e:a``, ``http://e.org/a``).

    Raises:
        InvalidValueError: naming both ids and the IRI.
    """
    seen: dict[str, str] = {}
    for node_id in sorted(nt):
        other = seen.setdefault(nt[node_id], node_id)
        if other != node_id:
            raise InvalidValueError(
                f"nodes {other!r} and {node_id!r} both stand for the IRI {nt[node_id]}: RDF "
                "cannot keep them apart (rename one, or drop the prefix that expands to it)",
                id=node_id,
                field="id",
            )


def _isco_of(g: SkillGraph, role_id: str) -> str | None:
    role = g.roles.get(role_id)
    code = role.attributes.get("isco_code") if role is not None else None
    return code if isinstance(code, str) else None


def _group_extra(graph: SkillGraph) -> dict[str, list[Triple]]:
    """The graph's extra triples grouped by subject, sorted.

    Blank nodes labelled like the writer's own (``_:sg…``) are renamed ``_:sg_…``, which
    the writer never makes, so that they stay apart from its attribute, requirement and
    ontology nodes (the reader relabels every blank node anyway).
    """
    out: dict[str, list[Triple]] = {}
    for t in sorted(_apart(t) for t in graph.extra_triples):
        out.setdefault(t[0], []).append(t)
    return out


def _apart(t: Triple) -> Triple:
    s, p, o = t
    if s.startswith("_:sg") or o.startswith("_:sg"):
        return (
            "_:sg_" + s[4:] if s.startswith("_:sg") else s,
            p,
            "_:sg_" + o[4:] if o.startswith("_:sg") else o,
        )
    return t


def graph_blocks(graph: SkillGraph, *, cluster_level: int | None = None) -> Iterator[Block]:
    """Every triple of ``graph`` in the skillgraph/ESCO/SKOS vocabulary, in a stable order,
    grouped by subject.

    Made while iterated, so that a writer need not hold them all. Consecutive blocks may
    share a subject.

    ``cluster_level`` is the ISCO level at which the ESCO reader derives clusters (default:
    the longest ISCO code among the graph's clusters, else 3; recorded when not 3): roles
    whose cluster, level and ``isco_code`` attribute follow that convention are written in
    ESCO's form (``skos:broader`` to the ISCO unit group), others with ``sg:cluster``.

    Nothing is done before the first block is asked for (so that the writers' pause of
    the garbage collector covers the writer's set-up too, which builds its tables).

    Raises:
        InvalidValueError: a translation key is not a valid language tag, or two node ids
            stand for one IRI.
    """
    yield from _Writer(graph, cluster_level).run()
