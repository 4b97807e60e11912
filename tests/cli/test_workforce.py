"""``skillgraph workforce`` and ``skillgraph batch``."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from .conftest import ok, one_error

Invoke = Callable[..., Result]

TEAM = (
    "id,role,skills\n"
    "Ana,data analyst,Python;SQL;Statistics;Data visualisation\n"
    "Ben,,Copywriting;Social media marketing;Content creation\n"
    "Chloé,retail sales assistant,Customer service;Product knowledge;Juggling\n"
)


def _team(tmp_path: Path) -> Path:
    p = tmp_path / "team.csv"
    p.write_text(TEAM, encoding="utf-8")
    return p


def test_workforce_report_tables_json_and_csv(invoke: Invoke, tmp_path: Path) -> None:
    team = _team(tmp_path)
    args = [
        "workforce",
        str(team),
        "-r",
        "marketing analyst",
        "--at-risk",
        "retail sales assistant",
    ]
    res = invoke(*args)
    out = ok(res)
    assert "Coverage of the needed roles" in out and "Candidates for Marketing analyst" in out
    assert "Training needs" in out and "Reskilling Chloé" in out
    assert f"{team}, line 4, field 'skills'" in out and "Juggling" in out
    data = json.loads(ok(invoke(*args, "--json")))
    assert "Juggling" in res.stderr or "Juggling" in json.dumps(data)
    assert data["people"] == 3 and data["coverage"][0]["role"] == "demo:role/marketing-analyst"
    assert data["unknown"][0]["line"] == 4
    ok(invoke(*args, "-q", "--csv", str(tmp_path / "report.csv")))
    for name in ("coverage", "candidates", "training", "reskilling"):
        with (tmp_path / f"report-{name}.csv").open(encoding="utf-8", newline="") as fh:
            assert list(csv.DictReader(fh)), name
    assert team.read_text(encoding="utf-8") == TEAM


def test_regression_quiet_keeps_the_unknown_skills_of_the_report(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Red team s21 #17: with -q the text report lost the unknown skills of the people file
    (they were only warnings on standard error); they are results, not progress."""
    team = _team(tmp_path)
    res = invoke("workforce", str(team), "-r", "marketing analyst", "-q")
    out = ok(res)
    assert "Skills of the people file that name no skill (not counted)" in out
    assert f"{team}, line 4, field 'skills': no skill matches 'Juggling'" in out
    assert "Juggling" not in res.stderr
    assert out.startswith("Workforce of 3 people, 1 needed role\n")  # s21 #19: not "roles"


def test_workforce_demand_table_changes_the_training_order(invoke: Invoke, tmp_path: Path) -> None:
    team = _team(tmp_path)
    args = ["workforce", str(team), "-r", "digital marketing specialist", "--json", "-q"]
    plain = json.loads(ok(invoke(*args)))["training"]
    # the lowest-ranked skill whose doubled priority passes the one ranked above it
    at = max(i for i in range(1, len(plain)) if 2 * plain[i]["priority"] > plain[i - 1]["priority"])
    last = plain[at]
    demand = tmp_path / "demand.csv"
    demand.write_text(f"id,job_ads\n{last['skill']},900\n", encoding="utf-8")
    weighted = json.loads(ok(invoke(*args, "--demand", str(demand))))["training"]
    assert [t["skill"] for t in weighted].index(last["skill"]) < at
    moved = next(t for t in weighted if t["skill"] == last["skill"])
    assert moved["demand"] == 1.0
    assert abs(moved["priority"] - 2 * last["priority"]) < 1e-8


def test_workforce_errors_name_file_line_and_field(invoke: Invoke, tmp_path: Path) -> None:
    team = _team(tmp_path)
    res = invoke("workforce", str(team), "-r", "marketing analyst", "--strict")
    assert res.exit_code == 1
    assert f"{team}, line 4, field 'skills'" in one_error(res.output)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,role,skills\nAna,astronaut,Python\n", encoding="utf-8")
    res = invoke("workforce", str(bad), "-r", "marketing analyst")
    assert res.exit_code == 1 and f"{bad}, line 2, field 'role'" in one_error(res.output)
    res = invoke("workforce", str(team), "-r", "astronaut")
    assert res.exit_code == 1 and "astronaut" in one_error(res.output)
    demand = tmp_path / "d.csv"
    demand.write_text("id,job_ads\nEmail marketing,lots\n", encoding="utf-8")
    res = invoke("workforce", str(team), "-r", "marketing analyst", "--demand", str(demand))
    assert res.exit_code == 1 and f"{demand}, line 2, field 'job_ads'" in one_error(res.output)


