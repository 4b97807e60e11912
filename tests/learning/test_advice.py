"""Tests for skillgraph.learning.advice: plans by aspiration, with their reasoning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.analysis.families import cluster_line
from skillgraph.analysis.viability import PROMOTION_SHARE

from .conftest import BASE, snapshot

ME = snapshot("2025-01-06", "retail sales assistant", BASE)
FIELDS = ("purpose", "objective", "suits", "application", "outcome", "reasoning")


def test_grow_gives_upskilling_inside_the_cluster(demo: sg.SkillGraph) -> None:
    advice = sg.advise(demo, ME, "grow")
    here = demo.roles["demo:role/retail-sales-assistant"].cluster
    assert advice.options
    for o in advice.options:
        assert o.kind == "upskilling"
        assert demo.roles[o.target].cluster == here
        assert all(getattr(o, f) for f in FIELDS)
    assert [o.cost for o in advice.options] == sorted(o.cost for o in advice.options)


def test_change_gives_reskilling_across_clusters(demo: sg.SkillGraph) -> None:
    advice = sg.advise(demo, ME, "change", k=3)
    here = demo.roles["demo:role/retail-sales-assistant"].cluster
    assert len(advice.options) == 3
    clusters = {demo.roles[o.target].cluster for o in advice.options}
    assert here not in clusters and len(clusters) == 3
    assert all(o.kind == "reskilling" for o in advice.options)
    named = sg.advise(demo, ME, "change", target="digital marketing specialist")
    assert [o.target for o in named.options] == ["demo:role/digital-marketing-specialist"]
    assert "E-commerce assistant" in named.options[0].objective  # the bridge role


def test_declining_avoids_families(demo: sg.SkillGraph) -> None:
    free = sg.advise(demo, ME, "declining", k=2)
    avoid = demo.roles[free.options[0].target].cluster
    advice = sg.advise(demo, ME, "declining", k=2, avoid=[avoid])
    assert avoid not in {demo.roles[o.target].cluster for o in advice.options}
    assert "demand is falling" in advice.options[0].purpose


def test_resources_attached(demo: sg.SkillGraph, catalogue: sg.Catalogue) -> None:
    advice = sg.advise(demo, ME, "grow", k=1, catalogue=catalogue, hours_per_week=3)
    res = advice.options[0].resources
    assert res is not None and res.hours_per_week == 3 and res.items
    assert res.explanation in advice.options[0].reasoning


def test_bad_arguments(demo: sg.SkillGraph) -> None:
    with pytest.raises(sg.InvalidValueError, match="aspiration"):
        sg.advise(demo, ME, "retire")
    with pytest.raises(sg.InvalidValueError, match="no current role"):
        sg.advise(demo, ME.model_copy(update={"role": None}))
    with pytest.raises(sg.InvalidValueError, match="profile must be"):
        sg.advise(demo, {"person": "x"})  # type: ignore[arg-type]
    with pytest.raises(sg.InvalidValueError):
        sg.advise(demo, ME, "change", target="store manager")  # same cluster
    with pytest.raises(sg.InvalidValueError, match="k must be"):
        sg.advise(demo, ME, k=0)


def test_regression_options_advise_would_ignore_are_refused(demo: sg.SkillGraph) -> None:
    # red team s21 #11: grow ignored target and avoid; a named target ignored avoid
    cafe = "demo:cluster/hospitality-food-service"
    with pytest.raises(sg.InvalidValueError, match="target goes with") as exc:
        sg.advise(demo, ME, "grow", target="barista")
    assert exc.value.field == "target"
    with pytest.raises(sg.InvalidValueError, match="avoid goes with"):
        sg.advise(demo, ME, "grow", avoid=[cafe])
    with pytest.raises(sg.InvalidValueError, match="avoid goes with"):
        sg.advise(demo, ME, "change", target="barista", avoid=cafe)


def test_demand_reorders_options_and_is_named(demo: sg.SkillGraph) -> None:
    plain = sg.advise(demo, ME, "change", k=3)
    assert len(plain.options) == 3
    last = plain.options[-1].target
    demand = sg.DemandSignals.from_values(demo, {last: {"job_ads": 1000.0}}, onet=False)
    ranked = sg.advise(demo, ME, "change", k=3, demand=demand)
    assert {o.target for o in ranked.options} == {o.target for o in plain.options}
    assert ranked.options[0].target == last  # cost divided by 1 + its demand score (1)
    assert "Demand for the target: 1.00" in ranked.options[0].reasoning
    assert "No demand signal" in ranked.options[1].reasoning
    paid = sg.DemandSignals.from_values(
        demo,
        {"retail sales assistant": {"earnings": 50000.0}, last: {"earnings": 20000.0}},
        onet=False,
    )
    poorer = sg.advise(demo, ME, "change", k=3, demand=paid)
    assert poorer.options[-1].target == last  # undesirable: under 75% of the earnings
    assert "Not desirable" in poorer.options[-1].reasoning
    with pytest.raises(sg.InvalidValueError, match="demand"):
        sg.advise(demo, ME, "change", demand={"x": 1})  # type: ignore[arg-type]


def test_regression_an_unreachable_target_is_not_claimed(
    demo: sg.SkillGraph, catalogue: sg.Catalogue
) -> None:
    # red team s22 #1: "the cheapest leads to <target>" and an objective "from A to
    # <target> through ..." while the route ended at a stepping stone, and the resources
    # taught the stones' skills instead of the target's
    me = snapshot("2025-01-06", "accounts assistant", [])
    advice = sg.advise(demo, me, "change", target="barista", catalogue=catalogue)
    (o,) = advice.options
    assert not o.reachable and not o.plan.reachable and o.target == "demo:role/barista"
    assert "leads to" not in advice.explanation
    assert "no viable route reaches Barista" in advice.explanation
    assert "from Accounts assistant to Barista" not in o.objective
    assert "which no chain of viable moves reaches" in o.objective
    stone = demo.label(o.plan.steps[-1].role)
    assert f"closest viable stepping stone is {stone}" in o.objective
    assert o.resources is not None and o.resources.direct and not o.resources.reachable
    assert o.resources.needed == o.plan.direct.learn
    assert f"direct retraining onto Barista asks {len(o.plan.direct.learn)} skills" in o.reasoning
    reached = sg.advise(demo, ME, "change", target="digital marketing specialist")
    assert reached.options[0].reachable and "leads to" in reached.explanation


def test_regression_grow_judges_no_single_move_again(
    demo: sg.SkillGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # review s21: grow asked viable_move once per plan to tell a promotion from the ladder;
    # the plan's last step carries its family, which is what viable_move compared
    want = sg.advise(demo, ME, "grow", k=5)
    assert want.options

    def judged(*_a: object, **_k: object) -> None:
        raise AssertionError("viable_move called")

    monkeypatch.setattr(type(demo), "viable_move", judged)
    assert sg.advise(demo, ME, "grow", k=5) == want


@pytest.mark.parametrize(
    ("growth", "reason"),
    [
        ("promotion", "A promotion one seniority step up inside the occupational group"),
        ("line", "A step up the role's own line into another job family"),
        ("field-manager", "A step up into the management of the role's own field"),
        ("family", "A move up inside the current family"),
    ],
)
def test_regression_grow_reads_how_a_plan_grows_not_its_wording(
    demo: sg.SkillGraph, monkeypatch: pytest.MonkeyPatch, growth: str, reason: str
) -> None:
    # advise told a promotion by the phrase "is a promotion inside" in the explanation: a
    # reworded explanation changed the reason; it reads Plan.growth now
    # (the old phrase in a plan that is no promotion, none in one that is)
    text = "Reworded." if growth == "promotion" else "X is a promotion inside ISCO 522."
    plans = demo.upskill("demo:role/retail-sales-assistant", [], 1)
    assert plans
    plan = plans[0].model_copy(update={"growth": growth, "explanation": text})
    monkeypatch.setattr(demo, "upskill", lambda *_a, **_k: [plan])
    (option,) = sg.advise(demo, ME, "grow", k=1).options
    assert option.reasoning.startswith(reason)
    assert text in option.reasoning


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize(
    ("release", "fmt", "role", "line"),
    [
        ("esco/v1.1.1/csv", "esco", "warehouse worker", {"http://data.europa.eu/esco/isco/C933"}),
        (
            "onet/29.3",
            "onet",
            "Laborers and Freight, Stock, and Material Movers, Hand",
            {"onet:soc/53-7000", "onet:soc/53-1000"},
        ),
    ],
)
def test_regression_declining_leaves_the_line(
    data: Path, release: str, fmt: str, role: str, line: set[str]
) -> None:
    """Regression: leaving a declining role never lands in its cluster (ESCO: the closest
    stepping stone warehouse order picker, ISCO 9333), nor its supervisors' group (O*NET:
    First-Line Supervisors of Helpers, Laborers, and Material Movers, 53-1000)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = sg.read(data / release, format=fmt)
    rid = g.resolve(role, "role")
    assert line <= cluster_line(g, g.roles[rid].cluster, rid)
    advice = sg.advise(g, snapshot("2025-01-06", rid, []), "declining", k=3)
    assert advice.options
    for option in advice.options:
        assert all(g.roles[st.role].cluster not in line for st in option.plan.steps)


