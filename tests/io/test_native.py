"""Native JSON: round trips, byte-identical output, schema, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

import skillgraph as sg
from tests.strategies import graphs


@given(graphs())
def test_round_trip_equal_and_bytes_stable(g: sg.SkillGraph) -> None:
    first = sg.dumps(g)
    back = sg.loads(first)
    assert back == g
    assert sg.dumps(back) == first
    assert sg.dumps(g) == first


def test_write_read_file(tmp_path: Path) -> None:
    g = sg.SkillGraph(metadata={"title": "t"})
    g.add(sg.Skill(id="s:a", label="Ä"))
    path = tmp_path / "g.json"
    sg.write(g, path)
    assert sg.read(path) == g
    assert sg.read(path, format="json") == g
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]  # no temp file left


def test_order_of_insertion_does_not_matter() -> None:
    a, b = sg.SkillGraph(), sg.SkillGraph()
    skills = [sg.Skill(id=f"s:{i}", label=f"skill {i}") for i in range(5)]
    a.add_all(skills)
    b.add_all(reversed(skills))
    assert a == b
    assert sg.dumps(a) == sg.dumps(b)


def test_json_schema_describes_document() -> None:
    schema = sg.json_schema()
    assert schema["title"] == "skillgraph native JSON"
    assert {"skills", "roles", "requires", "broader"} <= set(schema["properties"])
    jsonschema = pytest.importorskip("jsonschema")
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="A"))
    jsonschema.validate(json.loads(sg.dumps(g)), schema)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (b"", ["empty"]),
        (b'{"skillgraph": 1, "skills": [', ["line 1", "invalid JSON"]),
        (b'{"skillgraph": 2}', ["skillgraph", "1"]),
        (b"[1, 2]", ["skillgraph"]),
        (b'{"skillgraph": 1, "skills": [{"id": "s:a"}]}', ["skills[0]", "label", "required"]),
        (
            b'{"skillgraph": 1, "skills": [{"id": "s:a", "label": "A", "kind": "magic"}]}',
            ["skills[0]", "kind", "magic"],
        ),
        (
            b'{"skillgraph": 1, "roles": [{"id": "r", "label": "R"}], "skills": '
            b'[{"id": "s", "label": "S"}], "requires": [{"role": "r", "skill": "s", '
            b'"importance": 3}]}',
            ["requires[0]", "importance"],
        ),
        (
            b'{"skillgraph": 1, "skills": [{"id": "s:a", "label": "A"}, '
            b'{"id": "s:a", "label": "B"}]}',
            ["skills[1]", "s:a", "declared twice"],
        ),
        (
            b'{"skillgraph": 1, "roles": [{"id": "r", "label": "R"}], '
            b'"requires": [{"role": "r", "skill": "s:missing"}]}',
            ["requires[0]", "s:missing"],
        ),
        (b"\xff\xfe{", ["UTF-8"]),
        (b'{"skillgraph": 1, "metadata": ' + b"[" * 100000 + b"]" * 100000 + b"}", ["nested"]),
    ],
)
def test_bad_documents(text: bytes, words: list[str]) -> None:
    with pytest.raises(sg.FormatError) as info:
        sg.loads(text, format="json")
    for word in words:
        assert word in str(info.value)
    assert "<data>" in str(info.value)


def test_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"skillgraph": 1,\n "skills": [}')
    with pytest.raises(sg.FormatError) as info:
        sg.read(path)
    assert str(path) in str(info.value) and "line 2" in str(info.value)


def test_unknown_suffix_and_format(tmp_path: Path) -> None:
    g = sg.SkillGraph()
    with pytest.raises(sg.UnsupportedFormatError):
        sg.write(g, tmp_path / "out.xyz")
    with pytest.raises(sg.UnsupportedFormatError):
        sg.write(g, tmp_path / "out.json", format="yaml")
    assert list(tmp_path.iterdir()) == []


def test_missing_input() -> None:
    with pytest.raises(sg.FormatError) as info:
        sg.read("/nonexistent/file.json")
    assert "/nonexistent/file.json" in str(info.value)


def test_regression_key_order_does_not_depend_on_construction() -> None:
    """Nodes built by fast importers (model_construct, other kwarg order) write the same bytes."""
    a, b = sg.SkillGraph(), sg.SkillGraph()
    a.add(sg.Skill(id="s:a", label="A", description="d", kind="knowledge", alt_labels=("x",)))
    fast = sg.Skill.model_construct(
        kind=sg.SkillKind.KNOWLEDGE, alt_labels=("x",), description="d", label="A", id="s:a"
    )
    b.add(fast)
    assert a == b
    assert sg.dumps(a) == sg.dumps(b)


def _doc(requires: list[object], broader: list[object] | None = None) -> str:
    return json.dumps(
        {
            "skillgraph": 1,
            "skills": [{"id": f"s:{c}", "label": c} for c in "abc"],
            "roles": [{"id": "r:x", "label": "x"}],
            "requires": requires,
            "broader": broader or [],
        }
    )


def test_requirements_read_in_bulk_equal_one_by_one() -> None:
    rows: list[object] = [
        {"role": "r:x", "skill": "s:a", "essential": False, "importance": 0.5},
        {"role": "r:x", "skill": "s:b", "level": 3.0, "source": "Skills.txt", "scale": "LV"},
        {"role": "r:x", "skill": "s:a", "importance": 1},  # repeated: the later one wins
        {"role": "r:x", "skill": "s:c", "importance": 0.25, "source": "x"},  # left to the model
    ]
    g = sg.loads(_doc(rows, [{"narrower": "s:a", "broader": "s:b"}]))
    h = sg.SkillGraph()
    for c in "abc":
        h.add(sg.Skill(id=f"s:{c}", label=c))
    h.add(sg.Role(id="r:x", label="x"))
    h.require("r:x", "s:a", essential=False, importance=0.5)
    h.require("r:x", "s:b", level=3.0, source="Skills.txt", scale="LV")
    h.require("r:x", "s:a", importance=1.0)
    h.require("r:x", "s:c", importance=0.25, source="x")
    h.add_broader("s:a", "s:b")
    assert g == h
    assert g.requirements("r:x") == h.requirements("r:x")


_LOOSE = {"roles": [{"id": "r", "label": "R"}], "skills": [{"id": "s", "label": "S"}]}


@pytest.mark.parametrize(
    ("patch", "words"),
    [
        ({"skillgraph": True}, ["'skillgraph'", "whole number 1"]),
        ({"skillgraph": 1.0}, ["'skillgraph'", "whole number 1"]),
        ({"requires": [{"role": "r", "skill": "s", "importance": "0.5"}]}, ["importance"]),
        ({"requires": [{"role": "r", "skill": "s", "level": "3"}]}, ["level", "a number"]),
        ({"requires": [{"role": "r", "skill": "s", "essential": "yes"}]}, ["essential"]),
        ({"requires": [{"role": "r", "skill": "s", "essential": 1}]}, ["true or false"]),
        ({"roles": [{"id": "r", "label": "R", "level": "2"}]}, ["roles[0]", "whole number"]),
        ({"resources": [{"id": "c", "label": "C", "cost": "3"}]}, ["cost", "a number"]),
        (
            {
                "skills": [{"id": "s", "label": "S"}, {"id": "t", "label": "T"}],
                "related": [{"skill": "s", "related": "t", "essential": "true"}],
            },
            ["related[0]", "true or false"],
        ),
    ],
)
def test_regression_loose_values_are_refused(patch: dict[str, object], words: list[str]) -> None:
    """Text is not a number, and neither text nor a number is a flag or the version: pydantic's
    lax mode would have read "0.5" as 0.5, 1 and "yes" as True, and true as version 1."""
    doc = {"skillgraph": 1, **_LOOSE, **patch}
    with pytest.raises(sg.FormatError) as caught:
        sg.loads(json.dumps(doc).encode(), format="json")
    for word in words:
        assert word in str(caught.value)


def test_regression_the_python_api_refuses_loose_values_too() -> None:
    g = sg.SkillGraph()
    g.add(sg.Role(id="r", label="R"))
    g.add(sg.Skill(id="s", label="S"))
    with pytest.raises(sg.InvalidValueError, match="a number"):
        g.require("r", "s", importance="0.5")  # type: ignore[arg-type]
    with pytest.raises(sg.InvalidValueError, match="True or False"):
        g.require("r", "s", essential=1)  # type: ignore[arg-type]
    g.require("r", "s", importance=0.5, essential=False)
    assert g.requirements("r")[0].importance == 0.5


@pytest.mark.parametrize(
    ("requires", "broader", "where"),
    [
        ([{"role": "r:x", "skill": "s :a"}], [], "'requires[0]'"),
        ([{"role": "r:x", "skill": "s:a", "importance": 2.0}], [], "field 'importance'"),
        ([{"role": "r:x", "skill": "s:a"}, {"role": "r:x", "skill": "s:z"}], [], "requires[1]"),
        ([{"role": "s:a", "skill": "s:b"}], [], "requires[0]"),
        ([], [{"narrower": "s:a", "broader": "s:a"}], "broader[0]"),
        (
            [],
            [
                {"narrower": "s:a", "broader": "s:b"},
                {"narrower": "s:b", "broader": "s:c"},
                {"narrower": "s:c", "broader": "s:a"},
                {"narrower": "s:a", "broader": "s:zz"},
            ],
            "broader[2]",
        ),
        ([], [{"narrower": "s:a", "broader": "s:zz"}], "broader[0]"),
    ],
)
def test_bulk_sections_name_the_entry_in_error(
    requires: list[object], broader: list[object], where: str
) -> None:
    with pytest.raises(sg.FormatError) as caught:
        sg.loads(_doc(requires, broader))
    assert where in str(caught.value)


# ----------------------------------------------------------------- issue 19 leftover
_SCHEMA = "http://schema.org/"  # as the RDF writer binds it (io/rdf/_learning.py)


def _with_resource() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    g.add(sg.Skill(id="s:b", label="b"))
    g.add(sg.Resource(id="c:one", label="one"))
    g.add(sg.Teaching(resource="c:one", skill="s:a"))
    return g


@pytest.mark.parametrize("predicate", ["teaches", "coursePrerequisites"])
def test_extra_resource_edge_between_nodes_is_refused(predicate: str) -> None:
    """Regression (#19): a schema:teaches / coursePrerequisites extra triple between a
    resource and a skill of the graph reads back from RDF as an edge, so native JSON
    refuses it, naming the triple."""
    g = _with_resource()
    triple = ["<c:one>", f"<{_SCHEMA}{predicate}>", "<s:b>"]
    # what the RDF reader makes of it: an edge, not an extra triple
    rdf = sg.loads(sg.dumps(g, "ntriples") + (" ".join(triple) + " .\n").encode(), "ntriples")
    assert not rdf.extra_triples
    assert rdf != g
    doc = json.loads(sg.dumps(g))
    doc["extra_triples"] = [triple]
    with pytest.raises(sg.FormatError) as caught:
        sg.loads(json.dumps(doc))
    assert "extra_triples[0]" in str(caught.value)
    assert "read back as part of the graph" in str(caught.value)


def test_extra_triple_declaring_a_resource_is_refused() -> None:
    """Regression (#19): typing anything as schema:Course declares a resource when read
    back from RDF; native JSON refuses it like the other node classes."""
    doc = json.loads(sg.dumps(_with_resource()))
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    doc["extra_triples"] = [["<https://example.org/new>", rdf_type, f"<{_SCHEMA}Course>"]]
    with pytest.raises(sg.FormatError) as caught:
        sg.loads(json.dumps(doc))
    assert "cannot declare a node" in str(caught.value)
    assert "extra_triples[0]" in str(caught.value)


def test_extra_resource_triple_not_between_nodes_is_kept() -> None:
    doc = json.loads(sg.dumps(_with_resource()))
    doc["extra_triples"] = [["<c:one>", f"<{_SCHEMA}teaches>", "<https://example.org/elsewhere>"]]
    g = sg.loads(json.dumps(doc))
    assert len(g.extra_triples) == 1


def test_regression_a_repeated_id_says_what_to_do_in_the_file(tmp_path: Path) -> None:
    """Red team s23 #4c: a file declaring an id twice told a CLI user to 'pass
    replace=True', which only code can do."""
    doc = {
        "skillgraph": 1,
        "skills": [{"id": "s:a", "label": "A"}, {"id": "s:b", "label": "B"}],
        "roles": [{"id": "s:a", "label": "Also A"}],
    }
    src = tmp_path / "dup.json"
    doc_twice = dict(doc, roles=[], skills=[*doc["skills"], {"id": "s:a", "label": "A2"}])
    for body, where, first in [
        (doc_twice, "skills[2]", "skills[0]"),
        (doc, "roles[0]", "skills[0]"),
    ]:
        src.write_text(json.dumps(body), encoding="utf-8")
        with pytest.raises(sg.FormatError) as exc:
            sg.read(src)
        msg = str(exc.value)
        assert "replace=True" not in msg and exc.value.column == where, msg
        assert f"declared twice in the file (first as {first}); keep one entry" in msg
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="A"))
    with pytest.raises(sg.DuplicateIdError, match="replace=True"):  # code keeps its hint
        g.add(sg.Skill(id="s:a", label="A2"))
