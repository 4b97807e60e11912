"""Tests for skillgraph.io._native_bulk.check_requirements: the column-wise fast path gives
what the entry-by-entry path gives, and hands anything unusual to it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph.errors import FormatError
from skillgraph.io._native_bulk import Checked, Columns, check_requirements
from skillgraph.model import Requirement

_IDS = st.sampled_from(["r:a", "r:b", "s:x", "s:y", "s:z"])
_IMPORTANCE = st.one_of(st.floats(0.0, 1.0), st.sampled_from([0, 1]))


@st.composite
def canonical_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(0, 12))
    return [
        {
            "role": draw(_IDS),
            "skill": draw(_IDS),
            "essential": draw(st.booleans()),
            "importance": draw(_IMPORTANCE),
        }
        for _ in range(n)
    ]


@settings(max_examples=100, deadline=None)
@given(canonical_rows())
def test_canonical_rows_become_plain_columns(rows: list[dict[str, Any]]) -> None:
    got = check_requirements(rows, "t.json")
    want = [(r["role"], r["skill"], r["essential"], float(r["importance"])) for r in rows]
    assert _rows(got) == want
    assert all(type(row[3]) is float for row in _rows(got))
    assert isinstance(got, Columns) or not rows


def _rows(got: Checked) -> list[Any]:
    """The entries of ``got`` one by one (columns as rows)."""
    return list(zip(*got, strict=True)) if isinstance(got, Columns) else got


@settings(max_examples=60, deadline=None)
@given(canonical_rows(), st.integers(0, 11))
def test_one_entry_with_more_fields_is_a_model_and_the_rest_stay_rows(
    rows: list[dict[str, Any]], at: int
) -> None:
    if not rows:
        return
    at %= len(rows)
    rows[at] = {**rows[at], "level": 0.5}
    got = check_requirements(rows, "t.json")
    assert isinstance(got[at], Requirement) and got[at].level == 0.5
    assert all(isinstance(r, tuple) for i, r in enumerate(got) if i != at)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"role": "r: a"}, "role"),
        ({"skill": ""}, "skill"),
        ({"importance": float("nan")}, "importance"),
        ({"importance": 1.5}, "importance"),
        ({"importance": 10**400}, "importance"),
    ],
)
def test_a_bad_entry_among_canonical_ones_is_refused_with_its_path(
    change: dict[str, Any], field: str
) -> None:
    good = {"role": "r:a", "skill": "s:x", "essential": True, "importance": 0.5}
    rows = [dict(good), {**good, **change}, {**good, "importance": 1}]
    with pytest.raises(FormatError, match=f"field '{field}'") as info:
        check_requirements(rows, "t.json")
    assert info.value.column == "requires[1]"


def test_an_entry_with_more_fields_is_left_to_the_model() -> None:
    good = {"role": "r:a", "skill": "s:x", "essential": True, "importance": 0.5}
    got = check_requirements([dict(good), {**good, "source": "Skills.txt"}], "t.json")
    assert got[0] == ("r:a", "s:x", True, 0.5)
    assert isinstance(got[1], Requirement) and got[1].source == "Skills.txt"


@pytest.mark.parametrize("loose", [{"essential": 1}, {"importance": "0.5"}])
def test_regression_an_entry_the_model_would_coerce_is_refused(loose: dict[str, Any]) -> None:
    """pydantic's lax mode read 1 as True and "0.5" as 0.5; the model now refuses both."""
    good = {"role": "r:a", "skill": "s:x", "essential": True, "importance": 0.5}
    with pytest.raises(FormatError, match=f"field '{next(iter(loose))}'") as info:
        check_requirements([dict(good), {**good, **loose}], "t.json")
    assert info.value.column == "requires[1]"


