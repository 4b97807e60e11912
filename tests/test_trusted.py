"""Trusted node construction (skillgraph._trusted): equal to validation, same refusals."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import skillgraph as sg
from skillgraph._trusted import plain_node, trusted_node
from skillgraph.errors import InvalidValueError, SkillGraphError
from skillgraph.io._native_bulk import format_error
from skillgraph.io.native import NativeDocument
from skillgraph.model import Cluster, Industry, Node, ReuseLevel, Role, Skill, SkillGroup, SkillKind

CLASSES: list[type[Node]] = [Skill, Role, Cluster, Industry, SkillGroup]

# values a field may hold: mostly plain, some the model converts, some it refuses
_ids = st.sampled_from(["s:a", "s:b", "ex:x/1", "", " ", "a b", "a\tb", "\u00a0", "x\u2028"])
_texts = st.one_of(st.text(max_size=6), st.sampled_from(["", " ", "\n", "ok"]))
_tuples = st.one_of(st.tuples(_texts, _texts).map(tuple), st.lists(_texts, max_size=2), st.just(()))
_values: dict[str, st.SearchStrategy[Any]] = {
    "id": _ids,
    "label": st.one_of(_texts, st.none(), st.integers(0, 2)),
    "alt_labels": _tuples,
    "hidden_labels": _tuples,
    "description": st.one_of(_texts, st.none()),
    "translations": st.one_of(
        st.just({}),
        st.dictionaries(
            st.sampled_from(["de", "DE", "pt-PT", "pt-pt", "x y", ""]),
            st.sampled_from([sg.Translation(label="x"), {"label": "y"}]),
            max_size=2,
        ),
    ),
    "attributes": st.dictionaries(
        st.sampled_from(["a", "b"]),
        st.one_of(
            st.text(max_size=3),
            st.integers(),
            st.booleans(),
            st.floats(allow_nan=True, allow_infinity=True),
            st.none(),
        ),
        max_size=2,
    ),
    "kind": st.one_of(st.sampled_from(list(SkillKind)), st.sampled_from(["knowledge", "x"])),
    "reuse": st.one_of(st.none(), st.sampled_from(list(ReuseLevel)), st.just("transversal")),
    "tags": _tuples,
    "code": st.one_of(st.none(), _texts, st.integers(0, 9)),
    "cluster": st.one_of(st.none(), _ids),
    "industries": st.one_of(_tuples, st.just(("i:1", "i:1")), st.just(("i:1", "i:2"))),
    "level": st.one_of(st.none(), st.integers(-2, 9), st.booleans(), st.just(3.0)),
    "broader": st.one_of(st.none(), _ids, st.just("s:a")),
    "bogus": st.just(1),
}


@st.composite
def node_fields(draw: st.DrawFn) -> tuple[type[Node], dict[str, Any]]:
    cls = draw(st.sampled_from(CLASSES))
    names = [*(n for n in cls.model_fields if n != "id"), "bogus"]
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=5))
    fields = {"id": draw(_values["id"])}
    if draw(st.booleans()):
        fields["label"] = "a label"
    for name in chosen:
        fields[name] = draw(_values[name])
    return cls, fields


def _outcome(make: Any) -> tuple[str, Any]:
    try:
        node = make()
    except SkillGraphError as exc:
        return "error", (type(exc), str(exc))
    return "node", node


@settings(max_examples=400, deadline=None)
@given(case=node_fields())
def test_trusted_node_equals_validation_or_refuses_alike(
    case: tuple[type[Node], dict[str, Any]],
) -> None:
    cls, fields = case
    validated = _outcome(lambda: cls(**dict(fields)))
    trusted = _outcome(lambda: trusted_node(cls, dict(fields)))
    assert trusted[0] == validated[0]
    if trusted[0] == "error":
        assert trusted[1] == validated[1]  # the model's own message
        assert plain_node(cls, dict(fields)) is None  # never built directly
    else:
        node, want = trusted[1], validated[1]
        assert node == want
        assert hash(node) == hash(want)
        assert node.model_dump() == want.model_dump()
        assert list(node.model_dump()) == list(want.model_dump())  # declared field order
        assert repr(node) == repr(want)
        assert type(node.translations) is type(want.translations)
        assert type(node.attributes) is type(want.attributes)


def test_plain_fields_are_built_directly() -> None:
    fields = {
        "id": "s:a",
        "label": "A",
        "alt_labels": ("x",),
        "kind": SkillKind.KNOWLEDGE,
        "attributes": {"n": 1.5},
        "translations": {"de": sg.Translation(label="A-de")},
    }
    node = plain_node(Skill, dict(fields))
    assert node is not None
    assert node == Skill(**fields)
    assert node.model_fields_set == set(fields)
    with pytest.raises(TypeError):
        node.attributes["n"] = 2  # type: ignore[index]  # read-only, as validated


def test_regression_trusted_nodes_list_fields_in_declared_order() -> None:
    # construct used to put the given fields (id, label) after the defaulted ones
    for cls in CLASSES:
        node = plain_node(cls, {"id": "x:a", "label": "A"})
        assert node is not None
        assert list(node.model_dump()) == list(cls.model_fields)
        assert repr(node) == repr(cls(id="x:a", label="A"))


@pytest.mark.parametrize(
    ("cls", "fields", "field"),
    [
        (Skill, {"id": "a b", "label": "x"}, "id"),
        (Skill, {"id": "s:a", "label": "  "}, "label"),
        (Role, {"id": "r:a", "label": "x", "industries": ("i:1", "i:1")}, "industries"),
        # regression: the trusted path let an empty or spaced industry id through
        (Role, {"id": "r:a", "label": "x", "industries": ("", "0")}, "industries"),
        (Role, {"id": "r:a", "label": "x", "industries": ("i 1",)}, "industries"),
        (Role, {"id": "r:a", "label": "x", "level": True}, "level"),
        (Cluster, {"id": "c:a", "label": "x", "broader": "c:a"}, "broader"),
        (Skill, {"id": "s:a", "label": "x", "attributes": {"a": float("nan")}}, "attributes"),
    ],
)
def test_bad_fields_are_refused_with_the_models_message(
    cls: type[Node], fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidValueError) as want:
        cls(**dict(fields))
    with pytest.raises(InvalidValueError) as got:
        trusted_node(cls, dict(fields))
    assert str(got.value) == str(want.value)
    assert got.value.field == want.value.field == field


# ----------------------------------------------------------------- native JSON nodes
_json_values = st.one_of(
    st.text(max_size=4),
    st.sampled_from(["", " ", "a b", "knowledge", "transversal", "x"]),
    st.integers(-1, 3),
    st.booleans(),
    st.none(),
    st.lists(st.sampled_from(["a", "a", " ", 1]), max_size=2),
    st.just({"de": {"label": "x"}}),
    st.just({"a": [1]}),
)


@st.composite
def node_entries(draw: st.DrawFn) -> tuple[str, list[Any]]:
    section, cls = draw(
        st.sampled_from(
            [("skills", Skill), ("roles", Role), ("clusters", Cluster), ("industries", Industry)]
        )
    )
    names = [*cls.model_fields, "bogus"]
    rows: list[Any] = []
    for i in range(draw(st.integers(1, 3))):
        row: dict[str, Any] = {"id": f"n:{i}", "label": f"n{i}"}
        for name in draw(st.lists(st.sampled_from(names), unique=True, max_size=3)):
            row[name] = draw(_json_values)
        rows.append(row if draw(st.integers(0, 9)) else draw(_json_values))
    return section, rows


@settings(max_examples=300, deadline=None)
@given(case=node_entries())
def test_native_nodes_read_as_the_document_model_validates_them(
    case: tuple[str, list[Any]],
) -> None:
    """Bulk-checked node sections give the nodes (or the first error, with its path) the
    pydantic document model gives for the same entries."""
    section, rows = case
    doc = {"skillgraph": 1, section: rows}
    try:
        model = NativeDocument.model_validate(json.loads(json.dumps(doc)))
    except ValidationError as exc:
        # the error as it read before the sections were bulk-checked (same source name)
        want = format_error(exc, (), "<data>")
        with pytest.raises(sg.FormatError) as caught:
            sg.loads(json.dumps(doc))
        assert caught.value.column == want.column
        assert str(caught.value) == str(want)
        return
    try:
        g = sg.loads(json.dumps(doc))
    except sg.FormatError:  # a graph-level refusal (duplicate id, wrong reference type)
        return
    for node in getattr(model, section):
        assert g.nodes[node.id] == node


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1),
            st.text(min_size=1),
            st.booleans(),
            st.floats(0, 1),
            st.floats(0, 10),
        ),
        max_size=5,
    )
)
def test_rows_build_what_validation_builds(rows: list[tuple[str, str, bool, float, float]]) -> None:
    from skillgraph._trusted import construct_rows
    from skillgraph.results import GapItem, Match

    keys = ("skill", "label", "essential", "importance", "weight")
    validated = [GapItem(**dict(zip(keys, row, strict=True))) for row in rows]
    built = construct_rows(GapItem, keys, rows)
    assert built == validated
    assert [b.model_fields_set for b in built] == [v.model_fields_set for v in validated]
    assert [b.to_json() for b in built] == [v.to_json() for v in validated]
    # not every field, or not in order: one `construct` each, defaults filled
    some = construct_rows(Match, ("label", "id", "score"), [(r[1], r[0], r[4]) for r in rows])
    assert some == [Match(id=r[0], label=r[1], score=r[4]) for r in rows]
    assert [m.to_json() for m in some] == [
        Match(id=r[0], label=r[1], score=r[4]).to_json() for r in rows
    ]
