"""ESCO's own RDF shapes, and files in the old ``esco:`` namespace.

ESCO publishes its classification in its model vocabulary (``http://data.europa.eu/esco/model#``)
with shapes that the plain SKOS mapping of `skillgraph.io.rdf._reader` does not cover. This
module turns them into the plain shapes before the graph is built:

- SKOS-XL labels (``skosxl:prefLabel / altLabel / hiddenLabel`` to a ``skosxl:Label`` with a
  ``skosxl:literalForm``) become the matching SKOS label; a label node holding nothing else is
  consumed, one with more (a label role, a status...) is kept verbatim beside it;
- node-literal descriptions (``dcterms:description [ esco:nodeLiteral "..." ;
  esco:language "en" ]``) become language-tagged descriptions;
- relationship nodes (``esco:isRelationshipFor`` / ``esco:refersConcept`` /
  ``esco:hasRelationshipType``) and the inverse properties ``esco:isEssentialSkillFor`` /
  ``esco:isOptionalSkillFor`` give the same requirements as the direct
  ``esco:relatedEssentialSkill`` / ``esco:relatedOptionalSkill`` (no duplicates);
- ``iso-thes:status`` and ``skos:broaderTransitive`` are recognised and kept verbatim
  (the model has no field for them, and transitive links follow from ``skos:broader``).

Every other triple in ESCO's model or SKOS-XL vocabulary that ends up kept as an extra
triple is counted by term in one `skillgraph.errors.UninterpretedDataWarning`.

Files written by skillgraph before ESCO's model namespace was used (``esco:`` bound to
``http://data.europa.eu/esco/``) still read, with a
`skillgraph.errors.DeprecatedVocabularyWarning`.
"""

from __future__ import annotations

import warnings
from collections import Counter
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..._lang import canonical_language
from ...errors import DeprecatedVocabularyWarning, UninterpretedDataWarning
from .. import _esco_conventions as esco
from . import _vocab as vocab
from ._terms import key

if TYPE_CHECKING:
    from ._collect import Collected

__all__ = [
    "IS_ESSENTIAL_FOR",
    "IS_OPTIONAL_FOR",
    "LEGACY",
    "SHAPE_PREDICATES",
    "XL_PREDICATES",
    "kept_warning",
    "normalise",
]

M = esco.ESCO_MODEL
SKOSXL = "http://www.w3.org/2008/05/skos-xl#"
ISO_THES = "http://purl.org/iso25964/skos-thes#"

XL_PREF = SKOSXL + "prefLabel"
XL_ALT = SKOSXL + "altLabel"
XL_HIDDEN = SKOSXL + "hiddenLabel"
XL_LABEL = SKOSXL + "Label"
XL_FORM = SKOSXL + "literalForm"
NODE_LITERAL = M + "nodeLiteral"
NODE_LITERAL_CLASS = M + "NodeLiteral"
LANGUAGE = M + "language"
IS_RELATIONSHIP_FOR = M + "isRelationshipFor"
REFERS_CONCEPT = M + "refersConcept"
RELATIONSHIP_TYPE = M + "hasRelationshipType"
HAS_RELATIONSHIP = M + "hasRelationship"
IS_ESSENTIAL_FOR = M + "isEssentialSkillFor"
IS_OPTIONAL_FOR = M + "isOptionalSkillFor"
STATUS = ISO_THES + "status"
BROADER_TRANSITIVE = vocab.SKOS + "broaderTransitive"

XL_PREDICATES = {XL_PREF: vocab.PREF_LABEL, XL_ALT: vocab.ALT_LABEL, XL_HIDDEN: vocab.HIDDEN_LABEL}

#: The old, wrong ``esco:`` namespace of skillgraph's own files before 0.2.
LEGACY = esco.ESCO
_LEGACY_TERMS = (
    "Occupation",
    "Skill",
    "SkillGroup",
    "ISCOGroup",
    "relatedEssentialSkill",
    "relatedOptionalSkill",
    "skillType",
    "skillReuseLevel",
    "code",
)
_LEGACY = {LEGACY + t: M + t for t in _LEGACY_TERMS}
_LEGACY_CLASSES = frozenset(LEGACY + t for t in ("Occupation", "Skill", "SkillGroup", "ISCOGroup"))

#: Predicates whose non-literal triples the reader sets aside for `normalise`.
SHAPE_PREDICATES = frozenset(
    {
        XL_PREF,
        XL_ALT,
        XL_HIDDEN,
        vocab.DESCRIPTION,
        IS_RELATIONSHIP_FOR,
        HAS_RELATIONSHIP,
        IS_ESSENTIAL_FOR,
        IS_OPTIONAL_FOR,
        LEGACY + "relatedEssentialSkill",
        LEGACY + "relatedOptionalSkill",
    }
)

_NODE_LITERAL_PARTS = frozenset({NODE_LITERAL, LANGUAGE})
_RELATIONSHIP_PARTS = frozenset({REFERS_CONCEPT, RELATIONSHIP_TYPE, vocab.TYPE})

