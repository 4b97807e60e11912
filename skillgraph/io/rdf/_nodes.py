"""Pass 2 of reading RDF, the nodes: one typed subject's triples -> the fields of its node.

Labels, descriptions, translations, attributes and list orders are common to every kind
of node (`NodeReader.common`); each kind then takes its own predicates. A triple no field
takes is kept as an extra triple; links to other nodes (broader, prerequisite,
progression) are deferred until every node exists.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from ..._lang import canonical_language
from ..._trusted import trusted_node
from ...errors import FormatError, SkillGraphError
from ...model import (
    AttributeValue,
    Cluster,
    Industry,
    Node,
    NodeType,
    Resource,
    ReuseLevel,
    Role,
    Skill,
    SkillGroup,
    SkillKind,
    Translation,
)
from .. import _esco_conventions as esco
from . import _learning
from . import _vocab as vocab
from ._ids import IdMap
from ._node_types import NODE_TYPES
from ._terms import Prop, key, target, text, typed_value

__all__ = ["NODE_TYPES", "Deferred", "Fields", "NodeReader"]

_OWN_TYPES: dict[NodeType, frozenset[str]] = {
    kind: frozenset(t for t, n in NODE_TYPES.items() if n == kind) for kind in NodeType
}
_CLASSES: dict[NodeType, type[Node]] = {
    NodeType.CLUSTER: Cluster,
    NodeType.INDUSTRY: Industry,
    NodeType.GROUP: SkillGroup,
    NodeType.SKILL: Skill,
    NodeType.ROLE: Role,
    NodeType.RESOURCE: Resource,
}
_LABEL_PREDICATES = frozenset(
    {vocab.PREF_LABEL, vocab.ALT_LABEL, vocab.HIDDEN_LABEL, vocab.DESCRIPTION}
)
_SKILL_KINDS = frozenset(SkillKind)
_PREF, _ALT, _HIDDEN = vocab.PREF_LABEL, vocab.ALT_LABEL, vocab.HIDDEN_LABEL
_TYPE, _CONCEPT = vocab.TYPE, vocab.CONCEPT
_SKILL_TYPE, _REUSE_LEVEL, _BROADER = vocab.SKILL_TYPE, vocab.REUSE_LEVEL, vocab.BROADER

#: A link to another node, read once every node exists: (kind, subject key, predicate, object).
Deferred = tuple[NodeType, str, str, Any]
#: ``keep(subject key, predicate, object)``: keep a triple as an extra triple.
Keep = Callable[[str, str, Any], None]
#: ``pair(blank key, key predicate, value predicate, size)``: a consumed (key, value) node.
Pair = Callable[[str, str, str, int], "tuple[str, AttributeValue] | None"]


class Fields:
    """A node's fields as read, the triples left for its kind, and its list order."""

    def __init__(
        self, fields: dict[str, Any], rest: list[Prop], order: dict[str, list[str]] | None
    ) -> None:
        self.fields = fields
        self.rest = rest
        self.order = order

    def ordered(self, name: str, values: list[str]) -> tuple[str, ...]:
        """``values`` in the order the file records for list ``name``, else sorted."""
        order = self.order
        if order is not None and name in order and set(order[name]) == set(values):
            return tuple(order[name])
        return tuple(sorted(set(values)))


