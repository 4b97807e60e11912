"""Model validation: every invalid value raises a SkillGraphError naming the id and field."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.io._build import construct, requirement


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
        (lambda: sg.Role(id="r:x", label="X", level=2**63), "r:x", "level"),
        (lambda: sg.Role(id="r:x", label="X", level=-1), "r:x", "level"),
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


def test_ids_with_any_unicode_white_space_are_refused() -> None:
    """Ids are checked with one regex search; it must refuse exactly what str.isspace()
    calls white space, over all of Unicode."""
    import sys

    from skillgraph.model import _SPACE

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(spaces) > 20  # tab, newline, no-break space, ideographic space...
    missed = [
        c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() != bool(_SPACE.search(c))
    ]
    assert missed == []
    for c in spaces:
        with pytest.raises(sg.InvalidValueError, match="white space"):
            sg.Skill(id=f"s:a{c}b", label="x")
    assert sg.Skill(id="s:a\u200bb", label="x").id == "s:a\u200bb"  # zero-width: not a space


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


def _annotated() -> sg.Skill:
    return sg.Skill(
        id="s:x",
        label="cooking",
        translations={"fr": sg.Translation(label="cuisine")},
        attributes={"code": "K1", "hours": 40},
    )


def test_mapping_fields_are_read_only() -> None:
    skill = _annotated()
    with pytest.raises(TypeError):
        skill.attributes["code"] = "K2"  # type: ignore[index]
    with pytest.raises(TypeError):
        del skill.attributes["hours"]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        skill.translations["de"] = sg.Translation(label="Kochen")  # type: ignore[index]
    empty = sg.Skill(id="s:y", label="Y")
    with pytest.raises(TypeError):
        empty.attributes["code"] = "K3"  # type: ignore[index]
    assert skill.attributes == {"code": "K1", "hours": 40}
    assert set(skill.translations) == {"fr"}


def test_caller_dict_is_not_shared() -> None:
    attributes: dict[str, sg.model.AttributeValue] = {"code": "K1"}
    skill = sg.Skill(id="s:x", label="X", attributes=attributes)
    attributes["code"] = "K2"
    assert skill.attributes["code"] == "K1"


def test_read_only_mappings_dump_compare_and_copy() -> None:
    skill = _annotated()
    dumped = skill.model_dump(mode="json", exclude_defaults=True)
    assert dumped["attributes"] == {"code": "K1", "hours": 40}
    assert dumped["translations"] == {"fr": {"label": "cuisine"}}
    assert sg.Skill.model_validate_json(skill.model_dump_json()) == skill
    assert sg.Skill(**skill.model_dump()) == skill
    assert sg.Skill(id="s:y", label="Y").model_dump(exclude_defaults=True) == {
        "id": "s:y",
        "label": "Y",
    }
    for clone in (pickle.loads(pickle.dumps(skill)), copy.deepcopy(skill), copy.copy(skill)):
        assert clone == skill
        with pytest.raises(TypeError):
            clone.attributes["code"] = "K2"  # type: ignore[index]
    assert skill != _annotated().model_copy(update={"attributes": {"code": "K2"}})


def test_trusted_construction_is_read_only_too() -> None:
    built = construct(
        sg.Skill,
        {
            "id": "s:x",
            "label": "cooking",
            "translations": {"fr": sg.Translation(label="cuisine")},
            "attributes": {"code": "K1", "hours": 40},
        },
    )
    assert built == _annotated()
    with pytest.raises(TypeError):
        built.attributes["code"] = "K2"  # type: ignore[index]
    bare = construct(sg.Role, {"id": "r:x", "label": "X"})
    assert bare == sg.Role(id="r:x", label="X")
    with pytest.raises(TypeError):
        bare.translations["de"] = sg.Translation(label="X")  # type: ignore[index]


def test_trusted_requirement_equals_validated_and_shares_no_state() -> None:
    built = requirement("r:x", "s:y", False, 0.5)
    assert built == sg.Requirement(role="r:x", skill="s:y", essential=False, importance=0.5)
    other = requirement("r:x", "s:z", True, 1.0)
    changed = built.model_copy(update={"level": 2.0})
    assert changed.level == 2.0
    assert "level" in changed.model_fields_set
    assert built.model_fields_set == other.model_fields_set
    assert built.model_fields_set == {"role", "skill", "essential", "importance"}


def test_translation_tags_take_one_spelling() -> None:
    skill = sg.Skill(
        id="s:a",
        label="A",
        translations={"DE": sg.Translation(label="A de"), "pt-pt": sg.Translation(label="A pt")},
    )
    assert list(skill.translations) == ["de", "pt-PT"]
    assert skill == sg.Skill(
        id="s:a",
        label="A",
        translations={"de": sg.Translation(label="A de"), "pt-PT": sg.Translation(label="A pt")},
    )


def test_one_language_twice_is_refused() -> None:
    with pytest.raises(sg.InvalidValueError, match="'de' and 'DE' are one language tag") as info:
        sg.Skill(
            id="s:a",
            label="A",
            translations={"de": sg.Translation(label="x"), "DE": sg.Translation(label="y")},
        )
    assert info.value.field == "translations"


def test_empty_translation_is_refused() -> None:
    with pytest.raises(sg.InvalidValueError, match="empty translation"):
        sg.Translation()
    with pytest.raises(sg.InvalidValueError, match="empty translation"):
        sg.Skill(id="s:a", label="A", translations={"de": {}})
    assert sg.Translation(alt_labels=("x",)).alt_labels == ("x",)


def test_nodes_hash_by_type_and_id() -> None:
    # Regression: hashing a node failed on its read-only maps (TypeError: unhashable
    # type 'mappingproxy'), so a node could not sit in a set nor be passed to a query.
    a = sg.Skill(id="s:py", label="Python", translations={"de": {"label": "Python"}})
    b = sg.Skill(id="s:py", label="Python", translations={"de": {"label": "Python"}})
    assert a == b and hash(a) == hash(b)
    assert len({a, b, sg.Role(id="s:py", label="Python")}) == 2


def test_queries_take_nodes_as_well_as_ids(demo: sg.SkillGraph) -> None:
    # Regression: g.gap(g.find(...)) raised TypeError instead of answering.
    role = demo.find("software engineer", "role")
    assert demo.gap(role, have=[]) == demo.gap(role.id, have=[])
    assert demo.similar_roles(role, k=3) == demo.similar_roles(role.id, k=3)
    skill = next(iter(demo.requirements(role.id))).skill
    assert demo.gap(role, have=[demo.nodes[skill]]) == demo.gap(role.id, have=[skill])


def test_regression_a_role_level_is_bounded_in_every_reader(tmp_path: Path) -> None:
    """Red team s23 #3: a level of 2**63 validated, then `classify` died on an
    OverflowError, and 2**62 printed an absurd seniority; 0-99 holds ESCO's and O*NET's."""
    import json

    from skillgraph.model import ROLE_LEVELS

    assert ROLE_LEVELS == (0, 99)
    assert sg.Role(id="r:x", label="X", level=0).level == 0
    assert sg.Role(id="r:x", label="X", level=99).level == 99
    doc = {"skillgraph": 1, "roles": [{"id": "r:x", "label": "X", "level": 2**62}]}
    src = tmp_path / "big.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(
        sg.FormatError, match=r"field 'level': level must be a whole number from 0 to 99"
    ) as exc:
        sg.read(src)
    assert exc.value.source == str(src) and "roles[0]" in str(exc.value)
    g = sg.SkillGraph()
    g.add(sg.Role(id="r:x", label="X", level=3))
    ttl = tmp_path / "big.ttl"
    sg.write(g, ttl)
    text = ttl.read_text(encoding="utf-8")
    assert '"3"^^' in text
    ttl.write_text(text.replace('"3"^^', f'"{2**63}"^^'), encoding="utf-8")
    with pytest.raises(sg.FormatError, match="field 'level'") as exc:
        sg.read(ttl)
    assert exc.value.source == str(ttl)
