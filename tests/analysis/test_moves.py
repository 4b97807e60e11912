"""Tests for skillgraph.analysis.moves: upskill, reskill, classify."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.analysis._index import index
from skillgraph.analysis._ladder import LEVEL, LINE_SENIOR, ladder
from skillgraph.analysis._near import NEAR_SHARE
from skillgraph.analysis.viability import mobility
from tests.analysis._office import CLERKS, split_office
from tests.strategies import graphs


def _check_plan(g: sg.SkillGraph, plan: sg.Plan) -> None:
    assert all(0.0 <= s.cost <= 1.0 for s in plan.steps)
    assert plan.cost == sum(s.cost for s in plan.steps)
    prev = plan.start
    for s in plan.steps:
        if not s.viable:  # a near-viable direct move (analysis._near): the plan's one step
            assert len(plan.steps) == 1 and "not viable as one move" in plan.explanation
            threshold = mobility(g).threshold
            assert s.similarity is not None and s.similarity >= NEAR_SHARE * threshold - 1e-6
            assert not g.viable_move(prev, s.role).viable
            continue
        assert g.viable_move(prev, s.role).viable
        prev = s.role


# ---------------------------------------------------------------- upskill
def test_upskill_is_vertical_inside_the_family(small: sg.SkillGraph) -> None:
    plans = small.upskill("r:junior-dev", k=5)
    rank = small.seniority("auto")
    fam = small.families("auto")
    assert plans
    for p in plans:
        assert p.kind is sg.MoveKind.UPSKILLING
        assert rank[p.target] > rank["r:junior-dev"]
        assert all(fam[s.role] == fam["r:junior-dev"] for s in p.steps)
        assert "same role family" in p.explanation
        _check_plan(small, p)
    assert plans[0].target == "r:dev"  # one skill (docker) away, one step
    assert "a step up: a declared progression of the start" in plans[0].explanation
    keys = [(len(p.steps), p.cost) for p in plans]
    assert keys == sorted(keys)


def _kitchen() -> tuple[sg.SkillGraph, dict[str, str]]:
    """A cook whose cheapest step up (a bakery clerk, a level up) is another line, and a
    head cook (a supervisory variant, a level up by its title) that asks more learning."""
    g = sg.SkillGraph()
    for s in "abcdefgh":
        g.add(sg.Skill(id=f"s:{s}", label=f"skill {s}"))
    roles = [
        ("r:cook", "Cook", 1, "abcd"),
        ("r:clerk", "Bakery clerk", 2, "abcde"),
        ("r:head", "Head cook", 1, "abcdef"),
        ("r:line", "Line cook", 1, "abcdg"),
    ]
    for rid, label, level, skills in roles:
        g.add(sg.Role(id=rid, label=label, level=level))
        for s in skills:
            g.require(rid, f"s:{s}", essential=True)
    return g, dict.fromkeys([r for r, *_ in roles], "f:kitchen")


def test_regression_upskill_offers_the_line_supervisor_before_a_cheaper_level_up() -> None:
    # was [clerk, head]: the least learning first, whatever the step up
    g, fams = _kitchen()
    plans = g.upskill("r:cook", families=fams)
    assert [p.target for p in plans] == ["r:head", "r:clerk"]
    assert plans[0].cost > plans[1].cost
    assert "a step up the same line: its title names a supervisory or managerial role ('head')" in (
        plans[0].explanation
    )
    assert "the titles share 'cook'" in plans[0].explanation
    assert "a step up by level only" in plans[1].explanation
    # sideways plans asked for: the search objective alone, as before
    lateral = g.upskill("r:cook", families=fams, lateral=True)
    keys = [(len(p.steps), p.cost) for p in lateral]
    assert keys == sorted(keys)


def test_lateral_targets_are_labelled(small: sg.SkillGraph) -> None:
    plans = small.upskill("r:dev", k=5, lateral=True)
    kinds = {p.target: p.kind for p in plans}
    assert kinds.get("r:go-dev") is sg.MoveKind.LATERAL  # same level 2
    assert "r:go-dev" not in {p.target for p in small.upskill("r:dev", k=5)}
    assert all(p.kind is sg.MoveKind.UPSKILLING for p in small.upskill("r:dev", k=5))


def test_upskill_step_lists_transferable_and_learn(small: sg.SkillGraph) -> None:
    plan = next(p for p in small.upskill("r:junior-dev") if p.target == "r:dev")
    step = plan.steps[-1]
    assert step.learn == ["s:docker"]
    assert set(step.transferable) == {"s:python", "s:git", "s:comm"}
    assert step.learning_plan is not None and step.learning_plan.order == ["s:docker"]
    assert step.viable and step.similarity is not None and step.seniority is not None
    assert "Docker" in plan.explanation


def test_upskill_from_the_top_finds_nothing(small: sg.SkillGraph) -> None:
    assert small.upskill("r:senior-dev", k=5) == []


def test_have_lowers_costs(small: sg.SkillGraph) -> None:
    base = {p.target: p.cost for p in small.upskill("r:junior-dev")}
    more = {p.target: p.cost for p in small.upskill("r:junior-dev", have=["Docker", "Go"])}
    assert more["r:dev"] == 0.0 < base["r:dev"]


def test_upskill_argument_errors(small: sg.SkillGraph) -> None:
    with pytest.raises(sg.InvalidValueError):
        small.upskill("r:dev", k=-1)
    with pytest.raises(sg.InvalidValueError):
        small.upskill("r:dev", max_steps=0)
    with pytest.raises(sg.InvalidValueError, match="families"):
        small.upskill("r:dev", families="nonsense")
    with pytest.raises(sg.NotFoundError):
        small.upskill("r:nobody")


# ---------------------------------------------------------------- reskill
def _ladder() -> sg.SkillGraph:
    """Start and goal far apart; a bridge shares half of each."""
    g = sg.SkillGraph()
    for i in range(8):
        g.add(sg.Skill(id=f"s:{i}", label=f"skill {i}"))
    roles = {
        "r:start": ("Start", "c:a", ["s:0", "s:1", "s:2", "s:3"]),
        "r:bridge": ("Bridge", "c:b", ["s:2", "s:3", "s:4", "s:5"]),
        "r:goal": ("Goal", "c:c", ["s:4", "s:5", "s:6", "s:7"]),
        "r:far": ("Far", "c:c", ["s:6", "s:7"]),
    }
    for rid, (label, cluster, skills) in roles.items():
        _role(g, rid, label, skills, cluster)
    return g


def _role(g: sg.SkillGraph, rid: str, label: str, skills: list[str], cluster: str | None) -> None:
    """Add role ``rid`` (level 1) requiring ``skills``."""
    g.add(sg.Role(id=rid, label=label, cluster=cluster, level=1))
    for s in skills:
        g.require(rid, s)


FAMILIES = {"r:start": "a", "r:bridge": "a", "r:goal": "c", "r:far": "c"}


def test_reskill_goes_through_a_bridge_when_the_jump_is_not_viable() -> None:
    g = _ladder()
    assert not g.viable_move("r:start", "r:goal", families=FAMILIES).viable
    plan = g.reskill("r:start", "r:goal", families=FAMILIES)
    assert plan.reachable
    assert plan.roles == ["r:start", "r:bridge", "r:goal"]
    assert plan.bridges == ["r:bridge"]
    assert plan.steps[1].learn == ["s:6", "s:7"]  # s:4, s:5 learned on the bridge step
    assert "bridge role Bridge" in plan.explanation
    for s in plan.steps:
        assert s.viable


def _detour() -> sg.SkillGraph:
    """A start with two viable bridges to a goal: one titled like the goal but requiring
    none of its skills (a large role, so its step is the cheaper share of its
    requirements), one requiring a goal skill."""
    g = sg.SkillGraph()
    start = [f"s:{i}" for i in range(6)]
    goal = [f"s:g{i}" for i in range(6)]
    g.add(sg.Skill(id="s:area", label="area"))
    for s in [*start, *goal, "s:h0", "s:h1", "s:y0"]:
        g.add(sg.Skill(id=s, label=s))
    for s in [*goal, "s:h0", "s:h1"]:
        g.add_broader(s, "s:area")
    roles = {
        "r:start": ("field data analyst", start),
        "r:stall": ("field data research scientist", [*start, "s:h0", "s:h1"]),
        "r:step": ("ward data clerk", ["s:0", "s:1", "s:g0", "s:y0"]),
        "r:goal": ("ward research scientist nurse", [*goal, "s:0"]),
    }
    for rid, (label, skills) in roles.items():
        _role(g, rid, label, skills, None)
    return g


DETOUR_FAMILIES = {"r:start": "a", "r:stall": "a", "r:step": "a", "r:goal": "c"}


def test_reskill_bridges_progress_toward_the_target() -> None:
    # main took the cheaper-looking bridge that brings none of the goal's skills (8 skills
    # learned); the bridge requiring a goal skill learns 7
    g = _detour()
    for bridge in ("r:stall", "r:step"):
        assert g.viable_move("r:start", bridge, families=DETOUR_FAMILIES).viable
        assert g.viable_move(bridge, "r:goal", families=DETOUR_FAMILIES).viable
    assert not g.viable_move("r:start", "r:goal", families=DETOUR_FAMILIES).viable
    plan = g.reskill("r:start", "r:goal", families=DETOUR_FAMILIES)
    assert plan.roles == ["r:start", "r:step", "r:goal"]
    assert "s:g0" in plan.steps[0].learn
    assert sum(len(s.learn) for s in plan.steps) == 7
    assert "ward data clerk brings 1 of the target's skills (s:g0)" in plan.explanation
    assert "route chosen for the least learning over viable steps" in plan.explanation


def test_reskill_data_analyst_to_nurse_on_esco(data: Path) -> None:
    # ESCO v1.1.1: main went data scientist -> general practitioner -> pharmacist (203
    # skills to learn on the way to the nurse); the route of the same length through
    # pharmacologist and specialist pharmacist learns 193, every bridge bringing new
    # nurse skills
    g = sg.read(data / "esco" / "v1.1.1" / "csv", format="esco")
    plan = g.reskill("data analyst", "nurse responsible for general care")
    assert plan.reachable and plan.bridges

    def skills(role: str) -> set[str]:
        return {req.skill for req in g.requirements(role)}

    def learned(path: list[str]) -> tuple[int, list[int]]:
        held, target, total, gains = skills(plan.start), skills(plan.target), 0, []
        for role in path:
            need = skills(role)
            total += len(need - held)
            gains.append(len((need & target) - held))
            held |= need
        return total, gains[:-1]

    # bridge17: bridges outside the role before's nearest viable moves are surcharged, so
    # the route (data scientist, biophysicist, pharmacologist, pharmacist) learns 242, more
    # than the 193 of the least-learning one; every bridge still brings nurse skills
    total, gains = learned([*plan.bridges, plan.target])
    assert total == sum(len(s.learn) for s in plan.steps)
    assert plan.steps[-2].label == "pharmacist" and all(gains)
    assert plan.steps[0].label in plan.explanation and "brings" in plan.explanation


def test_no_viable_path_is_a_result_with_stepping_stones() -> None:
    g = _ladder()
    plan = g.reskill("r:start", "r:goal", max_steps=1, families=FAMILIES)
    assert not plan.reachable
    assert plan.target == "r:goal"
    assert [s.role for s in plan.steps] == ["r:bridge"]  # the closest stepping stone
    assert "No viable path" in plan.explanation and "Bridge" in plan.explanation
    lonely = sg.SkillGraph()
    lonely.add(sg.Skill(id="s:a", label="A"))
    lonely.add(sg.Skill(id="s:b", label="B"))
    for rid, s in (("r:x", "s:a"), ("r:y", "s:b")):
        lonely.add(sg.Role(id=rid, label=rid, level=1))
        lonely.require(rid, s)
    stuck = lonely.reskill("r:x", "r:y", families={"r:x": "1", "r:y": "2"})
    assert not stuck.reachable and stuck.steps == [] and stuck.cost == 0.0


def test_reskill_to_a_cluster_picks_the_role_of_least_learning() -> None:
    g = _ladder()
    plan = g.reskill("r:start", "c:c", families=FAMILIES)
    assert plan.reachable and g.roles[plan.target].cluster == "c:c"
    # goal is two viable steps away; far is not reachable in two
    assert plan.roles == ["r:start", "r:bridge", "r:goal"]
    assert "the role of cluster c:c reached with the least learning" in plan.explanation


def test_reskill_to_an_industry(small: sg.SkillGraph) -> None:
    plan = small.reskill("r:dev", "Tech", max_steps=4)
    if plan.reachable:
        assert small.families()[plan.target] != small.families()["r:dev"]
    else:
        assert plan.target == "i:tech"


def test_reskill_inside_the_family_is_rejected(small: sg.SkillGraph) -> None:
    with pytest.raises(sg.InvalidValueError, match="upskill") as info:
        small.reskill("r:dev", "r:senior-dev")
    assert info.value.field == "target"
    assert info.value.id == "r:senior-dev"
    # the message names both roles by label (the ids are on the error)
    label, start = small.label("r:senior-dev"), small.label("r:dev")
    assert f"{label!r} is in the same job family" in str(info.value)
    assert f"as {start!r}" in str(info.value) and "'r:senior-dev'" not in str(info.value)
    with pytest.raises(sg.InvalidValueError) as info:
        small.reskill("r:dev", "c:dev")
    assert info.value.field == "target"
    assert small.label("c:dev") in str(info.value) and f"of {start!r}" in str(info.value)
    with pytest.raises(sg.NotFoundError, match="target"):
        small.reskill("r:dev", "astronaut")


# ---------------------------------------------------------------- classify
def test_classify_by_family_and_seniority(small: sg.SkillGraph) -> None:
    up = small.classify("r:junior-dev", "r:senior-dev")
    assert up.kind is sg.MoveKind.UPSKILLING
    assert up.viability is not None and up.viability.seniority_jump > 0
    assert set(up.acquire) == {"s:docker", "s:go"}
    assert set(up.transferred) == {"s:python", "s:git", "s:comm"}
    assert up.suits and up.application.startswith("g.upskill") and up.outcome
    side = small.classify("r:dev", "r:go-dev")
    assert side.kind is sg.MoveKind.LATERAL
    down = small.classify("r:senior-dev", "r:junior-dev")
    assert down.kind is sg.MoveKind.LATERAL and "down" in down.objective
    other = small.classify("r:analyst", "r:dev", have=["s:python"])
    assert other.kind is sg.MoveKind.RESKILLING
    assert "different job families" in other.explanation
    assert "s:python" in other.transferred
    assert other.application.startswith("g.reskill")


# ---------------------------------------------------------------- invariants
@given(graphs(rich=False), st.data())
def test_upskill_invariants(g: sg.SkillGraph, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(sorted(g.roles)))
    have = data.draw(st.lists(st.sampled_from(sorted(g.skills)), max_size=4))
    max_steps = data.draw(st.integers(1, 3))
    plans = g.upskill(role, have, k=4, max_steps=max_steps)
    mob = mobility(g)
    pos = {r: i for i, r in enumerate(sorted(g.roles))}
    fam = g.families("auto")
    rank = g.seniority("auto")
    assert len(plans) <= 4
    for p in plans:
        assert p.start == role and p.steps[-1].role == p.target != role
        assert len(p.steps) <= max_steps
        assert rank[p.target] > rank[role]  # vertical
        for s in p.steps:  # never leaves the family, but for a direct step up the line
            assert fam[s.role] == fam[role] or (
                p.steps == [s] and g.classify(role, p.target).kind is sg.MoveKind.UPSKILLING
            )
            assert rank[s.role] >= rank[role]
            assert mob.similarity(pos[role], pos[s.role]) is not None or s is not p.steps[0]
        _check_plan(g, p)
    # roles up the start's own line first, then fewest steps, evidence, least learning
    lad = ladder(g, index(g, profiles=False))
    keys = [(lad.rank(mob, pos[role], pos[p.target], len(p.steps), False), p.cost) for p in plans]
    assert keys == sorted(keys)
    for p in plans:  # every plan says why it is a step up
        tier = lad.tier(mob, pos[role], pos[p.target])[0]
        assert "a step up" in p.explanation
        assert ("a step up by level only" in p.explanation) is (tier == LEVEL)
    # a target up by level only never ranks before one up the line as near
    for a, b in itertools.pairwise(plans):
        ta = lad.tier(mob, pos[role], pos[a.target])[0]
        tb = lad.tier(mob, pos[role], pos[b.target])[0]
        assert not (ta == LEVEL and tb <= LINE_SENIOR and len(b.steps) <= len(a.steps))
    again = g.copy().upskill(role, have, k=4, max_steps=max_steps)
    assert [p.to_json() for p in plans] == [p.to_json() for p in again]


@given(graphs(rich=False), st.data())
def test_reskill_invariants(g: sg.SkillGraph, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(sorted(g.roles)))
    fam = g.families("auto")
    others = sorted(r for r in g.roles if fam[r] != fam[role] and g.requirements(r))
    assume(others)
    target = data.draw(st.sampled_from(others))
    assume(g.classify(role, target).kind is not sg.MoveKind.UPSKILLING)  # growth: refused
    have = data.draw(st.lists(st.sampled_from(sorted(g.skills)), max_size=4))
    max_steps = data.draw(st.integers(1, 4))
    plan = g.reskill(role, target, have, max_steps=max_steps)
    assert len(plan.steps) <= max_steps
    assert plan.target == target
    if plan.reachable:
        assert plan.steps[-1].role == target
    else:
        assert all(s.role != target for s in plan.steps)
    _check_plan(g, plan)
    again = g.copy().reskill(role, target, have, max_steps=max_steps)
    assert plan.to_json() == again.to_json()


@given(graphs(rich=False), st.data())
def test_classify_follows_families_and_seniority(g: sg.SkillGraph, data: st.DataObject) -> None:
    a = data.draw(st.sampled_from(sorted(g.roles)))
    b = data.draw(st.sampled_from(sorted(g.roles)))
    move = g.classify(a, b)
    fam = g.families("auto")
    rank = g.seniority("auto")
    if fam[a] != fam[b] and move.kind is sg.MoveKind.UPSKILLING:  # a step up the line
        assert g.viable_move(a, b).viable and rank[b] > rank[a]
        with pytest.raises(sg.InvalidValueError, match="upskilling, not reskilling"):
            g.reskill(a, b)
    elif fam[a] != fam[b]:
        assert move.kind is sg.MoveKind.RESKILLING
    elif rank[b] > rank[a]:
        assert move.kind is sg.MoveKind.UPSKILLING
    else:
        assert move.kind is sg.MoveKind.LATERAL
    assert move.viability is not None
    assert move.viability.viable == g.viable_move(a, b).viable
    need = {r.skill for r in g.requirements(b)}
    assert set(move.transferred) | set(move.acquire) == need
    assert not set(move.transferred) & set(move.acquire)
    assert move.to_json() == g.copy().classify(a, b).to_json()


def test_regression_roles_without_requirements_are_no_targets() -> None:
    """O*NET 'All Other' roles have no requirements: they came back as free upskill targets."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="A"))
    g.add(sg.Skill(id="s:b", label="B"))
    g.add(sg.Role(id="r:start", label="Start", cluster="c:x", level=1))
    g.add(sg.Role(id="r:next", label="Next", cluster="c:x", level=2))
    g.add(sg.Role(id="r:empty", label="All other", cluster="c:x", level=2))
    g.add(sg.Role(id="r:far", label="Far", cluster="c:y", level=2))
    g.add(sg.Role(id="r:far-empty", label="Far empty", cluster="c:y", level=2))
    g.require("r:start", "s:a")
    g.require("r:next", "s:a")
    g.require("r:next", "s:b")
    g.require("r:far", "s:a")
    g.require("r:far", "s:b")
    fams = {"r:start": "x", "r:next": "x", "r:empty": "x", "r:far": "y", "r:far-empty": "y"}
    assert [p.target for p in g.upskill("r:start", families=fams)] == ["r:next"]
    assert not g.viable_move("r:start", "r:empty", families=fams).viable
    plan = g.reskill("r:start", "c:y", families=fams)
    assert plan.target == "r:far"


