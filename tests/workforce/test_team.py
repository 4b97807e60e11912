"""Workforce answers on the demo team of docs/guides/team-gaps.md."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

import skillgraph as sg
from skillgraph.workforce import DemandSignals, Workforce

from .conftest import NEEDED, TEAM


def test_coverage_pools_the_team_and_lists_what_nobody_has(team: Any, demo: sg.SkillGraph) -> None:
    pool = sorted({s for p in team.people for s in team.held(p.id)})
    cov = team.coverage(NEEDED)
    assert [c.role for c in cov] == [demo.resolve(r, "role") for r in NEEDED]
    for c in cov:
        gap = demo.gap(c.role, have=pool)
        assert c.team_coverage == gap.coverage and c.uncovered == gap.missing
        best = max(
            team.people, key=lambda p: (demo.gap(c.role, have=team.held(p.id)).coverage, p.id)
        )
        assert math.isclose(c.best_coverage, demo.gap(c.role, have=team.held(best.id)).coverage)
    assert [c.best_person for c in cov] == ["Ana", "Ben"]


def test_candidates_rank_viable_moves_first_with_what_to_learn(
    team: Any, demo: sg.SkillGraph
) -> None:
    cands = team.candidates("marketing analyst")
    ana = cands[0]
    assert ana.person == "Ana"
    assert ana.viable is True
    assert ana.learn == demo.gap("marketing analyst", have=team.held("Ana")).missing
    chloe = next(c for c in cands if c.person == "Chloé")
    v = demo.viable_move("demo:role/retail-sales-assistant", "demo:role/marketing-analyst")
    assert chloe.viable is v.viable is False
    ben = next(c for c in cands if c.person == "Ben")
    assert ben.viable is None and ben.reason == "no current role"
    # viable first, then no current role, then not viable
    order = [0 if c.viable else 1 if c.viable is None else 2 for c in cands]
    assert order == sorted(order)
    # people already in the role are not candidates for it
    assert all(c.person != "Ana" for c in team.candidates("data analyst"))


def test_training_needs_follow_the_documented_priority(team: Any, demo: sg.SkillGraph) -> None:
    needs = team.training_needs(NEEDED, per_role=3)
    # session 25 (gap18): a tool class weighs the role's average need, so the tool Google
    # Analytics (.325) comes just after A/B testing (.328)
    assert needs[0].label == "A/B testing" and needs[0].people == ["Ana", "Ben", "Chloé"]
    assert [t.priority for t in needs] == sorted((t.priority for t in needs), reverse=True)
    # without demand, priority = summed coverage gain
    assert all(t.priority == pytest.approx(t.gain) for t in needs)
    ga = needs[0]
    want = 0.0
    for role in ga.roles:
        for pid in ga.people:
            g = demo.gap(role, have=team.held(pid))
            total = sum(d.weight for d in g.details)
            want += sum(d.weight for d in g.details if d.skill == ga.skill) / total
    assert ga.gain == pytest.approx(want)


def test_demand_weights_change_training_priorities(demo: sg.SkillGraph) -> None:
    plain = Workforce(demo, TEAM).training_needs(NEEDED)
    assert plain[0].label == "A/B testing"
    email = next(t for t in plain if t.label == "Email marketing")
    assert plain.index(email) > 0
    demand = DemandSignals.from_values(demo, {"Email marketing": {"job_ads": 500}})
    weighted = Workforce(demo, TEAM, demand=demand).training_needs(NEEDED)
    top = weighted[0]
    assert top.label == "Email marketing" and top.demand == 1.0
    # weight(skill) = 1 + demand score: the gain counts twice
    assert top.priority == pytest.approx(2 * email.gain)
    # an automation risk of 1 zeroes the score: the weight falls back to 1
    risky = DemandSignals.from_values(
        demo, {"Email marketing": {"job_ads": 500, "automation_risk": 1.0}}
    )
    again = Workforce(demo, TEAM, demand=risky).training_needs(NEEDED)
    assert [t.skill for t in again] == [t.skill for t in plain]


def test_earnings_make_a_viable_move_undesirable(demo: sg.SkillGraph) -> None:
    demand = DemandSignals.from_values(
        demo, {"data analyst": {"earnings": 50000}, "marketing analyst": {"earnings": 30000}}
    )
    ana = Workforce(demo, TEAM, demand=demand).candidates("marketing analyst")[0]
    assert ana.person == "Ana" and ana.viable is True and ana.desirable is False


def test_reskilling_targets_of_an_at_risk_role_are_viable(team: Any, demo: sg.SkillGraph) -> None:
    (opt,) = team.reskilling(["retail sales assistant"], k=4)
    assert opt.person == "Chloé" and opt.role == "demo:role/retail-sales-assistant"
    assert 0 < len(opt.targets) <= 4
    for t in opt.targets:
        assert demo.viable_move(opt.role, t.role).viable
        assert t.role != opt.role
        assert t.learn == demo.gap(t.role, have=team.held("Chloé")).missing
    keys = [(not t.desirable, -t.score) for t in opt.targets]
    assert keys == sorted(keys)


def test_regression_reskilling_leaves_the_declining_family(team: Any, demo: sg.SkillGraph) -> None:
    # senior sales associate and visual merchandiser are in the at-risk role's own family:
    # not a way out of it, like advise --aspiration declining (red team s21 #6)
    (opt,) = team.reskilling(["retail sales assistant"], k=10)
    family = demo.families("auto")
    assert opt.targets
    for t in opt.targets:
        assert family[t.role] != family[opt.role]
        assert demo.roles[t.role].cluster != "demo:cluster/retail-sales"


def test_report_bundles_every_answer_and_serialises(team: Any) -> None:
    rep = team.report(NEEDED, at_risk=["retail sales assistant"], k=2)
    assert rep.people == 3 and len(rep.coverage) == 2 and len(rep.candidates) == 2
    assert rep.reskilling and rep.training
    assert all(r in rep.labels for r in rep.roles)
    tables = rep.tables()
    assert set(tables) == {"coverage", "candidates", "training", "reskilling"}
    import json

    assert json.loads(rep.to_json())["people"] == 3


def test_arguments_are_validated(team: Any) -> None:
    with pytest.raises(sg.NotFoundError):
        team.coverage(["astronaut"])
    with pytest.raises(sg.InvalidValueError):
        team.coverage([])
    with pytest.raises(sg.InvalidValueError):
        team.candidates("marketing analyst", k=-1)
    with pytest.raises(sg.InvalidValueError):
        team.training_needs(NEEDED, per_role=-1)
    with pytest.raises(sg.NotFoundError):
        team.person("Zoe")
    with pytest.raises(sg.InvalidValueError):
        Workforce("demo", TEAM)  # type: ignore[arg-type]


def test_batch_of_the_team_equals_gap(team: Any, demo: sg.SkillGraph) -> None:
    res = team.batch(k=3)
    for p in team.people:
        for role, cov in res.top(p.id):
            assert cov == pytest.approx(demo.gap(role, have=team.held(p.id)).coverage, abs=1e-12)
    only = team.batch(k=1, roles=NEEDED)
    assert set(only.role_index) == {demo.resolve(r, "role") for r in NEEDED}


def test_report_tables_have_their_columns_even_when_empty(team: Any) -> None:
    rep = team.report(NEEDED, k=2)
    tables, columns = rep.tables(), rep.columns()
    assert tables["reskilling"] == []
    for name, rows in tables.items():
        for row in rows:
            assert list(row) == columns[name], name


def test_regression_a_person_is_credited_with_their_current_role(demo: sg.SkillGraph) -> None:
    # a person holding a role covered 0% of it when they listed no skills of their own,
    # and candidates for a move were told to learn what their role already requires
    from skillgraph.workforce import Workforce

    role = demo.resolve("retail sales assistant", "role")
    team = Workforce(demo, [("Bo", "retail sales assistant", [])])
    required = sorted({r.skill for r in demo.requirements(role)})
    assert sorted(team.held("Bo")) == required
    assert team.coverage([role])[0].team_coverage == 1.0
    target = demo.resolve("digital marketing specialist", "role")
    (bo,) = team.candidates(target)
    assert bo.learn == demo.gap(target, have=required).missing
    assert not set(bo.learn) & set(required)
    bare = Workforce(demo, [("Bo", "retail sales assistant", [])], role_skills=False)
    assert bare.held("Bo") == () and bare.coverage([role])[0].team_coverage == 0.0
    for bad in ("yes", None, 1):
        with pytest.raises(sg.InvalidValueError, match="role_skills"):
            Workforce(demo, [], role_skills=bad)  # type: ignore[arg-type]
    with pytest.raises(sg.NotFoundError):
        team.held("Nobody")


def test_regression_a_role_someone_covers_fully_needs_no_candidates_trained(
    demo: sg.SkillGraph,
) -> None:
    # red team s22 #12: training needs counted three candidates for a role its holder
    # (and so the team) already covered 100%
    from skillgraph.workforce import Workforce

    others = [(p["id"], p["role"], p["skills"]) for p in TEAM]
    people = [("Bo", "marketing coordinator", []), *others]
    team = Workforce(demo, people)
    (cov,) = team.coverage(["marketing coordinator"])
    assert cov.best_coverage == 1.0 and cov.best_person == "Bo"
    assert team.candidates("marketing coordinator", 3)  # candidates, not counted
    assert team.training_needs(["marketing coordinator"]) == []
    open_role = team.training_needs(["marketing analyst"])
    assert open_role and {p for t in open_role for p in t.people} - {"Bo"}


def test_regression_an_incumbent_listing_skills_is_counted_on_them(demo: sg.SkillGraph) -> None:
    # red team s23: every person was credited with all of their role's requirements, so an
    # incumbent listing one skill covered the role fully and never showed a training need
    from skillgraph.workforce import Workforce

    role = demo.resolve("retail sales assistant", "role")
    own = demo.resolve("Customer service", "skill")
    people = [("Bo", role, [own]), ("Cy", None, [own]), ("Di", role, [])]
    team = Workforce(demo, people)
    assert team.role_skills == "if-none-listed" and team.assumed == ("Di",)
    assert team.held("Bo") == (own,)
    bo, cy = (demo.gap(role, have=team.held(p)).coverage for p in ("Bo", "Cy"))
    assert bo == cy < 1.0
    rep = team.report([role])
    assert rep.assumed == ["Di"] and json.loads(rep.to_json())["assumed"] == ["Di"]
    assert any("Bo" in t.people for t in rep.training)  # the incumbent's own gaps
    top = team.batch(k=1, roles=[role])
    assert top.top("Bo")[0][1] == top.top("Cy")[0][1] < 1.0 and top.top("Di")[0][1] == 1.0
    assert top.to_pandas()["assumed"].tolist() == [False, False, True]
    always = Workforce(demo, people, role_skills="always")
    assert always.assumed == ("Bo", "Di") and always.coverage([role])[0].best_coverage == 1.0
    assert Workforce(demo, people, role_skills="never").assumed == ()
    assert Workforce(demo, people, role_skills=True).role_skills == "always"


def test_regression_a_person_listing_only_unknown_skills_is_not_assumed(
    demo: sg.SkillGraph, tmp_path: Path
) -> None:
    # red team s25 (F-b): a person whose listed skills all named nothing was read as one who
    # lists no skill, credited with every requirement of their role: a column of typos made
    # the team cover the role fully
    from skillgraph.workforce import Workforce

    role = demo.resolve("data analyst", "role")
    team = Workforce(demo, [("p1", role, ["Juggling", "Unicycling"]), ("p2", role, [])])
    assert team.assumed == ("p2",) and team.held("p1") == ()
    assert [u.text for u in team.unknown] == ["Juggling", "Unicycling"]
    people = tmp_path / "unk.csv"
    people.write_text("id,role,skills\np1,data analyst,Juggling;Unicycling\n", encoding="utf-8")
    (cov,) = Workforce.read(demo, people).coverage([role])
    assert cov.best_coverage == 0.0
    assert Workforce(demo, [("p1", role, ["Juggling"])], role_skills="always").assumed == ("p1",)


def test_regression_a_role_both_needed_and_at_risk_is_refused(team: Any) -> None:
    # red team s25 (18.12): the report staffed the role and moved its holders out at once
    with pytest.raises(sg.InvalidValueError, match="both a needed role and at risk") as info:
        team.report(NEEDED, at_risk=[NEEDED[0]])
    assert info.value.field == "at_risk"
