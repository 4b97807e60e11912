"""Seed case 2: a marketing professional learning analytics tools.

A marketing coordinator who wants to become a marketing analyst: the gap between the two
roles, whether the move is upskilling or reskilling (and why), the plan, and the order in
which to learn the analytics tools.

Run: python examples/seed_marketing_analytics.py
"""

from __future__ import annotations

from _show import names, print_plan

import skillgraph as sg


def main() -> None:
    g = sg.load("demo")
    start = g.find("marketing coordinator", kind="role")
    target = g.find("marketing analyst", kind="role")
    have = [r.skill for r in g.requirements(start.id)]
    print(f"Start: {start.label}; target: {target.label}")

    gap = g.gap(target.id, have=have)
    print(f"Coverage of {target.label} today: {gap.coverage:.0%}")
    print(f"  already has: {names(g, gap.matched, limit=20)}")
    print(f"  missing:     {names(g, gap.missing, limit=20)}")
    print()

    move = g.classify(start.id, target.id)
    print(f"Move: {move.kind.value} - {move.explanation}")
    print()

    plans = [p for p in g.upskill(start.id, k=10) if p.target == target.id]
    plan = plans[0] if plans else g.reskill(start.id, target.id)
    print_plan(g, plan)
    print()

    order = g.learning_plan(gap.missing, have=have)
    print("Learning order:")
    for i, stage in enumerate(order.stages, start=1):
        print(f"  stage {i}: {names(g, stage, limit=20)}")


if __name__ == "__main__":
    main()
