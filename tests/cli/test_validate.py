"""``skillgraph validate``: every check, with location, severity and hint; exit codes."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

import skillgraph as sg
from skillgraph.cli._validate import check_graph

from .conftest import ok

Invoke = Callable[..., Result]


def flawed() -> sg.SkillGraph:
    """A graph with one instance of every problem ``validate`` reports."""
    g = sg.SkillGraph()
    g.add(sg.Cluster(id="c:sw", label="Software"))
    for sid, label in (("s:py", "Python"), ("s:git", "Git"), ("s:orphan", "Orphan")):
        g.add(sg.Skill(id=sid, label=label))
    g.add(sg.Role(id="r:dev", label="Developer", cluster="c:sw", industries=("i:undeclared",)))
    g.add(sg.Role(id="r:dev2", label="developer"))
    g.require("r:dev", "s:py", importance=0.0)
    g.require("r:dev", "s:git")
    return g


def clean() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(sg.Cluster(id="c:sw", label="Software"))
    g.add(sg.Industry(id="i:it", label="IT"))
    g.add(sg.Skill(id="s:py", label="Python"))
    g.add(sg.Role(id="r:dev", label="Developer", cluster="c:sw", industries=("i:it",)))
    g.require("r:dev", "s:py")
    return g


def report(invoke: Invoke, path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = invoke("validate", str(path), "--json", *extra)
    return result.exit_code, json.loads(result.stdout)


def test_every_check_fires(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "flawed.json"
    sg.write(flawed(), path)
    code, doc = report(invoke, path)
    assert code == 1 and doc["valid"] is False
    found = {(p["check"], p["id"], p["severity"], p["field"]) for p in doc["problems"]}
    assert found == {
        ("undeclared-industry", "i:undeclared", "error", "id"),
        ("role-without-requirements", "r:dev2", "warning", "requires"),
        ("role-without-cluster", "r:dev2", "warning", "cluster"),
        ("orphan-skill", "s:orphan", "warning", "id"),
        ("duplicate-role-label", "r:dev", "warning", "label"),  # one a label, first id
        ("zero-importance", "r:dev -> s:py", "warning", "importance"),
    }
    lines = path.read_text().splitlines()
    for p in doc["problems"]:
        assert p["file"] == str(path) and p["hint"]
        key = p["id"].split(" -> ")[0]
        assert key in lines[p["line"] - 1], p


def test_text_output_names_location_severity_and_hint(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "flawed.json"
    sg.write(flawed(), path)
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:") and "i:undeclared" in first
    assert ": error: " in first and "(fix: " in first
    assert result.stdout.splitlines()[-1].endswith("invalid: 1 error(s), 5 warning(s)")


def test_warnings_pass_unless_strict(invoke: Invoke, tmp_path: Path) -> None:
    g = clean()
    g.add(sg.Skill(id="s:orphan", label="Orphan"))
    path = tmp_path / "g.json"
    sg.write(g, path)
    code, doc = report(invoke, path)
    assert code == 0 and doc["valid"] and doc["warnings"] == 1
    code, doc = report(invoke, path, "--strict")
    assert code == 1 and not doc["valid"]


def test_clean_graph_is_valid(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    sg.write(clean(), path)
    result = invoke("validate", str(path), "--strict")
    assert ok(result).strip().endswith("valid: 0 error(s), 0 warning(s)")


def test_demo_is_valid(invoke: Invoke) -> None:
    code, doc = report(invoke, Path("demo"))
    assert code == 0, doc["problems"]


def test_read_error_has_line_and_column(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"skillgraph": 1,\n "skills": [\n  {"id": "s:x", "label": }\n]}\n')
    code, doc = report(invoke, path)
    assert code == 1
    [problem] = doc["problems"]
    assert problem["check"] == "read" and problem["severity"] == "error"
    assert problem["line"] == 3 and problem["column"] == 26


def test_invalid_field_names_the_field(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    doc = json.loads(sg.dumps(clean()))
    doc["requires"][0]["importance"] = 7
    path.write_text(json.dumps(doc))
    code, rep = report(invoke, path)
    assert code == 1
    problem = rep["problems"][0]
    assert problem["column"].startswith("requires[0]")
    assert "importance" in problem["message"] and "7" in problem["message"]


def test_read_warnings_are_reported(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import skillgraph.io.native as native

    real = native.read_native

    def noisy(source: Any, **options: Any) -> sg.SkillGraph:
        warnings.warn("row 7 looks odd", sg.DataWarning, stacklevel=2)
        return real(source, **options)

    monkeypatch.setattr(native, "read_native", noisy)
    path = tmp_path / "g.json"
    sg.write(clean(), path)
    code, doc = report(invoke, path)
    assert code == 0
    assert [(p["check"], p["message"]) for p in doc["problems"]] == [
        ("read-warning", "row 7 looks odd")
    ]
    code, _ = report(invoke, path, "--strict")
    assert code == 1


def test_stdin(invoke: Invoke) -> None:
    result = invoke("validate", "-", input=sg.dumps(clean()))
    assert result.exit_code == 0
    assert "<stdin> (json): valid" in result.stdout


def test_check_graph_is_deterministic() -> None:
    assert list(check_graph(flawed())) == list(check_graph(flawed()))


def test_declared_cluster_labelled_by_its_id_is_valid(invoke: Invoke, tmp_path: Path) -> None:
    # regression: a declared Cluster(id="c:x", label="c:x") was reported as undeclared
    g = clean()
    g.add(sg.Cluster(id="c:x", label="c:x"))
    g.add(sg.Role(id="r:x", label="X", cluster="c:x"))
    g.require("r:x", "s:py")
    path = tmp_path / "g.json"
    sg.write(g, path)
    code, doc = report(invoke, path)
    assert code == 0 and doc["valid"] is True, doc["problems"]