def test_regression_other_families_stop_at_the_similarity_floor(demo: sg.SkillGraph) -> None:
    # red team s25 #2: a target at similarity 0.06 was called "among the roles most
    # similar"; the floor is the least similarity of any viable single move
    floor = PROMOTION_SHARE * demo.viable_move("barista", "commis chef").threshold
    for role, wish, n in [
        ("barista", "change", 2),
        ("barista", "declining", 1),
        ("chef de partie", "change", 0),
    ]:
        advice = sg.advise(demo, snapshot("2025-01-06", role, []), wish, k=3)
        assert len(advice.options) == n
        for o in advice.options:
            score = float(re.search(r"\(similarity ([0-9.]+),", o.reasoning)[1])  # type: ignore[index]
            assert score >= floor and "ranked" in o.reasoning
        assert f"at least {floor:.3f} similar to {demo.label(demo.resolve(role, 'role'))}" in (
            advice.explanation
        )
        assert "the least similarity of any viable single move" in advice.explanation
    chef = sg.advise(demo, snapshot("2025-01-06", "chef de partie", []), "change", k=3)
    assert "no other job family holds a role" in chef.explanation


def test_regression_outcome_matches_the_route(demo: sg.SkillGraph) -> None:
    # red team s25 #2: every declining option said "reached through viable steps", also
    # for a target no viable chain reaches
    me = snapshot("2025-01-06", "accountant", [])
    for wish in ("change", "declining"):
        advice = sg.advise(demo, me, wish, target="care assistant")
        o = advice.options[0]
        assert not o.reachable
        assert "viable steps" not in o.outcome and "Readiness for a new occupation" not in o.outcome
        assert o.outcome.startswith("No chain of viable moves reaches Care assistant")
    for o in sg.advise(demo, ME, "declining", k=3).options:
        if o.reachable and o.plan.steps[-1].viable:
            assert "reached through viable steps" in o.outcome
