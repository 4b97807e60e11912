"""The tabular readers' fast paths give what the plain paths gave, errors included.

- The ESCO reader adds a file's nodes at once (`Store.add_new_nodes`); a refused row still
  gives the error of the first bad row in file order (a taken id before a later bad cell).
- The O*NET reader caches cells (technology examples, flags, formatted ratings): cells that
  differ only in white space, and -0 beside 0, keep their own values; a technology id
  skips `urllib.parse.quote_plus` when nothing needs quoting.
- `construct` makes the value of a default factory once when it returns one shared object.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock
from urllib.parse import quote_plus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field

import skillgraph as sg
from skillgraph._trusted import construct
from skillgraph.errors import FormatError, IncompleteDataWarning
from skillgraph.io._esco_cells import labels
from skillgraph.io._onet_codes import technology_id

from .test_esco import SK, SMALL, write_release
from .test_onet import SMALL as ONET
from .test_onet import scale_row, write_db

# ------------------------------------------------------------------------------ ESCO nodes
SKILL_ROW = "KnowledgeSkillCompetence,{uri},skill/competence,{reuse},{label},,,released,,,,,\n"


def _skills(*rows: str) -> dict[str, str]:
    files = dict(SMALL)
    files["skills_en.csv"] += "".join(rows)
    return files


@pytest.mark.parametrize(
    ("later", "field"),
    [
        (SKILL_ROW.format(uri=f"{SK}a b", reuse="", label="x"), "conceptUri"),
        (SKILL_ROW.format(uri=f"{SK}new", reuse="odd", label="x"), "reuseLevel"),
        ("KnowledgeSkillCompetence,too,few\n", None),
    ],
)
def test_a_taken_id_is_named_before_a_later_bad_row(
    tmp_path: Path, later: str, field: str | None
) -> None:
    """The nodes of a file are added at once after it is read; the error is still the
    first in file order: line 7 reuses an id, line 8 is bad."""
    twice = SKILL_ROW.format(uri=f"{SK}sql", reuse="", label="SQL again")
    with pytest.raises(FormatError, match=r"skills_en\.csv, line 7, field 'conceptUri'.*twice"):
        sg.read(write_release(tmp_path / "a", _skills(twice, later)), format="esco")
    with pytest.raises(FormatError, match=r"skills_en\.csv, line 7") as exc:  # alone: its own
        sg.read(write_release(tmp_path / "b", _skills(later)), format="esco")
    assert (field is None) == ("field '" not in str(exc.value))
    if field is not None:
        assert f"field {field!r}" in str(exc.value)


def test_an_id_taken_by_another_kind_is_named_with_its_line(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["occupations_en.csv"] += (
        f"Occupation,{SK}py,2511,python role,,,released,,,,,,,\n"  # the id of a skill
    )
    with pytest.raises(FormatError, match=r"occupations_en\.csv, line 5.*already a skill"):
        sg.read(write_release(tmp_path / "rel", files), format="esco")


def test_unknown_skill_type_is_named_on_each_row_it_appears(tmp_path: Path) -> None:
    """Mapped cells are cached: a bad value is refused where it first appears."""
    row = "KnowledgeSkillCompetence,{uri},{kind},,n,,,released,,,,,\n"
    files = _skills(
        row.format(uri=f"{SK}k1", kind="knowledge"), row.format(uri=f"{SK}k2", kind="odd")
    )
    with pytest.raises(FormatError, match=r"line 8, field 'skillType': unknown skill type 'odd'"):
        sg.read(write_release(tmp_path / "rel", files), format="esco")


def test_nodes_added_at_once_equal_nodes_added_one_by_one(tmp_path: Path) -> None:
    with pytest.warns(IncompleteDataWarning):
        fast = sg.read(write_release(tmp_path / "rel"), format="esco", cache=False)
    no_bulk = mock.patch("skillgraph._store.Store.add_new_nodes", return_value=False)
    with no_bulk as bulk, pytest.warns(IncompleteDataWarning):
        slow = sg.read(write_release(tmp_path / "rel"), format="esco", cache=False)
    assert bulk.call_count == 3  # skill groups, skills, roles: each then added one by one
    assert list(fast.nodes.items()) == list(slow.nodes.items())
    assert sg.dumps(fast) == sg.dumps(slow)


# ----------------------------------------------------------------------------- construct
class _Bag(BaseModel):
    items: list[str] = Field(default_factory=list)
    name: str = "n"


def test_construct_makes_a_new_value_for_a_factory_that_makes_one() -> None:
    a, b = construct(_Bag, {}), construct(_Bag, {})
    a.items.append("x")
    assert b.items == [] and a.items == ["x"] and a.name == "n"


# ----------------------------------------------------------------------------- O*NET cells
TECH_HEAD = ONET["Technology Skills.txt"].splitlines(keepends=True)[0]


def _tech(*rows: str) -> dict[str, str]:
    files = dict(ONET)
    files["Technology Skills.txt"] = TECH_HEAD + "".join(rows)
    return files


def _tech_row(code: str, example: str, hot: str = "N", demand: str = "N") -> str:
    return f"{code}\tT\t{example}\t43232401\tCompilers\t{hot}\t{demand}\n"


def test_technology_cells_differing_in_white_space_are_one_skill(tmp_path: Path) -> None:
    files = _tech(
        _tech_row("15-1252.00", " C++ ", "n", "N"),
        _tech_row("15-2051.00", "C++", "y", " Y "),
        _tech_row("15-2051.00", " C++ ", "N", "N"),
    )
    with pytest.warns(IncompleteDataWarning):
        g = sg.read(write_db(tmp_path / "db", files), format="onet", cache=False)
    techs = [s for s in g.skills.values() if s.kind is sg.SkillKind.TECHNOLOGY]
    assert [
        (s.label, s.attributes["hot_technology"], s.attributes["in_demand"]) for s in techs
    ] == [("C++", True, True)]
    assert [r.skill for r in g.requirements("onet:15-2051.00") if "tech" in r.skill] == [
        techs[0].id
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (_tech_row("15-2051.00", "C++", "maybe"), r"line 3, field 'Hot Technology'"),
        (_tech_row("15-2051.00", "C++", "N", "?"), r"line 3, field 'In Demand'"),
        (_tech_row("15-2051.00", "  "), r"line 3, field 'Example': empty technology example"),
        (_tech_row("15-20510", "C++"), r"line 3, field 'O\*NET-SOC Code'"),
    ],
)
def test_technology_errors_name_line_and_field(tmp_path: Path, row: str, message: str) -> None:
    files = _tech(_tech_row("15-1252.00", "C++"), row)
    with pytest.raises(FormatError, match=rf"Technology Skills\.txt, {message}"):
        sg.read(write_db(tmp_path / "db", files), format="onet", cache=False)


def test_rating_profiles_keep_the_sign_of_a_zero_level(tmp_path: Path) -> None:
    """Formatted ratings are cached by value; 0.0 == -0.0 must not share its text."""
    files = dict(ONET)
    files["Skills.txt"] = (
        ONET["Skills.txt"].splitlines(keepends=True)[0]
        + scale_row("15-1252.00", "2.A.2.b", "Programming", "IM", "3.00", "N", "")
        + scale_row("15-1252.00", "2.A.2.b", "Programming", "LV", "0", "N", "N")
        + scale_row("15-2051.00", "2.A.2.b", "Programming", "IM", "3.00", "N", "")
        + scale_row("15-2051.00", "2.A.2.b", "Programming", "LV", "-0", "N", "N")
    )
    with pytest.warns(IncompleteDataWarning):
        g = sg.read(write_db(tmp_path / "db", files), format="onet", cache=False)
    ratings = {r: g.roles[r].attributes["ratings"] for r in ("onet:15-1252.00", "onet:15-2051.00")}
    assert ratings["onet:15-1252.00"].startswith("onet:element/2.A.2.b=0.500/0.000")
    assert ratings["onet:15-2051.00"].startswith("onet:element/2.A.2.b=0.500/-0.000")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"aZ09 _.~-+/%é\t\n", "\u00a0", "\u2028"]), max_size=12))
def test_technology_ids_quote_as_quote_plus_does(example: str) -> None:
    assert technology_id(example) == "onet:tech/" + quote_plus(example.strip(), safe="")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab \n\r\t", "\u00a0"]), max_size=12))
def test_labels_split_as_the_loop_did(text: str) -> None:
    out: dict[str, None] = {}
    for part in text.split("\n"):
        if part.strip():
            out[part.strip()] = None
    assert labels(text) == tuple(out)
