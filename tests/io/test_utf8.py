"""Writers refuse text with no UTF-8 form, naming the node and field that hold it."""

from __future__ import annotations

import pytest

import skillgraph as sg

WRITABLE = ["native", "turtle", "ntriples", "jsonld", "rdfxml"]


@pytest.mark.parametrize("fmt", WRITABLE)
def test_regression_lone_surrogate_is_an_invalid_value_naming_the_field(fmt: str) -> None:
    """A label holding a lone surrogate (possible through the API) made every writer fail
    with a bare UnicodeEncodeError."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="ok", alt_labels=("x", "bad \ud800 label")))
    with pytest.raises(sg.InvalidValueError, match="lone surrogate") as info:
        sg.dumps(g, fmt)
    assert (info.value.id, info.value.field) == ("s:a", "alt_labels[1]")


@pytest.mark.parametrize("fmt", WRITABLE)
def test_lone_surrogate_outside_nodes_is_still_named(fmt: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    g = sg.SkillGraph(metadata={"title": "t\udc00"})
    g.add(sg.Skill(id="s:a", label="A"))
    target = tmp_path / f"out.{fmt}"
    with pytest.raises(sg.InvalidValueError, match="lone surrogate '\\\\udc00'"):
        sg.write(g, target, format=fmt)
    assert not target.exists() and not list(tmp_path.iterdir())  # nothing half-written


def test_requirement_field_is_named() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="A"))
    g.add(sg.Role(id="r:a", label="R"))
    g.require("r:a", "s:a", importance=0.7, source="survey \udfff")
    with pytest.raises(sg.InvalidValueError, match="lone surrogate") as info:
        sg.dumps(g, "turtle")
    assert (info.value.id, info.value.field) == ("r:a -> s:a", "source")
