"""Printing helpers shared by the example scripts (not part of the library)."""

from __future__ import annotations

import skillgraph as sg


def names(g: sg.SkillGraph, ids: list[str], limit: int = 8) -> str:
    """Labels of ``ids``, comma separated, at most ``limit`` of them."""
    shown = ", ".join(g.label(i) for i in ids[:limit])
    more = len(ids) - limit
    return (shown + (f" (+{more} more)" if more > 0 else "")) or "-"


def print_plan(g: sg.SkillGraph, plan: sg.Plan) -> None:
    """A plan as text: kind, roles along the path, and for each step what transfers and
    what to learn, with costs."""
    path = " -> ".join(g.label(r) for r in plan.roles)
    print(f"{plan.kind.value.upper()}: {path}")
    print(f"  total cost {plan.cost:.2f}")
    for i, step in enumerate(plan.steps, start=1):
        cluster = g.label(step.cluster) if step.cluster else "no cluster"
        print(f"  step {i}: {step.label} [{cluster}, level {step.level}] cost {step.cost:.2f}")
        print(f"    transferable: {names(g, step.transferable)}")
        print(f"    to learn:     {names(g, step.learn)}")
    if plan.explanation:
        print(f"  why: {plan.explanation}")
