"""The example scripts run as ``python examples/NAME.py``, with no arguments, from another
working folder, and print the roles and skills they promise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# what each script's output must name (labels of roles and skills, and key phrases)
PROMISES: dict[str, list[str]] = {
    "seed_software_engineer": [
        "Start: Software engineer (Software development, level 2)",
        "UPSKILLING: Software engineer -> ",
        "[Software development, level",
        "total cost",
    ],
    "seed_marketing_analytics": [
        "Start: Marketing coordinator; target: Marketing analyst",
        "Move: upskilling",
        "UPSKILLING: Marketing coordinator -> Marketing analyst",
        "Learning order:",
    ],
    "seed_retail_to_digital_marketing": [
        "Start: Retail sales assistant",
        "Target: Digital marketing specialist",
        "RESKILLING: Retail sales assistant -> ",
        "-> Digital marketing specialist",
        "transferable:",
        "to learn:",
        "flowchart LR",
    ],
    "seed_learning_path": [
        "resources cover 15 of 15 skills to learn in 131 hours",
        "2026-01-05 → 2026-01-28  E-commerce fundamentals for store staff",
        "milestone: ready for E-commerce assistant",
        "milestone: ready for Digital marketing specialist on 2026-07-08",
        "at this pace complete by",
    ],
    "convert_formats": [
        "demo.ttl",
        "demo.jsonld",
        "demo.nt",
        "demo.rdf",
        "demo.json",
        "every format read back equal to the original",
    ],
}
DATA_PROMISES: dict[str, list[str]] = {
    "esco_walkthrough": [
        "occupations,",
        "Gap for data analyst",
        "Roles similar to data analyst:",
        "UPSKILLING:",
        "RESKILLING: shop assistant -> ",
        "-> online marketer",
    ],
    "onet_walkthrough": [
        "occupations,",
        "Gap for Statisticians",
        "Roles similar to Statisticians:",
        "UPSKILLING:",
        "RESKILLING: Cashiers -> ",
        "-> Software Developers",
    ],
    "esco_release_changes": [
        "promote inclusion in research -> integrate gender dimension in research",
        "Skill groups given new ids:",
        "Extract of Software and applications developers and analysts: 49 occupations",
        "merged ESCO ICT + acme",
        "no conflicts",
        "equal = True",
    ],
}
# skills the plans must name: at least one of each set on a "to learn:" / "transferable:" line
LEARNS: dict[str, list[set[str]]] = {
    "seed_software_engineer": [{"Go", "Rust", "TypeScript", "Java", "JavaScript"}],
    "seed_marketing_analytics": [{"Google Analytics"}, {"SQL"}, {"Data visualisation"}],
    "seed_retail_to_digital_marketing": [{"Copywriting"}, {"Social media marketing"}],
}
TRANSFERS: dict[str, list[set[str]]] = {
    "seed_software_engineer": [{"Git"}, {"Debugging"}],
    "seed_marketing_analytics": [{"Market research"}, {"Campaign management"}],
    "seed_retail_to_digital_marketing": [{"Product knowledge"}, {"Customer orientation"}],
}
NEED_DATA = {
    "esco_walkthrough": "esco/v1.1.1/csv",
    "onet_walkthrough": "onet/29.3",
    "esco_release_changes": "esco/v1.1.0/zip",
}


def run(name: str, *args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        env=env if env is not None else dict(os.environ),
    )
    assert proc.returncode == 0, f"{name} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_every_example_is_checked() -> None:
    scripts = {p.stem for p in EXAMPLES.glob("*.py") if not p.name.startswith("_")}
    assert scripts == set(PROMISES) | set(DATA_PROMISES)


@pytest.mark.parametrize("name", sorted(PROMISES))
def test_example_prints_what_it_promises(name: str, tmp_path: Path) -> None:
    out = run(name, cwd=tmp_path)
    for text in PROMISES[name]:
        assert text in out, f"{name} output lacks {text!r}:\n{out}"
    for prefix, wanted in (("to learn:", LEARNS), ("transferable:", TRANSFERS)):
        named = {
            s.strip().split(" (+")[0]
            for line in out.splitlines()
            if line.strip().startswith(prefix)
            for s in line.split(":", 1)[1].split(",")
        }
        for choices in wanted.get(name, []):
            assert named & choices, f"{name}: no {prefix} line names any of {sorted(choices)}"


@pytest.mark.data
@pytest.mark.parametrize("name", sorted(DATA_PROMISES))
def test_walkthrough_on_real_data(name: str, tmp_path: Path, data: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SKILLGRAPH_DATA"}
    env["SKILLGRAPH_DATA"] = str(data)
    out = run(name, cwd=tmp_path, env=env)
    for text in DATA_PROMISES[name]:
        assert text in out, f"{name} output lacks {text!r}:\n{out}"


@pytest.mark.parametrize("name", sorted(DATA_PROMISES))
def test_walkthrough_without_data_exits_cleanly(name: str, tmp_path: Path) -> None:
    env = dict(os.environ, SKILLGRAPH_DATA=str(tmp_path))
    out = run(name, cwd=tmp_path, env=env)
    assert "not found" in out and "SKILLGRAPH_DATA" in out


@pytest.mark.data
def test_walkthrough_takes_a_path_argument(tmp_path: Path, data: Path) -> None:
    """The first argument wins over $SKILLGRAPH_DATA (here pointing at nothing)."""
    env = dict(os.environ, SKILLGRAPH_DATA=str(tmp_path))
    out = run("onet_walkthrough", str(data / NEED_DATA["onet_walkthrough"]), cwd=tmp_path, env=env)
    assert "Roles similar to Statisticians:" in out
