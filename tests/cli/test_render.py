"""Text tables."""

from __future__ import annotations

import skillgraph as sg
from skillgraph.cli._render import pct, table


def test_table_aligns_and_right_aligns_numbers() -> None:
    text = table(["name", "n", "ok"], [["a", 1, True], ["long name", 0.5, False]], indent=0)
    assert text.splitlines() == [
        "name          n  ok",
        "---------  ----  ---",
        "a             1  yes",
        "long name  0.50  no",
    ]


def test_long_cells_are_cut() -> None:
    text = table(["x"], [["y" * 100]])
    assert "…" in text and max(len(line) for line in text.splitlines()) < 60


def test_pct() -> None:
    assert pct(0.4234) == "42%"


def test_regression_skills_of_one_label_are_told_apart_by_kind() -> None:
    # red team: an O*NET skill and knowledge area both labelled "Mathematics" gave two
    # identical rows in the gap table
    from skillgraph.cli._render import gap_text, labelled

    g = sg.SkillGraph(language="en")
    g.add(sg.Skill(id="s:m1", label="Mathematics", kind=sg.SkillKind.SKILL))
    g.add(sg.Skill(id="s:m2", label="Mathematics", kind=sg.SkillKind.KNOWLEDGE))
    g.add(sg.Skill(id="s:m3", label="Mathematics", kind=sg.SkillKind.KNOWLEDGE))
    g.add(sg.Skill(id="s:p", label="Physics"))
    g.add(sg.Role(id="r:a", label="Analyst"))
    for s in ("s:m1", "s:m2", "s:p"):
        g.require("r:a", s)
    text = gap_text(g, g.gap("r:a", []))
    assert "Mathematics (skill)" in text and "Mathematics (knowledge)" in text
    assert "Physics (" not in text
    assert labelled(g, ["s:m2", "s:m3", "s:p"]) == (
        "Mathematics (s:m2), Mathematics (s:m3), Physics"
    )
