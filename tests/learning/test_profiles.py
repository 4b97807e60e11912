"""Tests for skillgraph.learning.profiles: profiles, histories, their JSON and checks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg

DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date.today())


@st.composite
def profiles(
    draw: st.DrawFn, person: str | None = None, as_of: dt.date | None = None
) -> sg.Profile:
    day = as_of or draw(DAYS)
    ids = draw(
        st.lists(st.sampled_from([f"demo:skill/s{i}" for i in range(30)]), max_size=6, unique=True)
    )
    return sg.Profile(
        person=person or draw(st.text(min_size=1, max_size=10)),
        name=draw(st.text(max_size=10)),
        role=draw(st.none() | st.just("demo:role/barista")),
        as_of=day,
        skills=[
            sg.HeldSkill(
                skill=s,
                proficiency=draw(st.sampled_from(sg.Proficiency)),
                evidence=draw(st.sampled_from(sg.EvidenceKind)),
                date=draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=day)),
                note=draw(st.text(max_size=10)),
                resource=draw(st.none() | st.just("ecom-fundamentals")),
            )
            for s in ids
        ],
    )


@st.composite
def histories(draw: st.DrawFn) -> sg.ProfileHistory:
    days = sorted(draw(st.lists(DAYS, min_size=1, max_size=4, unique=True)))
    return sg.ProfileHistory(
        person="p", snapshots=[draw(profiles(person="p", as_of=d)) for d in days]
    )


@given(profiles())
def test_profile_json_round_trip(profile: sg.Profile) -> None:
    assert sg.Profile.from_json(profile.to_json()) == profile
    jsonschema.validate(json.loads(profile.to_json()), sg.Profile.json_schema())


@given(histories())
def test_history_json_round_trip(history: sg.ProfileHistory) -> None:
    assert sg.ProfileHistory.from_json(history.to_json()) == history
    jsonschema.validate(json.loads(history.to_json()), sg.ProfileHistory.json_schema())


def _doc(**extra: object) -> dict:
    return {
        "person": "p",
        "as_of": "2025-01-01",
        "skills": [
            {"skill": "Python", "evidence": "project", "date": "2024-05-01"},
            {"skill": "Git", "evidence": "certification", "date": "2024-06-01"},
        ],
        **extra,
    }


def _write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["skills"][1].update(date="2999-01-01"), "skills[1].date", "in the future"),
        (lambda d: d["skills"][1].update(skill="Python"), "skills[1].skill", "listed twice"),
        (lambda d: d["skills"][1].update(evidence="rumour"), "skills[1].evidence", "certification"),
        (lambda d: d.update(as_of="2999-01-01"), "as_of", "in the future"),
        (lambda d: d["skills"][0].update(date="2025-02-01"), None, "after the profile's as_of"),
        (lambda d: d.update(colour="red"), "colour", "Extra inputs"),
    ],
)
def test_bad_profile_names_file_line_and_field(
    tmp_path: Path, change: object, field: str | None, words: str
) -> None:
    doc = _doc()
    change(doc)  # type: ignore[operator]
    path = _write(tmp_path, doc)
    with pytest.raises(sg.FormatError) as info:
        sg.read_profile(path)
    assert info.value.source == str(path)
    assert words in str(info.value)
    if field is not None:
        assert info.value.column == field
        assert info.value.line is not None and info.value.line > 1


def test_future_date_in_a_history_names_the_snapshot(tmp_path: Path) -> None:
    first, second = _doc(), _doc(as_of="2025-02-01")
    second["skills"][0]["date"] = "2999-05-05"
    path = _write(tmp_path, {"person": "p", "snapshots": [first, second]})
    with pytest.raises(sg.FormatError) as info:
        sg.read_history(path)
    assert info.value.column == "snapshots[1].skills[0].date"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "2999-05-05" in lines[info.value.line - 1]


def test_history_rules(tmp_path: Path) -> None:
    one = sg.Profile.model_validate(_doc())
    with pytest.raises(ValueError, match="not after the one before"):
        sg.ProfileHistory(person="p", snapshots=[one, one])
    with pytest.raises(ValueError, match="history of 'q'"):
        sg.ProfileHistory(person="q", snapshots=[one])
    alone = sg.read_history(_write(tmp_path, _doc()))
    assert alone.snapshots == [one]


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"person": "p",\n  "as_of": }', encoding="utf-8")
    with pytest.raises(sg.FormatError) as info:
        sg.read_profile(path)
    assert info.value.line == 2
    with pytest.raises(sg.FormatError, match="cannot read"):
        sg.read_profile(tmp_path / "missing.json")


def test_check_resolves_labels(demo: sg.SkillGraph) -> None:
    p = sg.Profile.model_validate(_doc(role="barista")).check(demo)
    assert p.role == "demo:role/barista"
    assert p.have() == ["demo:skill/python", "demo:skill/git"]
    assert p.have(evidence=frozenset({sg.EvidenceKind.CERTIFICATION})) == ["demo:skill/git"]
    assert p.have(on=dt.date(2024, 5, 15)) == ["demo:skill/python"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["skills"][1].update(skill="Knitting"), "skills[1].skill"),
        (lambda d: d.update(role="astronaut"), "role"),
    ],
)
def test_unknown_skill_or_role_names_file_line_and_field(
    tmp_path: Path, demo: sg.SkillGraph, change: object, field: str
) -> None:
    doc = _doc(role="barista")
    change(doc)  # type: ignore[operator]
    path = _write(tmp_path, doc)
    sg.read_profile(path)  # well-formed: only the graph does not know the name
    with pytest.raises(sg.FormatError, match="unknown") as info:
        sg.read_profile(path, demo)
    assert info.value.source == str(path)
    assert info.value.column == field
    lines = path.read_text(encoding="utf-8").splitlines()
    assert ("Knitting" if "skill" in field else "astronaut") in lines[info.value.line - 1]
    first = _doc(as_of="2024-12-01")
    first["skills"] = first["skills"][:1]
    history = _write(tmp_path, {"person": "p", "snapshots": [first, doc]})
    with pytest.raises(sg.FormatError) as info:
        sg.read_history(history, demo)
    assert info.value.column == f"snapshots[1].{field}"


def test_snapshots_out_of_order_name_the_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, {"person": "p", "snapshots": [_doc(), _doc()]})
    with pytest.raises(sg.FormatError, match="not after the one before") as info:
        sg.read_history(path)
    assert info.value.column == "snapshots[1].as_of"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert '"as_of"' in lines[info.value.line - 1]
    assert info.value.line > 10


def test_read_with_a_graph_resolves_labels(tmp_path: Path, demo: sg.SkillGraph) -> None:
    path = _write(tmp_path, _doc(role="barista"))
    assert sg.read_profile(path, demo) == sg.read_profile(path).check(demo)
    history = sg.read_history(path, demo)
    assert history.snapshots[0].skills[0].skill == "demo:skill/python"


def test_regression_every_problem_of_a_profile_is_named(tmp_path: Path) -> None:
    # red team s22 #12: the error ended "(and 1 more problem)" without naming it
    doc = _doc()
    doc["skills"][0]["evidence"] = "rumour"
    doc["skills"][1]["date"] = "someday"
    with pytest.raises(sg.FormatError) as info:
        sg.read_profile(_write(tmp_path, doc))
    text = str(info.value)
    assert info.value.column == "skills[0].evidence" and "more problem" not in text
    assert "; also field 'skills[1].date' (line 13): " in text
    bad = {"evidence": "rumour", "date": "2024-01-01"}
    many = _doc(skills=[{"skill": f"s{i}", **bad} for i in range(9)])
    with pytest.raises(sg.FormatError) as info:
        sg.read_profile(_write(tmp_path, many))
    text = str(info.value)
    assert "field 'skills[5].evidence'" in text and "field 'skills[6].evidence'" not in text
    assert text.endswith("; and 3 more problems")
