"""Seed case of the learner: a retail worker's reskilling into digital marketing with
learning resources, five hours a week, and the progress of three profile snapshots.

    python examples/seed_learning_path.py
"""

from __future__ import annotations

import datetime as dt

import skillgraph as sg


def main() -> None:
    g = sg.load("demo")
    catalogue = sg.bundled_catalogue(g)
    plan = g.reskill("retail sales assistant", "digital marketing specialist")
    path = sg.plan_resources(g, plan, catalogue, hours_per_week=5, start=dt.date(2026, 1, 5))
    print(path.explanation)
    for item in path.items:
        print(f"  {item.start} → {item.end}  {item.label} ({item.hours:g} h, {item.kind.value})")
    for m in path.milestones:
        if m.kind == "step":
            print(f"  milestone: {m.label} on {m.date}")

    base = [{"skill": "Customer service", "evidence": "project", "date": "2024-06-01"}]
    later = [
        {"skill": "E-commerce platforms", "evidence": "certification", "date": "2025-02-10"},
        {"skill": "Copywriting", "evidence": "project", "date": "2025-03-20"},
    ]
    last = [
        {"skill": "Email marketing", "evidence": "certification", "date": "2025-06-12"},
        {"skill": "SEO basics", "evidence": "assessment", "date": "2025-06-30"},
    ]
    role = "retail sales assistant"
    history = sg.ProfileHistory(
        person="sam",
        snapshots=[
            sg.Profile(person="sam", role=role, as_of="2025-01-06", skills=base),
            sg.Profile(person="sam", role=role, as_of="2025-04-07", skills=base + later),
            sg.Profile(person="sam", role=role, as_of="2025-07-07", skills=base + later + last),
        ],
    )
    report = sg.progress(g, history, "digital marketing specialist")
    print(report.explanation)
    assert report.points[0].coverage < report.points[1].coverage < report.points[2].coverage
    assert report.projected is not None


if __name__ == "__main__":
    main()
