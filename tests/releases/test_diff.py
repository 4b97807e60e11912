"""sg.diff: the typed report, its renderings, and SkillGraph.diff's compact summary."""

from __future__ import annotations

import json

import pytest

import skillgraph as sg
from skillgraph.releases import DiffReport


@pytest.fixture
def changed(demo: sg.SkillGraph) -> sg.SkillGraph:
    """The demo with one of each kind of change."""
    g = demo.copy()
    role = g.roles["demo:role/accountant"]
    g.add(role.model_copy(update={"label": "Chartered accountant", "level": 3}), replace=True)
    skill = g.skills["demo:skill/a-b-testing"]
    g.add(
        skill.model_copy(update={"alt_labels": ("split testing", "bucket testing")}), replace=True
    )
    g.remove("demo:skill/accounting-software")
    g.add(sg.Skill(id="demo:skill/ledger-ai", label="Ledger automation"))
    g.require("demo:role/accountant", "demo:skill/ledger-ai", essential=False, importance=0.4)
    req = g.requirements("demo:role/accountant")[1]
    g.require(req.role, req.skill, essential=not req.essential, importance=0.33)
    g.relate("demo:skill/ledger-ai", "demo:skill/a-b-testing")
    g.metadata["version"] = "2.0"
    return g


def test_equal_graphs_give_an_empty_report(demo: sg.SkillGraph) -> None:
    report = sg.diff(demo, demo.copy())
    assert report.empty
    assert report.counts() == {} and report.summary() == {}
    assert demo.diff(demo.copy()) == {}
    assert "No differences." in report.to_text()


def test_each_kind_of_change_is_reported(demo: sg.SkillGraph, changed: sg.SkillGraph) -> None:
    r = sg.diff(demo, changed, names=("v1", "v2"))
    assert not r.empty and (r.old, r.new) == ("v1", "v2")
    assert [(n.id, n.label) for n in r.nodes_added] == [
        ("demo:skill/ledger-ai", "Ledger automation")
    ]
    assert [(n.id, n.label) for n in r.nodes_removed] == [
        ("demo:skill/accounting-software", "Accounting software")
    ]
    by_id = {n.id: n for n in r.nodes_changed}
    acc = by_id["demo:role/accountant"]
    assert (acc.old_label, acc.label) == ("Accountant", "Chartered accountant")
    fields = {c.field: (c.old, c.new) for c in acc.changes}
    assert fields["label"] == ("Accountant", "Chartered accountant")
    assert fields["level"] == (2, 3)
    alt = by_id["demo:skill/a-b-testing"].changes[0]
    assert alt.field == "alt_labels" and alt.added == ["bucket testing"]
    assert [(x.old_label, x.new_label) for x in r.renamed] == [
        ("Accountant", "Chartered accountant")
    ]
    assert [(q.role, q.skill, q.essential, q.importance) for q in r.requirements_added] == [
        ("demo:role/accountant", "demo:skill/ledger-ai", False, 0.4)
    ]
    assert {q.skill for q in r.requirements_removed} == {"demo:skill/accounting-software"}
    (rew,) = r.requirements_changed
    assert {c.field for c in rew.changes} == {"essential", "importance"}
    assert [c.new for c in rew.changes if c.field == "importance"] == [0.33]
    assert [(e.kind, e.source, e.target) for e in r.relations_added] == [
        ("related", "demo:skill/ledger-ai", "demo:skill/a-b-testing")
    ]
    assert [m.field for m in r.metadata] == ["metadata.version"]
    top = r.roles_most_changed[0]
    assert top.role == "demo:role/accountant" and top.label == "Chartered accountant"
    assert (top.added, top.removed, top.reweighted) == (1, 1, 1)
    assert top.after == top.before


def test_removed_skill_relations_are_listed_with_labels(
    demo: sg.SkillGraph, changed: sg.SkillGraph
) -> None:
    r = sg.diff(demo, changed)
    gone = [
        e for e in r.relations_removed if "demo:skill/accounting-software" in (e.source, e.target)
    ]
    assert gone and all(e.source_label != e.source for e in gone)


def test_counts_and_the_legacy_summary_agree(demo: sg.SkillGraph, changed: sg.SkillGraph) -> None:
    r = sg.diff(demo, changed)
    c = r.counts()
    assert c["skill"] == {"added": 1, "removed": 1, "changed": 1}
    assert c["requires"]["added"] == 1 and c["requires"]["changed"] == 1
    s = demo.diff(changed)
    assert s["skill"] == {
        "added": ["demo:skill/ledger-ai"],
        "removed": ["demo:skill/accounting-software"],
        "changed": ["demo:skill/a-b-testing"],
    }
    assert s["requires"] == c["requires"] and s["metadata"] is True


def test_json_round_trips_and_is_stable(demo: sg.SkillGraph, changed: sg.SkillGraph) -> None:
    r = sg.diff(demo, changed)
    text = r.to_json()
    assert text == sg.diff(demo, changed).to_json()
    back = DiffReport.model_validate_json(text)
    assert back == r
    assert json.loads(text)["renamed"][0]["new_label"] == "Chartered accountant"