def test_classify_labels_are_those_of_every_id_it_names() -> None:
    g = sg.load("demo")
    a, b = sorted(g.roles)[:2]
    move = g.classify(a, b)
    assert move.labels == {i: g.label(i) for i in sorted(move.named())}


def test_regression_objective_states_the_jump_the_viability_counts(demo: sg.SkillGraph) -> None:
    # software engineer -> senior software engineer: the objective said "2 seniority
    # levels up" while the viability said "+1 (a managerial variant ... counts once)"
    a, b = "demo:role/software-engineer", "demo:role/senior-software-engineer"
    move = demo.classify(a, b)
    assert "seniority +1 (a managerial variant one level up counts once)" in move.explanation
    assert move.objective.endswith("in the same family, 1 seniority level up.")
    plan = next(p for p in demo.upskill(a, k=5) if p.target == b)
    assert "stays in the same role family, 1 seniority level up;" in plan.explanation


def test_regression_an_upskill_with_no_seniority_jump_is_not_called_same_seniority(
    demo: sg.SkillGraph,
) -> None:
    # financial analyst -> senior accountant: one level up onto a "senior" role, which
    # counts once (jump 0); the plan said "Upskilling ... at the same seniority"
    a = demo.resolve("financial analyst", "role")
    b = demo.resolve("senior accountant", "role")
    assert demo.viable_move(a, b).seniority_jump == 0
    plan = next(p for p in demo.upskill(a) if p.target == b)
    assert "at the same seniority" not in plan.explanation
    assert "one level up onto a managerial or senior role" in plan.explanation
    assert "one level up onto a managerial or senior role" in demo.classify(a, b).objective


