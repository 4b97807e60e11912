"""Regression tests of the second red-team round (issue 17) that are not one bad input file:
each docstring names the bug."""

from __future__ import annotations

import math

import pytest

import skillgraph as sg
from skillgraph.errors import InvalidValueError

from .cases import TINY

_FORMATS = ["json", "turtle", "ntriples", "jsonld", "rdfxml"]


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_model_refuses_non_finite_attributes(value: float) -> None:
    """Item 4: NaN/±Infinity attribute values were accepted by the model; the JSON writer
    then wrote ``null`` (or failed) and the file it wrote did not load."""
    with pytest.raises(InvalidValueError, match=r"field 'attributes'.*finite number") as info:
        sg.Skill(id="s:a", label="A", attributes={"x": value})
    assert info.value.field == "attributes"


def _turtle_with_attribute(lexical: str, datatype: str) -> bytes:
    data = TINY["turtle"].read_bytes()
    extra = f'ex:skill\\/git sg:attribute [ sg:key "x" ; sg:value "{lexical}"^^xsd:{datatype} ] .\n'
    return data + extra.encode()


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [("NaN", "double"), ("INF", "double"), ("-INF", "double"), ("4_0", "integer")],
)
def test_odd_rdf_numbers_are_kept_losslessly(lexical: str, datatype: str) -> None:
    """Items 4 and 5: ``"NaN"^^xsd:double`` became a NaN attribute (the JSON writer then
    wrote ``null``); ``"4_0"^^xsd:integer`` was read as 40. Now such values are kept as
    extra triples: every format written reads back equal."""
    first = sg.loads(_turtle_with_attribute(lexical, datatype), "turtle")
    assert "x" not in first.skills["ex:skill/git"].attributes
    for fmt in _FORMATS:
        # blank nodes are relabelled on reading: from the second read on, nothing changes
        g = sg.loads(sg.dumps(first, fmt), fmt)
        assert any(f'"{lexical}"' in o for _, _, o in g.extra_triples), fmt
        again = sg.loads(sg.dumps(g, fmt), fmt)
        assert again == g, fmt
        assert sg.dumps(again, fmt) == sg.dumps(g, fmt)


def test_finite_rdf_double_attribute_is_still_read() -> None:
    g = sg.loads(_turtle_with_attribute("2.5E0", "double"), "turtle")
    assert g.skills["ex:skill/git"].attributes["x"] == 2.5


def test_rdf_extras_about_known_nodes_survive_a_native_round_trip() -> None:
    """Item 7 (the other side): the native reader refuses extra triples the RDF reader would
    interpret, but not what the RDF reader itself keeps (unknown predicates and types,
    repeated requirements): RDF -> native -> graph loses nothing."""
    extra = (
        "ex:skill\\/git a <https://example.org/SomeClass> ;\n"
        '\t<https://example.org/note> "kept" .\n'
        "_:broken a sg:Requirement ;\n\tsg:role ex:role\\/dba ;\n\tsg:skill ex:skill\\/git ;\n"
        '\tsg:essential "maybe" ;\n\tsg:importance "0.5"^^xsd:double .\n'
    )
    with pytest.warns(sg.DataWarning, match="sg:Requirement"):
        g = sg.loads(TINY["turtle"].read_bytes() + extra.encode(), "turtle")
    assert len(g.extra_triples) == 7
    again = sg.loads(sg.dumps(g))
    assert again == g
    assert sg.dumps(again) == sg.dumps(g)


def test_duplicate_key_inside_a_node_names_its_line() -> None:
    """Item 5: a key repeated inside one node silently kept the last value."""
    data = TINY["native"].read_bytes()
    bad = data.replace(b'"label": "Git",', b'"label": "Git", "label": "Impostor",', 1)
    line = data[: data.index(b'"label": "Git"')].count(b"\n") + 1
    with pytest.raises(sg.FormatError, match=rf"<data>, line {line}: the key 'label' appears"):
        sg.loads(bad)


def test_contradicting_rdf_requirement_nodes_are_refused() -> None:
    """Item 5: two sg:Requirement nodes for one role and skill: the last silently won."""
    extra = (
        "_:again a sg:Requirement ;\n\tsg:role ex:role\\/dba ;\n\tsg:skill ex:skill\\/sql ;\n"
        '\tsg:essential true ;\n\tsg:importance "0.5"^^xsd:double .\n'
    )
    with pytest.raises(sg.FormatError, match=r"field 'sg:Requirement'.*importance \(0\.\d"):
        sg.loads(TINY["turtle"].read_bytes() + extra.encode(), "turtle")
