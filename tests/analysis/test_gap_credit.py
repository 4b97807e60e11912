"""Tests for skillgraph.analysis._gap_credit: technology weight, tool classes and hierarchy
credit in gap, and the same weights in learning lists."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.analysis._gap_credit import BROADER_CREDIT, NARROWER_CREDIT, TECHNOLOGY_SHARE

TECH = sg.SkillKind.TECHNOLOGY


def _tool_class(i: int, titles: int) -> str:
    return "Class A" if i < titles // 2 else ("Class B" if i < 3 * titles // 4 else "Class C")


def _nurse_like(titles: int = 12, rated: int = 4) -> sg.SkillGraph:
    """A role with ``rated`` rated skills (required by five roles) and ``titles`` software
    titles in three tool classes, the first holding half of them (required by it alone),
    plus a technology-only role."""
    g = sg.SkillGraph()
    for i in range(rated):
        g.add(sg.Skill(id=f"s:r{i}", label=f"Rated {i}"))
    for i in range(titles):
        g.add(
            sg.Skill(
                id=f"s:t{i}",
                label=f"Tool {i}",
                kind=TECH,
                attributes={"commodity_title": _tool_class(i, titles)},
            )
        )
    g.add(sg.Role(id="r:nurse", label="Nurse"))
    others = [f"r:other{k}" for k in range(4)]
    for r in others:
        g.add(sg.Role(id=r, label=r))
    g.add(sg.Role(id="r:tech", label="Tech only"))
    for i in range(rated):
        for r in ("r:nurse", *others):
            g.add(sg.Requirement(role=r, skill=f"s:r{i}", essential=True, importance=0.6))
    for i in range(titles):
        g.add(sg.Requirement(role="r:nurse", skill=f"s:t{i}", essential=True, importance=0.5))
        g.add(sg.Requirement(role="r:tech", skill=f"s:t{i}", essential=True, importance=0.5))
    return g


def test_technology_titles_weigh_less_than_rated_skills() -> None:
    # base: the 12 rarer titles covered most of the role, the 4 common rated skills little
    g = _nurse_like()
    titles = [f"s:t{i}" for i in range(12)]
    rated = [f"s:r{i}" for i in range(4)]
    assert g.gap("r:nurse", titles).coverage == pytest.approx(TECHNOLOGY_SHARE)
    assert g.gap("r:nurse", rated).coverage == pytest.approx(1 - TECHNOLOGY_SHARE)
    assert g.gap("r:nurse", titles + rated).coverage == 1.0


def test_titles_of_one_tool_class_share_one_weight() -> None:
    # base: each title weighed alike, so the class of 6 titles weighed twice one of 3
    g = _nurse_like()
    by_class: dict[str, float] = {}
    for d in g.gap("r:tech").details:
        key = _tool_class(int(d.skill[3:]), 12)
        by_class[key] = by_class.get(key, 0.0) + d.weight
    assert by_class["Class A"] == pytest.approx(by_class["Class B"])
    assert by_class["Class B"] == pytest.approx(by_class["Class C"])


def test_one_title_held_covers_its_tool_class() -> None:
    # base (and round 13): every title of the class had to be held; one of three gave 1/12
    g = _nurse_like()
    gap = g.gap("r:tech", ["s:t7"])  # one title of class B (t6, t7, t8)
    assert gap.coverage == pytest.approx(1 / 3)
    assert set(gap.matched) == {"s:t6", "s:t7", "s:t8"}
    t6 = next(d for d in gap.details if d.skill == "s:t6")
    assert t6.credit == 1.0 and t6.covered_by == "s:t7"
    assert t6.note == "covered by Tool 7 (same tool class)"
    held = next(d for d in gap.details if d.skill == "s:t7")
    assert held.covered_by is None and held.note == ""
    assert g.gap("r:tech", ["s:t0", "s:t6", "s:t9"]).coverage == 1.0


def _hierarchy() -> sg.SkillGraph:
    """query languages > SQL > T-SQL; two parents of "reporting"; an analyst needing query
    languages and Excel, a database admin needing SQL, a reporter needing both parents."""
    g = sg.SkillGraph()
    for sid, label in (
        ("s:ql", "query languages"),
        ("s:sql", "SQL"),
        ("s:tsql", "T-SQL"),
        ("s:excel", "Excel"),
        ("s:p1", "data analysis"),
        ("s:p2", "business intelligence"),
        ("s:rep", "reporting"),
    ):
        g.add(sg.Skill(id=sid, label=label))
    g.add(sg.Broader(narrower="s:sql", broader="s:ql"))
    g.add(sg.Broader(narrower="s:tsql", broader="s:sql"))
    g.add(sg.Broader(narrower="s:rep", broader="s:p1"))
    g.add(sg.Broader(narrower="s:rep", broader="s:p2"))
    for rid, label in (
        ("r:analyst", "Analyst"),
        ("r:dba", "Database admin"),
        ("r:reporter", "Reporter"),
    ):
        g.add(sg.Role(id=rid, label=label))
    g.add(sg.Requirement(role="r:analyst", skill="s:ql", essential=True, importance=0.5))
    g.add(sg.Requirement(role="r:analyst", skill="s:excel", essential=True, importance=0.5))
    g.add(sg.Requirement(role="r:dba", skill="s:sql", essential=True, importance=0.5))
    g.add(sg.Requirement(role="r:reporter", skill="s:p1", essential=True, importance=1.0))
    g.add(sg.Requirement(role="r:reporter", skill="s:p2", essential=False, importance=0.5))
    return g


def test_held_narrower_skill_credits_a_broader_requirement() -> None:
    # base: SQL held gave no credit toward the required "query languages"
    g = _hierarchy()
    gap = g.gap("r:analyst", ["SQL"])
    item = next(d for d in gap.details if d.skill == "s:ql")
    assert set(gap.missing) == {"s:ql", "s:excel"} and gap.matched == []
    assert item.credit == NARROWER_CREDIT and item.covered_by == "s:sql"
    assert item.note == "covered by SQL (narrower)"
    assert gap.labels["s:sql"] == "SQL" and "s:sql" in gap.named()
    assert gap.coverage == pytest.approx(NARROWER_CREDIT / 2)
    assert gap.essential_coverage == pytest.approx(NARROWER_CREDIT / 2)


def test_held_broader_skill_credits_a_narrower_requirement_less() -> None:
    # base: no credit
    g = _hierarchy()
    gap = g.gap("r:dba", ["query languages"])
    (item,) = gap.details
    assert item.credit == BROADER_CREDIT < NARROWER_CREDIT < 1
    assert item.note == "covered by query languages (broader)"
    assert gap.coverage == pytest.approx(BROADER_CREDIT) and gap.matched == []
    held = g.gap("r:dba", ["SQL"]).details[0]
    assert held.credit == 1.0 and held.covered_by is None and held.note == ""


def test_credit_is_one_hierarchy_step_only() -> None:
    # round 13: T-SQL, two steps below query languages, credited it too (any depth)
    g = _hierarchy()
    assert g.gap("r:dba", ["T-SQL"]).coverage == pytest.approx(NARROWER_CREDIT)
    assert g.gap("r:analyst", ["T-SQL"]).coverage == 0.0


def test_a_held_skill_credits_one_requirement_and_a_requirement_is_credited_once() -> None:
    # round 13: "reporting" credited both of its parents; base: neither
    g = _hierarchy()
    gap = g.gap("r:reporter", ["reporting"])
    credited = {d.skill: d.credit for d in gap.details if d.credit > 0}
    assert credited == {"s:p1": NARROWER_CREDIT}  # the heavier (essential) parent
    # two narrower skills held give a requirement one credit, not two
    g.add(sg.Skill(id="s:plsql", label="PL/SQL"))
    g.add(sg.Broader(narrower="s:plsql", broader="s:ql"))
    two = g.gap("r:analyst", ["SQL", "PL/SQL"])
    assert two.coverage == pytest.approx(NARROWER_CREDIT / 2)
    assert next(d for d in two.details if d.skill == "s:ql").covered_by == "s:plsql"


@given(
    st.lists(
        st.sampled_from(["s:ql", "s:sql", "s:tsql", "s:excel", "s:p1", "s:p2", "s:rep"]),
        unique=True,
    ),
    st.sampled_from(["s:ql", "s:sql", "s:tsql", "s:excel", "s:p1", "s:p2", "s:rep"]),
)
def test_coverage_is_one_exactly_when_nothing_is_missing_and_grows(
    have: list[str], more: str
) -> None:
    g = _hierarchy()
    for role in ("r:analyst", "r:dba", "r:reporter"):
        gap = g.gap(role, have)
        assert 0.0 <= gap.coverage <= 1.0
        assert (gap.coverage == 1.0) == (not gap.missing)
        assert g.gap(role, [*have, more]).coverage >= gap.coverage - 1e-12
        required = {d.skill for d in gap.details}
        partial = [d for d in gap.details if 0 < d.credit < 1]
        assert len(partial) <= len(set(have) - required)  # one requirement a held skill
        assert len({d.covered_by for d in partial}) == len(partial)


def test_learning_values_put_rated_skills_before_technology_titles() -> None:
    # base: the rare titles had the largest weight share, so the highest learning value
    from skillgraph.analysis._index import index
    from skillgraph.analysis.learning import learning_order

    g = _nurse_like()
    ix = index(g, profiles=False)
    plan = learning_order(g, ix, ix.role_pos["r:nurse"], np.zeros(ix.n_skills, bool), [])
    rated = min(v for s, v in plan.values.items() if g.skills[s].kind is not TECH)
    titles = max(v for s, v in plan.values.items() if g.skills[s].kind is TECH)
    assert rated > titles


# ------------------------------------------------------------------ real data


def _read(path: Path) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        return sg.read(path)


@pytest.mark.data
@pytest.mark.slow
def test_registered_nurse_titles_cover_less_than_rated_skills(data: Path) -> None:
    g = _read(data / "onet" / "29.3")
    role = "onet:29-1141.00"
    req = [q.skill for q in g.requirements(role)]
    titles = [s for s in req if g.skills[s].kind is TECH]
    rated = [s for s in req if g.skills[s].kind is not TECH]
    assert titles and rated
    # base: 43 titles covered 0.57, the 44 rated skills and knowledge 0.43
    assert g.gap(role, titles).coverage <= TECHNOLOGY_SHARE + 1e-9
    assert g.gap(role, rated).coverage >= 1 - TECHNOLOGY_SHARE - 1e-9


@pytest.mark.data
@pytest.mark.slow
def test_esco_sql_credits_query_languages_once(data: Path) -> None:
    g = _read(data / "esco" / "v1.1.1" / "csv")
    ql, sql = g.resolve("query languages", "skill"), g.resolve("SQL", "skill")
    role = g.resolve("software analyst", "role")
    gap = g.gap(role, [sql])
    item = next(d for d in gap.details if d.skill == ql)
    assert item.credit == NARROWER_CREDIT and item.note == "covered by SQL (narrower)"
    assert [d.skill for d in gap.details if d.credit > 0] == [ql]  # base: none
    # round 13's double count: a held required skill ("inspect insulation") credited every
    # required ancestor, .019 -> .167; it covers itself and credits nothing else
    worker = g.resolve("insulation worker", "role")
    held = g.gap(worker, [g.resolve("inspect insulation", "skill")])
    assert [d.credit for d in held.details if d.credit > 0] == [1.0]
