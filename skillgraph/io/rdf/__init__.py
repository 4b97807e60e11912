"""RDF import and export: Turtle, N-Triples, JSON-LD and RDF/XML, and rdflib interop.

The mapping between the model and RDF (SKOS + the ESCO model + the ``sg:`` project
namespace) is documented in docs/vocabulary.md. Reading streams triples from
``pyoxigraph.parse`` straight into the model (no RDF store); writing formats ordered
triples as N-Triples terms (Turtle and N-Triples here, RDF/XML through
``pyoxigraph.serialize``, JSON-LD compacted with a local ``@context``). An ``rdflib.Graph``
is built only when asked for (`to_rdflib`).

Safety: JSON-LD remote contexts are never fetched and RDF/XML external entities and DTDs
are never resolved (see `skillgraph.io.rdf._safety`).

Limits and leniency: a single literal or IRI longer than `MAX_TOKEN_BYTES` (16 MiB,
the parser's buffer) is refused with `ResourceLimitError`; labels
below it have no limit of their own (a 10 MB label is read as is). JSON-LD numbers of more
than 4300 digits and JSON nested beyond the parser's recursion limit are refused the same
way. A UTF-8 byte order mark is accepted in every syntax; UTF-16 is refused. An empty
document (no triples) is the empty graph, as written for an empty SkillGraph.

The package's modules, one job each:

- `_entry` (the readers, one a syntax) and `_sniff` (telling the syntaxes apart);
- `_collect` (pass 1: the triples grouped by subject as they stream), `_reader` and
  `_nodes` (pass 2: nodes, then edges, through the store's builder), `_esco` (ESCO's own
  shapes and the old namespace), `_languages` (the language filter), `_terms` (literal
  values);
- `_writer` (the graph as ordered blocks of N-Triples terms), `_literals`, and one module a
  serialiser: `_ntriples`, `_turtle`, `_jsonld`, `_rdfxml`, `_rdflib`;
- `_stream`, `_stream_nt` (N-Triples from its lines), `_stream_ttl` (Turtle from
  pyoxigraph's terms), `_stream_onto` (the ontology node) and `_stream_nodes`: RDF -> RDF
  without the model (`convert_stream`, the same bytes as reading and writing the graph, or
  None when it cannot promise them); with `_blocks` and `_node_types`, none imports the
  model (the package's names load on first use);
- `_vocab` (the vocabulary's IRIs), `_ids` (node ids and IRIs), `_safety` (refusing unsafe
  input).

`IdMap` (node ids <-> IRIs under a graph's prefixes) and `valid_namespace` are the
package's interface for modules outside it that spell ids as IRIs (alignment files,
release extracts, the native format's prefix check).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._entry import MAX_TOKEN_BYTES, read_jsonld, read_ntriples, read_rdfxml, read_turtle
    from ._ids import IdMap, valid_namespace
    from ._jsonld import write_jsonld
    from ._ntriples import triples, write_ntriples
    from ._rdflib import from_rdflib, to_rdflib
    from ._rdfxml import write_rdfxml
    from ._sniff import sniff_jsonld, sniff_ntriples, sniff_rdfxml, sniff_turtle
    from ._stream import Converted, convert_stream
    from ._turtle import write_turtle

#: public name -> its module, imported on first use: the streaming converter and the
#: sniffers do not import the readers and the model's writer (nor pydantic)
_WHERE = {
    **dict.fromkeys(
        ("MAX_TOKEN_BYTES", "read_jsonld", "read_ntriples", "read_rdfxml", "read_turtle"), "_entry"
    ),
    **dict.fromkeys(("IdMap", "valid_namespace"), "_ids"),
    "write_jsonld": "_jsonld",
    **dict.fromkeys(("triples", "write_ntriples"), "_ntriples"),
    **dict.fromkeys(("from_rdflib", "to_rdflib"), "_rdflib"),
    "write_rdfxml": "_rdfxml",
    **dict.fromkeys(("sniff_jsonld", "sniff_ntriples", "sniff_rdfxml", "sniff_turtle"), "_sniff"),
    **dict.fromkeys(("Converted", "convert_stream"), "_stream"),
    "write_turtle": "_turtle",
}


def __getattr__(name: str) -> Any:
    """The public names of this package, imported from their module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


__all__ = [
    "MAX_TOKEN_BYTES",
    "Converted",
    "IdMap",
    "convert_stream",
    "from_rdflib",
    "read_jsonld",
    "read_ntriples",
    "read_rdfxml",
    "read_turtle",
    "sniff_jsonld",
    "sniff_ntriples",
    "sniff_rdfxml",
    "sniff_turtle",
    "to_rdflib",
    "triples",
    "valid_namespace",
    "write_jsonld",
    "write_ntriples",
    "write_rdfxml",
    "write_turtle",
]
