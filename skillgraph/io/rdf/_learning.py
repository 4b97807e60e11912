"""Learning resources in RDF: schema.org terms where they fit, project terms otherwise.

A resource is a ``schema:Course`` (kind ``course``) or a ``schema:LearningResource`` (any
other kind, named by ``sg:resourceKind``), with ``schema:provider``, ``schema:url``,
``schema:timeRequired`` (an ISO 8601 duration, ``"PT12H"``), ``sg:cost`` and
``sg:currency``, ``schema:educationalLevel``, ``schema:inLanguage`` and
``schema:courseMode`` (its delivery). It ``schema:teaches`` skills, a proficiency reached
given by a ``sg:teachesTo`` node (``sg:skill``, ``sg:proficiency``), and
``schema:coursePrerequisites`` the skills it requires. See docs/vocabulary.md.

Used by the RDF writer (`resource_groups`, from ``_Writer.node``) and reader
(`resource_fields`, from ``_Reader``'s per-kind field readers, and `add_edges`, from
``_Reader.edges``); nothing else reaches in here.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from ...model import (
    Delivery,
    NodeType,
    Proficiency,
    Resource,
    ResourceKind,
    ResourcePrerequisite,
    Teaching,
)
from . import _vocab as vocab
from ._node_types import COURSE, LEARNING_RESOURCE, RESOURCE_TYPES, SCHEMA

__all__ = [
    "COURSE",
    "LEARNING_RESOURCE",
    "SCHEMA",
    "add_edges",
    "duration_hours",
    "iso_duration",
    "resource_fields",
    "resource_groups",
]

TEACHES = SCHEMA + "teaches"
PREREQUISITES = SCHEMA + "coursePrerequisites"
PROVIDER = SCHEMA + "provider"
URL = SCHEMA + "url"
TIME_REQUIRED = SCHEMA + "timeRequired"
LEVEL = SCHEMA + "educationalLevel"
IN_LANGUAGE = SCHEMA + "inLanguage"
COURSE_MODE = SCHEMA + "courseMode"
SG_RESOURCE_KIND = vocab.SG + "resourceKind"
SG_COST = vocab.SG + "cost"
SG_CURRENCY = vocab.SG + "currency"
SG_TEACHES_TO = vocab.SG + "teachesTo"
SG_PROFICIENCY = vocab.SG + "proficiency"
XSD_DURATION = vocab.XSD + "duration"
XSD_ANY_URI = vocab.XSD + "anyURI"

#: the rdf:type IRIs of a resource
NODE_TYPES = RESOURCE_TYPES


def _nt(iri: str) -> str:
    return f"<{iri}>"


def iso_duration(hours: float) -> str:
    """``hours`` as an ISO 8601 duration in hours (``"PT12H"``, ``"PT1.5H"``), exactly."""
    if hours == int(hours):
        return f"PT{int(hours)}H"
    return f"PT{format(Decimal(repr(float(hours))), 'f')}H"


_DURATION = re.compile(
    r"P(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?\Z"
)


def duration_hours(text: str) -> float | None:
    """The hours of an ISO 8601 day-time duration (``"PT1H30M"`` is 1.5), or None."""
    m = _DURATION.fullmatch(text)
    if m is None or not any(m.groupdict().values()) or text.endswith("T"):
        return None
    parts = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    if sum(1 for v in m.groupdict().values() if v) == 1 and m["h"]:
        hours = float(m["h"])  # the form the writer gives: exact
    else:
        hours = parts["d"] * 24 + parts["h"] + parts["m"] / 60 + parts["s"] / 3600
    return hours if math.isfinite(hours) and hours > 0 else None


# ---------------------------------------------------------------------- writing
def resource_groups(writer: Any, nd: Resource, after: list[Any], pending: list[Any]) -> list[Any]:
    """The type group of resource ``nd``; its other groups go to ``after``, blank nodes to
    ``pending`` (the RDF writer's lists)."""
    from ._literals import double_literal, literal, typed

    store, target = writer.store, writer.target
    is_course = nd.kind is ResourceKind.COURSE
    groups: list[Any] = [(_nt(vocab.TYPE), [_nt(COURSE if is_course else LEARNING_RESOURCE)])]
    add = after.append
    add((_nt(SG_RESOURCE_KIND), [literal(nd.kind.value)]))
    if nd.provider:
        add((_nt(PROVIDER), [literal(nd.provider)]))
    if nd.url is not None:
        add((_nt(URL), [typed(nd.url, XSD_ANY_URI)]))
    add((_nt(TIME_REQUIRED), [typed(iso_duration(nd.duration_hours), XSD_DURATION)]))
    if nd.cost:
        add((_nt(SG_COST), [double_literal(nd.cost)]))
    if nd.currency is not None:
        add((_nt(SG_CURRENCY), [literal(nd.currency)]))
    if nd.level is not None:
        add((_nt(LEVEL), [literal(nd.level.value)]))
    add((_nt(IN_LANGUAGE), [literal(nd.language)]))
    add((_nt(COURSE_MODE), [literal(nd.delivery.value)]))
    taught = store.teaching_of(nd.id)
    if taught:
        add((_nt(TEACHES), [target(s) for s in sorted(taught)]))
        blanks = []
        for s in sorted(taught):
            level = taught[s].proficiency
            if level is not None:
                b = writer.new_blank("t")
                blanks.append(b)
                pending.append((b, [(vocab.SG_SKILL, target(s)), (SG_PROFICIENCY, literal(level))]))
        if blanks:
            add((_nt(SG_TEACHES_TO), blanks))
    needs = store.resource_prerequisites_of(nd.id)
    if needs:
        add((_nt(PREREQUISITES), [target(s) for s in sorted(needs)]))
    return groups


# ---------------------------------------------------------------------- reading
_TEXT_FIELDS = {
    PROVIDER: "provider",
    SG_CURRENCY: "currency",
    IN_LANGUAGE: "language",
}
_ENUM_FIELDS: dict[str, tuple[str, Any]] = {
    SG_RESOURCE_KIND: ("kind", ResourceKind),
    LEVEL: ("level", Proficiency),
    COURSE_MODE: ("delivery", Delivery),
}


#: the edges of a resource: predicate -> the type of term its object must be
_EDGE_OBJECTS: dict[str, type] = {
    TEACHES: ox.NamedNode,
    PREREQUISITES: ox.NamedNode,
    SG_TEACHES_TO: ox.BlankNode,
}


def _lexical(o: Any) -> str | None:
    return str(o.value) if type(o) is ox.Literal and o.language is None else None


def resource_fields(reader: Any, k: str, nf: Any) -> None:
    """Read the resource fields of subject ``k`` from the triples its common fields left
    (``nf``, the node reader's `Fields`); its edges wait in ``reader.resource_edges`` for
    `add_edges`, what is not understood is kept as extra triples."""
    edges: list[tuple[str, str, Any]] = reader.resource_edges
    fields = nf.fields
    for p, o in nf.rest:
        text = _lexical(o)
        if p in _TEXT_FIELDS and text is not None and _TEXT_FIELDS[p] not in fields:
            fields[_TEXT_FIELDS[p]] = text
        elif p in _ENUM_FIELDS and text is not None and _ENUM_FIELDS[p][0] not in fields:
            name, enum = _ENUM_FIELDS[p]
            if text not in set(enum):
                reader.keep(k, p, o)
            else:
                fields[name] = enum(text)
        elif p == URL and text is not None and "url" not in fields:
            fields["url"] = text
        elif p == TIME_REQUIRED and text is not None and "duration_hours" not in fields:
            hours = duration_hours(text)
            if hours is None:
                reader.keep(k, p, o)
            else:
                fields["duration_hours"] = hours
        elif p == SG_COST and text is not None and "cost" not in fields:
            try:
                fields["cost"] = float(text)
            except ValueError:
                reader.keep(k, p, o)
        elif type(o) is _EDGE_OBJECTS.get(p):
            edges.append((k, p, o))
        else:
            reader.keep(k, p, o)


def add_edges(reader: Any) -> None:
    """Add the teaches and requires edges of the resources read (`resource_fields`).

    Raises:
        SkillGraphError: an edge is refused by the store.
    """
    from ..._store import store_of

    store = store_of(reader.g)
    ids, kinds = reader.node_ids, reader.kinds
    levels: dict[tuple[str, str], list[tuple[Any, Proficiency]]] = {}
    edges = reader.nodes.resource_edges
    for k, p, o in edges:
        if p != SG_TEACHES_TO:
            continue
        got = _proficiency_node(reader, o)
        if got is None:
            reader.keep(k, p, o)
        else:
            levels.setdefault((k, got[0]), []).append((o, got[1]))
    for k, p, o in edges:
        if p == SG_TEACHES_TO:
            continue
        t = o.value
        if kinds.get(t) != NodeType.SKILL:
            if kinds.get(t) is None:
                reader.lost += 1
            reader.keep(k, p, o)
        elif p == TEACHES:
            found = levels.pop((k, t), [])
            level = found[0][1] if len(found) == 1 else None
            if level is not None:
                reader.consumed.add("_:" + found[0][0].value)
            else:
                for b, _ in found:
                    reader.keep(k, SG_TEACHES_TO, b)
            store.add_teaching(Teaching(resource=ids[k], skill=ids[t], proficiency=level))
        else:
            store.add_resource_prerequisite(ResourcePrerequisite(resource=ids[k], skill=ids[t]))
    for (k, _), found in levels.items():  # a proficiency of a skill it does not teach
        for b, _ in found:
            reader.keep(k, SG_TEACHES_TO, b)


def _proficiency_node(reader: Any, o: Any) -> tuple[str, Proficiency] | None:
    """(skill IRI, proficiency) of a ``sg:teachesTo`` blank node holding exactly those."""
    b = "_:" + o.value
    lst = reader.props.get(b)
    if lst is None or b in reader.consumed or len(lst) != 2:
        return None
    got = dict(lst)
    skill, level = got.get(vocab.SG_SKILL), _lexical(got.get(SG_PROFICIENCY))
    if type(skill) is not ox.NamedNode or level not in set(Proficiency):
        return None
    return skill.value, Proficiency(level)
