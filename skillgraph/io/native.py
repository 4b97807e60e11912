"""The native JSON format: one document, schema exported from the models.

Layout (see docs/format.md and `json_schema`)::

    {"skillgraph": 1, "language": "en", "metadata": {...}, "prefixes": {...},
     "industries": [...], "clusters": [...], "skill_groups": [...], "skills": [...],
     "roles": [...], "requires": [...], "broader": [...], "related": [...],
     "prerequisites": [...], "progressions": [...], "resources": [...], "teaches": [...],
     "resource_requires": [...], "extra_triples": [[s, p, o], ...]}

(``resources``, ``teaches`` and ``resource_requires`` appear only when the graph has
learning resources.)

Lists are sorted by id (edges by their ends), fields equal to their default are omitted,
dictionary keys are sorted: equal graphs give byte-identical files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, BinaryIO, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .._gc import paused_gc
from .._nt_terms import check_triples
from .._store import store_of
from ..errors import FormatError, SkillGraphError
from ..graph import SkillGraph
from ..model import (
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
from . import _json
from ._limits import MAX_TOKEN_BYTES
from ._native_bulk import (
    NODE_SECTIONS,
    Checked,
    Columns,
    add_broader,
    add_requirements,
    check_broader,
    check_nodes,
    check_related,
    check_requirements,
    duplicate_reason,
    format_error,
    requirement_columns,
)
from ._native_sniff import sniff_native
from ._source import Source
from ._utf8 import encode, find_lone_surrogate, path

__all__ = ["NativeDocument", "json_schema", "read_native", "sniff_native", "write_native"]

FORMAT_VERSION = 1


class NativeDocument(BaseModel):
    """The native JSON document (version 1)."""

    model_config = ConfigDict(extra="forbid", title="skillgraph native JSON")

    skillgraph: Literal[1] = Field(description="format version")
    language: str = Field("en", description="language of labels that carry no language tag")
    metadata: dict[str, str] = Field(default_factory=dict)
    prefixes: dict[str, str] = Field(default_factory=dict, description="CURIE prefix -> IRI")
    industries: list[Industry] = Field(default_factory=list)
    clusters: list[Cluster] = Field(default_factory=list)
    skill_groups: list[SkillGroup] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    requires: list[Requirement] = Field(default_factory=list)
    broader: list[Broader] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    prerequisites: list[Prerequisite] = Field(default_factory=list)
    progressions: list[Progression] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list, description="learning resources")
    teaches: list[Teaching] = Field(default_factory=list)
    resource_requires: list[ResourcePrerequisite] = Field(default_factory=list)
    extra_triples: list[tuple[str, str, str]] = Field(
        default_factory=list, description="RDF triples kept verbatim (N-Triples terms)"
    )

    @field_validator("skillgraph", mode="before")
    @classmethod
    def _whole_version(cls, value: Any) -> Any:
        """The version as written: 1, not true or 1.0 (which pydantic would take for 1)."""
        if isinstance(value, bool | float):
            raise ValueError(f"must be the whole number {FORMAT_VERSION}")
        return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the native format."""
    return NativeDocument.model_json_schema()


def read_native(source: Source, **options: Any) -> SkillGraph:
    """Read a native JSON document.

    Raises:
        FormatError: the text is not UTF-8 JSON (with line and column), or a field is
            invalid (with its path, e.g. ``requires[12].importance``).
        ResourceLimitError: nesting deeper than the JSON parser's recursion limit, or an
            integer of more than 4300 digits.

    A UTF-8 byte order mark is accepted. Labels and descriptions have no length limit of
    their own up to 16 MiB (`skillgraph.io._limits.MAX_TOKEN_BYTES`, the RDF parsers'
    limit, as an N-Triples literal): a longer string is refused (ResourceLimitError naming
    its field), for it could not be read back once written as RDF.
    The native format has no reader options: any given is refused (InvalidValueError).
    """
    unknown = sorted(k for k in options if k != "progress")
    if unknown:
        from ..errors import InvalidValueError

        raise InvalidValueError(
            f"unknown option(s) for the native JSON reader: {', '.join(unknown)}",
            field=unknown[0],
        )
    with paused_gc():  # many long-lived objects and no cycles: see skillgraph._gc
        return _read_document(source)


