"""RDF import/export: round trips in four syntaxes, determinism, rdflib interop."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

import skillgraph as sg
from skillgraph.io import rdf
from skillgraph.io.rdf import _blocks
from tests.strategies import graphs

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SYNTAXES = ["turtle", "ntriples", "jsonld", "rdfxml"]
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}

_unicode = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12
)


def _xml_unsafe(g: sg.SkillGraph) -> bool:
    """Whether a literal holds a character XML 1.0 cannot represent (control, U+FFFE/F)."""
    return any(
        type(t.object) is ox.Literal
        and any((ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff" for c in t.object.value)
        for t in rdf.triples(g)
    )


@st.composite
def graphs_with_extra(draw: st.DrawFn) -> sg.SkillGraph:
    """A random graph plus unknown triples about its nodes (and about other subjects)."""
    g = draw(graphs(max_roles=6, max_skills=10))
    ids = sorted(g.nodes)
    for _ in range(draw(st.integers(0, 6))):
        subj = ox.NamedNode(draw(st.sampled_from(ids)))
        pred = ox.NamedNode("http://example.org/p/" + draw(st.sampled_from("abc")))
        obj = draw(
            st.one_of(
                _unicode.map(ox.Literal),
                st.builds(
                    lambda t, lang: ox.Literal(t, language=lang),
                    _unicode,
                    st.sampled_from(["en", "de", "fr-CA"]),
                ),
                st.integers(-5, 10**12).map(
                    lambda i: ox.Literal(
                        str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
                    )
                ),
                st.sampled_from(ids).map(ox.NamedNode),
                st.just(ox.NamedNode("http://example.org/other")),
                st.just(ox.NamedNode(RDF_TYPE)),  # "a" only stands for it as a predicate
            )
        )
        g.add_extra_triple(str(subj), str(pred), str(obj))
    if draw(st.booleans()):
        g.add_extra_triple(
            "<http://example.org/elsewhere>",
            "<http://example.org/p/z>",
            str(ox.Literal("unrelated")),
        )
    return g


# ---------------------------------------------------------------------- round trips
@pytest.mark.parametrize("syntax", SYNTAXES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=graphs_with_extra())
def test_random_graph_round_trips(syntax: str, g: sg.SkillGraph) -> None:
    if syntax == "rdfxml" and _xml_unsafe(g):
        with pytest.raises(sg.InvalidValueError):
            sg.dumps(g, syntax)
        return
    back = sg.loads(sg.dumps(g, syntax), syntax)
    assert back == g, (
        g.diff(back),
        [(g.nodes[i], back.nodes[i]) for i in g.diff(back).get("skill", {}).get("changed", [])],
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=graphs_with_extra())
def test_rdf_graph_rdf_is_isomorphic(g: sg.SkillGraph) -> None:
    first = rdf.to_rdflib(g)
    # an rdflib graph that uses the vocabulary, plus unknown triples about known nodes
    again = rdf.to_rdflib(rdf.from_rdflib(first))
    assert isomorphic(first, again)
    parsed = rdflib.Graph().parse(data=sg.dumps(g, "turtle").decode(), format="turtle")
    assert isomorphic(parsed, first)


@pytest.mark.parametrize("syntax", SYNTAXES)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=graphs_with_extra())
def test_pyoxigraph_and_rdflib_paths_agree(syntax: str, g: sg.SkillGraph) -> None:
    assume(syntax != "rdfxml" or not _xml_unsafe(g))
    data = sg.dumps(g, syntax)
    fast = sg.loads(data, syntax)
    slow = sg.SkillGraph.from_rdf(rdflib.Graph().parse(data=data, format=RDFLIB_FORMAT[syntax]))
    assert fast == slow, fast.diff(slow)


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_output_is_deterministic(syntax: str) -> None:
    from skillgraph._synthetic import esco_like

    g = esco_like(0.02, seed=3)
    assert sg.dumps(g, syntax) == sg.dumps(g.copy(), syntax)


@pytest.mark.parametrize("syntax", ["turtle", "ntriples"])
def test_streamed_output_does_not_depend_on_chunk_size(
    demo: sg.SkillGraph, syntax: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Turtle and N-Triples are written a chunk of subjects at a time: a statement that
    spans a chunk boundary must come out the same as in one piece."""
    writer = {"turtle": rdf.write_turtle, "ntriples": rdf.write_ntriples}[syntax]
    whole = io.BytesIO()
    writer(demo, whole)
    monkeypatch.setattr(_blocks, "CHUNK", 3)
    pieces = io.BytesIO()
    writer(demo, pieces)
    assert pieces.getvalue() == whole.getvalue() == sg.dumps(demo, syntax)
    assert sg.loads(pieces.getvalue(), syntax) == demo


