"""The learner's seed cases on the demo, end to end (the issue's "Must show")."""

from __future__ import annotations

import datetime as dt

import skillgraph as sg

START = dt.date(2026, 1, 5)


def test_retail_worker_reskilling_with_resources(
    demo: sg.SkillGraph, catalogue: sg.Catalogue
) -> None:
    plan = demo.reskill("retail sales assistant", "digital marketing specialist")
    assert plan.roles == [
        "demo:role/retail-sales-assistant",
        "demo:role/e-commerce-assistant",
        "demo:role/digital-marketing-specialist",
    ]
    rp = sg.plan_resources(demo, plan, catalogue, hours_per_week=5, start=START)
    assert not rp.uncovered
    assert set(rp.covered) == {s for st in plan.steps for s in st.learn}
    assert rp.total_hours == sum(i.hours for i in rp.items) == 131
    assert rp.weeks == 27 and rp.end == dt.date(2026, 7, 8)
    assert all(h <= 5 for h in rp.week_hours())
    first = rp.items[0]
    assert first.resource == "ecom-fundamentals" and first.start == START
    ready = [m for m in rp.milestones if m.kind == "step"]
    assert [m.role for m in ready] == plan.roles[1:]
    assert ready[0].date is not None and ready[0].date < ready[1].date == rp.end


def test_marketing_professional_upskilling_with_analytics_resources(
    demo: sg.SkillGraph, catalogue: sg.Catalogue
) -> None:
    plans = demo.upskill("marketing coordinator", k=5)
    plan = next(p for p in plans if p.target == "demo:role/marketing-analyst")
    rp = sg.plan_resources(demo, plan, catalogue, hours_per_week=5, start=START)
    taught = {s: i.resource for i in rp.items for s in i.covers}
    for skill, resource in {
        "demo:skill/sql": "sql-marketers",
        "demo:skill/google-analytics": "ga-micro",
        "demo:skill/looker-studio": "looker-studio",
    }.items():
        assert taught[skill] == resource
    assert not rp.uncovered
    # Google Analytics needs web analytics first, Looker Studio data visualisation
    order = [i.resource for i in rp.items]
    assert order.index("web-analytics-intro") < order.index("ga-micro")
    assert order.index("data-viz") < order.index("looker-studio")


def test_three_snapshot_history_shows_progress(
    demo: sg.SkillGraph, history: sg.ProfileHistory
) -> None:
    report = sg.progress(demo, history, "digital marketing specialist")
    cov = [p.coverage for p in report.points]
    assert len(cov) == 3 and cov[0] < cov[1] < cov[2]
    assert report.projected is not None and report.projected > dt.date(2025, 7, 7)
    assert len(report.acquired) == 6
