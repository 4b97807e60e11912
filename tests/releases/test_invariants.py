"""hypothesis: invariants tying diff, extract and merge together on random graphs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg

from ..strategies import graphs
from ._halves import halves


@given(graphs())
def test_diff_of_a_graph_with_itself_is_empty(g: sg.SkillGraph) -> None:
    assert sg.diff(g, g.copy()).empty
    assert g.diff(g) == {}


@given(graphs(), graphs())
def test_diff_is_empty_exactly_when_equal_and_reverses(a: sg.SkillGraph, b: sg.SkillGraph) -> None:
    ab, ba = sg.diff(a, b), sg.diff(b, a)
    assert ab.empty == (a == b) == ba.empty
    assert {n.id for n in ab.nodes_added} == {n.id for n in ba.nodes_removed}
    assert len(ab.requirements_added) == len(ba.requirements_removed)
    assert len(ab.relations_added) == len(ba.relations_removed)
    assert [(c.field, c.old, c.new) for n in ab.nodes_changed for c in n.changes] == [
        (c.field, c.new, c.old) for n in ba.nodes_changed for c in n.changes
    ]


@given(graphs())
def test_merge_with_itself_is_itself(g: sg.SkillGraph) -> None:
    merged, report = sg.merge_with_report(g, g)
    assert merged == g
    assert set(report.provenance.values()) <= {"both"}


@given(graphs())
def test_halves_merge_back(g: sg.SkillGraph) -> None:
    a, b = halves(g)
    assert sg.merge(a, b) == g == sg.merge(b, a)


@given(graphs(), st.data())
def test_extract_is_a_closed_subgraph(g: sg.SkillGraph, data: st.DataObject) -> None:
    roles = data.draw(st.sets(st.sampled_from(sorted(g.roles)), min_size=1))
    sub = g.extract(roles=sorted(roles))
    assert sub.extract(roles=sorted(roles)) == sub  # idempotent
    report = sg.diff(sub, g)
    assert not report.nodes_removed and not report.nodes_changed
    assert not report.requirements_removed and not report.relations_removed
    assert sg.merge(g, sub) == g  # a subset adds nothing to its source
    for role in sub.roles:
        assert sub.requirements(role) == g.requirements(role)


@given(graphs(), graphs(rich=False))
def test_merge_keeps_everything_of_the_left(a: sg.SkillGraph, b: sg.SkillGraph) -> None:
    merged = sg.merge(a, b, on_conflict="left")
    report = sg.diff(a, merged)
    assert not report.nodes_removed and not report.nodes_changed
    assert not report.requirements_removed and not report.requirements_changed
    assert not report.relations_removed
