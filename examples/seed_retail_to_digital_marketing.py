"""Seed case 3: a retail worker moving into digital marketing (reskilling).

The cheapest path from retail sales assistant to digital marketing specialist, through
bridge roles, with the transferable skills and the skills to learn at each step, then the
same plan for someone who already knows some copywriting, and the plan as a Mermaid
diagram.

Run: python examples/seed_retail_to_digital_marketing.py
"""

from __future__ import annotations

from _show import print_plan

import skillgraph as sg


def main() -> None:
    g = sg.load("demo")
    start = g.find("retail sales assistant", kind="role")
    target = g.find("digital marketing specialist", kind="role")
    print(f"Start: {start.label} ({g.label(start.cluster or '')})")
    print(f"Target: {target.label} ({g.label(target.cluster or '')})")
    print()

    plan = g.reskill(start.id, target.id)
    print_plan(g, plan)
    print()

    move = g.classify(start.id, target.id)
    print(f"Purpose: {move.purpose}")
    print(f"Objective: {move.objective}")
    print()

    have = ["copywriting"]
    mine = g.reskill(start.id, target.id, have=have)
    print(f"With {', '.join(have)} already: total cost {mine.cost:.2f} (was {plan.cost:.2f})")
    print()
    print("As a Mermaid diagram:")
    print(plan.to_mermaid(g.label))


if __name__ == "__main__":
    main()
