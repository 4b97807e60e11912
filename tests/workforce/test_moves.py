"""The workforce's one viability verdict (skillgraph.workforce._moves)."""

from __future__ import annotations

import pytest

import skillgraph as sg
from skillgraph.workforce._moves import viability

ANALYST = "demo:role/marketing-analyst"


def test_same_role_is_viable_with_the_graphs_threshold(demo: sg.SkillGraph) -> None:
    same = viability(demo, ANALYST, ANALYST)
    move = demo.viable_move("demo:role/retail-sales-assistant", ANALYST)
    assert same.viable is True and same.similarity == 1.0 and same.seniority_jump == 0
    assert same.reason == "same role"
    assert same.threshold == move.threshold


def test_same_role_unknown_is_an_error(demo: sg.SkillGraph) -> None:
    with pytest.raises(sg.NotFoundError):
        viability(demo, "demo:role/nobody", "demo:role/nobody")
