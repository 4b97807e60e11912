"""Reskilling bridges and near-viable direct moves on the real ESCO v1.1.1 and O*NET 29.3
releases (red team session 23, findings 4 and 8; bridge17)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import skillgraph as sg
from skillgraph.analysis._near import NEAR_BOUND, NEAR_SHARE

pytestmark = [pytest.mark.data, pytest.mark.slow]


def test_near_viable_direct_move_is_offered_with_its_reason(esco: sg.SkillGraph) -> None:
    # main offered a six-step route of 149 skills; the direct move asks 24 and misses the
    # threshold .231 at similarity .204
    nurse = esco.resolve("nurse responsible for general care", "role")
    inspector = esco.resolve("healthcare inspector", "role")
    move = esco.viable_move(nurse, inspector)
    assert not move.viable and NEAR_SHARE * move.threshold <= move.similarity < move.threshold
    plan = esco.reskill(nurse, inspector)
    assert plan.reachable and [s.role for s in plan.steps] == [inspector]
    (step,) = plan.steps
    assert not step.viable and step.similarity == pytest.approx(move.similarity, abs=1e-6)
    assert plan.direct == step and len(step.learn) == 24
    text = plan.explanation
    assert f"similarity {move.similarity:.3f} under the threshold {move.threshold:.3f}" in text
    asks = int(text.split("against ")[1].split(" ")[0])
    assert asks > NEAR_BOUND * len(step.learn)  # the route it replaces, named with its cost


def test_advise_shows_the_near_viable_direct_move(esco: sg.SkillGraph) -> None:
    nurse = esco.resolve("nurse responsible for general care", "role")
    inspector = esco.resolve("healthcare inspector", "role")
    me = sg.Profile(person="ann", role=nurse, as_of=dt.date(2025, 1, 1))
    advice = sg.advise(esco, me, "change", target=inspector)
    (option,) = advice.options
    assert option.target == inspector and option.reachable
    assert len(option.plan.steps) == 1 and not option.plan.steps[0].viable
    assert "directly" in option.objective and "viability threshold" in option.objective
    assert "under the threshold" in option.reasoning


def test_retail_to_nursing_takes_no_funeral_or_religious_bridge(onet: sg.SkillGraph) -> None:
    # main: Office Clerks -> Morticians -> Directors, Religious Activities -> Mental Health
    # Social Workers -> Registered Nurses (each step just over the threshold)
    plan = onet.reskill("onet:41-2031.00", "onet:29-1141.00")
    assert plan.reachable and plan.steps[-1].role == "onet:29-1141.00"
    assert all(s.viable for s in plan.steps)
    majors = {b.split(":")[1][:2] for b in plan.bridges}
    assert not majors & {"39", "21"}, plan.bridges
    assert len(plan.steps) <= 4 and plan.learning <= 24  # main's route learns 24 too


def test_a_viable_direct_move_is_never_replaced(onet: sg.SkillGraph) -> None:
    # the near-viable offer only stands in for a route of bridges
    plan = onet.reskill("onet:41-2031.00", "onet:41-2011.00")
    assert all(s.viable for s in plan.steps)


@pytest.mark.parametrize(
    ("start", "goal"),
    [("onet:25-3021.00", "onet:39-5094.00"), ("onet:25-4011.00", "onet:43-9111.00")],
)
def test_regression_near_viable_offer_holds_on_the_learning_shown(
    onet: sg.SkillGraph, start: str, goal: str
) -> None:
    """Review s24 (1): the offer was decided on raw requirement counts while the steps show
    the learning left after skills held at the level needed; 'asks 5 skills to learn against
    8 for the least-learning viable route (more than 2x)'. An offered direct move now asks
    under 1/NEAR_BOUND of the learning the route's steps show."""
    plan = onet.reskill(start, goal)
    said = re.search(r"asks (\d+) skills? to learn against (\d+) for", plan.explanation)
    if said is None:  # no offer: a viable route
        assert all(s.viable for s in plan.steps)
    else:
        assert int(said[2]) > NEAR_BOUND * max(int(said[1]), 1)
        assert int(said[1]) == len(plan.steps[0].learn)


def test_regression_diagrams_mark_a_near_viable_step(esco: sg.SkillGraph) -> None:
    """Review s24 (8): to_mermaid and to_dot drew the near-viable direct step like a viable
    move."""
    nurse = esco.resolve("nurse responsible for general care", "role")
    inspector = esco.resolve("healthcare inspector", "role")
    plan = esco.reskill(nurse, inspector)
    assert [s.viable for s in plan.steps] == [False]
    assert "not viable" in plan.to_mermaid() and "not viable" in plan.to_dot()


@pytest.mark.parametrize("max_steps", [1, 2, 3, 4])
def test_regression_near_viable_offer_without_a_viable_route(
    esco: sg.SkillGraph, max_steps: int
) -> None:
    """near18 (a): the near-viable direct move was weighed only against a viable route, so
    with ``max_steps`` 1-4 (no viable route that short) the plan fell back to a stepping
    stone that does not reach the target; the direct move, refused by a hair, is offered
    now, the explanation saying no viable route was found and naming the stepping stone."""
    nurse = esco.resolve("nurse responsible for general care", "role")
    inspector = esco.resolve("healthcare inspector", "role")
    plan = esco.reskill(nurse, inspector, max_steps=max_steps)
    assert plan.reachable and [s.role for s in plan.steps] == [inspector]
    (step,) = plan.steps
    assert not step.viable and plan.direct == step and len(step.learn) == 24
    text = plan.explanation
    assert f"no chain of at most {max_steps} viable move" in text
    assert "closest viable stepping stone" in text and "under the threshold" in text


def _brings(g: sg.SkillGraph, start: str, roles: list[str]) -> list[int]:
    """Per bridge: the target's required skills it is the first on the path to require."""

    def skills(role: str) -> set[str]:
        return {req.skill for req in g.requirements(role)}

    target = skills(roles[-1])
    seen = skills(start) & target
    out = []
    for bridge in roles[:-1]:
        new = (skills(bridge) & target) - seen
        out.append(len(new))
        seen |= new
    return out


def test_regression_a_plausible_bridge_that_stalls_keeps_its_surcharge(
    esco: sg.SkillGraph,
) -> None:
    """near18 (b): with bridges outside the 30 most similar surcharged (bridge17), a
    plausible bridge bringing none of the target's skills paid 0.75 of the direct learning
    and an implausible one that brings some 0.5, so stalls won more often (bench_moves
    'every bridge progresses' .302 -> .277 on ESCO). Main went production engineering
    technician -> industrial engineering technician (no skill of the target) -> industrial
    quality manager -> ICT quality assurance manager -> ICT operations manager."""
    start = "http://data.europa.eu/esco/occupation/11833a96-fc27-4b03-a53d-892ac891a2bb"
    goal = "http://data.europa.eu/esco/occupation/f0ca39a8-1e30-487c-95f9-ef2d5e734adc"
    plan = esco.reskill(start, goal)
    assert plan.reachable and plan.steps[-1].role == goal and len(plan.steps) > 1
    assert all(s.viable for s in plan.steps)
    assert all(_brings(esco, start, plan.roles[1:])), plan.bridges