def test_text_and_markdown_show_labels_and_limits(
    demo: sg.SkillGraph, changed: sg.SkillGraph
) -> None:
    r = sg.diff(demo, changed)
    text = r.to_text()
    assert "Accountant → Chartered accountant" in text
    assert "Ledger automation" in text and "alt_labels: +" in text
    md = r.to_markdown(limit=1)
    assert md.startswith("# Changes from old to new")
    assert "| section | added | removed | changed |" in md
    assert "## Renamed labels (1)" in md
    assert "… and" in md  # more removed relations than the limit
    assert str(r) == text


def test_regression_an_id_with_a_backtick_is_escaped_in_markdown(demo: sg.SkillGraph) -> None:
    """Red team: an id holding a backtick cannot sit in a code span, and was then written
    raw: `ex:a`<img/src=x/onerror=alert(1)>`` put live HTML into the Markdown report."""
    new = demo.copy()
    new.add(sg.Skill(id="ex:a`<img/src=x/onerror=alert(1)>`", label="New"))
    md = sg.diff(demo, new).to_markdown()
    line = next(ln for ln in md.splitlines() if "onerror" in ln)
    assert line == "- [skill] New (ex:a\\`\\<img/src=x/onerror=alert(1)\\>\\`)", line


def test_a_type_change_is_listed(demo: sg.SkillGraph) -> None:
    a = sg.SkillGraph()
    a.add(sg.SkillGroup(id="x:g", label="Data"))
    b = sg.SkillGraph()
    b.add(sg.Skill(id="x:g", label="Data"))
    r = sg.diff(a, b)
    assert [(t.id, t.old_type, t.new_type) for t in r.retyped] == [
        ("x:g", sg.NodeType.GROUP, sg.NodeType.SKILL)
    ]
    assert [n.type for n in r.nodes_added] == [sg.NodeType.SKILL]


def test_a_changed_id_is_paired_by_label() -> None:
    a = sg.SkillGraph()
    a.add(sg.SkillGroup(id="x:S1", label="communication"))
    a.add(sg.SkillGroup(id="x:S2", label="dup"))
    a.add(sg.SkillGroup(id="x:S3", label="dup"))
    b = sg.SkillGraph()
    b.add(sg.SkillGroup(id="x:uuid-1", label="communication"))
    b.add(sg.SkillGroup(id="x:uuid-2", label="dup"))
    r = sg.diff(a, b)
    assert [(x.old_id, x.new_id) for x in r.reidentified] == [("x:S1", "x:uuid-1")]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"old": "demo", "new": None}, "old"),
        ({"new": 3}, "new"),
        ({"top": -1}, "top"),
        ({"top": True}, "top"),
        ({"names": ("only one",)}, "names"),
    ],
)
def test_arguments_are_validated(
    demo: sg.SkillGraph, kwargs: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {"old": demo, "new": demo, **kwargs}
    with pytest.raises(sg.InvalidValueError) as info:
        sg.diff(**args)  # type: ignore[arg-type]
    assert info.value.field == field and field in str(info.value)


def test_render_limit_is_validated(demo: sg.SkillGraph) -> None:
    with pytest.raises(sg.InvalidValueError, match="limit"):
        sg.diff(demo, demo).to_text(limit=-2)


def _with_resources(teaches: dict[str, str | None], requires: list[str]) -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add_all([sg.Skill(id=f"s:{x}", label=f"skill {x}") for x in "abc"])
    g.add(sg.Resource(id="r:course", label="A course"))
    for skill, proficiency in teaches.items():
        g.add(sg.Teaching(resource="r:course", skill=f"s:{skill}", proficiency=proficiency))
    for skill in requires:
        g.add(sg.ResourcePrerequisite(resource="r:course", skill=f"s:{skill}"))
    return g


def test_resource_edges_are_listed() -> None:
    # Regression (#19 leftover): the diff listed learning resources but not their teaches
    # and requires edges, so graphs differing only in those gave an empty report.
    old = _with_resources({"a": None, "b": "basic"}, ["c"])
    new = _with_resources({"a": None, "b": "advanced", "c": None}, [])
    r = sg.diff(old, new)
    assert not r.empty
    assert [(e.kind, e.source, e.target, e.target_label) for e in r.relations_added] == [
        ("teaches", "r:course", "s:c", "skill c")
    ]
    assert [(e.kind, e.source_label, e.target) for e in r.relations_removed] == [
        ("resource_requires", "A course", "s:c")
    ]
    (change,) = r.relations_changed
    assert (change.kind, change.target) == ("teaches", "s:b")
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("proficiency", "basic", "advanced")
    ]
    assert r.counts()["teaches"] == {"added": 1, "removed": 0, "changed": 1}
    assert old.diff(new)["resource_requires"] == {"added": 0, "removed": 1}
    assert 'teaches: A course → skill b: proficiency: "basic" → "advanced"' in r.to_text()
    assert DiffReport.model_validate_json(r.to_json()) == r
    assert sg.diff(old, old.copy()).empty


def test_merge_keeps_the_resource_edges_of_both() -> None:
    left = _with_resources({"a": None}, ["c"])
    right = _with_resources({"b": "basic"}, ["a"])
    merged = sg.merge(left, right)
    assert sg.diff(merged, _with_resources({"a": None, "b": "basic"}, ["a", "c"])).empty