# ---------------------------------------------------------------------- demo ontology
@pytest.mark.parametrize("syntax", SYNTAXES)
def test_demo_round_trips(demo: sg.SkillGraph, syntax: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    suffix = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "rdfxml": ".rdf"}[syntax]
    path = tmp_path / f"demo{suffix}"
    sg.write(demo, path)
    back = sg.read(path)  # format sniffed / from the suffix
    assert back == demo, demo.diff(back)
    assert back.prefixes == demo.prefixes
    from_rdflib = sg.SkillGraph.from_rdf(rdflib.Graph().parse(path, format=RDFLIB_FORMAT[syntax]))
    assert from_rdflib == demo


def test_demo_uses_expanded_iris_and_keeps_curie_ids(demo: sg.SkillGraph) -> None:
    nt = sg.dumps(demo, "ntriples").decode()
    role = next(iter(sorted(demo.roles)))
    local = role.split(":", 1)[1]
    assert f"<{demo.prefixes['demo']}{local}>" in nt
    assert "<http://data.europa.eu/esco/model#Occupation>" in nt
    assert sg.loads(nt, "ntriples").roles[role] == demo.roles[role]


def test_to_rdf_and_from_rdf(demo: sg.SkillGraph) -> None:
    graph = demo.to_rdf()
    assert isinstance(graph, rdflib.Graph)
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    assert len(list(graph.subject_objects(skos.prefLabel))) >= len(demo)
    assert sg.SkillGraph.from_rdf(graph) == demo


# ---------------------------------------------------------------------- mapping details
def _small() -> sg.SkillGraph:
    g = sg.SkillGraph(
        language="en",
        metadata={"title": "T", "owner": "me"},
        prefixes={"x": "http://example.org/x/"},
    )
    g.add(
        sg.Skill(
            id="x:py",
            label="Python",
            alt_labels=("py", "cpython"),
            translations={"de": sg.Translation(label="Python (de)")},
            kind=sg.SkillKind.TECHNOLOGY,
            attributes={"n": 3, "f": 0.1, "b": True},
        )
    )
    g.add(sg.Skill(id="x:sql", label="SQL"))
    g.add(
        sg.Role(
            id="x:dev", label="Developer", cluster="x:software", level=2, industries=("x:b", "x:a")
        )
    )
    g.require("x:dev", "x:py", essential=True, importance=0.8, level=3.5, source="s", scale="IM")
    g.require("x:dev", "x:sql", essential=False, importance=0.5)
    return g


def test_weighted_requirement_is_a_requirement_node() -> None:
    g = _small()
    ttl = sg.dumps(g, "turtle").decode()
    assert "sg:Requirement" in ttl
    assert "esco:relatedEssentialSkill" in ttl and "esco:relatedOptionalSkill" in ttl
    assert ttl.count("sg:Requirement") == 1  # the optional 0.5 one needs no node
    back = sg.loads(ttl, "turtle")
    assert back == g
    assert back.roles["x:dev"].industries == ("x:b", "x:a")
    assert back.skills["x:py"].alt_labels == ("py", "cpython")
    assert back.skills["x:py"].attributes == {"n": 3, "f": 0.1, "b": True}


def test_labels_carry_language_tags() -> None:
    ttl = sg.dumps(_small(), "turtle").decode()
    assert '"Python"@en' in ttl and '"Python (de)"@de' in ttl


