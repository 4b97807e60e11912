"""The streaming converter's nodes: one subject's triples -> the writer's groups, or refusal.

`NodeGroups` mirrors what the model path (`_nodes` reading, `_writer` writing) makes of
the plain shapes of skills, skill groups, clusters, industries and roles: labels in the graph's
language, the ESCO relations, broader links, codes, skill kinds and reuse levels, tags,
``sg:cluster`` / ``sg:level``. Anything else it might read differently (translations,
attributes, list orders, ESCO's own shapes, duplicated values, links to what is not a node
of the right kind...) raises `UnsureError`, and the caller converts through the model instead.
Triples outside the vocabularies the reader interprets are kept, as the model path keeps
them (N-Triples terms, written after the node's own groups).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from ..._kinds import NodeType, ReuseLevel, SkillKind
from ..._lang import canonical_language
from .. import _esco_conventions as esco
from . import _esco
from . import _vocab as vocab
from ._literals import Triple, iri_term, literal, literals, typed
from ._node_types import NODE_TYPES, SCHEMA
from ._stream_terms import language, lit_text, nt, value

__all__ = [
    "RESERVED",
    "DeclinedError",
    "NodeGroups",
    "UnsureError",
    "cycle",
    "extra_triple",
    "reserved",
]


class UnsureError(Exception):
    """The streaming converter cannot promise the model path's output for this input."""


class DeclinedError(UnsureError):
    """The input holds what the converter never takes, whatever the order of its triples
    (a kind of node, a byte order mark, more triples than the limits allow)."""


#: Namespaces whose terms the reader may interpret: a predicate (or ``rdf:type`` object) in
#: one of them that `NodeGroups` does not take means "convert through the model".
RESERVED = (
    vocab.RDF,
    "http://www.w3.org/2000/01/rdf-schema#",
    vocab.XSD,
    vocab.SKOS,
    vocab.DCTERMS,
    vocab.OWL,
    "https://w3id.org/skillgraph/",
    SCHEMA,
    _esco.SKOSXL,
    _esco.ISO_THES,
    esco.ESCO,
)
_RESERVED_CACHE: dict[str, bool] = {}


def reserved(iri: str) -> bool:
    """Whether ``iri`` lies in a namespace the reader interprets (cached)."""
    found = _RESERVED_CACHE.get(iri)
    if found is None:
        found = _RESERVED_CACHE[iri] = iri.startswith(RESERVED)
    return found


_N = iri_term
#: the node kinds handled, with their rdf:type objects (as the writer writes them)
_OWN = {
    kind: frozenset(t for t, n in NODE_TYPES.items() if n == kind)
    for kind in (NodeType.SKILL, NodeType.GROUP, NodeType.CLUSTER, NodeType.INDUSTRY, NodeType.ROLE)
}
_TYPES = {
    NodeType.SKILL: (_N(vocab.SKILL), _N(vocab.CONCEPT)),
    NodeType.GROUP: (_N(vocab.SKILL_GROUP), _N(vocab.CONCEPT)),
    NodeType.CLUSTER: (_N(vocab.CLUSTER), _N(vocab.CONCEPT)),
    NodeType.INDUSTRY: (_N(vocab.INDUSTRY),),
    NodeType.ROLE: (_N(vocab.OCCUPATION), _N(vocab.CONCEPT)),
}
KINDS = frozenset(_OWN)
#: the rdf:type objects the writer writes itself for each kind (no other to keep)
_WRITTEN_TYPES = {
    kind: own | ({vocab.CONCEPT} if kind != NodeType.INDUSTRY else set())
    for kind, own in _OWN.items()
}
_TYPE, _CONCEPT = vocab.TYPE, vocab.CONCEPT
#: the predicates `NodeGroups` takes (other vocabulary predicates: unsure)
_HANDLED = frozenset(
    {
        vocab.PREF_LABEL,
        vocab.ALT_LABEL,
        vocab.HIDDEN_LABEL,
        vocab.DESCRIPTION,
        vocab.SKILL_TYPE,
        vocab.SG_KIND,
        vocab.REUSE_LEVEL,
        vocab.BROADER,
        vocab.SG_TAG,
        vocab.ESSENTIAL,
        vocab.OPTIONAL,
        vocab.SG_PREREQUISITE,
        vocab.NOTATION,
        vocab.SG_CLUSTER,
        vocab.SG_LEVEL,
        vocab.ESCO_CODE,
        vocab.SG_INDUSTRY,
    }
)
_KIND_VALUES = {k.value: k for k in SkillKind}
_WRITTEN_KIND = (SkillKind.COMPETENCE, SkillKind.TECHNOLOGY)  # with sg:kind
_REUSE = {esco.REUSE_PREFIX + r.value: r for r in ReuseLevel}
#: the types of a list of link objects that are all IRIs (the converter keeps IRIs as ``str``)
_ONLY_IRIS = frozenset({str})
_ONLY_LITERALS = frozenset({tuple})  # `_stream_terms.Lit`
#: a predicate and its objects, as `skillgraph.io.rdf._writer.Group`
Group = tuple[str, Sequence[str]]
#: a relation's links checked once every node is known: narrower or owner IRI -> targets
Links = dict[str, Sequence[str]]

