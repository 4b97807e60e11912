"""SkillGraph: adding, validation on add, lookup, views, equality, networkx export."""

from __future__ import annotations

import networkx as nx
import pytest

import skillgraph as sg


@pytest.fixture
def small() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(sg.Industry(id="i:tech", label="Technology"))
    g.add(sg.Cluster(id="c:software", label="Software development"))
    g.add(sg.SkillGroup(id="g:lang", label="Programming languages"))
    g.add(sg.Skill(id="s:python", label="Python", alt_labels=("Python programming",)))
    g.add(sg.Skill(id="s:pandas", label="pandas"))
    g.add(sg.Skill(id="s:resume", label="Résumé writing", alt_labels=("CV writing",)))
    g.add(sg.Skill(id="s:go", label="Go", alt_labels=("golang",)))
    g.add(
        sg.Role(
            id="r:dev", label="Developer", cluster="c:software", industries=("i:tech",), level=2
        )
    )
    g.add(sg.Role(id="r:senior", label="Senior developer", cluster="c:software", level=3))
    g.require("r:dev", "s:python", essential=True, importance=1.0)
    g.require("r:senior", "s:python")
    g.require("r:senior", "s:go", essential=False, importance=0.5)
    g.add_broader("s:python", "g:lang")
    g.add_broader("s:pandas", "s:python")
    g.add_prerequisite("s:python", "s:pandas")
    g.relate("s:python", "s:go")
    g.add_progression("r:dev", "r:senior")
    return g


def test_public_names_of_architecture() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:python", label="Python"))
    g.add(sg.Role(id="r:dev", label="Developer", cluster="c:software", level=2))
    req = g.require("r:dev", "s:python", essential=True, importance=1.0)
    assert g.requirements("r:dev") == [req]
    assert "c:software" in g.clusters  # placeholder for an undeclared cluster
    g.add(sg.Cluster(id="c:software", label="Software"))  # replaces the placeholder
    assert g.clusters["c:software"].label == "Software"


def test_views_are_read_only(small: sg.SkillGraph) -> None:
    assert set(small.skills) == {"s:python", "s:pandas", "s:resume", "s:go"}
    assert set(small.roles) == {"r:dev", "r:senior"}
    assert set(small.groups) == {"g:lang"}
    with pytest.raises(TypeError):
        small.skills["s:x"] = sg.Skill(id="s:x", label="X")  # type: ignore[index]


def test_requirements_and_roles_requiring(small: sg.SkillGraph) -> None:
    assert [r.skill for r in small.requirements("r:senior")] == ["s:go", "s:python"]
    assert [r.role for r in small.roles_requiring("s:python")] == ["r:dev", "r:senior"]
    assert [r.role for r in small.roles_requiring("Python")] == ["r:dev", "r:senior"]
    assert small.requirements("Senior developer")[0].importance == 0.5


def test_hierarchy_and_edges(small: sg.SkillGraph) -> None:
    assert small.broader_of("s:pandas") == ["s:python"]
    assert small.ancestors("s:pandas") == {"s:python", "g:lang"}
    assert small.descendants("g:lang") == {"s:python", "s:pandas"}
    assert small.prerequisites_of("s:pandas") == ["s:python"]
    assert small.related_to("s:go") == ["s:python"]
    assert small.progressions_from("r:dev") == ["r:senior"]
    assert small.roles_in_cluster("c:software") == ["r:dev", "r:senior"]