class NodeReader:
    """Reads the typed subjects of one input into nodes."""

    def __init__(
        self,
        props: dict[str, list[Prop]],
        kinds: dict[str, NodeType],
        ids: IdMap,
        language: str,
        keep: Keep,
        pair: Pair,
        source: str,
    ) -> None:
        self.props = props
        self.kinds = kinds
        self.ids = ids
        self.node_ids = {k: ids.id(k) for k in kinds}
        self.language = language
        self.keep = keep
        self.pair = pair
        self.source = source
        self.tags: dict[str, str] = {}  # language tag as read -> canonical case
        self._skill_kinds: dict[str, SkillKind | None] = {}
        self._reuse_levels: dict[str, ReuseLevel | None] = {}
        #: links to other nodes, read once every node exists
        self.deferred: list[Deferred] = []
        #: role key -> the role it is ``skos:broader`` to (its ISCO code is inherited)
        self.parents: dict[str, str] = {}
        #: (subject key, predicate, object) of resources' teaches / prerequisite links
        self.resource_edges: list[tuple[str, str, Any]] = []
        self.kind_fields: dict[NodeType, Callable[[str, Fields], None]] = {
            NodeType.SKILL: self.skill_fields,
            NodeType.GROUP: self.group_fields,
            NodeType.INDUSTRY: self.industry_fields,
            NodeType.CLUSTER: self.cluster_fields,
            NodeType.RESOURCE: self.resource_fields,
        }

    def make(self, kind: NodeType, fields: dict[str, Any]) -> Node:
        """The node of ``kind`` with ``fields``, validated (through the model when unusual).

        Raises:
            FormatError: a field is invalid.
        """
        try:
            return trusted_node(_CLASSES[kind], fields)
        except SkillGraphError as exc:
            raise FormatError(str(exc), source=self.source) from None

    def node(self, k: str, kind: NodeType) -> Node:
        """The node (not a role: see `role_fields`) of subject ``k``.

        Raises:
            FormatError: a field is invalid.
        """
        nf = self.common(k, kind)
        self.kind_fields[kind](k, nf)
        return self.make(kind, nf.fields)

    def common(self, k: str, kind: NodeType) -> Fields:
        """Labels, descriptions, translations, attributes and list order of subject ``k``.

        Raises:
            FormatError: a translation is invalid.
        """
        lang = self.language
        label: str | None = None
        alts: list[str] = []
        hidden: list[str] = []
        desc: str | None = None
        trans: dict[str, dict[str, Any]] = {}
        attributes: dict[str, AttributeValue] = {}
        order: dict[str, list[str]] | None = None
        order_literal: Any = None
        rest: list[Prop] = []
        own_type = _OWN_TYPES[kind]
        keep = self.keep
        tags = self.tags
        literal = ox.Literal
        rest_append = rest.append
        named = ox.NamedNode
        pref, alt, hidden_p, rdf_type = _PREF, _ALT, _HIDDEN, _TYPE
        concept_ok = kind != NodeType.INDUSTRY
        attribute, list_order = vocab.SG_ATTRIBUTE, vocab.SG_LIST_ORDER
        for p, o in self.props[k]:
            if p in _LABEL_PREDICATES:
                if type(o) is not literal:
                    keep(k, p, o)
                    continue
                raw = o.language
                if raw is None:  # a plain string, or some other datatype (kept)
                    if o.datatype.value != vocab.XSD_STRING:
                        keep(k, p, o)
                        continue
                    tag = ""
                else:
                    tag = tags.get(raw) or tags.setdefault(raw, canonical_language(raw))
                value = o.value
                if tag == lang or (not tag and lang):
                    if p == pref:
                        if label is None:
                            label = value
                        else:
                            keep(k, p, o)
                    elif p == alt:
                        alts.append(value)
                    elif p == hidden_p:
                        hidden.append(value)
                    elif desc is None:
                        desc = value
                    else:
                        keep(k, p, o)
                else:
                    tr = trans.setdefault(tag, {})
                    if p == pref or p == vocab.DESCRIPTION:
                        name = "label" if p == pref else "description"
                        if name in tr:
                            keep(k, p, o)
                        else:
                            tr[name] = value
                    else:
                        name = "alt_labels" if p == alt else "hidden_labels"
                        tr.setdefault(name, []).append(value)
            elif p == rdf_type:
                if type(o) is not named:
                    keep(k, p, o)
                    continue
                t = o.value
                if not (t in own_type or (t == _CONCEPT and concept_ok)):
                    keep(k, p, o)
            elif p == attribute and type(o) is ox.BlankNode:
                pair = self.pair(key(o), vocab.SG_KEY, vocab.SG_VALUE, 2)
                if pair is None or pair[0] in attributes:
                    keep(k, p, o)
                else:
                    attributes[pair[0]] = pair[1]
            elif p == list_order and order is None and text(o) is not None:
                loaded = _list_order(o.value)
                if loaded is None:  # not an order: kept as a triple
                    keep(k, p, o)
                else:
                    order = loaded
                    order_literal = o
            else:
                rest_append((p, o))
        node_id = self.node_ids[k]
        fields: dict[str, Any] = {"id": node_id, "label": label if label is not None else node_id}
        lists = {
            "alt_labels": sorted(set(alts)) if alts else alts,
            "hidden_labels": sorted(set(hidden)) if hidden else hidden,
        }
        for tag, tr in trans.items():
            for name in ("alt_labels", "hidden_labels"):
                if name in tr:
                    lists[f"{name}@{tag}"] = sorted(set(tr[name]))
        if order is not None and not _apply_order(order, lists):
            keep(k, vocab.SG_LIST_ORDER, order_literal)
            order = None
        fields["alt_labels"] = tuple(lists["alt_labels"])
        fields["hidden_labels"] = tuple(lists["hidden_labels"])
        if desc:
            fields["description"] = desc
        if trans:
            translations = {}
            for tag in sorted(trans):
                tr = dict(trans[tag])
                for name in ("alt_labels", "hidden_labels"):
                    if name in tr:
                        tr[name] = tuple(lists[f"{name}@{tag}"])
                try:
                    translations[tag] = Translation(**tr)
                except SkillGraphError as exc:
                    raise FormatError(f"<{k}>: {exc}", source=self.source) from None
            fields["translations"] = translations
        if attributes:
            fields["attributes"] = attributes
        return Fields(fields, rest, order)

    # ------------------------------------------------------------------ kinds
    def skill_fields(self, k: str, nf: Fields) -> None:
        fields = nf.fields
        tags: list[str] = []
        kind_override: SkillKind | None = None
        named = ox.NamedNode
        skill_kind, reuse_level = self.skill_kind, self.reuse_level
        for p, o in nf.rest:
            t = o.value if type(o) is named else None
            if p == _SKILL_TYPE and t is not None and (found := skill_kind(t)) is not None:
                if "kind" in fields:
                    self.keep(k, p, o)
                else:
                    fields["kind"] = found
            elif p == vocab.SG_KIND and text(o) is not None and o.value in _SKILL_KINDS:
                kind_override = SkillKind(o.value)
            elif (
                p == _REUSE_LEVEL
                and t is not None
                and (level := reuse_level(t)) is not None
                and "reuse" not in fields
            ):
                fields["reuse"] = level
            elif p == vocab.SG_TAG and text(o) is not None:
                tags.append(o.value)
            elif t is not None and (p == _BROADER or p == vocab.SG_PREREQUISITE):
                self.deferred.append((NodeType.SKILL, k, p, o))
            else:
                self.keep(k, p, o)
        if kind_override is not None:
            fields["kind"] = kind_override
        if tags:
            fields["tags"] = nf.ordered("tags", tags)

    def skill_kind(self, iri: str) -> SkillKind | None:
        """`esco.skill_kind` of ``iri`` (cached: a file names a few skill types)."""
        cache = self._skill_kinds
        if iri in cache:
            return cache[iri]
        found = cache[iri] = esco.skill_kind(iri)
        return found

    def reuse_level(self, iri: str) -> ReuseLevel | None:
        """`esco.reuse_level` of ``iri`` (cached: a file names a few reuse levels)."""
        cache = self._reuse_levels
        if iri in cache:
            return cache[iri]
        found = cache[iri] = esco.reuse_level(iri)
        return found

    def group_fields(self, k: str, nf: Fields) -> None:
        for p, o in nf.rest:
            if p == vocab.BROADER and type(o) is ox.NamedNode:
                self.deferred.append((NodeType.GROUP, k, p, o))
            elif not self.code(nf, p, o):
                self.keep(k, p, o)

    def resource_fields(self, k: str, nf: Fields) -> None:
        _learning.resource_fields(self, k, nf)  # learning resources: their own module

    def industry_fields(self, k: str, nf: Fields) -> None:
        for p, o in nf.rest:
            if not self.code(nf, p, o):
                self.keep(k, p, o)

    def cluster_fields(self, k: str, nf: Fields) -> None:
        broader = sorted(
            (o.value, o) for p, o in nf.rest if p == vocab.BROADER and type(o) is ox.NamedNode
        )
        for p, o in nf.rest:
            if p == vocab.BROADER and type(o) is ox.NamedNode and o.value == broader[0][0]:
                nf.fields["broader"] = self.ids.id(o.value)
            elif not self.code(nf, p, o):
                self.keep(k, p, o)

    @staticmethod
    def code(nf: Fields, p: str, o: Any) -> bool:
        """Take a ``skos:notation`` as the node's code (the first one); False otherwise."""
        if p == vocab.NOTATION and text(o) is not None and "code" not in nf.fields:
            nf.fields["code"] = o.value
            return True
        return False

    def role_fields(self, k: str) -> tuple[dict[str, Any], str | None]:
        """The fields of role ``k`` and the ISCO code it names (clusters come later)."""
        nf = self.common(k, NodeType.ROLE)
        fields = nf.fields
        isco: str | None = None
        industries: list[str] = []
        for p, o in nf.rest:
            t = target(o)
            if p == vocab.BROADER and t is not None:
                code = esco.isco_code(t)
                if code is not None and isco is None:
                    isco = code
                    continue
                if self.kinds.get(t) == NodeType.ROLE and k not in self.parents:
                    self.parents[k] = t
                self.keep(k, p, o)
            elif p == vocab.SG_CLUSTER and t is not None and "cluster" not in fields:
                fields["cluster"] = self.ids.id(t)
            elif p == vocab.SG_INDUSTRY and t is not None:
                industries.append(self.ids.id(t))
            elif p == vocab.SG_LEVEL and "level" not in fields and _is_int(typed_value(o)):
                fields["level"] = typed_value(o)
            elif p == vocab.ESCO_CODE and text(o) is not None and "code" not in fields:
                fields["code"] = o.value
            elif t is not None and p == vocab.SG_PROGRESSES_TO:
                self.deferred.append((NodeType.ROLE, k, p, o))
            else:
                self.keep(k, p, o)
        if industries:
            fields["industries"] = nf.ordered("industries", industries)
        return fields, isco


def _is_int(value: AttributeValue | None) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _list_order(lexical: str) -> dict[str, list[str]] | None:
    """An ``sg:listOrder`` literal's lists (JSON: name -> strings), else None."""
    try:
        loaded = json.loads(lexical)
    except (ValueError, RecursionError):
        return None
    if isinstance(loaded, dict) and all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in loaded.values()
    ):
        return loaded
    return None


def _apply_order(order: dict[str, list[str]], lists: dict[str, list[str]]) -> bool:
    """Put ``lists`` in the recorded order; False (nothing changed) when it does not fit."""
    for name, wanted in order.items():
        if name in ("industries", "tags"):
            continue
        if name not in lists or set(wanted) != set(lists[name]):
            return False
    for name, wanted in order.items():
        if name in lists:
            lists[name] = list(wanted)
    return True
