"""ESCO walkthrough: read the official ESCO v1.1.1 CSV release and ask it questions.

Usage: python examples/esco_walkthrough.py [DATA_FOLDER]

DATA_FOLDER holds esco/v1.1.1/csv (or is that folder itself); without it, $SKILLGRAPH_DATA,
else ../shared/data next to the repository. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import sys
import time
import warnings

from _data import data_folder
from _show import names, print_plan

import skillgraph as sg


def main() -> int:
    folder = data_folder("esco/v1.1.1/csv")
    if folder is None:
        print("ESCO data not found: pass the data folder as an argument or set SKILLGRAPH_DATA")
        print("(expected esco/v1.1.1/csv inside it); nothing to do.")
        return 0
    t0 = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", sg.SkillGraphWarning)
        g = sg.read(folder)
    print(f"Read {folder} in {time.perf_counter() - t0:.1f} s")
    print(
        f"{len(g.roles)} occupations, {len(g.skills)} skills, {len(g.groups)} skill groups, "
        f"{len(g.clusters)} clusters (ISCO groups), {g.count_requirements()} requirements"
    )
    for w in caught[:3]:
        print(f"  {type(w.message).__name__}: {str(w.message)[:150]}")
    print()

    analyst = g.find("data analyst", kind="role")
    have = ["use spreadsheets software", "statistics", "use databases"]
    gap = g.gap(analyst.id, have=have)
    print(f"Gap for {analyst.label} with {', '.join(have)}: coverage {gap.coverage:.0%}")
    print(f"  missing first: {names(g, gap.missing, limit=6)}")
    print()

    print(f"Roles similar to {analyst.label}:")
    for m in g.similar_roles(analyst.id, k=5):
        print(f"  {m.score:.2f} {m.label}")
    print()

    print("Upskilling:")
    for plan in g.upskill(analyst.id, k=2):
        print_plan(g, plan)
    print()

    print("Reskilling:")
    plan = g.reskill("shop assistant", "online marketer")
    print_plan(g, plan)
    return 0


if __name__ == "__main__":
    sys.exit(main())