def test_ids_that_are_not_iris_round_trip() -> None:
    g = sg.SkillGraph()
    for sid in ("python", "c++/é", "https://w3id.org/skillgraph/id/x", "a%zz"):
        g.add(sg.Skill(id=sid, label=sid))
    for syntax in SYNTAXES:
        assert sg.loads(sg.dumps(g, syntax), syntax) == g


def test_sniffing_picks_the_syntax() -> None:
    g = _small()
    for syntax in SYNTAXES:
        assert sg.read(sg.io.Source(name="<x>", data=sg.dumps(g, syntax))) == g


def test_writing_streams_to_a_binary_file() -> None:
    buf = io.BytesIO()
    rdf.write_turtle(_small(), buf)
    assert buf.getvalue().startswith(b"@prefix")


# ---------------------------------------------------------------------- malformed input
def test_malformed_turtle_names_line_and_column() -> None:
    bad = b"@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b ;; oops\n"
    with pytest.raises(sg.FormatError) as err:
        sg.loads(bad, "turtle")
    assert err.value.line == 3 and err.value.column is not None
    assert "<data>, line 3" in str(err.value)


def test_malformed_ntriples_names_line() -> None:
    with pytest.raises(sg.FormatError) as err:
        sg.loads(b"<a:b> <a:c> <a:d> .\n<a:b> <a:c> .\n", "ntriples")
    assert err.value.line == 2


def test_malformed_json_ld_names_line() -> None:
    with pytest.raises(sg.FormatError) as err:
        sg.loads(b'{"@id": "http://x/a",\n "x": }', "jsonld")
    assert err.value.line == 2


def test_malformed_rdfxml() -> None:
    with pytest.raises(sg.FormatError):
        sg.loads(
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><oops', "rdfxml"
        )


def test_node_typed_twice_is_refused() -> None:
    ttl = (
        b"@prefix esco: <http://data.europa.eu/esco/model#> .\n"
        b"<http://x/a> a esco:Skill, esco:Occupation .\n"
    )
    with pytest.raises(sg.FormatError, match="several kinds"):
        sg.loads(ttl, "turtle")


def test_cycle_in_rdf_is_a_format_error() -> None:
    ttl = (
        b"@prefix esco: <http://data.europa.eu/esco/model#> .\n"
        b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        b"<http://x/a> a esco:Skill ; skos:prefLabel 'a'@en ; skos:broader <http://x/b> .\n"
        b"<http://x/b> a esco:Skill ; skos:prefLabel 'b'@en ; skos:broader <http://x/a> .\n"
    )
    with pytest.raises(sg.FormatError, match="cycle"):
        sg.loads(ttl, "turtle")


def test_invalid_requirement_node_is_a_format_error_naming_the_file() -> None:
    """Bug: an sg:Requirement node without its ESCO relation triple and with an importance
    outside [0, 1] raised a bare InvalidValueError that did not name the file."""
    ttl = (
        b"@prefix sg: <https://w3id.org/skillgraph/vocab#> .\n"
        b"@prefix esco: <http://data.europa.eu/esco/model#> .\n"
        b"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        b"<urn:r> a esco:Occupation .\n<urn:s> a esco:Skill .\n"
        b"[] a sg:Requirement ; sg:role <urn:r> ; sg:skill <urn:s> ; sg:essential true ;"
        b' sg:importance "2.5"^^xsd:double .\n'
    )
    with pytest.raises(sg.FormatError, match=r"^<data>: .*importance must be in \[0, 1\]"):
        sg.loads(ttl, "turtle")


def test_regression_anonymous_blank_nodes_read_deterministically() -> None:
    """Turtle `[]` nodes got random labels from the parser: reading the same file twice
    gave unequal graphs and converting it twice gave different bytes."""
    import skillgraph as sg

    ttl = (
        b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        b"@prefix esco: <http://data.europa.eu/esco/model#> .\n"
        b"<http://ex.org/s1> a esco:Skill, skos:Concept ; skos:prefLabel 'one'@en ;\n"
        b"  <http://ex.org/note> [ <http://ex.org/text> 'a' ; <http://ex.org/next> [] ] .\n"
    )
    first = sg.loads(ttl, format="turtle")
    second = sg.loads(ttl, format="turtle")
    assert first == second
    assert sg.dumps(first, "turtle") == sg.dumps(second, "turtle")
    assert sg.dumps(first, "ntriples") == sg.dumps(second, "ntriples")
    assert any(t[2].startswith("_:b") for t in first.extra_triples)