#: Terms of ESCO's vocabulary that are recognised and kept verbatim (not warned about).
_UNDERSTOOD_KEPT = frozenset(
    f"<{iri}>" for iri in (M + "MemberConcept", M + "ISCOGroup", XL_LABEL, NODE_LITERAL_CLASS)
)


# ---------------------------------------------------------------------- shapes
class _Props:
    """Per-subject sets of (predicate, N-Triples object) for duplicate checks, built lazily."""

    def __init__(self, props: dict[str, list[tuple[str, Any]]]) -> None:
        self.props = props
        self.seen: dict[str, set[tuple[str, str]]] = {}

    def add(self, k: str, p: str, o: Any) -> None:
        seen = self.seen.get(k)
        if seen is None:
            seen = self.seen[k] = {(q, str(v)) for q, v in self.props.get(k, ())}
        item = (p, str(o))
        if item not in seen:
            seen.add(item)
            self.props.setdefault(k, []).append((p, o))


class _Relations:
    """Adds ESCO relation pairs to the reader's per-predicate lists, without duplicates."""

    def __init__(self, essential: dict[str, list[str]], optional: dict[str, list[str]]) -> None:
        self.lists = {True: essential, False: optional}
        self.seen: dict[tuple[bool, str], set[str]] = {}

    def add(self, essential: bool, k: str, target: str) -> None:
        rel = self.lists[essential]
        seen = self.seen.get((essential, k))
        if seen is None:
            seen = self.seen[(essential, k)] = set(rel.get(k, ()))
        if target not in seen:
            seen.add(target)
            rel.setdefault(k, []).append(target)


def _relation_kind(o: Any) -> bool | None:
    """True for an essential relationship type (IRI or literal), False for optional."""
    if o is None:
        return None
    text = o.value.rstrip("/").lower()
    if text.endswith("essential"):
        return True
    if text.endswith("optional"):
        return False
    return None


def normalise(c: Collected, filtered: bool) -> None:
    """Turn ESCO's shapes (``c.shapes``, set aside while collecting) into the plain ones.

    ``c.shapes`` holds the (subject key, predicate, object) triples of `SHAPE_PREDICATES`
    with a non-literal object; those not interpreted go back to the collected triples, and
    ``c.shapes`` is emptied. ``filtered``: a language filter ran, so label and node-literal
    nodes emptied by it are dropped with their links.
    """
    shapes = c.shapes
    c.shapes = []
    if _legacy(c, shapes):
        warnings.warn(
            f"{c.source}: written by an earlier skillgraph version with esco: bound to "
            f"{LEGACY} (ESCO's model namespace is {M}); read as ESCO's model terms. Write "
            "the graph again to update the file",
            DeprecatedVocabularyWarning,
            stacklevel=5,
        )
    if shapes:
        _Shapes(c, filtered).run(shapes)


