"""A graph and its label index as plain arrays plus JSON, and back (the snapshot payload).

Nodes are kept as ids, types and one JSON text each (their fields minus defaults);
requirements as the store's columns (role, skill, essential, importance; level, source
and scale sparsely); other edges as integer arrays of node positions. Loading reads the
arrays into the store as they are: a node's model is made (without validation: the
snapshot is checksummed and was written by this library from a valid graph) when it is
first read, a requirement's when a read asks for it.
"""

from __future__ import annotations

import enum
import json
import typing
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from .._store import LazyNodes, RequirementColumns, Store, StoreState, restore, store_of
from .._trusted import construct
from ..errors import FormatError
from ..graph import SkillGraph
from ..model import NODE_CLASSES, Node, NodeType, Proficiency, Related, Teaching, Translation

__all__ = [
    "Arrays",
    "LabelTable",
    "graph_from_state",
    "graph_to_state",
    "labels_from_state",
    "labels_to_state",
]

Arrays = dict[str, npt.NDArray[Any]]
LabelIndex = tuple[dict[str, list[tuple[int, str]]], Any]

_NO_TEXT = -1
_NEWLINE = 10  # the byte that separates stored keys


def _text_ids(values: list[str | None]) -> tuple[npt.NDArray[np.int32], list[str]]:
    """``values`` as positions into a table of distinct strings (-1 for None)."""
    table: dict[str, int] = {}
    pos = [_NO_TEXT if v is None else table.setdefault(v, len(table)) for v in values]
    return np.asarray(pos, dtype=np.int32), list(table)


def _bytes(text: str) -> npt.NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)


def _text(arr: npt.NDArray[Any]) -> str:
    return bytes(np.asarray(arr, dtype=np.uint8)).decode("utf-8", "surrogatepass")


def _integers(
    values: npt.NDArray[Any], name: str, lo: int, hi: int, width: int | None = None
) -> npt.NDArray[np.int64]:
    """The snapshot array ``name`` (``values``) as int64, checked to hold whole numbers in
    [lo, hi]: a list of them, or with ``width`` rows of that many (pairs: 2).

    Raises:
        ValueError: another shape or dtype, or a value out of range.
    """
    shape_ok = values.ndim == 1 if width is None else values.ndim == 2 and values.shape[1] == width
    if not shape_ok or not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"{name} is not a list of whole numbers" + (" in pairs" if width else ""))
    if values.size and not (int(values.min()) >= lo and int(values.max()) <= hi):
        raise ValueError(f"{name} holds a value out of range")
    out: npt.NDArray[np.int64] = values.astype(np.int64)
    return out


def _columns(arrays: Arrays, name: str, code: str) -> array[Any]:
    return array(code, np.ascontiguousarray(arrays[name], dtype=_DTYPES[code]).tobytes())


_DTYPES = {"i": np.int32, "b": np.int8, "d": np.float64}


def _node_json(node: Node) -> bytes:
    """The fields of ``node`` that differ from their defaults, as UTF-8 JSON.

    pydantic's serialiser, several times faster than ``json.dumps`` of ``model_dump``; a
    text it cannot encode (a lone surrogate) takes the slow way.
    """
    try:
        return node.model_dump_json(exclude_defaults=True).encode("utf-8")
    except (ValueError, UnicodeError):
        fields = node.model_dump(mode="python", exclude_defaults=True)
        return json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")