@pytest.mark.parametrize(
    ("action", "error", "words"),
    [
        (lambda g: g.require("r:dev", "s:nope"), sg.DanglingReferenceError, ["s:nope", "'skill'"]),
        (lambda g: g.require("r:nope", "s:go"), sg.DanglingReferenceError, ["r:nope", "'role'"]),
        (lambda g: g.require("s:go", "s:python"), sg.DanglingReferenceError, ["s:go", "'role'"]),
        (lambda g: g.require("r:dev", "s:go", importance=2), sg.InvalidValueError, ["importance"]),
        (
            lambda g: g.add_prerequisite("s:go", "s:go"),
            sg.InvalidValueError,
            ["s:go", "prerequisite"],
        ),
        (
            lambda g: g.add_prerequisite("s:pandas", "s:python"),
            sg.CycleError,
            ["s:pandas", "s:python", "'prerequisite'"],
        ),
        (lambda g: g.add_broader("g:lang", "s:pandas"), sg.CycleError, ["g:lang", "'broader'"]),
        (
            lambda g: g.add_broader("s:python", "r:dev"),
            sg.DanglingReferenceError,
            ["r:dev", "'broader'"],
        ),
        (
            lambda g: g.relate("s:python", "s:nope"),
            sg.DanglingReferenceError,
            ["s:nope", "'related'"],
        ),
        (
            lambda g: g.add_progression("r:dev", "r:nope"),
            sg.DanglingReferenceError,
            ["r:nope", "'target'"],
        ),
        (
            lambda g: g.add(sg.Skill(id="s:go", label="Go again")),
            sg.DuplicateIdError,
            ["s:go", "'id'"],
        ),
        (
            lambda g: g.add(sg.Role(id="s:go", label="Go role")),
            sg.DuplicateIdError,
            ["s:go", "'id'"],
        ),
        (
            lambda g: g.add(sg.Role(id="r:x", label="X", cluster="s:go")),
            sg.DanglingReferenceError,
            ["r:x", "'cluster'", "s:go"],
        ),
    ],
)
def test_invalid_additions(small: sg.SkillGraph, action, error, words: list[str]) -> None:
    before = small.copy()
    with pytest.raises(error) as info:
        action(small)
    assert isinstance(info.value, sg.SkillGraphError)
    for word in words:
        assert word in str(info.value)
    assert small == before  # nothing half-added


def test_cluster_cycle_rejected() -> None:
    g = sg.SkillGraph()
    g.add(sg.Cluster(id="c:a", label="A", broader="c:b"))
    with pytest.raises(sg.CycleError) as info:
        g.add(sg.Cluster(id="c:b", label="B", broader="c:a"))
    assert info.value.cycle == ["c:b", "c:a", "c:b"]


def test_failed_role_add_leaves_no_placeholder() -> None:
    """Bug: a role whose industry named a skill created its cluster placeholder, then raised."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:x", label="X"))
    before = g.copy()
    with pytest.raises(sg.DanglingReferenceError):
        g.add(sg.Role(id="r:x", label="R", cluster="c:new", industries=("s:x",)))
    assert g == before
    assert "c:new" not in g


def test_bad_cluster_broader_names_the_cluster() -> None:
    """Bug: a cluster whose broader was a skill was reported under the skill's id."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:x", label="X"))
    with pytest.raises(sg.DanglingReferenceError) as info:
        g.add(sg.Cluster(id="c:x", label="C", broader="s:x"))
    assert info.value.id == "c:x"
    assert str(info.value).startswith("'c:x': field 'broader': 's:x' is a skill")
    with pytest.raises(sg.DanglingReferenceError, match="expected an industry"):
        g.add(sg.Role(id="r:x", label="R", industries=("s:x",)))


def test_replace_node(small: sg.SkillGraph) -> None:
    small.add(sg.Skill(id="s:go", label="Go language"), replace=True)
    assert small.skills["s:go"].label == "Go language"


def test_remove(small: sg.SkillGraph) -> None:
    small.remove("s:python")
    assert "s:python" not in small.skills
    assert [r.skill for r in small.requirements("r:senior")] == ["s:go"]
    assert small.broader_of("s:pandas") == []
    assert small.related_to("s:go") == []
    with pytest.raises(sg.InvalidValueError):
        small.remove("c:software")