def test_regression_a_detected_family_is_named_by_a_member(demo: sg.SkillGraph) -> None:
    # red team: classify named detected families by id alone ("detected:25"), which
    # tells a reader nothing; now the id and the member most connected inside it
    a = demo.resolve("software engineer", "role")
    b = demo.resolve("senior software engineer", "role")
    fam = demo.families("detected")
    move = demo.classify(a, b, families="detected")
    members = sorted(r for r in fam if fam[r] == fam[a])
    shown = move.explanation.split(f"({fam[a]}: ", 1)[1].split(" and ", 1)[0].split("),")[0]
    assert shown in {demo.label(r) for r in members}
    assert f"and {len(members) - 1} more" in move.explanation or len(members) == 1


# ---------------------------------------------------------------- promotions
#: the clerks and their head in two job families (as detected families may split them)
_SPLIT = dict.fromkeys(CLERKS, "f:clerks") | {"r:head": "f:heads"}
_ISCO = dict.fromkeys([*CLERKS, "r:head"], "4110")


def test_regression_a_viable_promotion_into_another_family_is_upskilling() -> None:
    # was RESKILLING: the families split clerk and head although the move is a viable
    # promotion inside ISCO 411 (ESCO: shop assistant -> shop supervisor)
    g = split_office(_ISCO)
    move = g.classify("r:clerk0", "r:head", families=_SPLIT)
    assert move.viability is not None and move.viability.viable
    assert not move.viability.same_family
    assert move.kind is sg.MoveKind.UPSKILLING
    assert "a promotion inside ISCO 411" in move.objective
    assert "a promotion inside ISCO 411" in move.explanation
    assert (move.source_family_label, move.target_family_label) == (
        "f:clerks: clerk 0 and 7 more",
        "f:heads: head clerk",
    )
    assert "job families differ (f:clerks: clerk 0 and 7 more, f:heads" in move.explanation