class _Shapes:
    """One `normalise` run: the labels and relations added, the triples given back."""

    def __init__(self, c: Collected, filtered: bool) -> None:
        self.c = c
        self.filtered = filtered
        self.labels = _Props(c.props)
        self.relations = _Relations(c.essential, c.optional)
        self.back: list[tuple[str, str, Any]] = []

    def run(self, shapes: list[tuple[str, str, Any]]) -> None:
        c = self.c
        back = self.back
        relations = self.relations
        consumed_rel: set[str] = set()
        later: list[tuple[str, str, Any]] = []
        for k, p, o in shapes:
            if p in XL_PREDICATES:
                self.xl_label(k, p, o)
            elif p == vocab.DESCRIPTION:
                self.node_literal(k, p, o)
            elif p == IS_RELATIONSHIP_FOR:
                if type(o) is ox.NamedNode and self.relationship(k, o.value):
                    consumed_rel.add(k)
                else:
                    back.append((k, p, o))
            elif p in (IS_ESSENTIAL_FOR, IS_OPTIONAL_FOR):
                if type(o) is ox.NamedNode:
                    relations.add(p == IS_ESSENTIAL_FOR, o.value, k)
                else:
                    back.append((k, p, o))
            elif p == HAS_RELATIONSHIP:
                later.append((k, p, o))
            elif p == LEGACY + "relatedEssentialSkill" or p == LEGACY + "relatedOptionalSkill":
                relations.add(p.endswith("EssentialSkill"), k, o.value)
            else:  # pragma: no cover - every shape predicate is handled above
                back.append((k, p, o))
        for k, p, o in later:  # the link to a relationship node goes with the node
            if key(o) not in consumed_rel:
                back.append((k, p, o))
        for k, p, o in back:
            c.props.setdefault(k, []).append((p, o))
        for k in consumed_rel:
            self.drop(k)

    def drop(self, k: str) -> None:
        """Forget a node whose triples were all interpreted."""
        self.c.props.pop(k, None)
        self.c.types.pop(k, None)

    def xl_label(self, k: str, p: str, o: Any) -> None:
        lk = key(o)
        node = self.c.props.get(lk)
        if not node:
            if not self.filtered:
                self.back.append((k, p, o))
            return  # emptied by the language filter: the label is in another language
        forms = [v for q, v in node if q == XL_FORM and type(v) is ox.Literal]
        rest = [
            (q, v)
            for q, v in node
            if q != XL_FORM
            and not (q == vocab.TYPE and type(v) is ox.NamedNode and v.value == XL_LABEL)
        ]
        for form in forms:
            self.labels.add(k, XL_PREDICATES[p], form)
        if len(forms) == 1 and not rest:
            self.drop(lk)
            return
        self.back.append((k, p, o))  # kept verbatim beside the SKOS label
        if self.filtered and not any(q == vocab.TYPE for q, _ in node):
            node.append((vocab.TYPE, ox.NamedNode(XL_LABEL)))  # dropped by the filter

    def node_literal(self, k: str, p: str, o: Any) -> None:
        nk = key(o)
        node = self.c.props.get(nk)
        back = self.back
        if not node:
            if not self.filtered:  # else: emptied by the language filter
                back.append((k, p, o))
            return
        texts = [v for q, v in node if q == NODE_LITERAL and type(v) is ox.Literal]
        langs = [v.value for q, v in node if q == LANGUAGE and type(v) is ox.Literal]
        rest = [
            (q, v)
            for q, v in node
            if q not in _NODE_LITERAL_PARTS
            and not (q == vocab.TYPE and type(v) is ox.NamedNode and v.value == NODE_LITERAL_CLASS)
        ]
        if not texts:
            if self.filtered and not rest:  # its text was in another language
                self.drop(nk)
            else:
                back.append((k, p, o))
            return
        if len(texts) != 1 or len(langs) > 1 or rest:
            back.append((k, p, o))
            return
        text = texts[0]
        if text.language is None and langs and langs[0]:
            try:
                text = ox.Literal(text.value, language=canonical_language(langs[0].strip()))
            except ValueError:
                back.append((k, p, o))
                return
        self.labels.add(k, vocab.DESCRIPTION, text)
        self.drop(nk)

    def relationship(self, k: str, source: str) -> bool:
        """Add the requirement a relationship node states; True when it says nothing more."""
        node = self.c.props.get(k, [])
        refers = [v.value for q, v in node if q == REFERS_CONCEPT and type(v) is ox.NamedNode]
        kinds = [_relation_kind(v) for q, v in node if q == RELATIONSHIP_TYPE]
        if len(refers) != 1 or len(kinds) != 1 or kinds[0] is None:
            return False
        self.relations.add(kinds[0], source, refers[0])
        return all(
            q in _RELATIONSHIP_PARTS
            and (q != vocab.TYPE or (type(v) is ox.NamedNode and v.value.startswith(M)))
            for q, v in node
        )


# ---------------------------------------------------------------------- old namespace
def _legacy(r: Collected, shapes: list[tuple[str, str, Any]]) -> bool:
    """Rewrite the old ``esco:`` terms of skillgraph's own files; True when there were any."""
    found = any(not ts.isdisjoint(_LEGACY_CLASSES) for ts in r.types.values()) or any(
        p.startswith(LEGACY) and p in _LEGACY for _, p, _ in shapes
    )
    if not found:
        return False
    for k, ts in r.types.items():
        if not ts.isdisjoint(_LEGACY_CLASSES):
            r.types[k] = {_LEGACY.get(t, t) for t in ts}
    named = ox.NamedNode
    rdf_type = vocab.TYPE
    for lst in r.props.values():
        for i, (p, o) in enumerate(lst):
            new_p = _LEGACY.get(p)
            if new_p is not None:
                lst[i] = (new_p, o)
            elif p == rdf_type and type(o) is named and o.value in _LEGACY_CLASSES:
                lst[i] = (p, named(_LEGACY[o.value]))
    return True


# ---------------------------------------------------------------------- warning
def kept_warning(extra: set[tuple[str, str, str]], source: str) -> None:
    """Warn, with counts by term, about ESCO / SKOS-XL triples kept uninterpreted."""
    counts: Counter[str] = Counter()
    esco_ns = f"<{M}"
    xl_ns = f"<{SKOSXL}"
    rdf_type = f"<{vocab.TYPE}>"
    for _, p, o in extra:
        if p.startswith(esco_ns) or p.startswith(xl_ns):
            counts[_curie(p)] += 1
        elif p == rdf_type and o.startswith(esco_ns) and o not in _UNDERSTOOD_KEPT:
            counts["a " + _curie(o)] += 1
    if not counts:
        return
    total = sum(counts.values())
    listed = ", ".join(f"{term} ({n})" for term, n in sorted(counts.items(), key=_by_count)[:12])
    more = f" and {len(counts) - 12} more terms" if len(counts) > 12 else ""
    warnings.warn(
        f"{source}: {total} triples in ESCO's model or SKOS-XL vocabulary were kept as "
        f"extra triples, not (or not wholly) interpreted: {listed}{more}",
        UninterpretedDataWarning,
        stacklevel=5,
    )


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def _curie(nt: str) -> str:
    iri = nt[1:-1]
    if iri.startswith(M):
        return "esco:" + iri[len(M) :]
    if iri.startswith(SKOSXL):
        return "skosxl:" + iri[len(SKOSXL) :]
    return nt