def test_workforce_csv_never_overwrites_an_input(invoke: Invoke, tmp_path: Path) -> None:
    team = tmp_path / "r-coverage.csv"
    team.write_text(TEAM, encoding="utf-8")
    res = invoke(
        "workforce", str(team), "-r", "marketing analyst", "--csv", str(tmp_path / "r.csv")
    )
    assert res.exit_code == 1 and "input = output" in one_error(res.output)
    assert team.read_text(encoding="utf-8") == TEAM
    assert not (tmp_path / "r-candidates.csv").exists()


def test_regression_workforce_csv_naming_a_folder_is_refused(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Red team: `--csv out/` (a folder) wrote out-coverage.csv... beside the folder, not in
    it; now a folder is refused, as convert refuses one, and nothing is written."""
    team = _team(tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()
    for out in (str(folder), f"{folder}/", f"{tmp_path / 'missing'}/"):
        res = invoke("workforce", str(team), "-r", "marketing analyst", "--csv", out)
        assert res.exit_code == 1, res.output
        assert f"--csv {out}: it is a folder" in one_error(res.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "team.csv"]
    assert list(folder.iterdir()) == []


def test_batch_parquet_and_csv(invoke: Invoke, tmp_path: Path) -> None:
    import pandas as pd

    team = _team(tmp_path)
    out = tmp_path / "top.parquet"
    res = invoke("batch", str(team), "-o", str(out), "-k", "3")
    ok(res)
    df = pd.read_parquet(out)
    assert len(df) == 9
    assert list(df.columns) == ["person", "rank", "role", "label", "coverage", "assumed"]
    ok(invoke("batch", str(team), "-o", str(tmp_path / "top.csv"), "-r", "marketing analyst", "-q"))
    rows = (tmp_path / "top.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 4 and all("demo:role/marketing-analyst" in r for r in rows[1:])


def test_batch_refuses_bad_outputs_and_leaves_nothing(invoke: Invoke, tmp_path: Path) -> None:
    team = _team(tmp_path)
    res = invoke("batch", str(team), "-o", str(team))
    assert res.exit_code == 1 and "input = output" in one_error(res.output)
    assert team.read_text(encoding="utf-8") == TEAM
    res = invoke("batch", str(team), "-o", str(tmp_path / "top.xlsx"))
    assert res.exit_code == 1 and "csv, parquet" in one_error(res.output)
    res = invoke("batch", str(team), "-o", str(tmp_path / "missing" / "top.csv"))
    assert res.exit_code == 1 and "does not exist" in one_error(res.output)
    res = invoke("batch", str(team), "-o", "-")
    assert res.exit_code == 1
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "Ana", "skills": ["Python"]},\n {"id": "Ana"}]', encoding="utf-8")
    res = invoke("batch", str(bad), "-o", str(tmp_path / "x.csv"))
    assert res.exit_code == 1 and f"{bad}, line 2, field 'id'" in one_error(res.output)
    assert not (tmp_path / "x.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "team.csv"]


def test_spreadsheet_safe_quotes_formula_text_in_every_csv_output(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Red team (left open in session 16): a people file's id ``=1+1`` or ``@SUM(A1)``
    reached the CSV tables as is, a live formula once opened in a spreadsheet. By default
    the CSV stays exact; ``--spreadsheet-safe`` writes such text with a leading ``'``."""
    team = tmp_path / "team.csv"
    team.write_text(
        "id,role,skills\n=1+1,,Python;SQL;Statistics\n@SUM(A1),,Copywriting\n", encoding="utf-8"
    )

    def people(path: Path) -> set[str]:
        with path.open(encoding="utf-8", newline="") as fh:
            return {row["person"] for row in csv.DictReader(fh)}

    ok(invoke("batch", str(team), "-o", str(tmp_path / "exact.csv"), "-q"))
    ok(invoke("batch", str(team), "-o", str(tmp_path / "safe.csv"), "-q", "--spreadsheet-safe"))
    assert people(tmp_path / "exact.csv") == {"=1+1", "@SUM(A1)"}
    assert people(tmp_path / "safe.csv") == {"'=1+1", "'@SUM(A1)"}
    args = ["workforce", str(team), "-r", "data analyst", "-q", "--csv"]
    ok(invoke(*args, str(tmp_path / "w.csv"), "--spreadsheet-safe"))
    ok(invoke(*args, str(tmp_path / "x.csv")))
    safe = (tmp_path / "w-candidates.csv").read_text(encoding="utf-8")
    exact = (tmp_path / "x-candidates.csv").read_text(encoding="utf-8")
    assert ",'=1+1," in safe and ",=1+1," in exact and ",=1+1," not in safe


def test_spreadsheet_safe_without_csv_output_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    """Review: the flag was silently ignored where no CSV is written."""
    team = _team(tmp_path)
    res = invoke("workforce", str(team), "-r", "data analyst", "-q", "--spreadsheet-safe")
    assert res.exit_code != 0 and "--spreadsheet-safe applies to CSV output" in one_error(
        res.output
    )
    out = tmp_path / "top.parquet"
    res = invoke("batch", str(team), "-o", str(out), "-q", "--spreadsheet-safe")
    assert res.exit_code != 0 and "not parquet" in one_error(res.output) and not out.exists()
    res = invoke("align", "demo", "demo", "-o", str(tmp_path / "m.ttl"), "--spreadsheet-safe")
    assert res.exit_code != 0 and "not turtle" in one_error(res.output)


def test_regression_no_reskilling_target_says_how_advise_differs(
    invoke: Invoke, tmp_path: Path
) -> None:
    # red team s22 #12: "no viable target among the similar roles" while advise
    # --aspiration declining found options for the same role, unexplained
    team = tmp_path / "team.csv"
    team.write_text("id,role,skills\nal,accountant,\n", encoding="utf-8")
    res = invoke("workforce", str(team), "-r", "marketing analyst", "--at-risk", "accountant", "-q")
    out = ok(res)
    assert "no target one viable move away among the 50 roles most similar" in out
    assert "`advise --aspiration declining` also plans routes of several viable moves" in out


def test_regression_listed_skills_count_and_the_assumed_are_named(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Red team s23 #1: every person was credited with all of their current role's
    requirements, silently: an incumbent listing one skill covered their role 100%
    (training needs: none) while the same skill without the role covered 4%."""
    team = tmp_path / "t.csv"
    team.write_text(
        "id,role,skills\nbob,retail sales assistant,Customer service\nzed,,Customer service\n"
        "ann,retail sales assistant,\n",
        encoding="utf-8",
    )
    data = json.loads(
        ok(invoke("workforce", str(team), "-r", "retail sales assistant", "--json", "-q"))
    )
    assert data["assumed"] == ["ann"] and data["role_skills"] == "if-none-listed"
    assert "bob" in {p for t in data["training"] for p in t["people"]}
    out = ok(invoke("workforce", str(team), "-r", "retail sales assistant", "-q"))
    assert "1 person assumed to hold their current role's requirements" in out
    assert "(they list no skill): ann" in out
    top = tmp_path / "top.csv"
    ok(invoke("batch", str(team), "-o", str(top), "-k", "1", "-r", "retail sales assistant", "-q"))
    with top.open(encoding="utf-8", newline="") as fh:
        rows = {r["person"]: r for r in csv.DictReader(fh)}
    assert rows["bob"]["coverage"] == rows["zed"]["coverage"] != "1.0"
    assert [rows[p]["assumed"] for p in ("bob", "zed", "ann")] == ["False", "False", "True"]
    assert rows["ann"]["coverage"] == "1.0"
    always = ("--assume-role-skills", "always")
    ok(
        invoke(
            "batch", str(team), "-o", str(top), "-k", "1", "-r", "retail sales assistant", *always
        )
    )
    with top.open(encoding="utf-8", newline="") as fh:
        rows = {r["person"]: r for r in csv.DictReader(fh)}
    assert rows["bob"]["coverage"] == "1.0" and rows["bob"]["assumed"] == "True"


def test_assume_role_skills_choices_are_the_library_modes() -> None:
    # the CLI spells the modes out (importing the workforce package would slow start-up)
    from skillgraph.cli._workforce import role_skills_option
    from skillgraph.workforce import ROLE_SKILLS

    @role_skills_option
    def command(role_skills: str) -> None: ...

    (param,) = command.__click_params__  # type: ignore[attr-defined]
    assert tuple(param.type.choices) == ROLE_SKILLS


def test_regression_csv_to_standard_output_is_refused(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # red team s25 (14): '--csv -' wrote './--coverage.csv' and three more files
    team = _team(tmp_path)
    monkeypatch.chdir(tmp_path)
    res = invoke("workforce", str(team), "-r", "marketing analyst", "--csv", "-", "-q")
    assert res.exit_code == 1 and "cannot share standard output" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [team.name]
