"""Model validation: every invalid value raises a SkillGraphError naming the id and field."""

from __future__ import annotations

import pytest

import skillgraph as sg


@pytest.mark.parametrize(
    ("build", "ident", "field"),
    [
        (lambda: sg.Skill(id="", label="x"), "''", "id"),
        (lambda: sg.Skill(id="   ", label="x"), "'   '", "id"),
        (lambda: sg.Role(id="r:a b", label="x"), "r:a b", "id"),
        (lambda: sg.Skill(id="s:x", label=""), "s:x", "label"),
        (lambda: sg.Skill(id="s:x", label="X", kind="wizardry"), "s:x", "kind"),
        (lambda: sg.Skill(id="s:x", label="X", reuse="everywhere"), "s:x", "reuse"),
        (lambda: sg.Role(id="r:x", label="X", level="senior"), "r:x", "level"),
        (
            lambda: sg.Requirement(role="r:x", skill="s:y", importance=1.5),
            "r:x -> s:y",
            "importance",
        ),
        (
            lambda: sg.Requirement(role="r:x", skill="s:y", importance=-0.1),
            "r:x -> s:y",
            "importance",
        ),
        (
            lambda: sg.Requirement(role="r:x", skill="s:y", importance=float("nan")),
            "r:x -> s:y",
            "importance",
        ),
        (lambda: sg.Prerequisite(prerequisite="s:a", skill="s:a"), "s:a -> s:a", "prerequisite"),
        (lambda: sg.Broader(narrower="s:a", broader="s:a"), "s:a -> s:a", "broader"),
        (lambda: sg.Cluster(id="c:a", label="A", broader="c:a"), "c:a", "broader"),
        (lambda: sg.Role(id="r:x", label="X", industries=("i:a", "i:a")), "r:x", "industries"),
    ],
)
def test_invalid_values_name_id_and_field(build, ident: str, field: str) -> None:
    with pytest.raises(sg.SkillGraphError) as info:
        build()
    assert isinstance(info.value, sg.InvalidValueError)
    message = str(info.value)
    assert ident.strip("'") in message
    assert repr(field) in message
    assert info.value.field == field


def test_models_are_frozen() -> None:
    skill = sg.Skill(id="s:x", label="X")
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises its own frozen error
        skill.label = "Y"  # type: ignore[misc]


def test_label_in_falls_back_to_default() -> None:
    skill = sg.Skill(
        id="s:x", label="cooking", translations={"fr": sg.Translation(label="cuisine")}
    )
    assert skill.label_in("fr") == "cuisine"
    assert skill.label_in("de") == "cooking"


def test_enums_accept_values() -> None:
    skill = sg.Skill(id="s:x", label="X", kind="knowledge", reuse="cross-sector")
    assert skill.kind is sg.SkillKind.KNOWLEDGE
    assert skill.reuse is sg.ReuseLevel.CROSS_SECTOR