def test_regression_unreadable_requirement_node_is_reported() -> None:
    """An sg:Requirement with an unparsable importance was kept as extra triples silently."""
    import re
    import warnings

    import skillgraph as sg

    g = sg.load("demo")
    nt = sg.dumps(g, "ntriples").decode()
    found = re.search(r'(<[^>]*vocab#importance> )("[^"]*"\^\^<[^>]*>)', nt)
    assert found is not None
    bad = nt.replace(
        found.group(0), found.group(1) + '"abc"^^<http://www.w3.org/2001/XMLSchema#double>', 1
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        back = sg.loads(bad.encode(), "ntriples")
    assert any(
        isinstance(w.message, sg.DataWarning) and "1 sg:Requirement" in str(w.message)
        for w in caught
    )
    assert any('"abc"' in t[2] for t in back.extra_triples)  # nothing lost


def test_regression_rdf_type_as_an_object_is_not_written_as_a() -> None:
    """The Turtle writer wrote the IRI rdf:type as ``a`` wherever it stood: an unknown
    triple whose object is rdf:type came out as ``x:py ex:p a``, which is not Turtle."""
    g = _small()
    g.add_extra_triple("<http://example.org/x/py>", "<http://example.org/p>", f"<{RDF_TYPE}>")
    text = sg.dumps(g, "turtle").decode()
    assert "<http://example.org/p> rdf:type" in text
    assert sg.loads(text.encode(), "turtle") == g
    assert len(rdflib.Graph().parse(data=text, format="turtle")) == len(rdf.triples(g))


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_regression_extra_blank_node_named_like_the_writers_own_stays_apart(syntax: str) -> None:
    """An extra triple about ``_:sga1`` was written into the writer's own attribute node
    ``_:sga1``: reading it back lost the attribute."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="http://e.org/a", label="A", attributes={"k": "v"}))
    g.add_extra_triple("_:sga1", "<http://x.org/p>", '"o"')
    g.add_extra_triple("_:sg_a1", "<http://x.org/p>", "_:sgr2")
    back = sg.loads(sg.dumps(g, syntax), syntax)
    assert back.skills["http://e.org/a"].attributes == {"k": "v"}
    kept = sorted(back.extra_triples, key=lambda t: t[2])
    assert [(p, o[:2]) for _, p, o in kept] == [
        ("<http://x.org/p>", '"o'),
        ("<http://x.org/p>", "_:"),
    ]
    assert len({s for s, _, _ in kept} | {kept[1][2]}) == 3  # three distinct blank nodes


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_regression_two_ids_for_one_iri_are_refused(syntax: str) -> None:
    """``e:a`` and ``http://e.org/a`` (with prefix e = http://e.org/) were both written as
    one IRI: the two nodes merged and one was lost on reading."""
    g = sg.SkillGraph(prefixes={"e": "http://e.org/"})
    g.add(sg.Skill(id="e:a", label="A"))
    g.add(sg.Skill(id="http://e.org/a", label="B"))
    with pytest.raises(sg.InvalidValueError, match="both stand for the IRI") as info:
        sg.dumps(g, syntax)
    assert "'e:a'" in str(info.value) and "'http://e.org/a'" in str(info.value)
    assert sg.loads(sg.dumps(g, "native"), "native") == g  # the native format keeps both


@pytest.mark.parametrize("syntax", ["turtle", "ntriples"])
def test_refused_graph_writes_no_byte(syntax: str) -> None:
    """The writer's set-up runs when the first block is asked for (inside the writers'
    garbage-collector pause): a graph it refuses still gets no byte of output."""
    from skillgraph.io.rdf import write_ntriples, write_turtle
    from skillgraph.io.rdf._writer import graph_blocks

    g = sg.SkillGraph(prefixes={"e": "http://e.org/"})
    g.add(sg.Skill(id="e:a", label="A"))
    g.add(sg.Skill(id="http://e.org/a", label="B"))
    blocks = graph_blocks(g)  # nothing done yet
    with pytest.raises(sg.InvalidValueError, match="both stand for the IRI"):
        next(blocks)
    out = io.BytesIO()
    with pytest.raises(sg.InvalidValueError, match="both stand for the IRI"):
        (write_turtle if syntax == "turtle" else write_ntriples)(g, out)
    assert out.getvalue() == b""


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_regression_language_tags_in_any_case_round_trip(syntax: str) -> None:
    """Tags in another case ("DE", a graph language "EN") were kept as given, and RDF
    read them back in their conventional case: the graph came back unequal."""
    g = sg.SkillGraph(language="EN")
    assert g.language == "en"
    g.add(
        sg.Skill(
            id="http://e.org/a",
            label="A",
            translations={"DE": sg.Translation(label="A de"), "zh-hant": sg.Translation(label="A")},
        )
    )
    assert sg.loads(sg.dumps(g, syntax), syntax) == g
    g.add(sg.Skill(id="http://e.org/b", label="B", translations={"EN": sg.Translation(label="b")}))
    with pytest.raises(sg.InvalidValueError, match="the graph's own language"):
        sg.dumps(g, syntax)


@pytest.mark.parametrize("namespace", ["", "relative/", "http://a b/", "http://e.org/>"])
@pytest.mark.parametrize("syntax", SYNTAXES)
def test_regression_prefix_that_is_no_absolute_iri_round_trips(namespace: str, syntax: str) -> None:
    """A graph prefix whose namespace is no absolute IRI was declared as one: the Turtle
    output did not parse, RDF/XML refused to write and JSON-LD read back another graph."""
    g = sg.SkillGraph(prefixes={"x": namespace})
    g.add(sg.Skill(id="x:a", label="A"))
    g.add(sg.Skill(id="http://e.org/b", label="B"))
    assert sg.loads(sg.dumps(g, syntax), syntax) == g


@pytest.mark.parametrize("syntax", [*SYNTAXES, "json"])
def test_regression_prefix_named_like_a_scheme_keeps_full_iri_ids(syntax: str) -> None:
    """Red team: a prefix named "http" made every id ``http://...`` read as a CURIE (the IRI
    <http://ex.org///ex.org/skill/a> written for the id http://ex.org/skill/a), from native
    JSON and from RDF read on the model path."""
    g = sg.SkillGraph(prefixes={"http": "http://ex.org/", "demo": "http://d.org/"})
    g.add(sg.Skill(id="http://ex.org/skill/a", label="A"))
    g.add(sg.Skill(id="demo:skill/b", label="B"))
    g.add(sg.Skill(id="http:skill/c", label="C"))  # a CURIE of the prefix: still expanded
    nt = sg.dumps(g, "ntriples").decode()
    assert "<http://ex.org/skill/a>" in nt and "//ex.org///" not in nt
    assert "<http://d.org/skill/b>" in nt and "<http://ex.org/skill/c>" in nt
    back = sg.loads(sg.dumps(g, syntax), syntax)
    assert sg.dumps(back, "ntriples") == sg.dumps(g, "ntriples")


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_regression_prefix_name_with_a_colon_is_never_a_curie(syntax: str) -> None:
    """Red team: a compacting prefix named "a:b" (from an RDF file's ontology node) read
    <http://ex.org/skill/a> as the id a:b:skill/a, which was written back as <a:b:skill/a>."""
    sg_, rdf = "https://w3id.org/skillgraph/vocab#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    true = '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    doc = "\n".join(
        [
            f"_:o <{rdf}type> <{sg_}Ontology> .",
            f"_:o <{sg_}prefix> _:p .",
            f'_:p <{sg_}prefixName> "a:b" .',
            f'_:p <{sg_}namespace> "http://ex.org/" .',
            f"_:p <{sg_}compactIds> {true} .",
            f"<http://ex.org/skill/a> <{rdf}type> <http://data.europa.eu/esco/model#Skill> .",
            '<http://ex.org/skill/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@en .',
            "",
        ]
    )
    g = sg.loads(doc.encode(), "ntriples")
    assert list(g.skills) == ["http://ex.org/skill/a"]
    out = sg.dumps(g, syntax)
    assert "a:b:skill" not in sg.dumps(sg.loads(out, syntax), "ntriples").decode()


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('<http://ex.org/a b> <http://ex.org/p> "x" .', ["line 2"]),
        ('<http://ex.org/a> <http://ex.org/p> "x"@1bad-tag .', ["line 2"]),
        ("<http://ex.org/a> <http://ex.org/p> <not an iri> .", ["line 2"]),
        ("<http://ex.org/a> <http://ex.org/p> <_:b0> .", []),
    ],
)
def test_lenient_ntriples_parse_still_rejects_bad_terms(line: str, words: list[str]) -> None:
    """N-Triples is parsed leniently for speed; every distinct IRI and language tag is then
    checked, and any doubt re-parses strictly: bad terms are still refused with their line."""
    import skillgraph as sg

    good = '<http://ex.org/s> <http://www.w3.org/2004/02/skos/core#prefLabel> "s"@en .'
    data = f"{good}\n{line}\n".encode()
    if not words:  # a relative-looking IRI is either refused with a line or read losslessly
        try:
            g = sg.loads(data, "ntriples")
        except sg.FormatError as exc:
            assert "line 2" in str(exc)
        else:
            assert sg.loads(sg.dumps(g, "ntriples"), "ntriples") == g
        return
    with pytest.raises(sg.FormatError) as info:
        sg.loads(data, "ntriples")
    for word in words:
        assert word in str(info.value)


