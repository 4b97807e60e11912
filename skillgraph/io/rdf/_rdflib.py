"""rdflib interop: a graph as an ``rdflib.Graph``, and back (rdflib is imported when used)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ...errors import FormatError
from . import _vocab as vocab
from ._ids import output_prefixes
from ._ntriples import ox_triples
from ._reader import build_graph

if TYPE_CHECKING:
    import rdflib

    from ...graph import SkillGraph

__all__ = ["from_rdflib", "to_rdflib"]


def to_rdflib(graph: SkillGraph, *, cluster_level: int | None = None) -> rdflib.Graph:
    """The graph as an ``rdflib.Graph`` (namespaces bound as in the file outputs).

    Raises:
        InvalidValueError: a value cannot be written (an invalid language tag, a lone
            surrogate, two node ids standing for one IRI).
    """
    import rdflib

    out = rdflib.Graph()
    for name, ns in output_prefixes(graph).items():
        out.bind(name, rdflib.Namespace(ns), override=True, replace=True)

    def conv(term: Any) -> rdflib.term.Node:
        if type(term) is ox.NamedNode:
            return rdflib.URIRef(term.value)
        if type(term) is ox.BlankNode:
            return rdflib.BNode(term.value)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == vocab.XSD_STRING:  # rdflib tells "x" from "x"^^xsd:string
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))

    for t in ox_triples(graph, cluster_level):
        out.add((conv(t.subject), conv(t.predicate), conv(t.object)))
    return out


def _from_rdflib_terms(rdf: rdflib.Graph, name: str) -> Iterable[ox.Triple]:
    import rdflib

    def conv(term: Any) -> Any:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, rdflib.Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            dt = term.datatype
            return ox.Literal(str(term), datatype=ox.NamedNode(str(dt)) if dt else None)
        raise FormatError(f"unsupported RDF term {term!r}", source=name)

    for s, p, o in rdf:
        try:
            yield ox.Triple(conv(s), conv(p), conv(o))
        except (ValueError, TypeError) as exc:
            raise FormatError(f"invalid RDF term in ({s}, {p}, {o}): {exc}", source=name) from None


def from_rdflib(rdf: rdflib.Graph, *, cluster_level: int | None = None) -> SkillGraph:
    """A SkillGraph read from an ``rdflib.Graph`` (same mapping as the file readers).

    Raises:
        FormatError: the RDF does not describe a valid skills graph.
    """
    name = "<rdflib.Graph>"
    return build_graph(_from_rdflib_terms(rdf, name), source=name, cluster_level=cluster_level)
