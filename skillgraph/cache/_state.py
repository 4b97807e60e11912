"""A graph and its label index as plain arrays plus JSON, and back (the snapshot payload).

Nodes are kept as JSON (their fields minus defaults), edges as integer arrays of node
positions, requirement weights as float arrays. Loading builds the models without
validation (the snapshot is checksummed and was written by this library from a valid
graph), so it is several times faster than reading any source format.
"""

from __future__ import annotations

import enum
import json
import typing
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from .._store import Store, StoreState, restore, store_of
from ..graph import SkillGraph
from ..io._build import construct, paused_gc
from ..model import (
    NODE_CLASSES,
    Node,
    NodeType,
    Proficiency,
    Related,
    Requirement,
    Teaching,
    Translation,
)

__all__ = ["Arrays", "graph_from_state", "graph_to_state", "labels_from_state", "labels_to_state"]

Arrays = dict[str, npt.NDArray[Any]]
LabelIndex = tuple[dict[str, list[tuple[int, str]]], Any]

_NO_TEXT = -1


def _text_ids(values: list[str | None]) -> tuple[npt.NDArray[np.int32], list[str]]:
    """``values`` as positions into a table of distinct strings (-1 for None)."""
    table: dict[str, int] = {}
    pos = [_NO_TEXT if v is None else table.setdefault(v, len(table)) for v in values]
    return np.asarray(pos, dtype=np.int32), list(table)


def _bytes(text: str) -> npt.NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)


def _text(arr: npt.NDArray[Any]) -> str:
    return bytes(np.asarray(arr, dtype=np.uint8)).decode("utf-8", "surrogatepass")


def graph_to_state(g: SkillGraph) -> tuple[Arrays, dict[str, Any]]:
    """The graph as arrays (edges, weights, node JSON) and JSON metadata."""
    st = store_of(g).to_state()
    ids = [n.id for n in st.nodes]
    pos = {node_id: i for i, node_id in enumerate(ids)}
    nodes = [
        [n.node_type.value, n.model_dump(mode="python", exclude_defaults=True)] for n in st.nodes
    ]
    reqs = st.requirements
    sources, source_table = _text_ids([r.source for r in reqs])
    scales, scale_table = _text_ids([r.scale for r in reqs])

    def pairs(flat: list[tuple[str, str]]) -> npt.NDArray[np.int32]:
        return np.asarray([(pos[a], pos[b]) for a, b in flat], dtype=np.int32).reshape(-1, 2)

    related = st.related
    arrays: Arrays = {
        "nodes": _bytes(json.dumps(nodes, ensure_ascii=False, allow_nan=True)),
        "req.role": np.asarray([pos[r.role] for r in reqs], dtype=np.int32),
        "req.skill": np.asarray([pos[r.skill] for r in reqs], dtype=np.int32),
        "req.essential": np.asarray([r.essential for r in reqs], dtype=bool),
        "req.importance": np.asarray([r.importance for r in reqs], dtype=np.float64),
        "req.level": np.asarray(
            [np.nan if r.level is None else r.level for r in reqs], dtype=np.float64
        ),
        "req.has_level": np.asarray([r.level is not None for r in reqs], dtype=bool),
        "req.source": sources,
        "req.scale": scales,
        "broader": pairs(st.broader),
        "related": np.asarray(
            [(pos[e.skill], pos[e.related]) for e in related], dtype=np.int32
        ).reshape(-1, 2),
        "related.essential": np.asarray([e.essential for e in related], dtype=bool),
        "prerequisites": pairs(st.prerequisites),
        "progressions": pairs(st.progressions),
    }
    meta: dict[str, Any] = {
        "language": g.language,
        "metadata": g.metadata,
        "prefixes": g.prefixes,
        "placeholders": st.placeholders,
        "extra_triples": st.extra,
        "sources": source_table,
        "scales": scale_table,
    }
    if st.teaching or st.resource_prerequisites:  # learning resources' edges
        meta["teaching"] = [
            [e.resource, e.skill, None if e.proficiency is None else e.proficiency.value]
            for e in st.teaching
        ]
        meta["resource_prerequisites"] = [list(pair) for pair in st.resource_prerequisites]
    return arrays, meta