def _read_document(source: Source) -> SkillGraph:
    """`read_native` after its options are checked (same errors)."""
    raw = source.read_bytes()
    doubt = _json.may_hold_long_string(raw, MAX_TOKEN_BYTES)
    # a lone surrogate can only come from a \u escape: most documents hold none
    surrogates = _json.may_escape_surrogate(raw)
    # the writer's layout; its requirements as columns unless an error must name an entry
    obj = _json.parse_members(raw, None if surrogates else {"requires": requirement_columns})
    if obj is None:
        text = _json.decode(raw, source.name)
        del raw  # the tree below is built without it
        if not text or text.isspace():
            raise FormatError("empty file: expected a skillgraph JSON document", source=source.name)
        obj = _json.parse(text, source.name, "JSON nested too deeply (the format needs 5 levels)")
        del text  # the model below is built without it
    else:
        del raw
    if surrogates:
        _refuse_lone_surrogates(obj, source.name)
    if doubt:
        _json.refuse_long_strings(obj, MAX_TOKEN_BYTES, source.name)
    if not isinstance(obj, dict) or "skillgraph" not in obj:
        raise FormatError(
            'expected a JSON object with "skillgraph": 1 (the native format)', source=source.name
        )
    popped = {k: obj.pop(k) for k in _BULK if isinstance(obj.get(k), list | Columns)}
    try:
        doc = NativeDocument.model_validate(obj)
    except ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        at = _FIELDS.index(str(loc[0])) if loc and str(loc[0]) in _FIELDS else len(_FIELDS)
        for section, items in popped.items():  # an error in an earlier section comes first
            if _FIELDS.index(section) < at:
                _BULK[section](items, source.name)
        raise format_error(exc, (), source.name) from None
    for section in NODE_SECTIONS:  # in bulk: see _native_bulk
        if section in popped:
            setattr(doc, section, check_nodes(section, popped[section], source.name))
    reqs = check_requirements(popped.get("requires", []), source.name)
    broader = check_broader(popped.get("broader", []), source.name)
    if "related" in popped:
        doc.related = check_related(popped["related"], source.name)
    return document_to_graph(doc, source.name, reqs, broader)


_FIELDS = list(NativeDocument.model_fields)
#: sections checked by the reader rather than the model, in document order
_BULK: dict[str, Callable[[list[Any], str], Sequence[Any]]] = {
    **{section: partial(check_nodes, section) for section in NODE_SECTIONS},
    "requires": check_requirements,
    "broader": check_broader,
    "related": check_related,
}


def _refuse_lone_surrogates(obj: Any, name: str) -> None:
    """Refuse a string holding a lone surrogate (``"\\ud800"``): it cannot be written as UTF-8.

    Raises:
        FormatError: naming the field path of the first such string.
    """
    found = find_lone_surrogate(obj)
    if found is not None:
        loc, char = found
        raise FormatError(
            f"a lone surrogate {char!r} (an unpaired \\uD800-\\uDFFF escape) is not a character",
            source=name,
            column=path(loc),
        )


#: one section of a document: its name, its items and how each is added
_Step = tuple[str, Sequence[Any], Callable[[Any], None]]
#: the sections added after the nodes, requirements and broader links, and the store
#: method adding each item
_LATER = (
    ("related", "add_related"),
    ("prerequisites", "add_prerequisite"),
    ("progressions", "add_progression"),
    ("resources", "add_node"),
    ("teaches", "add_teaching"),
    ("resource_requires", "add_resource_prerequisite"),
)


