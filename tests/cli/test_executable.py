"""The installed ``skillgraph`` executable: every verb on the demo, help, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.cli import cli

from .conftest import ok, one_error

RunExe = Callable[..., subprocess.CompletedProcess[str]]

ROLE = "software engineer"
RETAIL = "retail sales assistant"
DIGITAL = "digital marketing specialist"


def test_help_shows_an_example(run_exe: RunExe) -> None:
    out = ok(run_exe("--help"))
    assert "Examples:" in out and "skillgraph reskill" in out
    for name in cli.commands:
        assert name in out


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_subcommand_help_shows_an_example(run_exe: RunExe, command: str) -> None:
    out = ok(run_exe(command, "--help"))
    assert "Example" in out and f"skillgraph {command}" in out


def test_python_m_skillgraph(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "skillgraph", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 0 and sg.__version__ in proc.stdout


def test_readme_command(run_exe: RunExe, demo: sg.SkillGraph) -> None:
    out = ok(run_exe("reskill", "--from", RETAIL, "--to", DIGITAL))
    assert demo.label(demo.resolve(DIGITAL, "role")) in out
    assert "Why:" in out


def _two_skills(demo: sg.SkillGraph) -> list[str]:
    reqs = demo.requirements(demo.resolve(ROLE, "role"))
    return [r.skill for r in sorted(reqs, key=lambda r: (-r.importance, r.skill))][:2]


@pytest.mark.parametrize(
    "verb", ["gap", "upskill", "reskill", "classify", "similar", "adjacent", "path"]
)
def test_each_query_verb_json(run_exe: RunExe, demo: sg.SkillGraph, verb: str) -> None:
    a, b = _two_skills(demo)
    args = {
        "gap": ["--role", ROLE, "--have", a],
        "upskill": ["--role", ROLE, "--have", a],
        "reskill": ["--from", RETAIL, "--to", DIGITAL],
        "classify": ["--from", RETAIL, "--to", DIGITAL],
        "similar": ["--role", ROLE, "-k", "3"],
        "adjacent": ["--skill", a, "-k", "3"],
        "path": ["--from", a, "--to", b],
    }[verb]
    got = json.loads(ok(run_exe(verb, *args, "--json")))
    role = demo.resolve(ROLE, "role")
    expected = {
        "gap": lambda: demo.gap(role, [a]).model_dump(mode="json"),
        "upskill": lambda: [p.model_dump(mode="json") for p in demo.upskill(role, [a])],
        "reskill": lambda: demo.reskill(RETAIL, DIGITAL).model_dump(mode="json"),
        "classify": lambda: demo.classify(RETAIL, DIGITAL).model_dump(mode="json"),
        "similar": lambda: [m.model_dump(mode="json") for m in demo.similar_roles(role, 3)],
        "adjacent": lambda: [m.model_dump(mode="json") for m in demo.adjacent_skills([a], 3)],
        "path": lambda: demo.skill_path(a, b),
    }[verb]()
    if verb in ("gap", "upskill"):  # the CLI adds what each --have resolved to
        for item in got if isinstance(got, list) else [got]:
            assert [m["id"] for m in item["inputs"]["matched"]] == [a]
            item["inputs"] = None
    assert got == expected
    text = ok(run_exe(verb, *args))
    assert text.strip() and not text.lstrip().startswith(("{", "["))


def test_info_and_validate_and_formats(run_exe: RunExe, demo: sg.SkillGraph) -> None:
    info = json.loads(ok(run_exe("info", "demo", "--json")))
    assert info["format"] == "json"
    assert info["nodes"]["roles"] == len(demo.roles)
    assert info["nodes"]["skills"] == len(demo.skills)
    report = json.loads(ok(run_exe("validate", "demo", "--json")))
    assert report["valid"] is True and report["errors"] == 0
    names = [f["name"] for f in json.loads(ok(run_exe("formats", "--json")))]
    assert {"json", "turtle", "ntriples", "jsonld", "rdfxml", "esco", "onet"} <= set(names)


def test_unknown_role_exits_1_without_traceback(run_exe: RunExe) -> None:
    proc = run_exe("gap", "--role", "sofware enginer")
    assert proc.returncode == 1 and proc.stdout == ""
    assert "Did you mean" in one_error(proc.stderr)


def test_usage_error_exits_2(run_exe: RunExe) -> None:
    proc = run_exe("gap", "--nope")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "No such option" in proc.stderr
