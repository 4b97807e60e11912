"""Move costs and skills to learn weigh and cover requirements as gap does
(skillgraph.analysis._gap_credit read by moves, search and _cheapest)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgraph as sg

TECH = sg.SkillKind.TECHNOLOGY
CLASSES = ("sheets", "sheets", "sheets", "sheets", "mail", "mail")


def _at_level(g: sg.SkillGraph, held_by: list[str], role: str) -> set[str]:
    """The requirements of ``role`` that one of ``held_by`` rates (its ``ratings``
    attribute) at the level required or above: held, not priced by a move."""
    rated: dict[str, float] = {}
    for r in held_by:
        for item in str(g.roles[r].attributes.get("ratings", "")).split():
            sid, _, value = item.rpartition("=")
            if "/" in value:
                rated[sid] = max(rated.get(sid, 0.0), float(value.split("/")[1]))
    return {
        q.skill
        for q in g.requirements(role)
        if q.level is not None and q.skill in rated and rated[q.skill] >= q.level
    }


def _graph() -> sg.SkillGraph:
    """A clerk (two rated skills, one spreadsheet title) and an analyst (three rated
    skills, the other spreadsheet titles but one, two mail titles); a fourth spreadsheet
    title (s:t3) is required by a third role only."""
    g = sg.SkillGraph()
    for i in range(4):
        g.add(sg.Skill(id=f"s:r{i}", label=f"Rated {i}"))
    for i, klass in enumerate(CLASSES):
        g.add(
            sg.Skill(
                id=f"s:t{i}", label=f"Tool {i}", kind=TECH, attributes={"commodity_title": klass}
            )
        )
    g.add(sg.Cluster(id="c:office", label="Office"))
    g.add(sg.Cluster(id="c:data", label="Data"))
    g.add(sg.Role(id="r:clerk", label="Clerk", cluster="c:office", level=1))
    g.add(sg.Role(id="r:analyst", label="Analyst", cluster="c:data", level=1))
    g.add(sg.Role(id="r:other", label="Other", cluster="c:data", level=1))
    for s in ("s:r0", "s:r1", "s:t0"):
        g.require("r:clerk", s, importance=0.6)
    for s in ("s:r0", "s:r2", "s:r3", "s:t1", "s:t2", "s:t4", "s:t5"):
        g.require("r:analyst", s, importance=0.6)
    for s in ("s:r3", "s:t3"):
        g.require("r:other", s, importance=0.6)
    return g


def test_classify_cost_is_gaps_uncovered_share_with_titles() -> None:
    # round 14 (reverted): gap weighed titles by tool class, classify by importance x
    # rarity each apart; base: neither let the clerk's spreadsheet title count
    g = _graph()
    move = g.classify("r:clerk", "r:analyst")
    gap = g.gap("r:analyst", have=["s:r0", "s:r1", "s:t0"])
    assert move.cost == pytest.approx(1 - gap.coverage, abs=1e-12)
    assert set(move.acquire) == set(gap.missing)
    untitled = g.gap("r:analyst", have=["s:r0", "s:r1"])  # the clerk without its title
    assert move.cost < 1 - untitled.coverage - 0.01


def test_classify_acquires_no_title_gap_calls_covered() -> None:
    # base: the clerk's spreadsheet title left s:t1 and s:t2 to acquire
    g = _graph()
    move = g.classify("r:clerk", "r:analyst")
    gap = g.gap("r:analyst", have=["s:r0", "s:r1", "s:t0"])
    covered = {d.skill for d in gap.details if d.covered_by}
    assert covered == {"s:t1", "s:t2"}
    assert not covered & set(move.acquire)
    assert covered <= set(move.transferred)


def test_a_held_title_covers_its_class_when_the_role_does_not_list_it() -> None:
    # base (and round 14): s:t3 is not the analyst's, so it covered nothing there
    g = _graph()
    gap = g.gap("r:analyst", have=["s:t3"])
    got = {d.skill: d.covered_by for d in gap.details if d.covered_by}
    assert got == {"s:t1": "s:t3", "s:t2": "s:t3"}
    assert {"s:t1", "s:t2"} <= set(gap.matched)
    note = next(d.note for d in gap.details if d.skill == "s:t1")
    assert note == "covered by Tool 3 (same tool class)" and gap.labels["s:t3"] == "Tool 3"
    move = g.classify("r:other", "r:analyst")  # the other role's title covers them too
    assert not {"s:t1", "s:t2"} & set(move.acquire)
    assert move.cost == pytest.approx(1 - g.gap("r:analyst", ["s:r3", "s:t3"]).coverage)


def _read(path: Path) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        return sg.read(path)


@pytest.fixture(scope="module")
def onet(data: Path) -> sg.SkillGraph:
    path = data / "onet" / "29.3"
    if not path.exists():
        pytest.skip("O*NET 29.3 not available")
    return _read(path)


@pytest.mark.data
@pytest.mark.slow
def test_onet_cashiers_to_chief_executives_cost_and_acquire_are_gaps(
    onet: sg.SkillGraph,
) -> None:
    # the review of round 14: classify cost 0.5658 beside gap's 1 - coverage 0.3368, and
    # seven ERP titles to acquire that gap called covered by "SAP software"
    a = onet.resolve("Cashiers", "role")
    b = onet.resolve("Chief Executives", "role")
    move = onet.classify(a, b)
    have = {q.skill for q in onet.requirements(a)} | _at_level(onet, [a], b)
    gap = onet.gap(b, have=sorted(have))
    assert move.cost == pytest.approx(1 - gap.coverage, abs=1e-12)
    assert set(move.acquire) == set(gap.missing)
    assert any(d.covered_by for d in gap.details)


@pytest.mark.data
@pytest.mark.slow
def test_onet_reskill_step_costs_are_gaps(onet: sg.SkillGraph) -> None:
    # each step costs 1 - gap's coverage of its role for what is held by then
    start = onet.resolve("Registered Nurses", "role")
    plan = onet.reskill(start, onet.resolve("Software Developers", "role"))
    held = {q.skill for q in onet.requirements(start)}
    assert plan.steps
    roles = [start]
    for st in plan.steps:
        gap = onet.gap(st.role, have=sorted(held | _at_level(onet, roles, st.role)))
        roles.append(st.role)
        assert st.cost == pytest.approx(1 - gap.coverage, abs=1e-12)
        assert set(st.learn) == set(gap.missing)
        held |= {q.skill for q in onet.requirements(st.role)}
