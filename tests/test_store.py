"""``skillgraph._store``: both directions agree, copies and snapshots are equal, bulk inserts."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings

import skillgraph as sg
from skillgraph._nodes import LazyNodes
from skillgraph._relations import find_path, has_cycle, reach
from skillgraph._store import Store, store_of

from .strategies import graphs


def _both_ways(store: Store, g: sg.SkillGraph) -> None:
    for role in g.roles:
        for skill, req in store.requires_of(role).items():
            assert store.required_by(skill)[role] == req
    for node in g.nodes:
        for up in store.broader_of(node):
            assert node in store.narrower_of(up)
        for pre in store.prerequisites_of(node):
            assert node in store.enabled_by(pre)
        for nxt in store.progressions_from(node):
            assert node in store.progressions_to(nxt)
        for other in store.related_of(node):
            assert node in store.related_into(other)
        for skill, taught in store.teaching_of(node).items():
            assert store.taught_by(skill)[node] is taught
        for skill in store.resource_prerequisites_of(node):
            assert node in store.resources_requiring(skill)


@settings(max_examples=30, deadline=None)
@given(graphs(resources=True))
def test_maps_agree_both_ways_and_copies_are_equal(g: sg.SkillGraph) -> None:
    store = store_of(g)
    _both_ways(store, g)
    assert store.count_requirements() == len(list(g.iter_requirements()))
    copied = store.copy()
    assert copied.content() == store.content()
    restored = Store.from_state(store.to_state())
    assert restored.content() == store.content()
    assert restored.placeholders() == store.placeholders()
    _both_ways(restored, g)


@settings(max_examples=20, deadline=None)
@given(graphs(resources=True))
def test_remove_leaves_no_edge_behind(g: sg.SkillGraph) -> None:
    store = store_of(g)
    victim = sorted(g.skills)[0]
    g.remove(victim)
    _both_ways(store, g)
    assert not store.required_by(victim) and not store.broader_of(victim)
    assert all(victim not in store.requires_of(r) for r in g.roles)
    assert not store.taught_by(victim) and not store.resources_requiring(victim)
    assert all(victim not in store.teaching_of(r) for r in g.resources)


def test_resource_edges_check_their_ends() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    g.add(sg.Role(id="r:x", label="x"))
    g.add(sg.Resource(id="res:1", label="one", duration_hours=2))
    with pytest.raises(sg.DanglingReferenceError, match="field 'skill'"):
        g.add(sg.Teaching(resource="res:1", skill="r:x"))
    with pytest.raises(sg.DanglingReferenceError, match="field 'resource'"):
        g.add(sg.ResourcePrerequisite(resource="s:a", skill="s:a"))
    g.add(sg.Teaching(resource="res:1", skill="s:a", proficiency="Advanced"))
    assert g.teaching("res:1")[0].proficiency is sg.Proficiency.ADVANCED
    removed = g.copy()
    removed.remove("res:1")
    assert not store_of(removed).taught_by("s:a") and store_of(g).taught_by("s:a")


def _tree() -> sg.SkillGraph:
    g = sg.SkillGraph()
    for s in "abcd":
        g.add(sg.Skill(id=f"s:{s}", label=s))
    return g


def test_bulk_broader_is_one_insert() -> None:
    g = _tree()
    store = store_of(g)
    before = g.version
    store.add_broader_many(
        [("s:a", "s:b"), ("s:b", "s:c")], lambda a, b: sg.Broader(narrower=a, broader=b)
    )
    assert g.version == before + 1
    assert g.ancestors("s:a") == {"s:b", "s:c"}


def test_bulk_broader_names_the_edge_closing_a_cycle_and_keeps_nothing() -> None:
    g = _tree()
    store = store_of(g)
    with pytest.raises(sg.CycleError, match="s:c -> s:a") as caught:
        store.add_broader_many(
            [("s:a", "s:b"), ("s:b", "s:c"), ("s:c", "s:a")],
            lambda a, b: sg.Broader(narrower=a, broader=b),
        )
    assert caught.value.field == "broader"
    # the one-at-a-time pass added the edges before the one that failed
    assert sorted((b.narrower, b.broader) for b in g.iter_broader()) == [
        ("s:a", "s:b"),
        ("s:b", "s:c"),
    ]


def test_walks() -> None:
    adj = {"a": {"b"}, "b": {"c"}, "c": set()}
    assert reach(adj, "a") == {"b", "c"}
    assert find_path(adj, "a", "c") == ["a", "b", "c"]
    assert find_path(adj, "c", "a") is None
    assert not has_cycle(adj)
    assert has_cycle({**adj, "c": {"a"}})


def test_cached_is_built_once_per_version() -> None:
    from skillgraph._store import cached

    g = _tree()
    calls: list[int] = []

    def build(h: sg.SkillGraph) -> int:
        calls.append(h.version)
        return len(h)

    assert cached(g, "t", build) == 4 and cached(g, "t", build) == 4
    g.add(sg.Skill(id="s:e", label="e"))
    assert cached(g, "t", build) == 5
    assert calls == [g.version - 1, g.version]
    assert "t" in store_of(g).derived_keys()


def test_requirement_rows_equal_requirement_objects() -> None:
    rows = [("r:x", "s:a", True, 1.0), ("r:x", "s:b", False, 0.25), ("r:y", "s:a", True, 0.5)]
    by_rows, by_objects = _tree(), _tree()
    for g in (by_rows, by_objects):
        g.add(sg.Role(id="r:x", label="x"))
        g.add(sg.Role(id="r:y", label="y"))
    before = by_rows.version
    store_of(by_rows).add_requirement_columns(tuple(zip(*rows, strict=True)))
    assert by_rows.version == before + 1
    for role, skill, essential, importance in rows:
        by_objects.require(role, skill, essential=essential, importance=importance)
    assert by_rows == by_objects
    assert by_rows.requirements("r:x")[1] == sg.Requirement(
        role="r:x", skill="s:b", essential=False, importance=0.25
    )
    _both_ways(store_of(by_rows), by_rows)


def _bulk_graph(roles: int = 200, skills: int = 150) -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add_all([sg.Skill(id=f"s:{i}", label=f"s{i}") for i in range(skills)])
    g.add_all([sg.Role(id=f"r:{i}", label=f"r{i}") for i in range(roles)])
    rows = [(f"r:{r}", f"s:{s}", True, 1.0) for r in range(roles) for s in range(0, skills, 3)]
    store_of(g).add_requirement_columns(tuple(zip(*rows, strict=True)))
    return g


def test_first_reads_from_many_threads_keep_every_requirement() -> None:
    # Regression: the first read indexes bulk-loaded rows; two threads doing it at once
    # marked live rows dead (count_requirements went negative, requirements vanished).
    import sys
    import threading

    from skillgraph.cache._state import graph_from_state, graph_to_state

    source = _bulk_graph()
    expected = source.count_requirements()
    arrays, meta = graph_to_state(source)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(10):
            h = graph_from_state(arrays, meta)
            seen: list[int] = []

            def count(graph: sg.SkillGraph = h, out: list[int] = seen) -> None:
                out.append(graph.count_requirements())

            threads = [threading.Thread(target=count) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert seen == [expected] * 4
            assert h == source
    finally:
        sys.setswitchinterval(interval)


def test_requirement_views_stay_live_after_adds_and_replacements() -> None:
    # Regression: a view handed out by requires_of missed later adds and replacements.
    g = _tree()
    g.add(sg.Role(id="r:x", label="x"))
    g.require("r:x", "s:a")
    view = store_of(g).requires_of("r:x")
    g.require("r:x", "s:b")
    assert "s:b" in view and len(view) == 2
    g.add(sg.Requirement(role="r:x", skill="s:a", importance=0.1), replace=True)
    assert view["s:a"].importance == 0.1
    store_of(g).add_requirement_columns((["r:x"], ["s:c"], [False], [0.5]))
    assert view["s:c"] == sg.Requirement(role="r:x", skill="s:c", essential=False, importance=0.5)


def test_trusted_requirements_record_a_zero_level_as_set() -> None:
    g = _tree()
    g.add(sg.Role(id="r:x", label="x"))
    g.add(sg.Requirement(role="r:x", skill="s:a", level=0.0, source=""))
    (req,) = g.requirements("r:x")
    assert {"level", "source"} <= req.model_fields_set


def test_bulk_requirement_models_are_indexed_once_and_a_later_one_replaces() -> None:
    # Regression (#16): the bulk insert of requirement models re-indexed the table after
    # every row (the O*NET read, +9-14%); it now appends the batch and indexes it once.
    g = _tree()
    g.add(sg.Role(id="r:x", label="x"))
    g.require("r:x", "s:c")
    view = store_of(g).requires_of("r:x")
    batch = [
        sg.Requirement(role="r:x", skill="s:a", importance=0.5, source="f", scale="IM"),
        sg.Requirement(role="r:x", skill="s:b", essential=False, importance=0.25),
        sg.Requirement(role="r:x", skill="s:a", importance=0.75, level=2.0),
    ]
    store_of(g).add_requirements(batch)
    first = sg.Requirement(role="r:x", skill="s:c")
    assert dict(view) == {"s:c": first, "s:a": batch[2], "s:b": batch[1]}
    assert g.count_requirements() == 3
    _both_ways(store_of(g), g)


@settings(max_examples=20, deadline=None)
@given(graphs(resources=True))
def test_labels_are_the_labels_one_by_one_in_live_and_lazy_tables(g: sg.SkillGraph) -> None:
    store = store_of(g)
    ids = [*sorted(g.nodes), "no:such", *sorted(g.nodes)[:2]]
    expected = [g.label(i) for i in ids]
    assert store.labels(ids) == expected
    state = store.to_state()
    nodes = list(state.nodes)
    lazy = LazyNodes([n.id for n in nodes], [n.node_type for n in nodes], nodes.__getitem__)
    restored = Store.from_state(dataclasses.replace(state, nodes=lazy))
    assert restored.labels(ids) == expected
    assert restored.labels(ids) == expected  # made on the first read, kept


@pytest.mark.parametrize(
    ("edge", "message"),
    [
        (sg.Requirement(role="r:x", skill="no:s"), "Requirement 'r:x -> no:s': field 'skill'"),
        (sg.Related(skill="no:s", related="s:a"), "Related 'no:s -> s:a': field 'skill'"),
        (sg.Broader(narrower="s:a", broader="r:x"), "Broader 's:a -> r:x': field 'broader'"),
        (
            sg.Prerequisite(prerequisite="r:x", skill="s:a"),
            "Prerequisite 'r:x -> s:a': field 'prerequisite'",
        ),
        (sg.Progression(source="r:x", target="s:a"), "Progression 'r:x -> s:a': field 'target'"),
        (sg.Teaching(resource="s:a", skill="s:a"), "Teaching 's:a -> s:a': field 'resource'"),
        (
            sg.ResourcePrerequisite(resource="res:1", skill="no:s"),
            "ResourcePrerequisite 'res:1 -> no:s': field 'skill'",
        ),
    ],
)
def test_edge_ends_are_checked_and_named_alike(edge: Any, message: str) -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    g.add(sg.Role(id="r:x", label="x"))
    g.add(sg.Resource(id="res:1", label="one", duration_hours=2))
    with pytest.raises(sg.DanglingReferenceError) as caught:
        g.add(edge)
    assert str(caught.value).startswith(message + ": ")


def _base_graph() -> sg.SkillGraph:
    g = _tree()
    g.add(sg.Cluster(id="c:1", label="one"))
    g.add(sg.Industry(id="i:1", label="one"))
    g.add(sg.Role(id="r:0", label="zero", cluster="c:ph"))  # leaves the placeholder c:ph
    return g


_NEW_NODES: list[tuple[list[sg.Node], bool]] = [
    ([sg.Skill(id="s:x", label="x"), sg.Skill(id="s:y", label="y")], True),
    ([sg.Role(id="r:1", label="1", cluster="c:1", industries=("i:1",))], True),
    ([sg.Role(id="r:1", label="1", cluster="c:ph")], True),  # a placeholder is a cluster
    ([], True),
    ([sg.Skill(id="s:x", label="x"), sg.Skill(id="s:a", label="taken")], False),
    ([sg.Skill(id="s:x", label="x"), sg.Skill(id="s:x", label="twice")], False),
    ([sg.Cluster(id="c:ph", label="declared at last")], False),  # clusters: one by one
    ([sg.Industry(id="c:ph", label="a placeholder's id")], False),
    ([sg.Role(id="r:1", label="1", cluster="c:new")], False),  # would make a placeholder
    ([sg.Role(id="r:1", label="1", industries=("i:new",))], False),
    ([sg.Role(id="r:1", label="1", cluster="i:1")], False),  # an industry, not a cluster
    ([sg.Skill(id="s:x", label="x"), sg.SkillGroup(id="g:x", label="x")], False),
]


@pytest.mark.parametrize(("nodes", "at_once"), _NEW_NODES)
def test_new_nodes_at_once_are_add_node_one_by_one(nodes: list[sg.Node], at_once: bool) -> None:
    """All or nothing: added as `add_node` adds them, in order, or none when any would
    need a question (taken id, placeholder, reference to make or to refuse)."""
    bulk, one_by_one = _base_graph(), _base_graph()
    before = {kind: list(store_of(bulk).of_type(kind)) for kind in sg.NodeType}
    assert store_of(bulk).add_new_nodes(nodes) is at_once
    if not at_once:
        assert {kind: list(store_of(bulk).of_type(kind)) for kind in sg.NodeType} == before
        assert bulk == _base_graph()
        return
    for node in nodes:
        store_of(one_by_one).add_node(node)
    assert bulk == one_by_one
    assert list(bulk.nodes) == list(one_by_one.nodes)
    for kind in sg.NodeType:
        assert list(store_of(bulk).of_type(kind)) == list(store_of(one_by_one).of_type(kind))
    assert bulk.undeclared == one_by_one.undeclared
