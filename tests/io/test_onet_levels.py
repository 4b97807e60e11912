"""Tests for skillgraph.io._onet_levels: Job Zones and the median required education."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.errors import FormatError

from .test_onet import SMALL, write_db

EDU_HEAD = (
    "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tCategory\t"
    "Data Value\tN\n"
)


def edu_row(code: str, scale: str, category: str, value: str) -> str:
    return f"{code}\tX\t2.D.1\tRequired Level of Education\t{scale}\tRL\t{category}\t{value}\t9\n"


def _read(folder: Path) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        return sg.read(folder, format="onet")


def test_the_median_required_education_becomes_an_attribute(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["Education, Training, and Experience.txt"] = (
        EDU_HEAD
        # 30% bachelor's, 30% master's, 40% doctoral: the median is the master's (8)
        + edu_row("15-1252.00", "RL", "6", "30")
        + edu_row("15-1252.00", "RL", "8", "30")
        + edu_row("15-1252.00", "RL", "11", "40")
        + edu_row("15-1252.00", "RW", "3", "100")  # another scale: ignored
        + edu_row("43-9021.00", "RL", "2", "100")
        + edu_row("99-9999.00", "RL", "2", "100")  # no such occupation: ignored
    )
    g = _read(write_db(tmp_path / "db", files))
    assert g.roles["onet:15-1252.00"].attributes["education_level"] == "8"
    assert g.roles["onet:43-9021.00"].attributes["education_level"] == "2"
    assert "education_level" not in g.roles["onet:15-2051.00"].attributes
    sg.write(g, tmp_path / "g.json")
    assert sg.read(tmp_path / "g.json") == g  # an attribute: every format keeps it


def test_the_education_file_is_optional_and_silent(tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        g = sg.read(write_db(tmp_path / "db"), format="onet")
    assert not any("Education" in str(w.message) for w in seen)
    assert all("education_level" not in r.attributes for r in g.roles.values())


@pytest.mark.parametrize(
    ("category", "value", "column"),
    [
        ("13", "10", "Category"),
        ("\u00b2", "10", "Category"),
        ("6", "high", "Data Value"),
        ("6", "nan", "Data Value"),
        ("6", "120", "Data Value"),
    ],
)
def test_bad_education_rows_name_file_line_and_field(
    tmp_path: Path, category: str, value: str, column: str
) -> None:
    files = dict(SMALL)
    files["Education, Training, and Experience.txt"] = (
        EDU_HEAD
        + edu_row("15-1252.00", "RL", "6", "50")
        + edu_row("15-1252.00", "RL", category, value)
    )
    with pytest.raises(FormatError, match=rf"Experience\.txt, line 3, field '{column}'"):
        _read(write_db(tmp_path / "db", files))


def test_suppressed_education_shares_still_count(tmp_path: Path) -> None:
    # checked, not changed: the shares are one distribution, and leaving out a flagged one
    # (Registered Nurses' 56% bachelor's) moved the median onto the other categories
    head = EDU_HEAD.rstrip("\n") + "\tRecommend Suppress\n"
    files = dict(SMALL)
    files["Education, Training, and Experience.txt"] = (
        head
        + edu_row("15-1252.00", "RL", "3", "22.5").rstrip("\n")
        + "\tN\n"
        + edu_row("15-1252.00", "RL", "5", "19.4").rstrip("\n")
        + "\tN\n"
        + edu_row("15-1252.00", "RL", "6", "55.9").rstrip("\n")
        + "\tY\n"
    )
    g = _read(write_db(tmp_path / "db", files))
    assert g.roles["onet:15-1252.00"].attributes["education_level"] == "6"