# the predicates' terms, as the writer writes them
_T_TYPE, _T_PREF, _T_DESC = _N(vocab.TYPE), _N(vocab.PREF_LABEL), _N(vocab.DESCRIPTION)
_T_LABELS = ((vocab.ALT_LABEL, _N(vocab.ALT_LABEL)), (vocab.HIDDEN_LABEL, _N(vocab.HIDDEN_LABEL)))
_T_RELATIONS = ((vocab.ESSENTIAL, _N(vocab.ESSENTIAL)), (vocab.OPTIONAL, _N(vocab.OPTIONAL)))
_T_BROADER, _T_TAG = _N(vocab.BROADER), _N(vocab.SG_TAG)
#: a skill's kind -> its ``sg:kind`` (competence and technology only) and
#: ``esco:skillType`` groups (their objects tuples shared by every skill: never changed)
_KIND_GROUPS: dict[SkillKind, tuple[Group, ...]] = {
    kind: (
        *([(_N(vocab.SG_KIND), (literal(kind.value),))] if kind in _WRITTEN_KIND else []),
        (_N(vocab.SKILL_TYPE), (_N(esco.skill_type_iri(kind)),)),
    )
    for kind in SkillKind
}
#: a reuse level's IRI -> its ``esco:skillReuseLevel`` group (shared)
_REUSE_GROUPS: dict[str, Group] = {
    iri: (_N(vocab.REUSE_LEVEL), (_N(esco.REUSE_PREFIX + r.value),)) for iri, r in _REUSE.items()
}


#: the kinds of link targets: name -> the node kinds it holds
_TARGETS = {
    "skills": (NodeType.SKILL,),
    "skills_groups": (NodeType.SKILL, NodeType.GROUP),
    "clusters": (NodeType.CLUSTER,),
    "industries": (NodeType.INDUSTRY,),
}


def _targets_of(kinds: dict[str, NodeType]) -> dict[str, frozenset[str]]:
    """The nodes of each kind of link target (`_TARGETS`)."""
    return {
        name: frozenset(t for t, n in kinds.items() if n in allowed)
        for name, allowed in _TARGETS.items()
    }


