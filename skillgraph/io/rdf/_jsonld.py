"""The JSON-LD serialiser: a compacted document with a local ``@context``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox

from . import _vocab as vocab
from ._ids import output_prefixes
from ._ntriples import triples

if TYPE_CHECKING:
    from ...graph import SkillGraph

__all__ = ["write_jsonld"]


def write_jsonld(
    graph: SkillGraph,
    out: BinaryIO,
    *,
    cluster_level: int | None = None,
    indent: int | None = 1,
) -> None:
    """Write a compacted JSON-LD document with a local ``@context`` (no remote context).

    One node object per subject, in output order; properties sorted; written as a stream.

    Raises:
        InvalidValueError: a value cannot be written (an invalid language tag, a lone
            surrogate, two node ids standing for one IRI).
    """
    ts = triples(graph, cluster_level=cluster_level)
    schemes = {t.subject.value.split(":", 1)[0] for t in ts if type(t.subject) is ox.NamedNode}
    schemes |= {t.object.value.split(":", 1)[0] for t in ts if type(t.object) is ox.NamedNode}
    context = {
        name: ns
        for name, ns in output_prefixes(graph).items()
        if name not in schemes and ns[-1:] in ":/?#[]@"
    }
    by_ns = sorted(((ns, name) for name, ns in context.items()), key=lambda x: -len(x[0]))
    cache: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = cache.get(iri)
        if found is None:
            found = iri
            for ns, name in by_ns:
                if iri.startswith(ns) and not iri[len(ns) :].startswith("//"):
                    found = f"{name}:{iri[len(ns) :]}"
                    break
            cache[iri] = found
        return found

    def ref(term: Any) -> str:
        return compact(term.value) if type(term) is ox.NamedNode else "_:" + term.value

    def value(term: Any) -> Any:
        if type(term) is not ox.Literal:
            return {"@id": ref(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        dt = term.datatype.value
        if dt == vocab.XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compact(dt)}

    subjects: dict[str, dict[str, Any]] = {}
    for t in ts:
        key = ref(t.subject)
        obj = subjects.get(key)
        if obj is None:
            obj = subjects[key] = {"@id": key}
        if t.predicate.value == vocab.TYPE and type(t.object) is ox.NamedNode:
            obj.setdefault("@type", []).append(compact(t.object.value))
        else:
            obj.setdefault(compact(t.predicate.value), []).append(value(t.object))

    def dumps(o: Any) -> str:
        return json.dumps(o, ensure_ascii=False, indent=indent)

    out.write(b'{\n"@context": ')
    out.write(dumps(context).encode("utf-8"))
    out.write(b',\n"@graph": [')
    first = True
    for obj in subjects.values():
        head: dict[str, Any] = {k: obj[k] for k in ("@id", "@type") if k in obj}
        head.update((k, obj[k]) for k in sorted(k for k in obj if not k.startswith("@")))
        out.write(b"\n" if first else b",\n")
        first = False
        out.write(dumps(head).encode("utf-8"))
    out.write(b"\n]\n}\n")