def test_a_promotion_that_is_not_viable_or_goes_down_stays_reskilling() -> None:
    plain = split_office({})  # no occupational group: the head is under the threshold
    move = plain.classify("r:clerk0", "r:head", families=_SPLIT)
    assert move.viability is not None and not move.viability.viable
    assert move.kind is sg.MoveKind.RESKILLING
    down = split_office(_ISCO).classify("r:head", "r:clerk0", families=_SPLIT)
    assert down.kind is sg.MoveKind.RESKILLING


def test_regression_upskill_offers_a_viable_promotion_across_the_family_boundary() -> None:
    # was []: upskill searched the start's family only
    assert split_office({}).upskill("r:clerk0", families=_SPLIT) == []
    g = split_office(_ISCO)
    plans = g.upskill("r:clerk0", families=_SPLIT)
    assert [p.target for p in plans] == ["r:head"]
    (plan,) = plans
    assert plan.kind is sg.MoveKind.UPSKILLING
    assert [s.role for s in plan.steps] == ["r:head"] and plan.steps[0].viable
    assert plan.steps[0].family == "f:heads"
    assert (
        "clerk 0 -> head clerk is a promotion inside ISCO 411 (one seniority step up in "
        "the same occupational group), into another job family (f:heads: head clerk)"
    ) in plan.explanation
    _check_plan(g, plan)
    # the same family: an ordinary upskilling plan, which says it stays in the family
    (same,) = g.upskill("r:clerk0", families=dict.fromkeys([*CLERKS, "r:head"], "f:office"))
    assert same.target == "r:head" and "stays in the same role family" in same.explanation
    assert g.classify("r:clerk0", "r:head", families=_SPLIT).kind is sg.MoveKind.UPSKILLING
