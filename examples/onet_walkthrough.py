"""O*NET walkthrough: read the O*NET 29.3 text release and ask it questions.

Usage: python examples/onet_walkthrough.py [DATA_FOLDER]

DATA_FOLDER holds onet/29.3 (or is that folder itself); without it, $SKILLGRAPH_DATA,
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
    folder = data_folder("onet/29.3")
    if folder is None:
        print("O*NET data not found: pass the data folder as an argument or set SKILLGRAPH_DATA")
        print("(expected onet/29.3 inside it); nothing to do.")
        return 0
    t0 = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", sg.SkillGraphWarning)
        g = sg.read(folder)
    print(f"Read {folder} in {time.perf_counter() - t0:.1f} s")
    print(
        f"{len(g.roles)} occupations, {len(g.skills)} skills (skills, knowledge, technology), "
        f"{len(g.clusters)} clusters, {g.count_requirements()} requirements"
    )
    if caught:
        print(f"  {len(caught)} data warnings, e.g. {str(caught[0].message)[:150]}")
    print()

    statistician = g.find("Statisticians", kind="role")
    # "Mathematics" is both an O*NET skill and a knowledge area: name the knowledge by id
    have = ["Programming", "Critical Thinking", "onet:element/2.C.4.a"]
    gap = g.gap(statistician.id, have=have)
    held = ", ".join(g.label(g.resolve(s)) for s in have)
    print(f"Gap for {statistician.label} with {held}: coverage {gap.coverage:.0%}")
    print(f"  missing first: {names(g, gap.missing, limit=6)}")
    print()

    print(f"Roles similar to {statistician.label}:")
    for m in g.similar_roles(statistician.id, k=5):
        print(f"  {m.score:.2f} {m.label}")
    print()

    # Statisticians sit at the top of their family: upskill an accountant instead
    print("Upskilling (Accountants and Auditors, up the family's ladder):")
    for plan in g.upskill("Accountants and Auditors", k=3):
        print_plan(g, plan)
    print()

    print("Reskilling:")
    plan = g.reskill("Cashiers", "Software Developers")
    print_plan(g, plan)
    return 0


if __name__ == "__main__":
    sys.exit(main())
