"""The crediting rule of free text on a small graph: numbers and units name no skill."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text._accept import UNITS, is_number
from skillgraph.text._analyze import STOP_WORDS
from skillgraph.text._cv import long_text, roles_in_text, title_lines


def _versions() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:xcode", label="Xcode", alt_labels=("Xcode 6", "Xcode 7")))
    g.add(sg.Skill(id="s:source", label="Source (game engine)", alt_labels=("Source 2",)))
    g.add(sg.Skill(id="s:solar", label="SOLAR-2"))
    g.add(sg.Skill(id="s:alone", label="work independently", alt_labels=("work on your own",)))
    g.add(sg.Skill(id="s:hours", label="log flight hours"))
    return g


GRAPH = _versions()
_WORDS = [
    "6",
    "10+",
    "2021",
    "3.2",
    "2nd",
    "v2",
    "90%",
    "2:1",
    *sorted(UNITS),
    *sorted(STOP_WORDS)[:40],
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8),
    st.sampled_from([" ", ", ", "\n"]),
)
def test_numbers_units_and_stop_words_credit_nothing(words: list[str], sep: str) -> None:
    assert GRAPH.match_skills(sep.join(words), k=None) == []


def test_a_name_with_its_version_is_still_credited() -> None:
    assert GRAPH.match_skills("Xcode 6", k=None).ids == ["s:xcode"]
    assert GRAPH.match_skills("SOLAR-2", k=None).ids == ["s:solar"]


def test_numbers() -> None:
    assert all(is_number(w) for w in ("6", "10+", "2021", "3.2", "1st", "v2", "90%", "24/7"))
    assert not any(is_number(w) for w in ("3d", "c++", "b2b", "python", "x"))


def test_title_lines_of_a_cv() -> None:
    cv = "Jane Smith\nMathematics Teacher, Oakwood Academy (2018 - present)\n- Planned lessons\n"
    assert long_text(cv) and not long_text("RN, night shift")
    assert [cv[a:b] for a, b in title_lines(cv)] == ["Jane Smith", "Mathematics Teacher"]


def test_regression_cv_roles_have_float_scores_and_a_checked_k() -> None:
    # review s23: a role found through a CV's title lines carried a numpy.float64 score
    # (model_copy skips validation), and roles_in_text took a negative k silently
    g = sg.load("demo")
    cv = "Jane Smith\nAccountant, Smith & Co (2018 - present)\n- Prepared financial statements\n"
    found = g.match_roles(cv, k=3)
    assert found and all(type(m.score) is float for m in found)
    with pytest.raises(sg.InvalidValueError):
        roles_in_text(g, cv, k=-1)
