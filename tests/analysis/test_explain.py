"""Tests for skillgraph.analysis.explain: the wording of move and plan explanations."""

from __future__ import annotations

import skillgraph as sg


def test_regression_one_skill_transfers_is_singular(demo: sg.SkillGraph) -> None:
    # red team s21 #19: "1 skills transfer"
    move = demo.classify("accountant", "barista")
    assert len(move.transferred) == 1
    assert "1 skill transfers" in move.explanation and "1 skills" not in move.explanation