def document_to_graph(
    doc: NativeDocument,
    name: str,
    requires: Checked,
    broader: Sequence[tuple[str, str]],
) -> SkillGraph:
    """Build a SkillGraph from a validated document.

    ``requires``, ``broader``: the document's requirements (columns, or rows and models) and broader
    pairs, checked by the reader (``_native_bulk``) rather than by the document model.

    Raises:
        FormatError: a reference, duplicate id or cycle, naming the list entry.
    """
    try:
        g = SkillGraph(language=doc.language, metadata=doc.metadata, prefixes=doc.prefixes)
    except SkillGraphError as exc:
        raise FormatError(str(exc), source=name, column="language") from None
    store = store_of(g)
    nodes: list[_Step] = [(s, getattr(doc, s), store.add_node) for s in NODE_SECTIONS]
    later: list[_Step] = [(s, getattr(doc, s), getattr(store, add)) for s, add in _LATER]

    def add_all(steps: list[_Step]) -> None:
        for section, items, add in steps:
            for index, item in enumerate(items):
                try:
                    add(item)
                except SkillGraphError as exc:
                    blame = _placeholder_owner(doc, g, item) if isinstance(item, Node) else None
                    if blame is not None:  # the node is fine: an earlier reference was not
                        where, message = blame
                        raise FormatError(message, source=name, column=where) from None
                    reason, column = duplicate_reason(doc, item, exc), f"{section}[{index}]"
                    raise FormatError(reason, source=name, column=column) from None

    for step in nodes:  # a section at once when nothing in it needs a question
        if not store.add_new_nodes(step[1]):
            add_all([step])
    add_requirements(g, requires, name)  # in bulk: see _native_bulk
    add_broader(g, broader, name)
    add_all(later)
    try:
        check_triples(doc.extra_triples)
    except SkillGraphError as exc:
        raise FormatError(str(exc), source=name) from None
    if doc.extra_triples:
        _refuse_vocabulary_triples(g, doc.extra_triples, name)
    store.add_extra((s, p, o) for s, p, o in doc.extra_triples)
    return g


def _placeholder_owner(doc: NativeDocument, g: SkillGraph, node: Node) -> tuple[str, str] | None:
    """Where a cluster or industry reference names ``node`` (of another type), if one does.

    A reference to an undeclared cluster or industry creates a placeholder; a node of
    another type with that id, declared later, is then refused: the reference is wrong.
    """
    if node.id not in g.undeclared:
        return None
    for index, cluster in enumerate(doc.clusters):
        if cluster.broader == node.id and node.node_type is not NodeType.CLUSTER:
            return f"clusters[{index}]", (
                f"Cluster {cluster.id!r}: field 'broader': {node.id!r} is a "
                f"{node.node_type.value}, expected a cluster"
            )
    for index, role in enumerate(doc.roles):
        wrong_cluster = role.cluster == node.id and node.node_type is not NodeType.CLUSTER
        if wrong_cluster or (
            node.id in role.industries and node.node_type is not NodeType.INDUSTRY
        ):
            field, wanted = (
                ("cluster", "a cluster") if wrong_cluster else ("industries", "an industry")
            )
            return f"roles[{index}]", (
                f"Role {role.id!r}: field {field!r}: {node.id!r} is a "
                f"{node.node_type.value}, expected {wanted}"
            )
    return None


