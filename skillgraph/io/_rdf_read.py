"""RDF triples (pyoxigraph terms) -> SkillGraph, following docs/vocabulary.md.

Triples are first grouped by subject (one pass over the stream, no RDF store), then each
typed node is interpreted. Every triple the model does not interpret is kept in the graph's
extra triples (N-Triples terms) and written back, so RDF -> graph -> RDF loses nothing.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import pyoxigraph as ox

from .._lang import canonical_language
from .._store import store_of
from ..errors import (
    DataWarning,
    FormatError,
    IncompleteDataWarning,
    ResourceLimitError,
    SkillGraphError,
)
from ..graph import SkillGraph
from ..model import (
    AttributeValue,
    Broader,
    Cluster,
    Industry,
    Node,
    Prerequisite,
    Progression,
    Related,
    Requirement,
    Resource,
    Role,
    Skill,
    SkillGroup,
    SkillKind,
    Translation,
)
from . import _esco_conventions as esco
from . import _esco_rdf, _limits, _rdf_learning
from . import _rdf_vocab as vocab
from ._build import construct, paused_gc, requirement
from ._rdf_ids import IdMap
from ._source import Progress

__all__ = ["UncheckedTermError", "build_graph"]

Prop = tuple[str, Any]  # (predicate IRI, object term)

_NODE_TYPES: dict[str, str] = {
    vocab.OCCUPATION: "role",
    vocab.SKILL: "skill",
    vocab.SKILL_GROUP: "group",
    vocab.ISCO_GROUP: "cluster",
    vocab.CLUSTER: "cluster",
    vocab.INDUSTRY: "industry",
    **_rdf_learning.NODE_TYPES,  # learning resources: their own module
}
_OWN_TYPES: dict[str, frozenset[str]] = {
    kind: frozenset(t for t, n in _NODE_TYPES.items() if n == kind)
    for kind in set(_NODE_TYPES.values()) | {"industry"}
}
_LABEL_PREDICATES = frozenset(
    {vocab.PREF_LABEL, vocab.ALT_LABEL, vocab.HIDDEN_LABEL, vocab.DESCRIPTION}
)
_TRUE = f'"true"^^<{vocab.XSD_BOOLEAN}>'
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_STRING_TYPES = frozenset({vocab.XSD_STRING, vocab.LANG_STRING})


def _key(term: Any) -> str:
    return term.value if type(term) is ox.NamedNode else "_:" + term.value


def _text(o: Any) -> str | None:
    """The lexical form of a plain or language-tagged string literal, else None."""
    if type(o) is ox.Literal and o.datatype.value in _STRING_TYPES:
        return str(o.value)
    return None


def _typed_value(o: Any) -> AttributeValue | None:
    if type(o) is not ox.Literal:
        return None
    dt = o.datatype.value
    try:
        if dt == vocab.XSD_STRING:
            return str(o.value)
        if dt == vocab.XSD_BOOLEAN:
            return {"true": True, "false": False, "1": True, "0": False}[o.value]
        if dt == vocab.XSD_INTEGER:  # int() also takes "4_0" and non-ASCII digits
            return int(o.value) if _INTEGER.match(o.value) else None
        if dt == vocab.XSD_DOUBLE:  # NaN and INF have no JSON form: kept as extra triples
            value = float(o.value) if _DOUBLE.match(o.value) else math.nan
            return value if math.isfinite(value) else None
    except (KeyError, ValueError):
        return None
    return None


class _Reader:
    def __init__(
        self,
        source: str,
        cluster_level: int | None,
        locate: Callable[[str, str], int | None] | None = None,
    ) -> None:
        self.source = source
        self.locate = locate
        self.cluster_level = cluster_level
        self.props: dict[str, list[Prop]] = {}
        self.types: dict[str, set[str]] = {}
        self.extra: set[tuple[str, str, str]] = set()
        self.compact: dict[str, str] = {}
        # ESCO relations (the bulk of a file): subject key -> object IRIs, one dict a predicate
        self.essential: dict[str, list[str]] = {}
        self.optional: dict[str, list[str]] = {}
        # ESCO shapes (SKOS-XL labels, node literals, relationship nodes...) set aside for
        # _esco_rdf.normalise: (subject key, predicate, object)
        self.shapes: list[tuple[str, str, Any]] = []
        self.main_language: str | None = None
        self.kept_languages: frozenset[str] | None = None
        self.file_level: int | None = None
        self.lost = 0
        self.unread_requirements = 0
        self.tags: dict[str, str] = {}  # language tag as read -> canonical case

    # ------------------------------------------------------------------ pass 1
    def collect(
        self,
        triples: Iterable[ox.Triple | ox.Quad],
        progress: Progress | None,
        *,
        unchecked: bool = False,
    ) -> None:
        """Dispatch each triple on its predicate while streaming.

        ESCO relations to IRIs go to compact per-subject lists of object IRIs; every other
        triple is grouped by subject (predicate IRI, object term) for pass 2; ``rdf:type``
        objects are also indexed by subject. ``unchecked``: the parser did not validate IRIs
        and language tags (`check` does, after this pass).

        Raises:
            UncheckedTermError: (``unchecked`` only) an IRI could be mistaken for a blank node.
        """
        if progress is not None:
            triples = _counted(triples, progress)
        props = self.props
        types = self.types
        essential = self.essential
        optional = self.optional
        named = ox.NamedNode
        blank = ox.BlankNode
        # blank nodes are relabelled b0, b1, ... in order of appearance: parsers invent
        # random labels for anonymous nodes, and reading must be deterministic
        blanks: dict[str, str] = {}
        rdf_type = vocab.TYPE
        p_essential = vocab.ESSENTIAL
        p_optional = vocab.OPTIONAL
        shape_predicates = _esco_rdf.SHAPE_PREDICATES
        shapes = self.shapes
        cap, why = _limits.current().triple_cap()
        for n, t in enumerate(triples, 1):
            if n > cap:
                raise ResourceLimitError(
                    f"the input holds {why}: refused after {cap} triples", source=self.source
                )
            s: Any = t.subject
            if type(s) is named:
                k = s.value
                if unchecked and k[0] == "_":  # no valid IRI starts so: "_:x" is a blank
                    raise UncheckedTermError(k)
            else:
                label = blanks.get(s.value)
                if label is None:
                    label = blanks[s.value] = f"b{len(blanks)}"
                k = "_:" + label
            p = t.predicate.value
            o = t.object
            if type(o) is blank:
                label = blanks.get(o.value)
                if label is None:
                    label = blanks[o.value] = f"b{len(blanks)}"
                o = blank(label)
                if p in shape_predicates:
                    shapes.append((k, p, o))
                    continue
            elif type(o) is named:
                rel = essential if p == p_essential else optional if p == p_optional else None
                if rel is not None:
                    targets = rel.get(k)
                    if targets is None:
                        rel[k] = [o.value]
                    else:
                        targets.append(o.value)
                    continue
                if p in shape_predicates:
                    shapes.append((k, p, o))
                    continue
                if p == rdf_type:
                    ts = types.get(k)
                    if ts is None:
                        types[k] = {o.value}
                    else:
                        ts.add(o.value)
            lst = props.get(k)
            if lst is None:
                props[k] = [(p, o)]
            else:
                lst.append((p, o))

    def check(self) -> None:
        """Validate every distinct IRI and language tag collected, as a strict parser would.

        Raises:
            UncheckedTermError: one is invalid.
        """
        iris: set[str] = {k for k in self.props if k[:2] != "_:"}
        for rels in (self.essential, self.optional):
            iris.update(rels)
            for targets in rels.values():
                iris.update(targets)
        for k, p, o in self.shapes:
            iris.add(p)
            if k[:2] != "_:":
                iris.add(k)
            if type(o) is ox.NamedNode:
                iris.add(o.value)
        tags: set[str] = set()
        named = ox.NamedNode
        literal = ox.Literal
        for lst in self.props.values():
            for p, o in lst:
                iris.add(p)
                t = type(o)
                if t is named:
                    iris.add(o.value)
                elif t is literal:
                    lang = o.language
                    if lang is None:
                        iris.add(o.datatype.value)
                    else:
                        tags.add(lang)
        try:
            for iri in iris:
                named(iri)
            for tag in tags:
                literal("", language=tag)
        except ValueError as exc:
            raise UncheckedTermError(str(exc)) from None

    def keep(self, k: str, p: str, o: Any) -> None:
        """Keep a triple the model does not interpret (N-Triples terms)."""
        self.extra.add((k if k[:2] == "_:" else f"<{k}>", f"<{p}>", str(o)))

    # ------------------------------------------------------------------ pass 2
    def build(self) -> SkillGraph:
        self.consumed: set[str] = set()
        onto = sorted(k for k, ts in self.types.items() if vocab.ONTOLOGY in ts)
        prefixes: dict[str, str] = {}
        language = "en"
        metadata: dict[str, str] = {}
        if onto:
            language, metadata, prefixes = self.ontology(onto[0])
        if self.main_language is not None:
            language = canonical_language(self.main_language)
        elif self.kept_languages is not None and language not in self.kept_languages:
            language = "en" if "en" in self.kept_languages else min(self.kept_languages)
        if self.cluster_level is None:
            self.cluster_level = self.file_level or esco.DEFAULT_CLUSTER_LEVEL
        kinds: dict[str, str] = {}
        for k, ts in self.types.items():
            if k.startswith("_:"):
                continue
            found = {_NODE_TYPES[t] for t in ts if t in _NODE_TYPES}
            if len(found) > 1:
                raise FormatError(
                    f"<{k}> is typed as several kinds of node: {sorted(found)}",
                    source=self.source,
                )
            if found:
                code = esco.isco_code(k)
                if (
                    code is not None
                    and len(code) > self.cluster_level
                    and (vocab.CLUSTER not in ts)
                ):
                    continue  # finer ISCO groups are no clusters: kept as extra triples
                kinds[k] = found.pop()
        self.kinds = kinds
        self.language = language
        self.ids = IdMap(self.compact, source=self.source, locate=self.locate)
        try:
            g = SkillGraph(language=language, metadata=metadata, prefixes=prefixes)
        except SkillGraphError as exc:
            raise FormatError(str(exc), source=self.source, column="sg:language") from None
        self.g = g
        store = store_of(g)
        self.node_ids = {k: self.ids.id(k) for k in kinds}
        self.deferred: list[tuple[str, str, str, Any]] = []  # (kind, subject key, pred, obj)
        self.requirements: dict[tuple[str, str], dict[str, Any]] = {}
        self.parents: dict[str, str] = {}
        kinds_built = ("cluster", "industry", "group", "skill", "resource")
        built: dict[str, list[Node]] = {t: [] for t in kinds_built}
        roles: list[tuple[str, dict[str, Any], str | None]] = []
        for k in sorted(kinds):
            kind = kinds[k]
            fields = self.common(k, kind)
            if kind == "role":
                isco = self.role_fields(k, fields)
                roles.append((k, fields, isco))
                continue
            getattr(self, kind + "_fields")(k, fields)
            built[kind].append(self.make(kind, fields))
        for req_key in sorted(k for k, ts in self.types.items() if vocab.REQUIREMENT in ts):
            self.requirement_node(req_key)
        try:
            for kind in kinds_built:
                for nd in built[kind]:
                    store.add_node(nd, replace=True)
            direct = {k: isco for k, _, isco in roles}
            for k, fields, _ in roles:
                code = self._isco(k, direct)
                if code is not None:
                    fields.setdefault("cluster", esco.cluster_id(code, self.cluster_level))
                    fields.setdefault("level", esco.isco_skill_level(code))
                    attrs = dict(fields.get("attributes", {}))
                    attrs.setdefault("isco_code", code)
                    fields["attributes"] = attrs
                store.add_node(self.make("role", fields), replace=True)
        except SkillGraphError as exc:
            raise FormatError(str(exc), source=self.source) from None
        self.edges()
        for k, lst in self.props.items():
            if k in kinds or k in self.consumed:
                continue
            for p, o in lst:
                self.keep(k, p, o)
        store.add_extra(self.extra)
        _esco_rdf.kept_warning(self.extra, self.source)
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
        return g

    def make(self, kind: str, fields: dict[str, Any]) -> Node:
        classes: dict[str, type[Node]] = {
            "cluster": Cluster,
            "industry": Industry,
            "group": SkillGroup,
            "skill": Skill,
            "role": Role,
            "resource": Resource,
        }
        cls = classes[kind]
        try:
            return cls(**fields)
        except SkillGraphError as exc:
            raise FormatError(str(exc), source=self.source) from None

    def ontology(self, k: str) -> tuple[str, dict[str, str], dict[str, str]]:
        language = "en"
        metadata: dict[str, str] = {}
        prefixes: dict[str, str] = {}
        self.consumed.add(k)
        for p, o in sorted(self.props[k], key=lambda po: (po[0], str(po[1]))):
            text = _text(o)
            if p == vocab.TYPE and type(o) is ox.NamedNode and o.value == vocab.ONTOLOGY:
                continue
            if p == vocab.SG_LANGUAGE and text is not None:
                language = canonical_language(text)
            elif (
                p == vocab.SG_CLUSTER_LEVEL
                and self.file_level is None
                and _typed_value(o) in (1, 2, 3, 4)
                and not isinstance(_typed_value(o), bool)
            ):
                self.file_level = int(o.value)
            elif (
                p.startswith(vocab.DCTERMS)
                and p[len(vocab.DCTERMS) :] in vocab.DC_METADATA
                and (text is not None and o.language is None)
                and p[len(vocab.DCTERMS) :] not in metadata
            ):
                metadata[p[len(vocab.DCTERMS) :]] = text
            elif p == vocab.VERSION_INFO and text is not None and "version" not in metadata:
                metadata["version"] = text
            elif p == vocab.SG_METADATA and type(o) is ox.BlankNode:
                pair = self.pair(_key(o), vocab.SG_KEY, vocab.SG_VALUE)
                if pair is None or not isinstance(pair[1], str):
                    self.keep(k, p, o)
                    continue
                metadata[pair[0]] = pair[1]
            elif p == vocab.SG_PREFIX and type(o) is ox.BlankNode:
                flag = self.props.get(_key(o), [])
                compact = (vocab.SG_COMPACT_IDS, _TRUE) in [(q, str(v)) for q, v in flag]
                pair = self.pair(
                    _key(o), vocab.SG_PREFIX_NAME, vocab.SG_NAMESPACE, 3 if compact else 2
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
        key = _text(got.get(key_pred))
        value = _typed_value(got.get(value_pred))
        if key is None or value is None:
            return None
        self.consumed.add(b)
        return key, value

    # ------------------------------------------------------------------ nodes
    def common(self, k: str, kind: str) -> dict[str, Any]:
        lang = self.language
        label: str | None = None
        alts: list[str] = []
        hidden: list[str] = []
        desc: str | None = None
        trans: dict[str, dict[str, Any]] = {}
        attributes: dict[str, AttributeValue] = {}
        order: dict[str, list[str]] | None = None
        rest: list[Prop] = []
        own_type = _OWN_TYPES[kind]
        keep = self.keep
        tags = self.tags
        literal = ox.Literal
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
                text = o.value
                if tag == lang or (not tag and lang):
                    if p == vocab.PREF_LABEL:
                        if label is None:
                            label = text
                        else:
                            keep(k, p, o)
                    elif p == vocab.ALT_LABEL:
                        alts.append(text)
                    elif p == vocab.HIDDEN_LABEL:
                        hidden.append(text)
                    elif desc is None:
                        desc = text
                    else:
                        keep(k, p, o)
                else:
                    tr = trans.setdefault(tag, {})
                    if p == vocab.PREF_LABEL or p == vocab.DESCRIPTION:
                        name = "label" if p == vocab.PREF_LABEL else "description"
                        if name in tr:
                            keep(k, p, o)
                        else:
                            tr[name] = text
                    else:
                        name = "alt_labels" if p == vocab.ALT_LABEL else "hidden_labels"
                        tr.setdefault(name, []).append(text)
            elif p == vocab.TYPE:
                if type(o) is not ox.NamedNode or not (
                    o.value in own_type or (o.value == vocab.CONCEPT and kind != "industry")
                ):
                    keep(k, p, o)
            elif p == vocab.SG_ATTRIBUTE and type(o) is ox.BlankNode:
                pair = self.pair(_key(o), vocab.SG_KEY, vocab.SG_VALUE)
                if pair is None or pair[0] in attributes:
                    keep(k, p, o)
                else:
                    attributes[pair[0]] = pair[1]
            elif p == vocab.SG_LIST_ORDER and order is None and _text(o) is not None:
                try:
                    loaded = json.loads(o.value)
                except (ValueError, RecursionError):  # not an order: kept as a triple
                    loaded = None
                if isinstance(loaded, dict) and all(
                    isinstance(v, list) and all(isinstance(x, str) for x in v)
                    for v in loaded.values()
                ):
                    order = loaded
                    self._order_literal = (k, p, o)
                else:
                    keep(k, p, o)
            else:
                rest.append((p, o))
        fields: dict[str, Any] = {
            "id": self.node_ids[k],
            "label": label if label is not None else self.node_ids[k],
        }
        lists = {"alt_labels": sorted(set(alts)), "hidden_labels": sorted(set(hidden))}
        for tag, tr in trans.items():
            for name in ("alt_labels", "hidden_labels"):
                if name in tr:
                    lists[f"{name}@{tag}"] = sorted(set(tr[name]))
        if order is not None:
            if self.apply_order(order, lists):
                fields["_order"] = order
            else:
                keep(k, vocab.SG_LIST_ORDER, self._order_literal[2])
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
        fields["_rest"] = rest
        return fields

    @staticmethod
    def apply_order(order: dict[str, list[str]], lists: dict[str, list[str]]) -> bool:
        for key, wanted in order.items():
            if key in ("industries", "tags"):
                continue
            if key not in lists or set(wanted) != set(lists[key]):
                return False
        for key, wanted in order.items():
            if key in lists:
                lists[key] = list(wanted)
        return True

    def _pop_order(self, fields: dict[str, Any], key: str, values: list[str]) -> tuple[str, ...]:
        order = fields.get("_order")
        if order is not None and key in order and set(order[key]) == set(values):
            return tuple(order[key])
        return tuple(sorted(set(values)))

    def _target(self, o: Any) -> str | None:
        return o.value if type(o) is ox.NamedNode else None

    def skill_fields(self, k: str, fields: dict[str, Any]) -> None:
        tags: list[str] = []
        kind_override: SkillKind | None = None
        for p, o in fields.pop("_rest"):
            target = self._target(o)
            if p == vocab.SKILL_TYPE and target is not None and esco.skill_kind(target) is not None:
                if "kind" in fields:
                    self.keep(k, p, o)
                else:
                    fields["kind"] = esco.skill_kind(target)
            elif p == vocab.SG_KIND and _text(o) is not None and o.value in set(SkillKind):
                kind_override = SkillKind(o.value)
            elif (
                p == vocab.REUSE_LEVEL
                and target is not None
                and esco.reuse_level(target) is not None
                and "reuse" not in fields
            ):
                fields["reuse"] = esco.reuse_level(target)
            elif p == vocab.SG_TAG and _text(o) is not None:
                tags.append(o.value)
            elif target is not None and (p == vocab.BROADER or p == vocab.SG_PREREQUISITE):
                self.deferred.append(("skill", k, p, o))
            else:
                self.keep(k, p, o)
        if kind_override is not None:
            fields["kind"] = kind_override
        if tags:
            fields["tags"] = self._pop_order(fields, "tags", tags)
        fields.pop("_order", None)

    def group_fields(self, k: str, fields: dict[str, Any]) -> None:
        for p, o in fields.pop("_rest"):
            if p == vocab.BROADER and type(o) is ox.NamedNode:
                self.deferred.append(("group", k, p, o))
            elif p == vocab.NOTATION and _text(o) is not None and "code" not in fields:
                fields["code"] = o.value
            else:
                self.keep(k, p, o)
        fields.pop("_order", None)

    resource_fields = _rdf_learning.resource_fields  # learning resources: their own module

    def industry_fields(self, k: str, fields: dict[str, Any]) -> None:
        for p, o in fields.pop("_rest"):
            if p == vocab.NOTATION and _text(o) is not None and "code" not in fields:
                fields["code"] = o.value
            else:
                self.keep(k, p, o)
        fields.pop("_order", None)

    def cluster_fields(self, k: str, fields: dict[str, Any]) -> None:
        broader = sorted(
            (o.value, o)
            for p, o in fields["_rest"]
            if p == vocab.BROADER and type(o) is ox.NamedNode
        )
        for p, o in fields.pop("_rest"):
            if p == vocab.BROADER and type(o) is ox.NamedNode and o.value == broader[0][0]:
                fields["broader"] = self.ids.id(o.value)
            elif p == vocab.NOTATION and _text(o) is not None and "code" not in fields:
                fields["code"] = o.value
            else:
                self.keep(k, p, o)
        fields.pop("_order", None)

    def role_fields(self, k: str, fields: dict[str, Any]) -> str | None:
        isco: str | None = None
        industries: list[str] = []
        for p, o in fields.pop("_rest"):
            target = self._target(o)
            if p == vocab.BROADER and target is not None:
                code = esco.isco_code(target)
                if code is not None and isco is None:
                    isco = code
                    continue
                if self.kinds.get(target) == "role" and k not in self.parents:
                    self.parents[k] = target
                self.keep(k, p, o)
            elif p == vocab.SG_CLUSTER and target is not None and "cluster" not in fields:
                fields["cluster"] = self.ids.id(target)
            elif p == vocab.SG_INDUSTRY and target is not None:
                industries.append(self.ids.id(target))
            elif (
                p == vocab.SG_LEVEL
                and "level" not in fields
                and isinstance(_typed_value(o), int)
                and not isinstance(_typed_value(o), bool)
            ):
                fields["level"] = _typed_value(o)
            elif p == vocab.ESCO_CODE and _text(o) is not None and "code" not in fields:
                fields["code"] = o.value
            elif target is not None and p == vocab.SG_PROGRESSES_TO:
                self.deferred.append(("role", k, p, o))
            else:
                self.keep(k, p, o)
        if industries:
            fields["industries"] = self._pop_order(fields, "industries", industries)
        fields.pop("_order", None)
        return isco

    def _isco(self, k: str, direct: dict[str, str | None]) -> str | None:
        seen = {k}
        while direct.get(k) is None and k in self.parents and self.parents[k] not in seen:
            k = self.parents[k]
            seen.add(k)
        return direct.get(k)

    def requirement_node(self, k: str) -> None:
        got: dict[str, Any] = {}
        ok = True
        for p, o in self.props[k]:
            if p == vocab.TYPE and type(o) is ox.NamedNode and o.value == vocab.REQUIREMENT:
                continue
            if p in got:
                ok = False
            got[p] = o
        role = self._target(got.pop(vocab.SG_ROLE, None))
        skill = self._target(got.pop(vocab.SG_SKILL, None))
        essential = _typed_value(got.pop(vocab.SG_ESSENTIAL, None))
        importance = _typed_value(got.pop(vocab.SG_IMPORTANCE, None))
        level = _typed_value(got.pop(vocab.SG_LEVEL, None)) if vocab.SG_LEVEL in got else None
        source = _text(got.pop(vocab.SG_SOURCE, None)) if vocab.SG_SOURCE in got else None
        scale = _text(got.pop(vocab.SG_SCALE, None)) if vocab.SG_SCALE in got else None
        if (
            not ok
            or got
            or role is None
            or skill is None
            or self.kinds.get(role) != "role"
            or self.kinds.get(skill) != "skill"
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

    # ------------------------------------------------------------------ edges
    def edges(self) -> None:
        store = store_of(self.g)
        ids = self.node_ids
        reqs = self.requirements
        seen_req: set[tuple[str, str]] = set()
        try:
            self.hierarchy_edges()
            self.relation_edges(seen_req)
            _rdf_learning.add_edges(self)  # learning resources' edges
            for (role, skill), detail in sorted(reqs.items()):
                if (role, skill) not in seen_req:
                    store.add_requirement(Requirement(role=ids[role], skill=ids[skill], **detail))
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
        store = store_of(self.g)
        ids = self.node_ids
        kinds = self.kinds
        up: list[tuple[str, str]] = []
        for kind, k, p, o in self.deferred:
            t = o.value
            tk = kinds.get(t)
            sid = ids[k]
            if kind == "role":
                if p == vocab.SG_PROGRESSES_TO and tk == "role":
                    store.add_progression(_edge(Progression, source=sid, target=ids[t]))
                    continue
            elif p == vocab.BROADER and tk in ("skill", "group"):
                if sid != ids[t]:
                    up.append((sid, ids[t]))
                else:  # a self-loop is refused with the edge's own error
                    store.add_broader(_edge(Broader, narrower=sid, broader=ids[t]))
                continue
            elif kind == "skill" and tk == "skill" and p == vocab.SG_PREREQUISITE:
                store.add_prerequisite(_edge(Prerequisite, prerequisite=ids[t], skill=sid))
                continue
            if tk is None:
                self.lost += 1
            self.keep(k, p, o)
        store.add_broader_many(up, lambda a, b: _edge(Broader, narrower=a, broader=b))

    def relation_edges(self, seen_req: set[tuple[str, str]]) -> None:
        """ESCO relations: role -> skill requirements and skill -> skill related edges.

        Essential triples are taken first, so an essential triple wins over an optional one
        for the same pair; the loser (and any triple whose ends are not a role/skill or a
        skill/skill pair) is kept as an extra triple.
        """
        store = store_of(self.g)
        ids = self.node_ids
        kinds = self.kinds
        reqs = self.requirements
        skill_ids = {k: ids[k] for k, kind in kinds.items() if kind == "skill"}
        g_requires: dict[str, set[str]] = {}  # role -> skills given so far
        batch: list[Requirement] = []
        keep = self.keep
        for is_essential, rels in ((True, self.essential), (False, self.optional)):
            pred = vocab.ESSENTIAL if is_essential else vocab.OPTIONAL
            importance = esco.ESSENTIAL_IMPORTANCE if is_essential else esco.OPTIONAL_IMPORTANCE
            for k, targets in rels.items():
                kk = kinds.get(k)
                if kk == "role":
                    rid = ids[k]
                    requires = g_requires.get(rid)
                    if requires is None:
                        requires = g_requires[rid] = set()
                    for t in targets:
                        skid = skill_ids.get(t)
                        if skid is None or skid in requires:  # not a skill, or a duplicate
                            if t not in kinds:
                                self.lost += 1
                            keep(k, pred, f"<{t}>")
                            continue
                        detail = None
                        if reqs:  # the file has sg:Requirement nodes
                            seen_req.add((k, t))
                            detail = reqs.get((k, t))
                        if detail is None:
                            req = requirement(rid, skid, is_essential, importance)
                        elif detail["essential"] == is_essential:
                            req = Requirement(role=rid, skill=skid, **detail)
                        else:
                            req = requirement(rid, skid, is_essential, importance)
                            self.unconsume_requirement(k, t)
                        requires.add(skid)
                        batch.append(req)
                    continue
                if kk == "skill":
                    sid = ids[k]
                    for t in targets:
                        tid = skill_ids.get(t)
                        if tid is not None and tid not in store.related_of(sid):
                            store.add_related(
                                _edge(Related, skill=sid, related=tid, essential=is_essential)
                            )
                            continue
                        if t not in kinds:
                            self.lost += 1
                        keep(k, pred, f"<{t}>")
                    continue
                for t in targets:
                    if t not in kinds:
                        self.lost += 1
                    keep(k, pred, f"<{t}>")
        store.add_requirements(batch)

    def unconsume_requirement(self, role: str, skill: str) -> None:
        """A requirement node contradicting its ESCO triple is kept verbatim instead."""
        del self.requirements[(role, skill)]
        for k, ts in self.types.items():
            if vocab.REQUIREMENT in ts and k in self.consumed:
                got = dict(self.props[k])
                if (
                    self._target(got.get(vocab.SG_ROLE)) == role
                    and self._target(got.get(vocab.SG_SKILL)) == skill
                ):
                    self.consumed.discard(k)


class UncheckedTermError(Exception):
    """A leniently parsed input holds an invalid IRI or language tag (parse it strictly)."""


E = TypeVar("E", Broader, Related, Prerequisite, Progression)


def _edge(cls: type[E], **fields: Any) -> E:
    """An edge between two known node ids: validated only when it would be a self-loop."""
    a, b = (fields[k] for k in cls._ends)
    return cls(**fields) if a == b else construct(cls, fields)


def _counted(
    triples: Iterable[ox.Triple | ox.Quad], progress: Progress
) -> Iterator[ox.Triple | ox.Quad]:
    """The triples, reporting ``("parse", n, None)`` every 100,000 and the total at the end."""
    n = 0
    for n, t in enumerate(triples, 1):
        if not n % 100_000:
            progress("parse", n, None)
        yield t
    progress("parse", n, n)


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
    ``_esco_rdf.language_set``): keep only literals in these languages (and untagged ones),
    dropped while the triples stream.

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
        UncheckedTermError: (``unchecked`` only) an IRI or language tag is invalid.
    """
    r = _Reader(source, cluster_level, locate)
    if languages is not None:
        triples = _esco_rdf.language_filter(triples, languages)
    with paused_gc():
        r.collect(triples, progress, unchecked=unchecked)
        if unchecked:
            r.check()
        _esco_rdf.normalise(r, r.shapes, languages is not None)
        r.shapes = []
        r.main_language = language
        r.kept_languages = languages
        g = r.build()
        r.props.clear()  # free the triples while the collector is still paused
        return g
