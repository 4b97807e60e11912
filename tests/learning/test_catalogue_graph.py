"""Tests for skillgraph.learning._catalogue_graph: catalogues as graph resources and back."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings

import skillgraph as sg

from .test_resources import catalogues


def _sorted(cat: sg.Catalogue) -> sg.Catalogue:
    """``cat`` as a graph keeps it: resources by id, their skills by id."""
    return cat.model_copy(
        update={
            "resources": [
                r.model_copy(
                    update={
                        "teaches": sorted(r.teaches, key=lambda t: t.skill),
                        "requires": sorted(r.requires),
                    }
                )
                for r in sorted(cat.resources, key=lambda r: r.id)
            ]
        }
    )


@settings(max_examples=40, deadline=None)
@given(catalogues())
def test_catalogue_through_a_graph_and_every_format(cat: sg.Catalogue) -> None:
    assume(cat.resources and not cat.skills() & {r.id for r in cat})
    g = sg.SkillGraph()
    for s in sorted(cat.skills()):
        g.add(sg.Skill(id=s, label=s))
    cat.add_to(g)
    assert len(g.resources) == len(cat)
    back = sg.Catalogue.from_graph(g)
    assert back == _sorted(cat)
    for fmt in ("native", "turtle"):
        assert sg.Catalogue.from_graph(sg.loads(sg.dumps(g, fmt), fmt)) == back


def test_demo_catalogue_as_graph_plans_the_same(
    demo: sg.SkillGraph, catalogue: sg.Catalogue
) -> None:
    g = demo.copy()
    catalogue.add_to(g)
    plan = g.reskill("retail sales assistant", "digital marketing specialist")
    from_csv = sg.plan_resources(demo, plan, catalogue, hours_per_week=5, start="2025-01-06")
    from_graph = sg.plan_resources(g, plan, hours_per_week=5, start="2025-01-06")
    assert from_graph.total_hours == from_csv.total_hours
    assert [i.resource for i in from_graph.items] == [i.resource for i in from_csv.items]


def test_add_to_refuses_clashes_and_unknown_skills(
    demo: sg.SkillGraph, catalogue: sg.Catalogue
) -> None:
    g = demo.copy()
    catalogue.add_to(g)
    with pytest.raises(sg.DuplicateIdError, match="already in the graph"):
        catalogue.add_to(g)
    bare = sg.SkillGraph()
    bare.add(sg.Skill(id="demo:skill/python", label="Python"))
    with pytest.raises(sg.DanglingReferenceError, match="not a skill of the graph"):
        catalogue.add_to(bare)
    assert not bare.resources  # nothing added
    with pytest.raises(sg.InvalidValueError, match="graph must be a SkillGraph"):
        catalogue.add_to("demo")  # type: ignore[arg-type]


def test_from_graph_refusals() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    g.add(sg.Resource(id="r:1", label="one", currency="EUR"))
    with pytest.raises(sg.InvalidValueError, match=r"'r:1'.*teaches") as info:
        sg.Catalogue.from_graph(g)
    assert info.value.field == "teaches"
    g.add(sg.Teaching(resource="r:1", skill="s:a"))
    g.add(sg.Resource(id="r:2", label="two", currency="USD"))
    g.add(sg.Teaching(resource="r:2", skill="s:a"))
    with pytest.raises(sg.InvalidValueError, match="several currencies"):
        sg.Catalogue.from_graph(g)
    assert sg.Catalogue.from_graph(g, currency="EUR").currency == "EUR"
    assert len(sg.Catalogue.from_graph(sg.SkillGraph())) == 0