class TestFind:
    def test_by_id_label_alt_label(self, small: sg.SkillGraph) -> None:
        assert small.find("s:go").id == "s:go"
        assert small.find("Go").id == "s:go"
        assert small.find("golang").id == "s:go"
        assert small.find("Python programming").id == "s:python"

    def test_case_and_whitespace(self, small: sg.SkillGraph) -> None:
        assert small.find("  senior   DEVELOPER ").id == "r:senior"
        assert small.find("GOLANG").id == "s:go"

    def test_accents(self, small: sg.SkillGraph) -> None:
        assert small.find("resume writing").id == "s:resume"
        assert small.find("RÉSUMÉ WRITING").id == "s:resume"
        assert small.find("cv writing").id == "s:resume"

    def test_kind_filter(self, small: sg.SkillGraph) -> None:
        assert small.find("Developer", kind="role").id == "r:dev"
        with pytest.raises(sg.NotFoundError):
            small.find("Developer", kind="skill")
        with pytest.raises(sg.InvalidValueError):
            small.find("Developer", kind="planet")

    def test_miss_suggests(self, small: sg.SkillGraph) -> None:
        with pytest.raises(sg.NotFoundError) as info:
            small.find("pyhton")
        assert info.value.suggestions[0] == ("s:python", "Python")
        assert "Did you mean" in str(info.value)
        assert "Python (s:python)" in str(info.value)
        with pytest.raises(sg.NotFoundError) as info:
            small.find("senior develper", kind="role")
        assert info.value.suggestions[0][0] == "r:senior"

    def test_miss_names_the_other_type(self, small: sg.SkillGraph) -> None:
        """Bug: an id or label of another type said only "no role matches 's:python'"."""
        with pytest.raises(sg.NotFoundError) as info:
            small.find("s:python", kind="role")
        assert "It names a skill: Python (s:python)." in str(info.value)
        with pytest.raises(sg.NotFoundError) as info:
            small.find("developer", kind="skill")
        assert "It names a role: Developer (r:dev)." in str(info.value)

    def test_long_query_is_cut_in_the_message(self, small: sg.SkillGraph) -> None:
        """Bug: a 100 000-character query was repeated whole in the error message."""
        with pytest.raises(sg.NotFoundError) as info:
            small.find("x" * 100_000)
        assert len(str(info.value)) < 200
        assert info.value.query == "x" * 100_000

    def test_miss_without_suggestion(self, small: sg.SkillGraph) -> None:
        with pytest.raises(sg.NotFoundError) as info:
            small.find("zzzzqqq")
        assert info.value.suggestions == []

    def test_ambiguous(self) -> None:
        g = sg.SkillGraph()
        g.add(sg.Skill(id="s:a", label="A", alt_labels=("shared",)))
        g.add(sg.Skill(id="s:b", label="B", alt_labels=("shared",)))
        with pytest.raises(sg.AmbiguousError) as info:
            g.find("shared")
        assert [i for i, _ in info.value.suggestions] == ["s:a", "s:b"]

    def test_label_beats_alt_label(self) -> None:
        g = sg.SkillGraph()
        g.add(sg.Skill(id="s:a", label="statistics"))
        g.add(sg.Skill(id="s:b", label="B", alt_labels=("statistics",)))
        assert g.find("Statistics").id == "s:a"

    def test_index_follows_changes(self, small: sg.SkillGraph) -> None:
        assert small.find("Go").id == "s:go"
        small.add(sg.Skill(id="s:rust", label="Rust"))
        assert small.find("rust").id == "s:rust"


def test_equality(small: sg.SkillGraph) -> None:
    other = small.copy()
    assert other == small
    other.require("r:dev", "s:go", essential=False, importance=0.25)
    assert other != small
    assert small.diff(other) == {"requires": {"added": 1, "removed": 0, "changed": 0}}