@pytest.mark.parametrize(("bad", "at"), [({"skill": "s:missing"}, 2), ({"role": "s:y"}, 1)])
def test_columns_with_a_bad_end_name_its_entry_as_rows_do(bad: dict[str, Any], at: int) -> None:
    """The columns' end check (each id once) finds what the entry by entry check finds."""
    from skillgraph import Role, Skill, SkillGraph
    from skillgraph.io._native_bulk import add_requirements

    rows = [
        {"role": "r:a", "skill": s, "essential": True, "importance": 1.0}
        for s in ("s:x", "s:y", "s:x", "s:y")
    ]
    rows[at] = {**rows[at], **bad}
    errors = []
    for checked in (check_requirements(rows, "t.json"), _rows(check_requirements(rows, "t.json"))):
        g = SkillGraph()
        g.add(Role(id="r:a", label="A"))
        g.add(Skill(id="s:x", label="X"))
        g.add(Skill(id="s:y", label="Y"))
        with pytest.raises(FormatError) as info:
            add_requirements(g, checked, "t.json")
        errors.append((str(info.value), info.value.column))
    assert isinstance(check_requirements(rows, "t.json"), Columns)
    assert errors[0] == errors[1] and errors[0][1] == f"requires[{at}]"


_EDGE_ID = st.one_of(st.sampled_from(["s:x", "s:y", "s:z"]), st.sampled_from(["", "s x", 1, None]))
_FLAG = st.sampled_from([True, False, 1, 0, None, "true"])


@st.composite
def related_rows(draw: st.DrawFn) -> list[Any]:
    rows: list[Any] = []
    for _ in range(draw(st.integers(0, 6))):
        row = {"skill": draw(_EDGE_ID), "related": draw(_EDGE_ID)}
        if draw(st.booleans()):
            row["essential"] = draw(_FLAG)
        if draw(st.integers(0, 9)) == 0:
            row["extra"] = 1
        rows.append(row if draw(st.integers(0, 12)) else "not an object")
    return rows


def _by_the_model(rows: list[Any]) -> object:
    """What validating each entry by the `Related` model gives: the models, or the first
    error (message and path)."""
    from pydantic import ValidationError

    from skillgraph.io._native_bulk import format_error
    from skillgraph.model import Related

    out = []
    for i, row in enumerate(rows):
        try:
            out.append(Related.model_validate(row))
        except ValidationError as exc:
            err = format_error(exc, ("related", i), "t.json")
            return (str(err), err.column)
    return out


@settings(max_examples=300, deadline=None)
@given(related_rows())
def test_related_entries_are_what_the_model_makes_of_them(rows: list[Any]) -> None:
    from skillgraph.io._native_bulk import check_related

    try:
        got: object = check_related(rows, "t.json")
    except FormatError as exc:
        got = (str(exc), exc.column)
    want = _by_the_model(rows)
    assert got == want
    if isinstance(want, list):  # and exactly: fields set, types (1 == True)
        assert [(e.model_fields_set, repr(e)) for e in got] == [  # type: ignore[attr-defined]
            (e.model_fields_set, repr(e)) for e in want
        ]


@settings(max_examples=100, deadline=None)
@given(canonical_rows())
def test_requirement_columns_are_the_checked_columns_of_canonical_entries(
    rows: list[dict[str, Any]],
) -> None:
    from skillgraph.io._native_bulk import requirement_columns

    want = check_requirements(rows, "t.json")
    assert requirement_columns([rows]) == (want if rows else None)
    if rows:  # read in pieces: the same columns, each id one string
        cut = len(rows) // 2
        got = requirement_columns(iter([rows[:cut], rows[cut:]] if cut else [rows]))
        assert got == want
        assert got is not None
        assert len({id(r) for r in got.role}) == len(set(got.role))
        # any other shape is left to the entry by entry check
        assert requirement_columns([rows, []]) is None
        assert requirement_columns([[[*row.items()] for row in rows]]) is None
        assert requirement_columns([[{**row, "level": 0.5} for row in rows]]) is None
        assert requirement_columns([tuple(rows)]) is None
