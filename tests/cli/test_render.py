"""Text tables."""

from __future__ import annotations

import skillgraph as sg
from skillgraph.cli._render import pct, table


def test_table_aligns_and_right_aligns_numbers() -> None:
    text = table(["name", "n", "ok"], [["a", 1, True], ["long name", 0.5, False]], indent=0)
    assert text.splitlines() == [
        "name          n  ok",
        "---------  ----  ---",
        "a             1  yes",
        "long name  0.50  no",
    ]


def test_long_cells_are_cut() -> None:
    text = table(["x"], [["y" * 100]])
    assert "…" in text and max(len(line) for line in text.splitlines()) < 60


def test_pct() -> None:
    assert pct(0.4234) == "42%"


def test_regression_skills_of_one_label_are_told_apart_by_kind() -> None:
    # red team: an O*NET skill and knowledge area both labelled "Mathematics" gave two
    # identical rows in the gap table
    from skillgraph.cli._render import gap_text, labelled

    g = sg.SkillGraph(language="en")
    g.add(sg.Skill(id="s:m1", label="Mathematics", kind=sg.SkillKind.SKILL))
    g.add(sg.Skill(id="s:m2", label="Mathematics", kind=sg.SkillKind.KNOWLEDGE))
    g.add(sg.Skill(id="s:m3", label="Mathematics", kind=sg.SkillKind.KNOWLEDGE))
    g.add(sg.Skill(id="s:p", label="Physics"))
    g.add(sg.Role(id="r:a", label="Analyst"))
    for s in ("s:m1", "s:m2", "s:p"):
        g.require("r:a", s)
    text = gap_text(g, g.gap("r:a", []))
    assert "Mathematics (skill)" in text and "Mathematics (knowledge)" in text
    assert "Physics (" not in text
    assert labelled(g, ["s:m2", "s:m3", "s:p"]) == (
        "Mathematics (s:m2), Mathematics (s:m3), Physics"
    )


def test_regression_total_cost_shows_the_steps_it_adds_up() -> None:
    # red team s21 #18: "Total cost 0.80" above steps of 0.51 and 0.30 (0.509 + 0.295); the
    # demo's costs moved with gap's weights (session 25): 0.779 + 0.444 + 0.213 = 1.436
    from skillgraph.cli._render import plan_text

    demo = sg.load("demo")
    plan = demo.reskill("logistics coordinator", "retail sales assistant")
    costs = [s.cost for s in plan.steps]
    text = plan_text(demo, plan)
    assert f"{sum(round(c, 2) for c in costs):.2f}" != f"{plan.cost:.2f}"  # the case at hand
    shown = " + ".join(f"{c:.3f}" for c in costs)
    assert f"Total cost {plan.cost:.2f} = {shown} (sum over steps" in text
    single = plan.model_copy(update={"steps": plan.steps[:1], "cost": costs[0]})
    assert f"Total cost {costs[0]:.2f} (sum" in plan_text(demo, single)


def test_regression_a_fitted_list_keeps_its_count_whole() -> None:
    # red team s21 #19: the workforce "to learn" column ended in "… …": the table cut the
    # "… (+n more)" of a list of long labels
    from skillgraph.cli._render import labelled

    g = sg.SkillGraph(language="en")
    ids = [f"s:{i}" for i in range(9)]
    for i in ids:
        g.add(sg.Skill(id=i, label=f"A rather long skill label {i}"))
    fitted = labelled(g, ids, 3, fit=True)
    assert fitted == "A rather long skill label s:0, … (+8 more)"
    assert table(["to learn"], [[fitted]]).splitlines()[-1].strip() == fitted
    assert labelled(g, ids, 3).count(",") == 3  # without fit: the first three
