"""Learning resources through native JSON and every RDF syntax (skillgraph.io.rdf._learning)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.io.rdf._learning import duration_hours, iso_duration
from tests.strategies import graphs

FORMATS = ["native", "turtle", "ntriples", "jsonld", "rdfxml"]


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=25, deadline=None)
@given(g=graphs(max_roles=3, max_skills=8, resources=True))
def test_resources_round_trip_losslessly(fmt: str, g: sg.SkillGraph) -> None:
    back = sg.loads(sg.dumps(g, fmt), fmt)
    assert back == g
    assert not back.extra_triples
    assert sg.dumps(back, "native") == sg.dumps(g, "native")


def _demo_with_resources(demo: sg.SkillGraph) -> sg.SkillGraph:
    g = demo.copy()
    sg.bundled_catalogue(demo).add_to(g)
    return g


@pytest.mark.parametrize("fmt", FORMATS)
def test_demo_catalogue_as_graph_round_trips(fmt: str, demo: sg.SkillGraph) -> None:
    g = _demo_with_resources(demo)
    back = sg.loads(sg.dumps(g, fmt), fmt)
    assert back == g
    assert sg.Catalogue.from_graph(back) == sg.Catalogue.from_graph(g)


def test_schema_org_terms_are_written(demo: sg.SkillGraph) -> None:
    g = _demo_with_resources(demo)
    text = sg.dumps(g, "ntriples").decode()
    assert "<http://schema.org/Course>" in text
    assert "<http://schema.org/teaches>" in text
    assert "<http://schema.org/coursePrerequisites>" in text
    assert '"PT' in text and "XMLSchema#duration>" in text


@given(st.floats(min_value=1e-6, max_value=1e9))
def test_iso_duration_reads_back_exactly(hours: float) -> None:
    text = iso_duration(hours)
    assert text.startswith("PT") and text.endswith("H") and "e" not in text
    assert duration_hours(text) == hours


@pytest.mark.parametrize(
    ("text", "hours"),
    [("PT12H", 12.0), ("PT1H30M", 1.5), ("P1DT2H", 26.0), ("PT90M", 1.5), ("PT0.5H", 0.5)],
)
def test_durations_read(text: str, hours: float) -> None:
    assert duration_hours(text) == hours


@pytest.mark.parametrize("text", ["P1Y", "PT", "P", "PT0H", "12H", "PT-1H", "P1M"])
def test_durations_refused(text: str) -> None:
    assert duration_hours(text) is None


TTL = """
@prefix schema: <http://schema.org/> .
@prefix sg: <https://w3id.org/skillgraph/vocab#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix esco: <http://data.europa.eu/esco/model#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://ex.org/sql> a esco:Skill ; skos:prefLabel "SQL"@en .
<http://ex.org/role> a esco:Occupation ; skos:prefLabel "analyst"@en .
<http://ex.org/c> a schema:Course ; skos:prefLabel "C"@en ;
    schema:timeRequired "P1Y" ;
    sg:resourceKind "lecture" ;
    schema:teaches <http://ex.org/sql> , <http://ex.org/role> ;
    sg:teachesTo [ sg:skill <http://ex.org/role> ; sg:proficiency "basic" ] .
"""


def test_values_the_model_cannot_hold_are_kept_as_extra_triples() -> None:
    g = sg.loads(TTL, "turtle")
    (res,) = g.resources.values()
    assert res.kind is sg.ResourceKind.COURSE and res.duration_hours == 1.0
    assert [t.skill for t in g.teaching(res.id)] == ["http://ex.org/sql"]
    kept = {p for _, p, _ in g.extra_triples}
    assert "<http://schema.org/timeRequired>" in kept
    assert "<https://w3id.org/skillgraph/vocab#resourceKind>" in kept
    assert "<http://schema.org/teaches>" in kept  # to a role: not a teaches edge
    assert "<https://w3id.org/skillgraph/vocab#proficiency>" in kept  # of a skill not taught
