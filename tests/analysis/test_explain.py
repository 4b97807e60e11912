"""Tests for skillgraph.analysis.explain: the wording of move and plan explanations."""

from __future__ import annotations

import pytest

import skillgraph as sg


def test_regression_one_skill_transfers_is_singular(demo: sg.SkillGraph) -> None:
    # red team s21 #19: "1 skills transfer"
    move = demo.classify("accountant", "barista")
    assert len(move.transferred) == 1
    assert "1 skill transfers" in move.explanation and "1 skills" not in move.explanation


def _maths() -> sg.SkillGraph:
    g = sg.SkillGraph(language="en")
    g.add(sg.Skill(id="s:m1", label="Mathematics", kind=sg.SkillKind.SKILL))
    g.add(sg.Skill(id="s:m2", label="Mathematics", kind=sg.SkillKind.KNOWLEDGE))
    g.add(sg.Skill(id="s:p", label="Physics"))
    return g


def test_regression_explanations_tell_one_label_apart_by_kind() -> None:
    # red team s21 #20: "acquire Programming, Mathematics, Science, Mathematics"
    from skillgraph.analysis.explain import names

    assert names(_maths(), ["s:p", "s:m1", "s:m2"]) == (
        "Physics, Mathematics (skill), Mathematics (knowledge)"
    )


def test_regression_the_ambiguity_error_names_each_kind() -> None:
    # red team s21 #20: "matches 2 skills: Mathematics (id); Mathematics (id)"
    with pytest.raises(sg.AmbiguousError) as info:
        _maths().find("Mathematics", "skill")
    assert "Mathematics (skill, s:m1); Mathematics (knowledge, s:m2)" in str(info.value)
