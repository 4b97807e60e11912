"""skillgraph.io.rdf as a package: its public names, the registry's, and the options the
readers, Store.graph and the endpoint share (skillgraph.io.rdf._entry)."""

from __future__ import annotations

import pytest

import skillgraph as sg
from skillgraph.io import rdf, registry
from skillgraph.io.rdf import _entry, _nodes
from skillgraph.model import NodeType


def test_public_names_and_the_registry_resolve_to_the_package() -> None:
    for name in rdf.__all__:
        assert getattr(rdf, name) is not None
    for fmt in ("turtle", "ntriples", "jsonld", "rdfxml"):
        fmt_ = registry.get(fmt)
        reader, writer = fmt_.get_reader(), fmt_.get_writer()
        assert reader.__module__ == "skillgraph.io.rdf._entry"
        assert writer.__module__.startswith("skillgraph.io.rdf._")


def test_every_rdf_class_of_a_node_kind_is_a_node_type() -> None:
    assert set(_nodes.NODE_TYPES.values()) == set(NodeType)
    assert all(isinstance(kind, NodeType) for kind in _nodes.NODE_TYPES.values())


def test_store_graph_checks_the_cluster_level_as_the_readers_do() -> None:
    g = sg.load("demo")
    with sg.Store() as store:
        store.load(g)
        with pytest.raises(sg.InvalidValueError, match="cluster_level"):
            store.graph(cluster_level=7)
        with pytest.raises(sg.InvalidValueError, match="cluster_level"):
            sg.loads(sg.dumps(g, "turtle"), "turtle", cluster_level=7)
        assert store.graph() == g


def test_read_triples_reads_what_the_file_reader_reads() -> None:
    g = sg.load("demo")
    data = sg.dumps(g, "ntriples")
    assert _entry.read_triples(rdf.triples(g), "<triples>") == sg.loads(data, "ntriples") == g


def test_store_load_errors_name_the_line() -> None:
    with sg.Store() as store, pytest.raises(sg.FormatError, match="malformed RDF") as err:
        store.load(
            b"<http://e.org/a> <http://e.org/b> <http://e.org/c> .\n<http://e.org/a> .\n",
            format="ntriples",
        )
    assert err.value.line == 2