def test_to_networkx(small: sg.SkillGraph) -> None:
    nxg = small.to_networkx()
    assert isinstance(nxg, nx.MultiDiGraph)
    assert nxg.nodes["s:python"]["type"] == "skill"
    assert nxg.nodes["r:dev"]["level"] == 2
    data = nxg.get_edge_data("r:senior", "s:go", key="requires")
    assert data["importance"] == 0.5 and data["essential"] is False
    # hierarchy edges point down: descendants of a group are what sits under it
    assert nx.descendants(nxg, "g:lang") >= {"s:python", "s:pandas"}
    assert nxg.has_edge("s:python", "s:pandas", key="prerequisite_of")
    assert nxg.has_edge("r:dev", "c:software", key="in_cluster")
    assert nxg.has_edge("r:dev", "i:tech", key="in_industry")


def test_copy_nodes_cannot_change_the_original(small: sg.SkillGraph) -> None:
    small.add(sg.Skill(id="s:sql", label="SQL", attributes={"code": "K1"}))
    before = small.copy()
    other = small.copy()
    with pytest.raises(TypeError):
        other.skills["s:sql"].attributes["code"] = "K2"  # type: ignore[index]
    with pytest.raises(TypeError):
        other.roles["r:dev"].attributes["code"] = "K2"  # type: ignore[index]
    with pytest.raises(TypeError):
        other.skills["s:sql"].translations["de"] = sg.Translation(label="X")  # type: ignore[index]
    assert small == before
    assert small.skills["s:sql"].attributes == {"code": "K1"}


@pytest.mark.parametrize(
    "triple",
    [
        ("<http://x.org/s>", "<http://x.org/p>", '"fine"@en-GB'),
        ("_:b0", "<http://x.org/p>", '"a \\"quoted\\"\\nline"'),
        ("<http://x.org/s>", "<http://x.org/p>", "_:b1"),
        (
            "<http://x.org/s>",
            "<http://x.org/p>",
            '"x"^^<http://www.w3.org/2001/XMLSchema#string>',  # rdflib's n3() form
        ),
    ],
)
def test_extra_triples_take_any_well_formed_terms(triple: tuple[str, str, str]) -> None:
    g = sg.SkillGraph()
    g.add_extra_triple(*triple)
    assert triple in g.extra_triples


@pytest.mark.parametrize(
    ("triple", "says"),
    [
        # a literal that would add a triple of its own to every RDF output (regression)
        (
            ("<http://x.org/s>", "<http://x.org/p>", '"a" .\n<http://evil/s> <http://evil/p> "b"'),
            "object",
        ),
        (("<http://x.org/s>", "<http://x.org/p>", '"a" . # comment'), "object"),
        (("<http://x.org/s>", "<http://x.org/p>", '"unterminated'), "object"),
        (('"literal"', "<http://x.org/p>", '"a"'), "subject"),
        (("<http://x.org/s>", "_:b0", '"a"'), "predicate"),
        (("", "<http://x.org/p>", '"a"'), "subject"),
        (("<http://x.org/s>", "<http://x.org/p>", '"a"@1bad'), "object"),
        (("<relative>", "<http://x.org/p>", '"a"'), "absolute IRI"),
    ],
)
def test_extra_triples_refuse_what_is_not_one_term(triple: tuple[str, str, str], says: str) -> None:
    g = sg.SkillGraph()
    with pytest.raises(sg.InvalidValueError, match=says) as info:
        g.add_extra_triple(*triple)
    assert info.value.field == "extra_triples"
    assert not g.extra_triples


def test_to_networkx_has_resources_and_their_edges() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    g.add(sg.Skill(id="s:b", label="b"))
    g.add(sg.Resource(id="res:1", label="one", duration_hours=3))
    g.add(sg.Teaching(resource="res:1", skill="s:a", proficiency="basic"))
    g.add(sg.ResourcePrerequisite(resource="res:1", skill="s:b"))
    n = g.to_networkx()
    assert n.nodes["res:1"]["type"] == "resource" and n.nodes["res:1"]["duration_hours"] == 3
    assert n.edges["res:1", "s:a", "teaches"]["proficiency"] == "basic"
    assert ("res:1", "s:b", "requires_skill") in n.edges
    assert [t.skill for t in g.iter_teaching()] == ["s:a"]
    assert g.resource_prerequisites("res:1") == ["s:b"]