def _converter(cls: type[Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Turns JSON field values back into the types of ``cls`` (tuples, enums, translations)."""
    tuples: list[str] = []
    enums: list[tuple[str, type[enum.Enum]]] = []
    hints = typing.get_type_hints(cls)
    for name in cls.model_fields:
        hint = hints[name]
        args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        if typing.get_origin(hint) is tuple:
            tuples.append(name)
        elif isinstance(args[0], type) and issubclass(args[0], enum.Enum):
            enums.append((name, args[0]))

    def convert(fields: dict[str, Any]) -> dict[str, Any]:
        for name in tuples:
            if name in fields:
                fields[name] = tuple(fields[name])
        for name, kind in enums:
            value = fields.get(name)
            if value is not None:
                fields[name] = kind(value)
        trs = fields.get("translations")
        if trs:
            fields["translations"] = {
                lang: construct(Translation, _TRANSLATION(tr)) for lang, tr in trs.items()
            }
        return fields

    return convert


_TRANSLATION = _converter(Translation)
_CONVERT = {t: (cls, _converter(cls)) for t, cls in NODE_CLASSES.items()}


def graph_from_state(arrays: Arrays, meta: dict[str, Any]) -> SkillGraph:
    """The graph ``graph_to_state`` described.

    Raises:
        ValueError: the state is inconsistent (positions out of range, unknown node type).
        KeyError: an array or metadata entry is missing.
    """
    g = SkillGraph(language=meta["language"], metadata=meta["metadata"], prefixes=meta["prefixes"])
    with paused_gc():
        nodes: list[Node] = []
        for kind, fields in json.loads(_text(arrays["nodes"])):
            cls, convert = _CONVERT[NodeType(kind)]
            nodes.append(construct(cls, convert(fields)))
        ids = [n.id for n in nodes]

        def pairs(name: str) -> list[tuple[str, str]]:
            return [(ids[a], ids[b]) for a, b in arrays[name].tolist()]

        flags = arrays["related.essential"].tolist()
        related = [
            construct(Related, {"skill": ids[a], "related": ids[b], "essential": essential})
            for (a, b), essential in zip(arrays["related"].tolist(), flags, strict=True)
        ]
        state = StoreState(
            nodes=nodes,
            placeholders=list(meta["placeholders"]),
            requirements=_requirements(ids, arrays, meta),
            broader=pairs("broader"),
            related=related,
            prerequisites=pairs("prerequisites"),
            progressions=pairs("progressions"),
            extra=[(s, p, o) for s, p, o in meta["extra_triples"]],
            requirements_by_skill=np.argsort(arrays["req.skill"], kind="stable").tolist(),
            teaching=[
                construct(Teaching, {"resource": r, "skill": s, "proficiency": _level(p)})
                for r, s, p in meta.get("teaching", [])
            ],
            resource_prerequisites=[(r, s) for r, s in meta.get("resource_prerequisites", [])],
        )
        restore(g, Store.from_state(state))
    return g


def _level(value: str | None) -> Proficiency | None:
    return None if value is None else Proficiency(value)


def _requirements(ids: list[str], arrays: Arrays, meta: dict[str, Any]) -> list[Requirement]:
    from ..io._build import requirement

    sources: list[str] = meta["sources"]
    scales: list[str] = meta["scales"]
    columns = zip(
        arrays["req.role"].tolist(),
        arrays["req.skill"].tolist(),
        arrays["req.essential"].tolist(),
        arrays["req.importance"].tolist(),
        arrays["req.has_level"].tolist(),
        arrays["req.level"].tolist(),
        arrays["req.source"].tolist(),
        arrays["req.scale"].tolist(),
        strict=True,
    )
    made: list[Requirement] = []
    for r, s, essential, importance, has_level, level, source, scale in columns:
        if has_level or source != _NO_TEXT or scale != _NO_TEXT:
            fields: dict[str, Any] = {
                "role": ids[r],
                "skill": ids[s],
                "essential": essential,
                "importance": importance,
            }
            if has_level:
                fields["level"] = level
            if source != _NO_TEXT:
                fields["source"] = sources[source]
            if scale != _NO_TEXT:
                fields["scale"] = scales[scale]
            made.append(construct(Requirement, fields))
        else:
            made.append(requirement(ids[r], ids[s], essential, importance))
    return made


def labels_to_state(g: SkillGraph, keys: dict[str, list[tuple[int, str]]]) -> Arrays | None:
    """The label lookup table as arrays (None if a key cannot be stored one a line)."""
    pos = {node_id: i for i, node_id in enumerate(g.nodes)}
    if any("\n" in k for k in keys):
        return None
    entries = [e for hits in keys.values() for e in hits]
    return {
        "labels.keys": _bytes("\n".join(keys)),
        "labels.counts": np.asarray([len(h) for h in keys.values()], dtype=np.int32),
        "labels.priority": np.asarray([p for p, _ in entries], dtype=np.int8),
        "labels.node": np.asarray([pos[i] for _, i in entries], dtype=np.int32),
    }


def labels_from_state(g: SkillGraph, arrays: Arrays) -> dict[str, list[tuple[int, str]]]:
    """The label lookup table ``labels_to_state`` described.

    Raises:
        ValueError: the arrays do not fit together or the graph.
    """
    ids = list(g.nodes)
    texts = _text(arrays["labels.keys"]).split("\n") if len(arrays["labels.keys"]) else []
    counts = arrays["labels.counts"].tolist()
    if len(texts) != len(counts) or sum(counts) != len(arrays["labels.node"]):
        raise ValueError("label index arrays do not fit together")
    nodes = [ids[i] for i in arrays["labels.node"].tolist()]
    pairs = list(zip(arrays["labels.priority"].tolist(), nodes, strict=True))
    out: dict[str, list[tuple[int, str]]] = {}
    at = 0
    for text, n in zip(texts, counts, strict=True):
        out[text] = pairs[at : at + n]
        at += n
    return out
