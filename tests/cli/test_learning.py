"""Tests for the learner's commands: plan, progress and advise."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

import skillgraph as sg

HISTORY = {
    "person": "sam",
    "snapshots": [
        {
            "person": "sam",
            "role": "retail sales assistant",
            "as_of": "2025-01-06",
            "skills": [{"skill": "Customer service", "date": "2024-06-01"}],
        },
        {
            "person": "sam",
            "role": "retail sales assistant",
            "as_of": "2025-04-07",
            "skills": [
                {"skill": "Customer service", "date": "2024-06-01"},
                {"skill": "Copywriting", "evidence": "project", "date": "2025-03-01"},
            ],
        },
        {
            "person": "sam",
            "role": "e-commerce assistant",
            "as_of": "2025-07-07",
            "skills": [
                {"skill": "Customer service", "date": "2024-06-01"},
                {"skill": "Copywriting", "evidence": "project", "date": "2025-03-01"},
                {"skill": "SEO basics", "evidence": "certification", "date": "2025-06-01"},
                {"skill": "Email marketing", "evidence": "assessment", "date": "2025-06-20"},
            ],
        },
    ],
}

Invoke = Callable[..., Result]
RESKILL = ["--from", "retail sales assistant", "--to", "digital marketing specialist"]


def test_plan_table(invoke: Invoke) -> None:
    res = invoke("plan", *RESKILL, "--hours-per-week", "5", "--start", "2026-01-05", "-q")
    assert res.exit_code == 0, res.output
    assert "E-commerce fundamentals for store staff" in res.output
    assert "Total 131 hours" in res.output and "done 2026-07-08" in res.output
    assert "Milestone: ready for E-commerce assistant" in res.output


def test_plan_json_and_mermaid(invoke: Invoke) -> None:
    res = invoke("plan", *RESKILL, "--json", "-q")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["hours_per_week"] == 5 and doc["items"] and doc["start"] is None
    res = invoke("plan", *RESKILL, "--start", "2026-01-05", "--mermaid", "-q")
    assert res.output.startswith("gantt\n") and "2026-01-05" in res.output


def test_regression_a_diagram_with_json_is_refused(invoke: Invoke) -> None:
    """Red team s21 #11: --mermaid --json printed the JSON and silently dropped the
    diagram; the two outputs exclude each other now, as --mermaid and --dot do."""
    for args in (
        ["plan", *RESKILL, "--mermaid"],
        ["reskill", *RESKILL, "--mermaid"],
        ["reskill", *RESKILL, "--dot"],
        ["upskill", "--role", "junior software engineer", "--mermaid"],
    ):
        res = invoke(*args, "--json", "-q")
        assert res.exit_code == 2, args
        assert "--json and --" in res.output and "exclude each other" in res.output, args


def test_regression_advise_refuses_options_it_would_ignore(invoke: Invoke, tmp_path: Path) -> None:
    """Red team s21 #11: advise --aspiration grow ignored --to and --avoid silently."""
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(HISTORY["snapshots"][0]), encoding="utf-8")
    cluster = "demo:cluster/hospitality-food-service"
    for args, flag in (
        (["-a", "grow", "--to", "barista"], "--to"),
        (["-a", "grow", "--avoid", cluster], "--avoid"),
        (["-a", "change", "--to", "barista", "--avoid", cluster], "--avoid"),
    ):
        res = invoke("advise", str(path), *args, "-q")
        assert res.exit_code == 2 and f"{flag} goes with --aspiration" in res.output, args
    res = invoke("advise", str(path), "-a", "change", "--avoid", cluster, "--json", "-q")
    assert res.exit_code == 0, res.output


def test_plan_preferences_and_gap(invoke: Invoke) -> None:
    res = invoke(
        "plan",
        "--to",
        "marketing analyst",
        "--have",
        "spreadsheets",
        "--kind",
        "course",
        "--resource-language",
        "en",
        "--json",
        "-q",
    )
    assert res.exit_code == 0, res.output
    assert {i["kind"] for i in json.loads(res.output)["items"]} == {"course"}
    res = invoke(
        "plan", "--to", "marketing analyst", "--budget", "0", "--by", "cost", "--json", "-q"
    )
    doc = json.loads(res.output)
    assert doc["total_cost"] == 0 and doc["over_budget"]
    same = invoke("plan", "--from", "marketing coordinator", "--to", "marketing analyst", "-q")
    assert same.exit_code == 0, same.output


