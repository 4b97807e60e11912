"""Seed case 1: a software engineer learning a new language (upskilling).

Upskilling stays inside the role's cluster (job family): the plans below move a software
engineer to roles of the same or a higher level in software development, and list what to
learn for each: a new programming language among it.

Run: python examples/seed_software_engineer.py
"""

from __future__ import annotations

from _show import names, print_plan

import skillgraph as sg


def main() -> None:
    g = sg.load("demo")
    role = g.find("software engineer", kind="role")
    have = [r.skill for r in g.requirements(role.id)]
    print(f"Start: {role.label} ({g.label(role.cluster or '')}, level {role.level})")
    print(f"Has: {names(g, have, limit=20)}")
    print()
    plans = g.upskill(role.id, k=3)
    for plan in plans:
        print_plan(g, plan)
        print()
    # the languages the engineer does not have yet, most adjacent to what they know first
    learn = sorted({s for p in plans for step in p.steps for s in step.learn})
    print(f"New skills across these plans: {names(g, learn, limit=20)}")
    order = g.learning_plan(learn, have=have)
    for i, stage in enumerate(order.stages, start=1):
        print(f"  learning stage {i}: {names(g, stage, limit=20)}")


if __name__ == "__main__":
    main()