class NodeGroups:
    """Reads the plain node shapes of one input (see the module)."""

    def __init__(
        self,
        language: str,
        kinds: dict[str, NodeType] | None,
        node_id: dict[str, str] | None,
        keep: Callable[[str, str, Any], None],
    ) -> None:
        """``kinds`` and ``node_id``: every node's kind and id, or None for input read
        one subject at a time (the links then checked by `settle`, once all is read, and
        sorted by IRI: `settle`'s caller checks that this is the order of their ids)."""
        self.lang = language
        self.keep = keep
        self.tags: dict[str, str] = {}
        #: the raw language tags of literals found in the graph's language
        self.own_tags: set[str] = set()
        #: each relation's links, for the cycle checks
        self.links: dict[str, Links] = {"broader": {}, "prerequisite": {}, "cluster": {}}
        self.requirements = 0
        #: the link targets of each kind of target, checked by `settle` (kinds not known)
        self.wanted: dict[str, set[str]] = {name: set() for name in _TARGETS}
        self.of: dict[str, frozenset[str]] | None = None
        self.same_order = True
        self.node_id: dict[str, str] = {}
        if kinds is not None and node_id is not None:
            self.of = _targets_of(kinds)
            #: whether sorting nodes by IRI sorts them by id too (the writer's order of
            #: links): then link targets sort as strings, without a key
            by_iri = sorted(node_id)
            self.same_order = all(node_id[a] < node_id[b] for a, b in pairwise(by_iri))
            if not self.same_order:  # else the ids are not needed
                self.node_id = node_id

    def settle(self, kinds: dict[str, NodeType]) -> None:
        """Check the links read while the kinds were not known against ``kinds``.

        Raises:
            UnsureError: a link to what is not a node of its kind.
        """
        of = _targets_of(kinds)
        for name, found in self.wanted.items():
            if not found <= of[name]:
                raise UnsureError("a link to what is not a node of its kind")

    def _tag_ok(self, o: Any) -> bool:
        """Whether literal ``o`` is in the graph's language, as the reader decides it."""
        raw = o[1]
        if raw is None:
            if o[2] != vocab.XSD_STRING:
                raise UnsureError("a label of another datatype")
            return bool(self.lang)
        tags = self.tags
        tag = tags.get(raw) or tags.setdefault(raw, canonical_language(language(o)))
        if tag == self.lang:
            self.own_tags.add(raw)
            return True
        return False

    def _all_own(self, values: list[Any]) -> bool:
        """Whether every one of ``values`` is a literal in the graph's language."""
        if not _ONLY_LITERALS.issuperset(map(type, values)):
            return False
        if self.own_tags.issuperset([o[1] for o in values]):
            return True  # every tag seen in the graph's language before (None never is)
        return all(map(self._tag_ok, values))

    def _targets(self, k: str, objs: list[Any], allowed: str) -> list[str]:
        """The IRIs of ``objs``: IRIs (``str``) of nodes of ``allowed`` (a `_TARGETS`
        name; checked by `settle` when the kinds are not known), none twice, not ``k``."""
        if not _ONLY_IRIS.issuperset(map(type, objs)):
            raise UnsureError("a link to a literal or blank node")
        out: list[str] = objs
        found = set(out)
        if len(found) != len(out) or k in found:
            raise UnsureError("a link given twice, or to itself")
        if self.of is None:
            self.wanted[allowed] |= found
        elif not found <= self.of[allowed]:
            raise UnsureError("a link to what is not a node of its kind")
        return out

    def by_id(self, iris: list[str]) -> list[str]:
        """``<iri>`` of each (nodes), in order of node id (the writer's order)."""
        iris = sorted(iris) if self.same_order else sorted(iris, key=self.node_id.__getitem__)
        return [f"<{i}>" for i in iris]  # made a link (a dict of them: 100 bytes a node)

    def by_iri(self, iris: list[str]) -> list[str]:
        """``<iri>`` of each (nodes), sorted as such (the writer's order of requirements)."""
        return sorted([f"<{i}>" for i in iris])

    def groups(self, k: str, kind: NodeType, by: dict[str, list[Any]]) -> list[Group]:
        """The writer's groups for node ``k`` from its objects ``by`` predicate (emptied;
        its kept triples go to ``keep``).

        Raises:
            UnsureError: a triple the model path might read otherwise.
        """
        types = by.pop(_TYPE, None)
        if types is not None and not _WRITTEN_TYPES[kind].issuperset(types):
            own = _OWN[kind]
            for o in types:
                if type(o) is not str:
                    raise UnsureError("rdf:type of a literal")
                t = o
                if t in own or (t == _CONCEPT and kind != NodeType.INDUSTRY):
                    continue
                if reserved(t):
                    raise UnsureError("a vocabulary type the converter does not take")
                self.keep(k, _TYPE, o)
        if not _HANDLED.issuperset(by):
            for p in [p for p in by if p not in _HANDLED]:
                if reserved(p):
                    raise UnsureError("a vocabulary predicate the converter does not take")
                for o in by.pop(p):
                    self.keep(k, p, o)
        lang = self.lang
        pref = by.pop(vocab.PREF_LABEL, ())
        if len(pref) != 1 or type(pref[0]) is not tuple or not self._tag_ok(pref[0]):
            raise UnsureError("not one prefLabel in the graph's language")
        label = pref[0][0]
        if not label.strip():
            raise UnsureError("a blank label")
        out: list[Group] = [(_T_TYPE, _TYPES[kind]), (_T_PREF, [literal(label, lang)])]
        for p, term in _T_LABELS:
            values = by.pop(p, None)
            if values:
                if not self._all_own(values):
                    raise UnsureError("a label in another language")
                out.append((term, literals(sorted({o[0] for o in values}), lang)))
        desc = by.pop(vocab.DESCRIPTION, None)
        if desc:
            o = desc[0]
            if len(desc) != 1 or type(o) is not tuple or not self._tag_ok(o) or not o[0]:
                raise UnsureError("not one description in the graph's language")
            out.append((_T_DESC, [literal(o[0], lang)]))
        if kind == NodeType.SKILL:
            self.skill(k, by, out)
        elif kind == NodeType.ROLE:
            self.role(k, by, out)
        else:
            self.group_or_cluster(k, kind, by, out)
        if by:
            raise UnsureError("a vocabulary predicate the converter does not take")
        return out

    def _one_text(self, by: dict[str, list[Any]], p: str) -> str | None:
        values = by.pop(p, None)
        if values is None:
            return None
        if len(values) != 1 or lit_text(values[0]) is None or values[0][1] is not None:
            raise UnsureError("not one plain string")
        return str(values[0][0])

    def skill(self, k: str, by: dict[str, list[Any]], out: list[Group]) -> None:
        types = by.pop(vocab.SKILL_TYPE, ())
        if len(types) != 1 or type(types[0]) is not str:
            raise UnsureError("not one skill type")
        kind = esco.skill_kind(types[0])
        if kind is None:
            raise UnsureError("an unknown skill type")
        if vocab.SG_KIND in by:
            override = self._one_text(by, vocab.SG_KIND)
            if override is None or override not in _KIND_VALUES:
                raise UnsureError("an unknown sg:kind")
            kind = _KIND_VALUES[override]
        out.extend(_KIND_GROUPS[kind])
        reuse = by.pop(vocab.REUSE_LEVEL, None)
        if reuse is not None:
            iri = reuse[0] if type(reuse[0]) is str else None
            if len(reuse) != 1 or iri not in _REUSE:
                raise UnsureError("not one known reuse level")
            out.append(_REUSE_GROUPS[iri])
        self.broader(k, by, out)
        tags = by.pop(vocab.SG_TAG, None)
        if tags is not None:
            if any(lit_text(o) is None for o in tags):
                raise UnsureError("a tag that is no string")
            out.append((_T_TAG, literals(sorted({o[0] for o in tags}))))
        self.relations(k, by, out, self.by_id)
        pre = by.pop(vocab.SG_PREREQUISITE, None)
        if pre is not None:
            targets = self._targets(k, pre, "skills")
            self.links["prerequisite"][k] = targets
            out.append((_N(vocab.SG_PREREQUISITE), self.by_id(targets)))

    def relations(
        self,
        k: str,
        by: dict[str, list[Any]],
        out: list[Group],
        order: Callable[[list[str]], list[str]],
    ) -> int:
        """ESCO's essential, then optional relations of ``k`` to skills (each skill once),
        their objects in ``order``; the number of skills."""
        linked: set[str] = set()
        for p, term in _T_RELATIONS:
            objs = by.pop(p, None)
            if objs is not None:
                targets = self._targets(k, objs, "skills")
                if not linked.isdisjoint(targets):
                    raise UnsureError("a skill linked twice")
                linked.update(targets)
                out.append((term, order(targets)))
        return len(linked)

    def broader(self, k: str, by: dict[str, list[Any]], out: list[Group]) -> None:
        objs = by.pop(vocab.BROADER, None)
        if objs is not None:
            targets = self._targets(k, objs, "skills_groups")
            self.links["broader"][k] = tuple(targets)  # smaller than the list
            out.append((_T_BROADER, self.by_id(targets)))

    def group_or_cluster(
        self, k: str, kind: NodeType, by: dict[str, list[Any]], out: list[Group]
    ) -> None:
        if kind == NodeType.GROUP:
            self.broader(k, by, out)
        elif kind == NodeType.CLUSTER:
            objs = by.pop(vocab.BROADER, None)
            if objs is not None:
                if len(objs) != 1:
                    raise UnsureError("a cluster with several broader clusters")
                (t,) = self._targets(k, objs, "clusters")
                self.links["cluster"][k] = (t,)
                out.append((_N(vocab.BROADER), [_N(t)]))
        code = self._one_text(by, vocab.NOTATION)
        if code is not None:
            out.append((_N(vocab.NOTATION), [literal(code)]))

    def role(self, k: str, by: dict[str, list[Any]], out: list[Group]) -> None:
        cluster = by.pop(vocab.SG_CLUSTER, None)
        if cluster is not None:
            if len(cluster) != 1:
                raise UnsureError("a role in several clusters")
            (t,) = self._targets(k, cluster, "clusters")
            out.append((_N(vocab.SG_CLUSTER), [_N(t)]))
        level = by.pop(vocab.SG_LEVEL, None)
        if level is not None:
            number = value(level[0])
            if len(level) != 1 or type(number) is not int:
                raise UnsureError("not one integer level")
            out.append((_N(vocab.SG_LEVEL), [typed(str(number), vocab.XSD_INTEGER)]))
        industries = by.pop(vocab.SG_INDUSTRY, None)
        if industries is not None:
            out.append(
                (_N(vocab.SG_INDUSTRY), self.by_id(self._targets(k, industries, "industries")))
            )
        self.requirements += self.relations(k, by, out, self.by_iri)
        code = self._one_text(by, vocab.ESCO_CODE)
        if code is not None:
            out.append((_N(vocab.ESCO_CODE), [literal(code)]))


def extra_triple(k: str, p: str, o: Any) -> Triple:
    """A kept triple as the reader keeps it (N-Triples terms; ``o`` as `_stream_terms`
    holds objects)."""
    return (k if k[:2] == "_:" else f"<{k}>", f"<{p}>", nt(o))


def cycle(out: Links) -> bool:
    """Whether the directed links (from -> targets) close a cycle."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    for start in out:
        if start in state:
            continue
        stack = [(start, iter(out.get(start, ())))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return True
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(out.get(nxt, ()))))
    return False