def test_plan_bad_catalogue(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "cat.csv"
    bad.write_text("id,label,kind,hours,teaches\nx,X,course,-1,python\n", encoding="utf-8")
    res = invoke("plan", "--to", "software engineer", "--catalogue", str(bad), "-q")
    assert res.exit_code == 1
    assert f"{bad}, line 2, field 'hours'" in res.output
    res = invoke("plan", "--to", "software engineer", "--hours-per-week", "0")
    assert res.exit_code == 2


def test_regression_plan_budget_nan_and_a_late_start_are_one_error(invoke: Invoke) -> None:
    """Red team: `plan --budget nan` (click's range lets NaN through) was a pydantic
    ValidationError traceback, `--start 9999-12-31` an OverflowError traceback."""
    res = invoke("plan", "--to", "software engineer", "--budget", "nan", "-q")
    assert res.exit_code == 1 and "Traceback" not in res.output, res.output
    assert res.output.startswith("Error: --budget: Input should be greater than or equal to 0")
    res = invoke("plan", "--to", "software engineer", "--start", "9999-12-31", "-q")
    assert res.exit_code == 1 and "Traceback" not in res.output, res.output
    assert "end after 9999-12-31; start earlier" in res.output


def test_progress(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_text(json.dumps(HISTORY), encoding="utf-8")
    before = path.read_bytes()
    res = invoke("progress", str(path), "--target", "digital marketing specialist", "-q")
    assert res.exit_code == 0, res.output
    assert "Skills acquired" in res.output and "projected completion" in res.output
    assert "Late milestones" in res.output
    doc = json.loads(
        invoke("progress", str(path), "-t", "digital marketing specialist", "--json", "-q").output
    )
    cov = [p["coverage"] for p in doc["points"]]
    assert cov == sorted(cov) and cov[0] < cov[-1] and doc["projected"]
    assert path.read_bytes() == before


def test_progress_future_date(invoke: Invoke, tmp_path: Path) -> None:
    doc = json.loads(json.dumps(HISTORY))
    doc["snapshots"][2]["skills"][3]["date"] = "2999-01-01"
    path = tmp_path / "history.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    res = invoke("progress", str(path), "-t", "digital marketing specialist")
    assert res.exit_code == 1
    assert "field 'snapshots[2].skills[3].date'" in res.output and "future" in res.output


def test_advise(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(HISTORY["snapshots"][0]), encoding="utf-8")
    res = invoke("advise", str(path), "--aspiration", "grow", "-q")
    assert res.exit_code == 0, res.output
    assert "upskilling" in res.output and "suits:" in res.output and "outcome:" in res.output
    res = invoke(
        "advise", str(path), "-a", "change", "--to", "digital marketing specialist", "--json", "-q"
    )
    doc = json.loads(res.output)
    assert doc["aspiration"] == "change"
    (option,) = doc["options"]
    assert option["kind"] == "reskilling" and option["resources"]["items"]
    res = invoke("advise", str(path), "-a", "declining", "-k", "2", "--json", "-q")
    assert len(json.loads(res.output)["options"]) == 2


def test_catalogue_needed_off_the_demo(invoke: Invoke, demo_path: Path, tmp_path: Path) -> None:
    res = invoke("plan", "--to", "software engineer", "--ontology", str(demo_path), "-q")
    assert res.exit_code == 1 and "--catalogue FILE is needed" in res.output


def test_advise_ranks_by_a_demand_table(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(HISTORY["snapshots"][0]), encoding="utf-8")
    res = invoke("advise", str(path), "-a", "change", "-k", "3", "--json", "-q")
    plain = [o["target"] for o in json.loads(res.output)["options"]]
    table = tmp_path / "demand.csv"
    table.write_text(f"id,job_ads\n{plain[-1]},500\n", encoding="utf-8")
    before = table.read_bytes()
    res = invoke(
        "advise", str(path), "-a", "change", "-k", "3", "--demand", str(table), "--json", "-q"
    )
    assert res.exit_code == 0, res.output
    options = json.loads(res.output)["options"]
    assert options[0]["target"] == plain[-1]
    assert "Demand for the target: 1.00" in options[0]["reasoning"]
    assert table.read_bytes() == before


def test_regression_plan_and_advise_say_an_unreachable_target_is_not_reached(
    invoke: Invoke, tmp_path: Path
) -> None:
    # red team s22 #1: plan --from A --to T planned the stepping stones' skills and no
    # text or JSON key said T was not reached; advise claimed the route led to T
    res = invoke("plan", "--from", "accounts assistant", "--to", "barista", "--json", "-q")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["reachable"] is False and doc["direct"] is True
    assert doc["target"] == "demo:role/barista" and "demo:skill/barista-skills" in doc["covered"]
    res = invoke("plan", "--from", "accounts assistant", "--to", "barista", "-q")
    assert "No viable route reaches Barista: planned is the direct retraining" in res.output
    path = tmp_path / "profile.json"
    path.write_text(
        json.dumps({"person": "al", "role": "accounts assistant", "as_of": "2025-01-06"}),
        encoding="utf-8",
    )
    res = invoke("advise", str(path), "-a", "change", "--to", "barista", "-q")
    assert res.exit_code == 0, res.output
    assert (
        "leads to Barista" not in res.output
        and "(stepping stones; Barista not reached)" in res.output
    )
    res = invoke("advise", str(path), "-a", "change", "--to", "barista", "--json", "-q")
    assert json.loads(res.output)["options"][0]["reachable"] is False


def test_regression_plan_says_why_skills_are_not_covered(invoke: Invoke) -> None:
    # red team s22 #11: "no resource teaches 18" when --resource-language de filtered
    # out every resource
    res = invoke("plan", "--to", "marketing analyst", "--resource-language", "de", "-q")
    assert res.exit_code == 0, res.output
    assert "No resource teaches" not in res.output
    assert "Filtered out by your options (--resource-language): " in res.output
    assert "filtered out by the preferences (languages)" in res.output
    res = invoke("plan", "--to", "marketing analyst", "--resource-language", "de", "--json", "-q")
    doc = json.loads(res.output)
    assert doc["filtered"] and not doc["untaught"] and not doc["unmet"]
    assert set(doc["filtered"]) == set(doc["uncovered"])


def test_regression_plan_inside_a_cluster_counts_the_start_roles_skills_as_held(
    invoke: Invoke, demo: sg.SkillGraph
) -> None:
    # red team s25 (4): 'plan --from "junior data analyst" --to "senior data analyst"' booked
    # numeracy and spreadsheet courses (prerequisites of later resources) although both are
    # requirements of the junior role, the person's current one
    res = invoke(
        "plan", "--from", "junior data analyst", "--to", "senior data analyst", "--json", "-q"
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    start = {r.skill for r in demo.requirements(demo.resolve("junior data analyst", "role"))}
    assert {"demo:skill/numeracy", "demo:skill/spreadsheets"} <= start
    taught = {s for item in doc["items"] for s in item["covers"] + item["unlocks"]}
    assert not taught & start


def test_plan_route_option(invoke: Invoke) -> None:
    # red team s25 (5): a route over twice the direct learning is planned as the direct gap
    args = ("plan", "--from", "accountant", "--to", "barista", "--json", "-q")
    auto = json.loads(invoke(*args).output)
    steps = json.loads(invoke(*args, "--route", "steps").output)
    assert auto["direct"] and not steps["direct"] and len(steps["needed"]) > len(auto["needed"])
    assert auto["explanation"].startswith("The route to Barista asks")
    res = invoke(*args, "--route", "bridges")
    assert res.exit_code == 2 and "--route" in res.output
    res = invoke("plan", "--to", "barista", "--route", "direct", "-q")  # review s25 (8)
    assert res.exit_code == 2 and "give --from" in res.output


def test_regression_one_week_is_singular_and_a_one_week_span_is_one_week(
    invoke: Invoke, tmp_path: Path
) -> None:
    # red team s25 (18.6): "(1 weeks at 5 h/week)" and "week 3–3"
    cat = tmp_path / "c.csv"
    cat.write_text("id,label,kind,hours,teaches\na,SQL class,course,4,SQL\n", encoding="utf-8")
    res = invoke("plan", "--to", "data analyst", "-c", str(cat), "-q")
    assert res.exit_code == 0, res.output
    out = res.output
    assert "4 hours (1 week at 5 h/week" in out and "1 weeks" not in out
    assert "week 1–1" not in out and "week 1 " in out