def graph_to_state(g: SkillGraph) -> tuple[Arrays, dict[str, Any]]:
    """The graph as arrays (node ids, types and JSON, requirement columns, edges) and JSON
    metadata."""
    st = store_of(g).to_state()
    nodes = st.nodes
    assert not isinstance(nodes, LazyNodes)
    ids = [n.id for n in nodes]
    pos = {node_id: i for i, node_id in enumerate(ids)}
    kinds = list(NodeType)
    texts = [_node_json(n) for n in nodes]
    blob = b"\n".join(texts)
    ends = np.cumsum([len(t) + 1 for t in texts], dtype=np.int64)
    cols = st.requirements
    rows = sorted(cols.extra)
    extras = [cols.extra[r] for r in rows]
    sources, source_table = _text_ids([e[1] for e in extras])
    scales, scale_table = _text_ids([e[2] for e in extras])

    def pairs(flat: list[tuple[str, str]]) -> npt.NDArray[np.int32]:
        return np.asarray([(pos[a], pos[b]) for a, b in flat], dtype=np.int32).reshape(-1, 2)

    related = list(st.related)
    arrays: Arrays = {
        "node.ids": _bytes("\n".join(ids)),
        "node.kinds": np.asarray([kinds.index(n.node_type) for n in nodes], dtype=np.int8),
        "node.json": np.frombuffer(blob, dtype=np.uint8),
        "node.ends": ends,
        "req.names": _bytes("\n".join(cols.names)),
        "req.role": np.asarray(cols.role, dtype=np.int32),
        "req.skill": np.asarray(cols.skill, dtype=np.int32),
        "req.essential": np.asarray(cols.essential, dtype=np.int8),
        "req.importance": np.asarray(cols.importance, dtype=np.float64),
        "req.extra.row": np.asarray(rows, dtype=np.int64),
        "req.extra.level": np.asarray(
            [np.nan if e[0] is None else e[0] for e in extras], dtype=np.float64
        ),
        "req.extra.has_level": np.asarray([e[0] is not None for e in extras], dtype=bool),
        "req.extra.source": sources,
        "req.extra.scale": scales,
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


def _lazy_nodes(arrays: Arrays) -> LazyNodes:
    """The nodes of the snapshot, each made from its JSON on first read."""
    raw = arrays["node.ids"]
    ids = _text(raw).split("\n") if len(raw) else []
    every = list(NodeType)
    codes = _integers(arrays["node.kinds"], "node.kinds", 0, len(every) - 1)
    kinds = [every[k] for k in codes.tolist()]
    blob = bytes(np.asarray(arrays["node.json"], dtype=np.uint8))
    at = _integers(arrays["node.ends"], "node.ends", 1, len(blob) + 1)
    if len(at) and not (np.all(np.diff(at) > 0) and at[-1] == len(blob) + 1):
        raise ValueError("node.ends do not cut the node texts")
    ends = at.tolist()
    if not len(ids) == len(kinds) == len(ends):
        raise ValueError("node arrays do not fit together")

    def make(i: int) -> Node:
        start = ends[i - 1] if i else 0
        try:
            fields = json.loads(blob[start : ends[i] - 1])
            cls, convert = _CONVERT[kinds[i]]
            node: Node = construct(cls, convert(fields))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # made on first read, long after the load: a clear error, not a traceback
            raise FormatError(
                f"the cached snapshot is corrupt: node {ids[i]!r} does not decode ({exc}); "
                "run `skillgraph cache clear` (or read with cache=False / --no-cache)",
                source="snapshot",
            ) from None
        if node.id != ids[i]:
            raise FormatError(
                f"the cached snapshot is corrupt: node {i} is {node.id!r}, expected "
                f"{ids[i]!r}; run `skillgraph cache clear`",
                source="snapshot",
            )
        return node

    return LazyNodes(ids, kinds, make)


class _RelatedEdges:
    """The related edges of a snapshot, each model made as they are iterated."""

    def __init__(
        self, ids: Sequence[str], pairs: npt.NDArray[Any], flags: npt.NDArray[Any]
    ) -> None:
        """Checked here, not when first iterated.

        Raises:
            ValueError: the arrays do not fit together or name a node out of range.
        """
        pairs = _integers(pairs, "related", 0, len(ids) - 1, width=2)
        if len(pairs) != len(flags):
            raise ValueError("related edge arrays do not fit together")
        self._ids = ids
        self._pairs = pairs
        self._flags = flags

    def __iter__(self) -> Iterator[Related]:
        ids = self._ids
        for (a, b), essential in zip(self._pairs.tolist(), self._flags.tolist(), strict=True):
            yield construct(Related, {"skill": ids[a], "related": ids[b], "essential": essential})


def graph_from_state(arrays: Arrays, meta: dict[str, Any]) -> SkillGraph:
    """The graph ``graph_to_state`` described (its nodes are made on first read).

    Raises:
        ValueError: the state is inconsistent (positions out of range, unknown node type).
        KeyError: an array or metadata entry is missing.
    """
    g = SkillGraph(language=meta["language"], metadata=meta["metadata"], prefixes=meta["prefixes"])
    nodes = _lazy_nodes(arrays)
    ids = nodes.ids

    def pairs(name: str) -> list[tuple[str, str]]:
        rows = _integers(arrays[name], name, 0, len(ids) - 1, width=2).tolist()
        return [(ids[a], ids[b]) for a, b in rows]

    related = _RelatedEdges(ids, arrays["related"], arrays["related.essential"])
    state = StoreState(
        nodes=nodes,
        placeholders=list(meta["placeholders"]),
        requirements=_requirements(arrays, meta),
        broader=pairs("broader"),
        related=related,
        prerequisites=pairs("prerequisites"),
        progressions=pairs("progressions"),
        extra=[(s, p, o) for s, p, o in meta["extra_triples"]],
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


def _requirements(arrays: Arrays, meta: dict[str, Any]) -> RequirementColumns:
    raw = arrays["req.names"]
    names = _text(raw).split("\n") if len(raw) else []
    role = _columns(arrays, "req.role", "i")
    skill = _columns(arrays, "req.skill", "i")
    n = len(role)
    if not n == len(skill) == len(arrays["req.essential"]) == len(arrays["req.importance"]):
        raise ValueError("requirement arrays do not fit together")
    for name in ("req.role", "req.skill"):
        _integers(arrays[name], name, 0, len(names) - 1)
    _integers(arrays["req.essential"], "req.essential", 0, 1)
    importance = arrays["req.importance"]
    if not np.issubdtype(importance.dtype, np.floating) or not np.all(
        (importance >= 0.0) & (importance <= 1.0)  # NaN fails both
    ):
        raise ValueError("req.importance holds a value outside [0, 1]")
    sources: list[str] = meta["sources"]
    scales: list[str] = meta["scales"]
    extra: dict[int, tuple[float | None, str | None, str | None]] = {}
    columns = zip(
        arrays["req.extra.row"].tolist(),
        arrays["req.extra.has_level"].tolist(),
        arrays["req.extra.level"].tolist(),
        arrays["req.extra.source"].tolist(),
        arrays["req.extra.scale"].tolist(),
        strict=True,
    )
    for row, has_level, level, source, scale in columns:
        if not 0 <= row < n:
            raise ValueError("requirement row out of range")
        extra[row] = (
            level if has_level else None,
            sources[source] if source != _NO_TEXT else None,
            scales[scale] if scale != _NO_TEXT else None,
        )
    return RequirementColumns(
        names,
        role,
        skill,
        _columns(arrays, "req.essential", "b"),
        _columns(arrays, "req.importance", "d"),
        extra,
    )


def labels_to_state(g: SkillGraph, keys: Mapping[str, list[tuple[int, str]]]) -> Arrays | None:
    """The label lookup table as arrays (None if a key cannot be stored one a line)."""
    pos = {node_id: i for i, node_id in enumerate(g.nodes)}
    if any("\n" in k for k in keys):
        return None
    texts = sorted(keys)
    hits = list(map(keys.__getitem__, texts))
    entries = list(chain.from_iterable(hits))
    # two passes, not zip(*entries): unpacking 170,000 pairs as arguments took 0.4 s
    priority = [p for p, _ in entries]
    nodes = [pos[n] for _, n in entries]
    return {
        "labels.keys": _bytes("\n".join(texts)),
        "labels.counts": np.fromiter(map(len, hits), dtype=np.int32, count=len(hits)),
        "labels.priority": np.asarray(priority, dtype=np.int8),
        "labels.node": np.asarray(nodes, dtype=np.int32),
    }


class LabelTable(Mapping[str, list[tuple[int, str]]]):
    """The label lookup table read from a snapshot: its keys stay one UTF-8 text, sorted
    (found by bisection over the bytes: UTF-8 sorts as code points do), each key decoded
    and its hits made only when read."""

    def __init__(
        self,
        blob: bytes,
        starts: npt.NDArray[np.int64],
        ends: npt.NDArray[np.int64],
        priority: npt.NDArray[Any],
        nodes: npt.NDArray[Any],
        ids: list[str],
    ) -> None:
        self._blob = blob
        #: where each key starts and ends in ``blob``
        self._starts = starts.tolist()
        self._key_ends = (starts[1:] - 1).tolist() + ([len(blob)] if len(starts) else [])
        #: where each key's hits end in ``priority`` and ``nodes``
        self._ends = ends
        self._priority = priority
        self._nodes = nodes
        self._ids = ids

    def _key(self, i: int) -> bytes:
        return self._blob[self._starts[i] : self._key_ends[i]]

    def _at(self, key: object) -> int:
        if not isinstance(key, str):
            return -1
        try:
            want = key.encode("utf-8", "surrogatepass")
        except UnicodeError:
            return -1
        lo, hi = 0, len(self._starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < want:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self._starts) and self._key(lo) == want else -1

    def __getitem__(self, key: str) -> list[tuple[int, str]]:
        i = self._at(key)
        if i < 0:
            raise KeyError(key)
        start, end = int(self._ends[i - 1]) if i else 0, int(self._ends[i])
        ids = self._ids
        return [
            (p, ids[n])
            for p, n in zip(
                self._priority[start:end].tolist(), self._nodes[start:end].tolist(), strict=True
            )
        ]

    def __iter__(self) -> Iterator[str]:
        for i in range(len(self._starts)):
            yield self._key(i).decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self._starts)

    def __contains__(self, key: object) -> bool:
        return self._at(key) >= 0


def labels_from_state(g: SkillGraph, arrays: Arrays) -> LabelTable:
    """The label lookup table ``labels_to_state`` described.

    Raises:
        ValueError: the arrays do not fit together or the graph.
    """
    ids = list(g.nodes)
    raw = np.asarray(arrays["labels.keys"], dtype=np.uint8)
    counts = arrays["labels.counts"]
    nodes = arrays["labels.node"]
    priority = arrays["labels.priority"]
    starts = (
        np.concatenate([[0], np.flatnonzero(raw == _NEWLINE) + 1]).astype(np.int64)
        if len(raw)
        else np.zeros(0, dtype=np.int64)
    )
    if len(starts) != len(counts) or counts.sum() != len(nodes) or len(priority) != len(nodes):
        raise ValueError("label index arrays do not fit together")
    if len(nodes) and not (nodes.min() >= 0 and nodes.max() < len(ids)):
        raise ValueError("label index names a node out of range")
    ends = np.cumsum(counts, dtype=np.int64)
    return LabelTable(raw.tobytes(), starts, ends, priority, nodes, ids)