_SKOS = "http://www.w3.org/2004/02/skos/core#"
_ESCO_SKILL = "<http://data.europa.eu/esco/model#Skill>"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@pytest.mark.parametrize(
    ("labels", "language"),
    [
        (['"colour theory"@en-GB'], "en-GB"),
        (['"colour theory"@en-GB', '"color theory"@en-US', '"couleur"@fr'], "en-GB"),
        (['"Farbenlehre"@de', '"colour theory"@en'], "en"),
        (['"colour theory"'], "en"),
        (['"Farbenlehre"@de'], "de"),
    ],
)
def test_regression_a_file_declaring_no_language_is_read_in_its_labels_language(
    labels: list[str], language: str, tmp_path: Path
) -> None:
    """Red team s25 (F-h): a SKOS file labelled only @en-GB was read in 'en': every label was
    the node's URI (nothing could be found by name) and convert wrote a prefLabel made of
    the URI. Without an ontology node the main language is the labels' own, English first."""
    lines = [f"<http://x/s2> {_TYPE} {_ESCO_SKILL} ."]
    lines += [f"<http://x/s2> <{_SKOS}prefLabel> {lit} ." for lit in labels]
    path = tmp_path / "gb.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    g = sg.read(path)
    assert g.language == language
    assert g.skills["http://x/s2"].label != "http://x/s2"
    out = tmp_path / "gb.ttl"
    sg.write(g, out)
    assert '"http://x/s2"@' not in out.read_text(encoding="utf-8")
    assert sg.read(out) == g
    assert sg.read(path, language="en").language == "en"  # asked for: as asked


def test_regression_an_ontology_node_without_a_language_reads_the_labels_language(
    tmp_path: Path,
) -> None:
    """Review s25 (5): an sg:Ontology node without sg:language still read an @en-GB file in
    'en', with URIs as labels."""
    onto = "<http://x/onto> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    onto += "<https://w3id.org/skillgraph/vocab#Ontology> ."
    lines = [onto, f"<http://x/s2> {_TYPE} {_ESCO_SKILL} ."]
    lines.append(f'<http://x/s2> <{_SKOS}prefLabel> "colour theory"@en-GB .')
    path = tmp_path / "gb.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    g = sg.read(path)
    assert g.language == "en-GB" and g.skills["http://x/s2"].label == "colour theory"
