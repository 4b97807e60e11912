"""``skillgraph.checks``: typed problems of a graph, and placeholders exposed, not guessed."""

from __future__ import annotations

import pytest

import skillgraph as sg


def _graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    # declared, with a label equal to its id: not a placeholder
    g.add(sg.Cluster(id="c:x", label="c:x"))
    g.add(sg.Industry(id="i:y", label="i:y"))
    g.add(sg.Skill(id="s:py", label="Python"))
    g.add(sg.Role(id="r:a", label="A", cluster="c:x", industries=("i:y", "i:missing")))
    g.require("r:a", "s:py")
    return g


def test_undeclared_lists_placeholders_only() -> None:
    g = _graph()
    assert g.undeclared == frozenset({"i:missing"})
    g.add(sg.Industry(id="i:missing", label="Missing"))
    assert g.undeclared == frozenset()


def test_declared_node_labelled_by_its_id_is_no_error() -> None:
    # regression: the CLI took every node with label == id for an undeclared placeholder
    problems = list(sg.check_graph(_graph()))
    errors = [(p.check, p.id) for p in problems if p.severity == "error"]
    assert errors == [("undeclared-industry", "i:missing")]


@pytest.mark.parametrize("fmt", ["json", "turtle", "ntriples", "jsonld"])
def test_placeholders_survive_a_round_trip(fmt: str) -> None:
    g = _graph()
    back = sg.loads(sg.dumps(g, fmt), fmt)
    assert back.undeclared == g.undeclared
    assert back == g


def test_problem_has_location_severity_and_hint() -> None:
    g = _graph()
    g.add(sg.Skill(id="s:orphan", label="Orphan"))
    (orphan,) = [p for p in sg.check_graph(g) if p.check == "orphan-skill"]
    assert (orphan.severity, orphan.id, orphan.field) == ("warning", "s:orphan", "id")
    assert orphan.hint and orphan.file == "" and orphan.line is None
    assert orphan.location() == "s:orphan: field 'id'"


def test_check_graph_refuses_other_values() -> None:
    with pytest.raises(sg.InvalidValueError, match="SkillGraph"):
        sg.check_graph("demo")  # type: ignore[arg-type]
