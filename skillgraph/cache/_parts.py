"""The derived values of a graph a snapshot keeps beside it, one file ("part") each.

Each part has a file tag (its name and the version of its layout: a change of either is a
miss), an encoder to numpy arrays plus JSON metadata and a decoder back. Parts:

- ``label_index``: the lookup index;
- ``analysis_index``, ``analysis_profiles``: the core of the analysis index and its
  similarity profiles (a gap loads the first only);
- ``analysis_families``: the families detected by community detection (seed 0);
- ``analysis_mobility:<method>``: the viable moves under a family method;
- ``analysis_skill_groups``, ``analysis_adjacency``: a learning plan's skill groups and
  the declared skill adjacency;
- ``analysis_gap_index``: gap's weights and tool classes (``analysis._gap_credit``);
- ``text_index``, ``text_synonyms`` and ``text_descriptions``: the free-text match index,
  the synonyms learned from its labels and its description index (the last two stored
  when first built, which is after the index itself).

Dataclass values are stored field by field (arrays, sparse matrices as their three
arrays, the rest as JSON); fields whose name starts with ``_`` are caches of the value
itself and are rebuilt on use. Nothing is pickled.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["BAD", "Part", "Saver", "part_for"]

Encoded = tuple[dict[str, Any], dict[str, Any]]
#: stores one more part of the same snapshot: ``save(name, value)``
Saver = Callable[[str, Any], None]
#: loads one more part of the same snapshot: ``load(name)`` (None: absent or corrupt)
Loader = Callable[[str], Any]

#: what a corrupt part may raise while it is decoded
BAD = (ValueError, KeyError, IndexError, TypeError, AttributeError)


@dataclass(frozen=True)
class Part:
    """How one derived value of a graph is stored: file tag, encoder, decoder and a hook
    run on the value once loaded or stored (``attach(value, load, save)``)."""

    tag: str
    encode: Callable[[SkillGraph, Any], Encoded | None]
    decode: Callable[[SkillGraph, dict[str, Any], dict[str, Any]], Any]
    attach: Callable[[Any, Loader, Saver], None] | None = None


# ---------------------------------------------------------------------------- codec
def _put(name: str, value: Any, arrays: dict[str, Any], meta: dict[str, Any]) -> None:
    """Add the field ``name`` holding ``value`` to ``arrays`` and ``meta``.

    Raises:
        TypeError: an object array, or a value neither array, sparse matrix nor JSON.
    """
    from ..analysis._csr import Csr

    if isinstance(value, Csr):
        for attr in ("data", "indices", "indptr"):
            arrays[f"{name}.{attr}"] = getattr(value, attr)
        meta[name] = {"kind": "arrays-csr", "shape": list(value.shape)}
        return
    import scipy.sparse as sp

    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufc":
            raise TypeError(f"field {name}: arrays of {value.dtype} are not stored")
        arrays[name] = value
        meta[name] = {"kind": "array"}
    elif sp.issparse(value) and value.format in ("csr", "csc"):
        for attr in ("data", "indices", "indptr"):
            arrays[f"{name}.{attr}"] = getattr(value, attr)
        meta[name] = {"kind": value.format, "shape": list(value.shape)}
    elif isinstance(value, np.generic):
        meta[name] = {"kind": "json", "value": value.item()}
    else:
        meta[name] = {"kind": "json", "value": value}


def _get(name: str, arrays: dict[str, Any], meta: dict[str, Any]) -> Any:
    """The value of field ``name`` that `_put` stored.

    Raises:
        KeyError: the field or one of its arrays is missing.
        ValueError: an unknown kind, or sparse arrays that do not fit together.
    """
    spec = meta[name]
    kind = spec["kind"]
    if kind == "array":
        return arrays[name]
    if kind == "arrays-csr":
        from ..analysis._csr import Csr

        data, indices, indptr = (arrays[f"{name}.{attr}"] for attr in ("data", "indices", "indptr"))
        return Csr.checked(data, indices, indptr, np.asarray(spec["shape"]), name)
    if kind in ("csr", "csc"):
        import scipy.sparse as sp

        parts = tuple(arrays[f"{name}.{attr}"] for attr in ("data", "indices", "indptr"))
        make = sp.csr_matrix if kind == "csr" else sp.csc_matrix
        return make(parts, shape=tuple(spec["shape"]))
    if kind == "json":
        return spec["value"]
    raise ValueError(f"field {name} of unknown kind {kind!r}")


def _public_fields(cls: type[Any]) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")]


def _layout(cls: type[Any]) -> str:
    """A short digest of the stored fields of ``cls`` (a changed class is another part)."""
    types = {f.name: str(f.type) for f in dataclasses.fields(cls)}
    text = ",".join(f"{name}:{types[name]}" for name in _public_fields(cls))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def encode_fields(value: Any) -> Encoded:
    """The public fields of the dataclass ``value`` as arrays and JSON metadata.

    Raises:
        TypeError: a field holds a value that cannot be stored.
    """
    arrays: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for name in _public_fields(type(value)):
        _put(name, getattr(value, name), arrays, meta)
    return arrays, meta


def decode_fields(cls: type[Any], arrays: dict[str, Any], meta: dict[str, Any]) -> Any:
    """The ``cls`` instance `encode_fields` described (private fields at their defaults).

    Raises:
        KeyError: a field is missing.
        TypeError: the fields do not fit ``cls``.
        ValueError: a field is malformed.
    """
    return cls(**{name: _get(name, arrays, meta) for name in _public_fields(cls)})


def _dataclass_part(name: str, cls: type[Any]) -> Part:
    def decode(g: SkillGraph, arrays: dict[str, Any], meta: dict[str, Any]) -> Any:
        return decode_fields(cls, arrays, meta)

    return Part(f"{name}-{_layout(cls)}", lambda g, v: encode_fields(v), decode)


def _json_part(tag: str, to_json: Callable[[Any], Any], from_json: Callable[[Any], Any]) -> Part:
    def decode(g: SkillGraph, arrays: dict[str, Any], meta: dict[str, Any]) -> Any:
        return from_json(meta["value"])

    return Part(tag, lambda g, v: ({}, {"value": to_json(v)}), decode)


# ---------------------------------------------------------------------------- parts
def _labels() -> Part:
    from ._state import labels_from_state, labels_to_state

    def encode(g: SkillGraph, keys: Any) -> Encoded | None:
        arrays = labels_to_state(g, keys)
        return None if arrays is None else (arrays, {})

    return Part("labels", encode, lambda g, arrays, meta: labels_from_state(g, arrays))


def _analysis_index() -> Part:
    from ..analysis._index import INDEX_FORMAT_VERSION, Index

    def decode(g: SkillGraph, arrays: dict[str, Any], meta: dict[str, Any]) -> Any:
        return Index.from_state(arrays, meta, graph=g)

    return Part(f"index-v{INDEX_FORMAT_VERSION}", lambda g, ix: ix.to_state(), decode)


def _analysis_profiles() -> Part:
    from ..analysis._profiles import PROFILES_FORMAT_VERSION, Profiles

    def decode(g: SkillGraph, arrays: dict[str, Any], meta: dict[str, Any]) -> Any:
        return Profiles.from_state(arrays, meta, n_roles=len(g.roles))

    return Part(f"profiles-v{PROFILES_FORMAT_VERSION}", lambda g, p: p.to_state(), decode)


def _families() -> Part:
    def from_json(value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            raise TypeError("families are not a mapping")
        return {str(k): str(v) for k, v in value.items()}

    return _json_part("families-v1", dict, from_json)


def _skill_groups() -> Part:
    def from_json(value: Any) -> list[tuple[str | None, str, bool]]:
        return [(gid, str(label), bool(alt)) for gid, label, alt in value]

    return _json_part("skill-groups-v1", list, from_json)


def _mobility(method: str) -> Part:
    from ..analysis.viability import Mobility

    safe = re.sub(r"[^A-Za-z0-9_-]", "_", method)
    return _dataclass_part(f"mobility-{safe}", Mobility)


def _adjacency() -> Part:
    from ..analysis.adjacency import Adjacency

    return _dataclass_part("adjacency", Adjacency)


def _gap_index() -> Part:
    from ..analysis._gap_credit import GapIndex

    return _dataclass_part("gap-index", GapIndex)


def _text_index() -> Part:
    from ..text._index import TextIndex

    def attach(ix: Any, load: Loader, save: Saver) -> None:
        # the later parts load on first use, not with the index (a match_roles call needs
        # neither the synonyms nor the description index)
        ix.when_built(
            lambda name, value: save(f"text_{name}", value), lambda name: load(f"text_{name}")
        )

    return dataclasses.replace(_dataclass_part("text-index", TextIndex), attach=attach)


def _synonyms() -> Part:
    from ..text._saved import SYNONYMS_LAYOUT, synonyms_from_json, synonyms_to_json

    return _json_part(f"synonyms-v{SYNONYMS_LAYOUT}", synonyms_to_json, synonyms_from_json)


def _descriptions() -> Part:
    def encode(g: SkillGraph, value: Any) -> Encoded:
        arrays: dict[str, Any] = {}
        meta: dict[str, Any] = {}
        _put("m", value[0], arrays, meta)
        _put("has", value[1], arrays, meta)
        return arrays, meta

    def decode(g: SkillGraph, arrays: dict[str, Any], meta: dict[str, Any]) -> Any:
        return (_get("m", arrays, meta), _get("has", arrays, meta))

    return Part("descriptions-v1", encode, decode)


_PARTS: dict[str, Callable[[], Part]] = {
    "label_index": _labels,
    "analysis_index": _analysis_index,
    "analysis_profiles": _analysis_profiles,
    "analysis_families": _families,
    "analysis_skill_groups": _skill_groups,
    "analysis_adjacency": _adjacency,
    "analysis_gap_index": _gap_index,
    "text_index": _text_index,
    "text_synonyms": _synonyms,
    "text_descriptions": _descriptions,
}
_MOBILITY = "analysis_mobility:"


def part_for(name: str) -> Part | None:
    """How the derived value ``name`` is stored, or None for values not kept."""
    if name.startswith(_MOBILITY):
        return _mobility(name[len(_MOBILITY) :])
    factory = _PARTS.get(name)
    return None if factory is None else factory()