def _refuse_vocabulary_triples(
    g: SkillGraph, triples: Sequence[tuple[str, str, str]], name: str
) -> None:
    """Refuse extra triples that an RDF reader would interpret rather than keep.

    Extra triples are kept verbatim; written to RDF beside the graph's own triples, one
    that says something in the vocabulary the RDF reader understands would change the graph
    read back (a label, a requirement, a node's type) or make it unreadable (a node typed
    twice). Refused: an edge predicate (broader, requirement, prerequisite, progression,
    cluster, industry, a resource's teaches and course prerequisites) between two nodes of
    the graph, typing a node of the graph as a node class, typing anything as a skill, role,
    cluster, industry, skill group, learning resource or ontology, and an
    ``sg:Requirement`` the RDF reader would read (its role and skill nodes of the graph,
    its essential flag and importance well-formed). What the RDF reader itself keeps
    (unknown predicates, values it cannot read) stays allowed.

    Raises:
        FormatError: naming the triple (``extra_triples[i]``) and what to do instead.
    """
    from .rdf import _esco, _learning
    from .rdf import _vocab as vocab
    from .rdf._ids import IdMap

    ids = IdMap(g.prefixes)
    nodes = {ids.nt(node_id): node_id for node_id in g.nodes}
    # predicates that, between two nodes of the graph, the RDF reader turns into edges
    # (ESCO's inverse relations and the pre-0.2 esco: namespace included: both still read)
    legacy = _esco.LEGACY
    edges = (
        vocab.BROADER,
        vocab.ESSENTIAL,
        vocab.OPTIONAL,
        vocab.SG_PREREQUISITE,
        _esco.IS_ESSENTIAL_FOR,
        _esco.IS_OPTIONAL_FOR,
        legacy + "relatedEssentialSkill",
        legacy + "relatedOptionalSkill",
    )
    # a learning resource's schema:teaches and schema:coursePrerequisites of a skill too
    resource_edges = (_learning.TEACHES, _learning.PREREQUISITES)
    linking = {f"<{t}>" for t in (*edges, *resource_edges, vocab.SG_PROGRESSES_TO)}
    linking.update((f"<{vocab.SG_CLUSTER}>", f"<{vocab.SG_INDUSTRY}>"))
    classes = (
        vocab.OCCUPATION,
        vocab.SKILL,
        vocab.SKILL_GROUP,
        vocab.CLUSTER,
        vocab.INDUSTRY,
        *_learning.NODE_TYPES,  # schema:Course, schema:LearningResource
        legacy + "Occupation",
        legacy + "Skill",
        legacy + "SkillGroup",
    )
    declaring = {f"<{t}>" for t in (*classes, vocab.ONTOLOGY)}
    typing = declaring | {
        f"<{t}>" for t in (vocab.ISCO_GROUP, vocab.REQUIREMENT, legacy + "ISCOGroup")
    }
    rdf_type = f"<{vocab.TYPE}>"
    about: dict[str, list[tuple[int, str, str]]] = {}  # sg:Requirement candidates
    for index, (s, p, o) in enumerate(triples):
        where = f"extra_triples[{index}]"
        if s in nodes and ((p in linking and o in nodes) or (p == rdf_type and o in typing)):
            raise FormatError(
                f"{p} between nodes of the graph ({nodes[s]!r} -> {o}) is read back as "
                "part of the graph: give it as an edge or field, not as an extra triple",
                source=name,
                column=where,
            )
        if p == rdf_type and o in declaring:
            raise FormatError(
                f"an extra triple cannot declare a node ({s} a {o}); add the node "
                "to its list instead",
                source=name,
                column=where,
            )
        if s.startswith("_:"):
            about.setdefault(s, []).append((index, p, o))
    for s, props in about.items():
        pair = _requirement_of(props, nodes)
        if pair is not None and pair[0] in g.roles and pair[1] in g.skills:
            where = f"extra_triples[{props[0][0]}]"
            raise FormatError(
                f"the extra triples about {s} form a requirement of {pair[0]!r} for "
                f"{pair[1]!r}: give it in 'requires' instead",
                source=name,
                column=where,
            )


_XSD = "http://www.w3.org/2001/XMLSchema#"
_BOOLEAN = re.compile(rf'"(?:true|false|1|0)"\^\^<{_XSD}boolean>')
_DOUBLE = re.compile(rf'"[^"]*"\^\^<{_XSD}double>')


