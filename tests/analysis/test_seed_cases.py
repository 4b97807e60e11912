"""The three seed cases of the path engine, on the bundled demo ontology."""

from __future__ import annotations

import itertools

import skillgraph as sg

SE = "demo:role/software-engineer"
MC = "demo:role/marketing-coordinator"
MA = "demo:role/marketing-analyst"
RSA = "demo:role/retail-sales-assistant"
DMS = "demo:role/digital-marketing-specialist"
SOFTWARE = "demo:cluster/software-development"


def _skill(name: str) -> str:
    return f"demo:skill/{name}"


def test_software_engineer_learns_a_new_language(demo: sg.SkillGraph) -> None:
    # the Go and TypeScript roles sit at the software engineer's seniority: lateral moves
    # inside the family; the Rust systems role is a level up: upskilling
    plans = demo.upskill(SE, k=8, lateral=True)
    by_target = {p.target: p for p in plans}
    languages = {
        "demo:role/backend-engineer-go": ("go", sg.MoveKind.LATERAL),
        "demo:role/rust-systems-engineer": ("rust", sg.MoveKind.UPSKILLING),
        "demo:role/typescript-full-stack-developer": ("typescript", sg.MoveKind.LATERAL),
    }
    assert set(languages) <= set(by_target)
    vertical = demo.upskill(SE, k=8)
    assert "demo:role/rust-systems-engineer" in {p.target for p in vertical}
    assert all(p.kind is sg.MoveKind.UPSKILLING for p in vertical)
    for role, (lang, kind) in languages.items():
        plan = by_target[role]
        assert plan.kind is kind
        assert all(s.viable for s in plan.steps)
        assert all(s.cluster == SOFTWARE for s in plan.steps)
        assert _skill(lang) in plan.steps[-1].learn
        assert _skill(lang) not in plan.steps[-1].transferable
        # a software engineer keeps their core engineering skills
        assert {_skill("git"), _skill("unit-testing")} <= set(plan.steps[-1].transferable)
    # the Go backend role is the cheapest new-language move: the best plan overall
    assert plans[0].target == "demo:role/backend-engineer-go"
    assert "Go" in plans[0].explanation and "same role family" in plans[0].explanation


def test_marketing_coordinator_learns_analytics_tools(demo: sg.SkillGraph) -> None:
    plans = demo.upskill(MC, k=5)
    plan = next(p for p in plans if p.target == MA)
    assert [s.role for s in plan.steps] == [MA]
    learn = plan.steps[0].learn
    assert {_skill("sql"), _skill("google-analytics"), _skill("looker-studio")} <= set(learn)
    assert {_skill("market-research"), _skill("campaign-management")} <= set(
        plan.steps[0].transferable
    )
    move = demo.classify(MC, MA)
    assert move.kind is sg.MoveKind.UPSKILLING
    assert move.acquire == learn
    # the learning plan respects prerequisites among what is to be learned
    order = {s: i for i, s in enumerate(learn)}
    for e in demo.iter_prerequisites():
        if e.prerequisite in order and e.skill in order:
            assert order[e.prerequisite] < order[e.skill]


def test_retail_worker_moves_into_digital_marketing(demo: sg.SkillGraph) -> None:
    plan = demo.reskill(RSA, "Digital marketing specialist")
    assert plan.kind is sg.MoveKind.RESKILLING
    assert plan.target == DMS == plan.steps[-1].role
    start_cluster = demo.roles[RSA].cluster
    assert any(s.cluster != start_cluster for s in plan.steps)
    last = plan.steps[-1]
    assert {_skill("customer-orientation"), _skill("communication")} <= set(last.transferable)
    assert {
        _skill("social-media-marketing"),
        _skill("seo-basics"),
        _skill("google-analytics"),
    } <= set([s for st in plan.steps for s in st.learn])
    assert plan.cost == sum(s.cost for s in plan.steps)
    assert "Retail sales" in plan.explanation and "Digital marketing" in plan.explanation
    # the direct jump is not viable; no viable bridge gives a cheaper two-step plan
    assert not demo.viable_move(RSA, DMS).viable
    assert all(s.viable for s in plan.steps)
    held = [r.skill for r in demo.requirements(RSA)]
    for bridge in sorted(demo.roles):
        if bridge in (RSA, DMS) or not demo.viable_move(RSA, bridge).viable:
            continue
        if not demo.viable_move(bridge, DMS).viable:
            continue
        first = demo.classify(RSA, bridge).cost
        second = demo.classify(bridge, DMS, have=held).cost
        assert plan.cost <= first + second + 1e-12
    # the demo's e-commerce assistant is the natural bridge, and the plan names it
    assert plan.roles == [RSA, "demo:role/e-commerce-assistant", DMS]
    assert plan.cost < demo.classify(RSA, DMS).cost
    assert "bridge role E-commerce assistant" in plan.explanation


def test_retail_worker_to_the_digital_marketing_cluster(demo: sg.SkillGraph) -> None:
    plan = demo.reskill(RSA, "demo:cluster/digital-marketing")
    assert demo.roles[plan.target].cluster == "demo:cluster/digital-marketing"
    direct = demo.reskill(RSA, DMS)
    assert plan.cost <= direct.cost


def test_a_bridge_is_named_when_cheaper(demo: sg.SkillGraph) -> None:
    # a retail worker who already runs online orders goes through e-commerce first
    have = ["E-commerce platforms", "Order management"]
    plan = demo.reskill(RSA, DMS, have=have)
    assert plan.roles == [RSA, "demo:role/e-commerce-assistant", DMS]
    assert plan.cost < demo.classify(RSA, DMS, have=have).cost
    assert "bridge role E-commerce assistant" in plan.explanation
    first, last = plan.steps
    assert {_skill("copywriting"), _skill("seo-basics")} <= set(first.learn)
    assert {_skill("google-analytics"), _skill("ppc-advertising")} <= set(last.learn)
    assert _skill("copywriting") in last.transferable  # learned on the bridge step
    assert plan.cost == first.cost + last.cost


def test_demo_results_are_deterministic(demo: sg.SkillGraph) -> None:
    other = demo.copy()
    for a, b in itertools.pairwise([SE, MC, RSA, DMS]):
        assert demo.classify(a, b).to_json() == other.classify(a, b).to_json()
    assert [p.to_json() for p in demo.upskill(SE)] == [p.to_json() for p in other.upskill(SE)]
    assert demo.reskill(RSA, DMS).to_json() == other.reskill(RSA, DMS).to_json()
