"""sg.merge: union of two graphs, conflicts listed with both values, provenance."""

from __future__ import annotations

import pytest

import skillgraph as sg

from ._halves import halves


def test_two_halves_of_the_demo_merge_into_the_demo(demo: sg.SkillGraph) -> None:
    a, b = halves(demo)
    assert a != demo and b != demo and len(a) < len(demo) and len(b) < len(demo)
    merged, report = sg.merge_with_report(a, b)
    assert merged == demo, sg.diff(demo, merged).to_text()
    assert report.conflicts == []
    assert set(report.provenance) == set(demo.nodes)
    origins = report.origin_counts()
    assert origins["left"] and origins["right"] and origins["both"]
    for node_id, origin in report.provenance.items():
        assert (node_id in a.nodes, node_id in b.nodes) == {
            "left": (True, False),
            "right": (False, True),
            "both": (True, True),
        }[origin]
    assert sg.merge(b, a) == demo


def test_merging_extracts_loses_nothing_they_hold(demo: sg.SkillGraph) -> None:
    roles = sorted(demo.roles)
    a = demo.extract(roles=roles[::2])
    b = demo.extract(roles=roles[1::2])
    merged = sg.merge(a, b)
    report = sg.diff(merged, demo)
    assert not report.nodes_removed and not report.nodes_changed
    assert not report.requirements_removed and not report.relations_removed
    assert set(merged.roles) == set(demo.roles)


def test_inputs_are_not_changed(demo: sg.SkillGraph) -> None:
    a, b = halves(demo)
    va, vb = a.version, b.version
    sg.merge(a, b)
    assert (a.version, b.version) == (va, vb)


@pytest.fixture
def rival(demo: sg.SkillGraph) -> sg.SkillGraph:
    """A graph that declares an accountant, a requirement and metadata differently."""
    g = sg.SkillGraph(metadata={"version": "9", "owner": "acme"}, prefixes=demo.prefixes)
    g.add(demo.clusters["demo:cluster/finance-accounting"])
    for ind in demo.roles["demo:role/accountant"].industries:
        g.add(demo.industries[ind])
    role = demo.roles["demo:role/accountant"]
    g.add(role.model_copy(update={"label": "Bookkeeper", "level": 1}))
    req = demo.requirements(role.id)[0]
    g.add(demo.skills[req.skill])
    g.require(role.id, req.skill, essential=req.essential, importance=req.importance / 2)
    g.add(sg.Skill(id="acme:skill/erp", label="ERP"))
    g.require(role.id, "acme:skill/erp", importance=0.7)
    return g


def test_conflicts_list_both_values(demo: sg.SkillGraph, rival: sg.SkillGraph) -> None:
    with pytest.raises(sg.MergeConflictError) as info:
        sg.merge(demo, rival)
    exc = info.value
    assert isinstance(exc, sg.SkillGraphError)
    kinds = {(c.kind, c.id): c for c in exc.conflicts}
    node = kinds[("node", "demo:role/accountant")]
    assert node.left["label"] == "Accountant" and node.right["label"] == "Bookkeeper"
    assert {f.field: (f.old, f.new) for f in node.fields} == {
        "label": ("Accountant", "Bookkeeper"),
        "level": (2, 1),
    }
    req = next(c for c in exc.conflicts if c.kind == "requirement")
    assert req.left["importance"] == 2 * req.right["importance"]
    meta = kinds[("metadata", "version")]
    assert (meta.left, meta.right) == ("1.0", "9")
    assert "Accountant" in str(exc) and "Bookkeeper" in str(exc)
    assert len(exc.conflicts) == 3


@pytest.mark.parametrize("side", ["left", "right"])
def test_conflicts_resolved_by_side(demo: sg.SkillGraph, rival: sg.SkillGraph, side: str) -> None:
    merged, report = sg.merge_with_report(demo, rival, on_conflict=side)  # type: ignore[arg-type]
    winner = demo if side == "left" else rival
    assert merged.roles["demo:role/accountant"] == winner.roles["demo:role/accountant"]
    skill = demo.requirements("demo:role/accountant")[0].skill
    got = {r.skill: r for r in merged.requirements("demo:role/accountant")}
    want = {r.skill: r for r in winner.requirements("demo:role/accountant")}
    assert got[skill] == want[skill]
    assert "acme:skill/erp" in got  # what only the right side has is added either way
    assert merged.metadata["version"] == winner.metadata["version"]
    assert merged.metadata["owner"] == "acme"
    assert report.provenance["demo:role/accountant"] == side
    assert report.provenance["acme:skill/erp"] == "right"
    assert report.provenance[skill] == "both"
    assert len(report.conflicts) == 3 and report.on_conflict == side
    assert "3 conflict(s)" in report.to_text()


def test_a_type_clash_cannot_be_resolved() -> None:
    a = sg.SkillGraph()
    a.add(sg.Skill(id="x:1", label="one"))
    b = sg.SkillGraph()
    b.add(sg.Role(id="x:1", label="one"))
    for side in ("error", "left", "right"):
        with pytest.raises(sg.MergeConflictError) as info:
            sg.merge(a, b, on_conflict=side)  # type: ignore[arg-type]
        (c,) = info.value.conflicts
        assert c.fields[0].field == "type" and (c.fields[0].old, c.fields[0].new) == (
            "Skill",
            "Role",
        )


def test_a_bare_placeholder_yields_to_a_declared_node() -> None:
    a = sg.SkillGraph()
    a.add(sg.Role(id="x:r", label="R", cluster="x:c"))  # x:c is a placeholder here
    b = sg.SkillGraph()
    b.add(sg.Cluster(id="x:c", label="Real cluster", code="12"))
    for left, right in ((a, b), (b, a)):
        merged, report = sg.merge_with_report(left, right)
        assert merged.clusters["x:c"].label == "Real cluster"
        assert report.conflicts == []
    _, report = sg.merge_with_report(a, b)
    assert report.provenance["x:c"] == "right"


def test_a_cycle_across_both_sides_is_an_error() -> None:
    a = sg.SkillGraph()
    b = sg.SkillGraph()
    for g in (a, b):
        g.add(sg.Skill(id="x:a", label="A"))
        g.add(sg.Skill(id="x:b", label="B"))
    a.add_broader("x:a", "x:b")
    b.add_broader("x:b", "x:a")
    with pytest.raises(sg.CycleError):
        sg.merge(a, b)


def test_language_conflict() -> None:
    a = sg.SkillGraph(language="en")
    b = sg.SkillGraph(language="de")
    with pytest.raises(sg.MergeConflictError, match="language"):
        sg.merge(a, b)
    assert sg.merge(a, b, on_conflict="right").language == "de"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"a": "demo"}, "a"),
        ({"b": None}, "b"),
        ({"on_conflict": "newest"}, "on_conflict"),
        ({"names": "ab"}, "names"),
    ],
)
def test_arguments_are_validated(
    demo: sg.SkillGraph, kwargs: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {"a": demo, "b": demo, **kwargs}
    with pytest.raises(sg.InvalidValueError) as info:
        sg.merge_with_report(**args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_merge_keeps_learning_resources_and_their_edges(demo: sg.SkillGraph) -> None:
    with_resources = demo.copy()
    sg.bundled_catalogue(demo).add_to(with_resources)
    assert sg.merge(demo, with_resources) == with_resources
    assert sg.merge(with_resources, demo) == with_resources
