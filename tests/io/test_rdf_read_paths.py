"""The RDF reader's fast paths (interned IRIs, one predicate look-up a triple) read what
the graph wrote, and still refuse every bad term a lenient parse let through."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph._synthetic import esco_like

ESCO = "http://data.europa.eu/esco/model#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GOOD = '<http://ex.org/s> <http://www.w3.org/2004/02/skos/core#prefLabel> "s"@en .'


@pytest.mark.parametrize("syntax", ["ntriples", "turtle"])
def test_generated_esco_shaped_graph_reads_back_equal(syntax: str) -> None:
    g = esco_like(0.05, seed=5)
    assert g.count_requirements() > 0  # the relation lists are exercised
    back = sg.loads(sg.dumps(g, syntax), syntax)
    assert back == g, g.diff(back)
    assert back.prefixes == g.prefixes
    assert back.extra_triples == g.extra_triples


def test_demo_reads_back_equal_from_ntriples() -> None:
    demo = sg.load("demo")
    back = sg.loads(sg.dumps(demo, "ntriples"), "ntriples")
    assert back == demo, demo.diff(back)
    assert back.extra_triples == demo.extra_triples


@pytest.mark.parametrize(
    "line",
    [
        f"<http://ex.org/s> <{ESCO}relatedEssentialSkill> <not an iri> .",  # relation target
        f"<http://ex.org/a b> <{ESCO}relatedOptionalSkill> <http://ex.org/s> .",  # its subject
        '<http://ex.org/s> <http://ex.org/p q> "x" .',  # a predicate
        '<http://ex.org/s> <http://ex.org/p> "x"^^<not a datatype> .',  # a datatype
        "<http://ex.org/s> <http://www.w3.org/2004/02/skos-xl#prefLabel> <bad iri> .",  # a shape
    ],
)
def test_lenient_parse_refuses_bad_iris_in_every_position(line: str) -> None:
    data = f"{GOOD}\n{line}\n".encode()
    with pytest.raises(sg.FormatError) as info:
        sg.loads(data, "ntriples")
    assert "line 2" in str(info.value)


def test_relation_targets_declared_after_their_role_read_as_skills() -> None:
    """A relation's target is interned before the skill it names is declared."""
    data = (
        f"<http://ex.org/r> <{TYPE}> <{ESCO}Occupation> .\n"
        '<http://ex.org/r> <http://www.w3.org/2004/02/skos/core#prefLabel> "r"@en .\n'
        f"<http://ex.org/r> <{ESCO}relatedEssentialSkill> <http://ex.org/k> .\n"
        f"<http://ex.org/k> <{TYPE}> <{ESCO}Skill> .\n"
        '<http://ex.org/k> <http://www.w3.org/2004/02/skos/core#prefLabel> "k"@en .\n'
    ).encode()
    g = sg.loads(data, "ntriples")
    (req,) = g.requirements("http://ex.org/r")
    assert (req.skill, req.essential) == ("http://ex.org/k", True)


@pytest.mark.parametrize("position", ["subject", "object"])
def test_regression_empty_iri_is_refused_with_its_line(position: str) -> None:
    """``<>`` as the subject of a leniently parsed N-Triples line crashed the reader with an
    IndexError (as an object it was refused); both are now refused with the line."""
    line = (
        '<> <http://ex.org/p> "x" .'
        if position == "subject"
        else "<http://ex.org/s> <http://ex.org/p> <> ."
    )
    with pytest.raises(sg.FormatError) as info:
        sg.loads(f"{GOOD}\n{line}\n".encode(), "ntriples")
    assert "line 2" in str(info.value)


@pytest.mark.parametrize(
    ("tag", "named"),
    [
        ('<ex:p about="x">v</ex:p>', "attribute 'about' of element 'p' of http://example.org/"),
        ("<p>v</p>", "element <p>"),
    ],
)
def test_regression_rdfxml_unqualified_name_error_gives_the_line(
    tmp_path: Path, tag: str, named: str
) -> None:
    # red team: "XML namespaces are required in RDF/XML" came without a line
    path = tmp_path / "x.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
        '         xmlns:ex="http://example.org/">\n'
        '  <rdf:Description rdf:about="http://example.org/a">\n'
        f"    {tag}\n"
        "  </rdf:Description>\n"
        "</rdf:RDF>\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.FormatError, match="namespaces are required") as caught:
        sg.read(path)
    assert caught.value.line == 5
    assert named in str(caught.value)