def _requirement_of(
    props: list[tuple[int, str, str]], nodes: dict[str, str]
) -> tuple[str, str] | None:
    """(role, skill) when the triples of one blank node read as an ``sg:Requirement``."""
    from .rdf import _vocab as vocab

    got: dict[str, str] = {}
    for _, p, o in props:
        if p in got and p != f"<{vocab.TYPE}>":
            return None  # a repeated predicate: the RDF reader keeps it as extra triples
        got[p] = o
    if got.get(f"<{vocab.TYPE}>") != f"<{vocab.REQUIREMENT}>":
        return None
    role = nodes.get(got.get(f"<{vocab.SG_ROLE}>", ""))
    skill = nodes.get(got.get(f"<{vocab.SG_SKILL}>", ""))
    essential = _BOOLEAN.fullmatch(got.get(f"<{vocab.SG_ESSENTIAL}>", ""))
    importance = _DOUBLE.fullmatch(got.get(f"<{vocab.SG_IMPORTANCE}>", ""))
    if role is None or skill is None or essential is None or importance is None:
        return None
    return role, skill


def _node_dict(node: Node) -> dict[str, Any]:
    data = node.model_dump(mode="json", exclude_defaults=True)
    if "translations" in data:
        data["translations"] = {k: data["translations"][k] for k in sorted(data["translations"])}
    if "attributes" in data:
        data["attributes"] = {k: data["attributes"][k] for k in sorted(data["attributes"])}
    if isinstance(node, Skill):
        data["kind"] = node.kind.value
    # field declaration order, whatever order the model was built with
    return {k: data[k] for k in type(node).model_fields if k in data}


def graph_to_document(g: SkillGraph) -> dict[str, Any]:
    """The graph as a plain, canonically ordered native document (a dict)."""

    undeclared = g.undeclared  # placeholders: the references that name them recreate them

    def nodes(mapping: Any) -> list[dict[str, Any]]:
        return [_node_dict(mapping[k]) for k in sorted(mapping) if k not in undeclared]

    def edges(it: Any) -> list[dict[str, Any]]:
        return [e.model_dump(mode="json", exclude_defaults=True) for e in it]

    doc: dict[str, Any] = {"skillgraph": FORMAT_VERSION, "language": g.language}
    if g.metadata:
        doc["metadata"] = {k: g.metadata[k] for k in sorted(g.metadata)}
    if g.prefixes:
        doc["prefixes"] = {k: g.prefixes[k] for k in sorted(g.prefixes)}
    doc["industries"] = nodes(g.industries)
    doc["clusters"] = nodes(g.clusters)
    doc["skill_groups"] = nodes(g.groups)
    doc["skills"] = nodes(g.skills)
    doc["roles"] = nodes(g.roles)
    reqs = []
    store = store_of(g)
    for role in sorted(store.roles_with_requirements()):
        for skill, essential, importance, extra in sorted(store.requirement_values_of(role)):
            d: dict[str, Any] = {
                "role": role,
                "skill": skill,
                "essential": essential,
                "importance": importance,
            }
            if extra is not None:
                for key, value in zip(("level", "source", "scale"), extra, strict=True):
                    if value is not None:
                        d[key] = value
            reqs.append(d)
    doc["requires"] = reqs
    doc["broader"] = edges(g.iter_broader())
    doc["related"] = [
        {"skill": e.skill, "related": e.related, "essential": e.essential} for e in g.iter_related()
    ]
    doc["prerequisites"] = edges(g.iter_prerequisites())
    doc["progressions"] = edges(g.iter_progressions())
    if g.resources:  # learning resources: only in documents that have some
        doc["resources"] = nodes(g.resources)
        doc["teaches"] = edges(g.iter_teaching())
        doc["resource_requires"] = edges(g.iter_resource_prerequisites())
    if g.extra_triples:
        doc["extra_triples"] = [list(t) for t in sorted(g.extra_triples)]
    return doc


def write_native(
    graph: SkillGraph, out: BinaryIO, *, indent: int | None = 2, **options: Any
) -> None:
    """Write ``graph`` as canonical native JSON (UTF-8, sorted, trailing newline).

    Raises:
        InvalidValueError: a text of the graph holds a lone surrogate (no UTF-8 form).
    """
    doc = graph_to_document(graph)
    text = json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)
    out.write(encode(text, graph))
    out.write(b"\n")
