"""sg.Store: on-disk pyoxigraph store, bulk load, SPARQL, read back; the sparql CLI."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import skillgraph as sg
from skillgraph.cli import cli

from .test_esco_rdf import OCC, SK, real_esco_turtle

M = "http://data.europa.eu/esco/model#"
ROLES_REQUIRING = f"""
PREFIX esco: <{M}>
SELECT ?role WHERE {{ ?role a esco:Occupation ; esco:relatedEssentialSkill <{SK}py> }}
ORDER BY ?role
"""


def _esco() -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return sg.loads(real_esco_turtle(), "turtle")


def test_load_query_read_back_equals_the_graph(tmp_path: Path) -> None:
    g = _esco()
    with sg.Store(tmp_path / "esco.store") as store:
        store.load(g)
        assert len(store) == len(sg.io.rdf.triples(g))
        rows = store.query(ROLES_REQUIRING)
        assert rows == [{"role": OCC + "dev"}, {"role": OCC + "jun"}]
        assert rows == [{"role": r.role} for r in g.roles_requiring(SK + "py") if r.essential]
        back = store.graph()
    assert back == g, g.diff(back)


def test_regression_select_star_columns_follow_the_query(tmp_path: Path) -> None:
    """Red team s21 #23: SELECT * printed its columns by name (o p s), not in the order the
    variables appear in the query, as SPARQL projects them; an explicit list is kept."""
    with sg.Store(tmp_path / "esco.store") as store:
        store.load(_esco())
        # "?zz" in a string and an IRI, and a comment, are not variables of the query
        star = store.query(
            'SELECT * WHERE { ?s a ?type . ?s ?pred ?o # ?aa\n FILTER(?o != "?zz") } LIMIT 3'
        )
        assert star.variables == ("s", "type", "pred", "o")
        assert star and all(list(row) == list(star.variables) for row in star)
        listed = store.query("SELECT DISTINCT ?type ?s { ?s a ?type } LIMIT 1")
        assert listed.variables == ("type", "s")
        inner = store.query("SELECT ?b ?a { { SELECT * { ?a a ?b } } } LIMIT 1")
        assert inner.variables == ("b", "a")


def test_store_persists_and_reopens_read_only(tmp_path: Path) -> None:
    demo = sg.load("demo")
    path = tmp_path / "demo.store"
    with sg.Store(path) as store:
        store.load(demo)
    with sg.Store(path, read_only=True) as store:
        assert store.graph() == demo
        with pytest.raises(sg.InvalidValueError, match="read-only"):
            store.load(demo)
    with pytest.raises(sg.InvalidValueError, match="closed"):
        store.query("ASK {}")


def test_loading_twice_replaces_and_named_graphs_hold_several(tmp_path: Path) -> None:
    demo = sg.load("demo")
    esco = _esco()
    with sg.Store(tmp_path / "s") as store:
        store.load(demo)
        store.load(demo)
        assert store.graph() == demo
        store.load(esco, graph="urn:graph:esco")
        assert store.graphs() == ["urn:graph:esco"]
        assert store.graph(graph="urn:graph:esco") == esco
        assert store.graph() == demo
        assert store.query(ROLES_REQUIRING) == []
        assert len(store.query(ROLES_REQUIRING, graph="urn:graph:esco")) == 2
        with pytest.raises(sg.InvalidValueError, match="graph"):
            store.load(demo, graph="not an iri")


def test_load_rdf_files_directly(tmp_path: Path) -> None:
    esco = _esco()
    for syntax, suffix in (("turtle", ".ttl"), ("ntriples", ".nt"), ("jsonld", ".jsonld")):
        path = tmp_path / f"esco{suffix}"
        sg.write(esco, path)
        with sg.Store() as store:
            store.load(path)
            assert store.graph() == esco, syntax
    ttl = tmp_path / "real.ttl"
    ttl.write_text(real_esco_turtle(), encoding="utf-8")
    with sg.Store() as store:
        store.load(ttl)  # ESCO's own shapes, as they are: read back through the reader
        assert store.graph() == esco
        assert store.graph(language="en").roles[OCC + "dev"].translations == {}
        assert store.query(f"ASK {{ ?r <{M}isRelationshipFor> ?o }}") is True


def test_load_other_inputs_reads_them_first(tmp_path: Path) -> None:
    demo = sg.load("demo")
    path = tmp_path / "demo.json"
    sg.write(demo, path)
    with sg.Store() as store:
        store.load(path)
        assert store.graph() == demo


def test_unsafe_documents_and_queries_are_refused(tmp_path: Path) -> None:
    xml = tmp_path / "x.rdf"
    xml.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
    )
    jsonld = tmp_path / "x.jsonld"
    jsonld.write_text(json.dumps({"@context": "http://127.0.0.1:9/ctx", "@id": "urn:x"}))
    with sg.Store() as store:
        with pytest.raises(sg.UnsafeInputError):
            store.load(xml)
        with pytest.raises(sg.UnsafeInputError, match=r"127\.0\.0\.1"):
            store.load(jsonld)
        for query in (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "SELECT * WHERE { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
            "# a comment\nSELECT * { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }",
            "SELECT * {{}SERVICE<http://127.0.0.1:9/>{?s ?p ?o}}",
            "SELECT * { FILTER(?a<?b) SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        ):
            with pytest.raises(sg.UnsafeInputError, match="SERVICE"):
                store.query(query)
        # the word in a string, an IRI, a comment or a variable is no SERVICE call
        assert (
            store.query("SELECT ?service WHERE { ?service <urn:SERVICE> 'SERVICE' } # SERVICE <x>")
            == []
        )
        with pytest.raises(sg.FormatError, match="LOAD is a SPARQL update: not supported"):
            store.query("LOAD <http://127.0.0.1:9/data.ttl>")  # updates are no queries


def test_malformed_inputs_are_format_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text("<urn:a> <urn:b> .\n")
    with sg.Store() as store:
        with pytest.raises(sg.FormatError, match=r"bad\.nt"):
            store.load(bad)
        with pytest.raises(sg.FormatError, match="no such file"):
            store.load(tmp_path / "missing.ttl")
        with pytest.raises(sg.FormatError, match="malformed SPARQL"):
            store.query("SELEC * {}")
        with pytest.raises(sg.InvalidValueError):
            store.query(42)  # type: ignore[arg-type]
    with pytest.raises(sg.InvalidValueError, match="file"):
        sg.Store(bad)
    with pytest.raises(sg.InvalidValueError, match="no store"):
        sg.Store(tmp_path / "none", read_only=True)


def test_query_results_shapes() -> None:
    with sg.Store() as store:
        store.load(sg.load("demo"))
        assert store.query(f"ASK {{ ?s a <{M}Occupation> }}") is True
        rows = store.query("SELECT ?x ?y WHERE { BIND(1 AS ?x) }")
        assert rows == [{"x": "1", "y": None}]
        triples = store.query("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 1")
        assert isinstance(triples, list) and len(triples) == 1
        _, p, o = triples[0]
        assert p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" and o.startswith("<")


def test_cli_sparql(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "esco.store"
    ttl = tmp_path / "esco.ttl"
    ttl.write_text(real_esco_turtle(), encoding="utf-8")
    query = ROLES_REQUIRING.replace(f"PREFIX esco: <{M}>", "")  # esco: is predeclared
    res = runner.invoke(cli, ["sparql", "--load", str(ttl), str(store), query])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == ["role", OCC + "dev", OCC + "jun"]
    qfile = tmp_path / "q.rq"
    qfile.write_text("ASK { ?s a esco:Skill }")
    res = runner.invoke(cli, ["sparql", str(store), str(qfile)])
    assert res.exit_code == 0 and res.output == "true\n"
    count = "SELECT (COUNT(*) AS ?n) {?s a esco:Skill}"
    res = runner.invoke(cli, ["sparql", "--json", "demo", count])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == [{"n": str(len(sg.load("demo").skills))}]
    res = runner.invoke(cli, ["sparql", str(store), "SELECT * { SERVICE <http://x/> {?s ?p ?o} }"])
    assert res.exit_code == 1 and "SERVICE" in res.output
    res = runner.invoke(cli, ["sparql", str(tmp_path / "missing"), "ASK {}"])
    assert res.exit_code == 1
    construct = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 2"
    res = runner.invoke(cli, ["sparql", str(store), construct])
    assert res.exit_code == 0 and len(res.output.splitlines()) == 2
    assert all(line.endswith(" .") for line in res.output.splitlines())


def test_regression_an_update_is_refused_as_an_update() -> None:
    """Red team s23 #4b: INSERT DATA and LOAD said 'malformed SPARQL: ... expected
    CONSTRUCT', as if the query were mistyped."""
    with sg.Store() as store:
        for update, word in [
            ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
            ("PREFIX a: <urn:x#> # a comment\ndelete where { ?s a:p ?o }", "DELETE"),
            ("BASE <http://x/> PREFIX : <http://y#> CLEAR ALL", "CLEAR"),
            ("load <urn:x>", "LOAD"),
        ]:
            with pytest.raises(sg.FormatError) as exc:
                store.query(update)
            msg = str(exc.value)
            assert f"{word} is a SPARQL update: not supported" in msg, msg
            assert "read-only (SELECT, ASK, CONSTRUCT or DESCRIBE)" in msg
        with pytest.raises(sg.FormatError, match="malformed SPARQL"):
            store.query("SELECT ?insert WHERE { ?insert ?p ?o ")  # a mistyped query stays so
