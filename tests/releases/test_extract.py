"""g.extract: self-contained subsets that keep what the selection needs and nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillgraph as sg

FORMATS = ["json", "turtle", "ntriples", "jsonld", "rdfxml"]


def assert_self_contained(sub: sg.SkillGraph, src: sg.SkillGraph) -> None:
    """Every node is the source's; nothing refers to a missing or placeholder node."""
    for node_id, node in sub.nodes.items():
        assert src.nodes[node_id] == node
    for role in sub.roles.values():
        if role.cluster is not None:
            assert sub.clusters[role.cluster] == src.clusters[role.cluster]
        for ind in role.industries:
            assert sub.industries[ind] == src.industries[ind]
    for cluster in sub.clusters.values():
        assert cluster.broader is None or cluster.broader in sub.clusters
    for node_id in list(sub.skills) + list(sub.groups):
        assert set(sub.broader_of(node_id)) == set(src.broader_of(node_id)), node_id
    for role in sub.roles:
        assert sub.requirements(role) == src.requirements(role)


def test_one_cluster(demo: sg.SkillGraph) -> None:
    cluster = "demo:cluster/creative-jobs"
    sub = demo.extract(clusters=cluster)
    assert set(sub.roles) == set(demo.roles_in_cluster(cluster))
    assert_self_contained(sub, demo)
    required = {r.skill for role in sub.roles for r in demo.requirements(role)}
    assert required <= set(sub.skills)
    # the hierarchy above the required skills, and nothing unrelated
    above = set().union(*(demo.ancestors(s) for s in required))
    assert set(sub.skills) | set(sub.groups) == required | above
    assert sub.metadata == demo.metadata and sub.prefixes == demo.prefixes


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_extract_round_trips_through_every_format(demo: sg.SkillGraph, fmt: str) -> None:
    sub = demo.extract(clusters="demo:cluster/creative-jobs", roles="Accountant")
    assert sg.loads(sg.dumps(sub, fmt), fmt) == sub


def test_edges_among_kept_nodes_are_kept(demo: sg.SkillGraph) -> None:
    sub = demo.extract(roles=sorted(demo.roles)[:20])
    kept = set(sub.nodes)
    related = {(e.skill, e.related) for e in demo.iter_related() if {e.skill, e.related} <= kept}
    assert {(e.skill, e.related) for e in sub.iter_related()} == related
    prereq = {p for p in demo.iter_prerequisites() if {p.prerequisite, p.skill} <= kept}
    assert set(sub.iter_prerequisites()) == prereq
    steps = {p for p in demo.iter_progressions() if {p.source, p.target} <= kept}
    assert set(sub.iter_progressions()) == steps
    assert steps, "the selection should contain a progression"


def test_skills_and_depth(demo: sg.SkillGraph) -> None:
    group = next(i for i in sorted(demo.groups) if demo.descendants(i))
    everything = demo.extract(skills=group)
    assert demo.descendants(group) <= set(everything.nodes)
    assert not everything.roles
    only = demo.extract(skills=group, depth=0)
    assert set(only.nodes) == {group} | demo.ancestors(group)
    one = demo.extract(skills=group, depth=1)
    assert set(demo.narrower_of(group)) <= set(one.nodes) <= set(everything.nodes)


def test_labels_and_nodes_are_accepted(demo: sg.SkillGraph) -> None:
    by_label = demo.extract(roles="Accountant")
    by_node = demo.extract(roles=[demo.roles["demo:role/accountant"]])
    assert by_label == by_node == demo.extract(roles=["demo:role/accountant"])


def test_extra_triples_about_kept_nodes_follow() -> None:
    g = sg.SkillGraph(prefixes={"x": "http://x.org/"})
    g.add(sg.Skill(id="x:a", label="A"))
    g.add(sg.Skill(id="x:b", label="B"))
    g.add(sg.Role(id="x:r", label="R"))
    g.require("x:r", "x:a")
    note = "<http://www.w3.org/2004/02/skos/core#note>"
    g.add_extra_triple("<http://x.org/a>", note, '"kept"')
    g.add_extra_triple("<http://x.org/a>", "<http://x.org/p>", "_:n1")
    g.add_extra_triple("_:n1", note, '"kept too"')
    g.add_extra_triple("<http://x.org/a>", "<http://x.org/p>", "<http://x.org/b>")  # b dropped
    g.add_extra_triple("<http://x.org/b>", note, '"dropped"')
    sub = g.extract(roles="x:r")
    assert set(sub.nodes) == {"x:a", "x:r"}
    assert sub.extra_triples == {
        ("<http://x.org/a>", note, '"kept"'),
        ("<http://x.org/a>", "<http://x.org/p>", "_:n1"),
        ("_:n1", note, '"kept too"'),
    }


def test_the_source_is_unchanged(demo: sg.SkillGraph) -> None:
    before = demo.version
    demo.extract(clusters="demo:cluster/creative-jobs")
    assert demo.version == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "roles"),
        ({"roles": 3}, "roles"),
        ({"clusters": [""]}, "clusters"),
        ({"skills": [None]}, "skills"),
        ({"roles": "Accountant", "depth": -1}, "depth"),
        ({"roles": "Accountant", "depth": 1.5}, "depth"),
    ],
)
def test_arguments_are_validated(
    demo: sg.SkillGraph, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(sg.InvalidValueError) as info:
        demo.extract(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_unknown_references_say_what_was_expected(demo: sg.SkillGraph) -> None:
    with pytest.raises(sg.NotFoundError, match="role"):
        demo.extract(roles="no such role at all")
    with pytest.raises(sg.NotFoundError):
        demo.extract(clusters="demo:role/accountant")  # a role, not a cluster


@pytest.mark.data
@pytest.mark.slow
def test_esco_isco_cluster_is_self_contained_and_round_trips(data: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.DataWarning)
        esco = sg.read(data / "esco" / "v1.1.1" / "zip", format="esco")
    cluster = "http://data.europa.eu/esco/isco/C251"
    sub = esco.extract(clusters=cluster)
    assert len(sub.roles) == len(esco.roles_in_cluster(cluster)) > 10
    assert_self_contained(sub, esco)
    assert set(sub.clusters) == {
        cluster,
        "http://data.europa.eu/esco/isco/C25",
        "http://data.europa.eu/esco/isco/C2",
    }
    assert all(c.label != c.id for c in sub.clusters.values())
    assert len(sub.skills) < len(esco.skills) / 5
    for fmt in FORMATS:
        assert sg.loads(sg.dumps(sub, fmt), fmt) == sub, fmt
