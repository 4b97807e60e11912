"""Answers that must not depend on the string hash seed: the same under every PYTHONHASHSEED.

    python benchmarks/check_hashseed.py [--quick] [--hash-seeds 0,1,2,3] [--seed 206]

Runs a fixed set of queries in one fresh interpreter per hash seed (``PYTHONHASHSEED``) and
compares their answers as JSON (every field, scores in full precision); prints "identical"
or, for each query whose answer differed, the query and the answers.

Queries: ``match_roles`` (k=5) on 200 held-out ESCO v1.1.1 occupation alt labels and 200
held-out O*NET 29.3 alternate titles (the split of ``bench_text.py`` for ``--seed``, each
graph without its held-out labels), ``match_skills`` on 20 CV sentences (ESCO),
``similar_roles`` for 50 roles, ``reskill`` for 30 pairs and ``adjacent_skills`` for 20
skill sets and ``upskill`` for 20 roles (ESCO, drawn with ``--seed``); the detected families
and seniority of ESCO, ``align(ESCO, O*NET)`` and ESCO as native JSON (hashed); the demo
graph's families, seniority, ``similar_roles`` of every role, ``align(demo, demo)`` and its
bytes in every written format. ``--quick``: the demo graph and 5 ESCO titles only (the test's
version). Without the real data folder only the demo queries run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

ROOT = Path(__file__).resolve().parent.parent
tree_on_path(ROOT)

from _util import data_dir

import skillgraph as sg
from skillgraph.model import NodeType

SENTENCES = (
    "Managed a team of five software developers and planned sprints.",
    "Prepared financial statements and monthly budget reports.",
    "Operated forklifts and kept the warehouse stock records up to date.",
    "Taught mathematics and physics to secondary school students.",
    "Cared for elderly patients, administered medication and monitored vital signs.",
    "Designed marketing campaigns for social media and analysed their results.",
    "Repaired electrical wiring and installed lighting systems in homes.",
    "Negotiated contracts with suppliers and handled import and export customs papers.",
    "Cooked meals in a busy restaurant kitchen following food hygiene rules.",
    "Wrote Python and SQL code to build data pipelines and dashboards.",
    "Drove heavy goods vehicles across Europe and planned delivery routes.",
    "Provided customer service by phone and resolved complaints.",
    "Welded steel structures and read technical drawings.",
    "Recruited staff, ran interviews and managed payroll.",
    "Translated legal documents from German into English.",
    "Maintained aircraft engines according to safety regulations.",
    "Conducted laboratory experiments and wrote research papers.",
    "Cut and styled hair and advised clients on hair care products.",
    "Audited company accounts for compliance with tax law.",
    "Led project management for construction sites and supervised subcontractors.",
)


def _dump(x: Any) -> Any:
    if isinstance(x, list):
        return [_dump(v) for v in x]
    if hasattr(x, "model_dump"):
        return x.model_dump(mode="json")
    return x


def _call(fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        return _dump(fn(*args, **kw))
    except sg.SkillGraphError as exc:
        return f"{type(exc).__name__}: {exc}"


def _titles(g: sg.SkillGraph, n: int, seed: int, name: str, out: dict[str, Any]) -> None:
    from bench_text import held_out

    h, queries = held_out(g, NodeType.ROLE, n, seed)
    for q, _ in queries:
        out[f"{name} match_roles {q!r}"] = _call(h.match_roles, q, 5)


def answers(quick: bool, seed: int) -> dict[str, Any]:
    """Every answer of the fixed query set, by query."""
    out: dict[str, Any] = {}
    demo = sg.load("demo")
    out["demo families"] = sorted(demo.families().items())
    out["demo seniority"] = sorted(demo.seniority().items())
    out["demo align"] = _call(sg.align, demo, demo)
    for fmt in ("json", "turtle", "ntriples", "jsonld", "rdfxml"):
        out[f"demo dumps {fmt}"] = hashlib.sha256(sg.dumps(demo, fmt)).hexdigest()
    for rid in sorted(demo.roles):
        out[f"demo similar_roles {rid}"] = _call(demo.similar_roles, rid, 5)
    data = data_dir()
    if data is None:
        return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        esco = sg.read(data / "esco" / "v1.1.1" / "csv")
        if quick:
            _titles(esco, 5, seed, "ESCO", out)
            return out
        onet = sg.read(data / "onet" / "29.3")
    _titles(esco, 200, seed, "ESCO", out)
    _titles(onet, 200, seed, "O*NET", out)
    for s in SENTENCES:
        out[f"ESCO match_skills {s!r}"] = _call(esco.match_skills, s, 10)
    rng = random.Random(seed)
    roles, skills = sorted(esco.roles), sorted(esco.skills)
    for rid in rng.sample(roles, 50):
        out[f"ESCO similar_roles {rid}"] = _call(esco.similar_roles, rid, 10)
    for a, b in (rng.sample(roles, 2) for _ in range(30)):
        out[f"ESCO reskill {a} {b}"] = _call(esco.reskill, a, b)
    for i in range(20):
        have = rng.sample(skills, 1 + i % 5)
        out[f"ESCO adjacent_skills {have}"] = _call(esco.adjacent_skills, have, 10)
    for rid in rng.sample(roles, 20):
        out[f"ESCO upskill {rid}"] = _call(esco.upskill, rid)
    out["ESCO families"] = _digest(sorted(esco.families().items()))
    out["ESCO seniority"] = _digest(sorted(esco.seniority().items()))
    out["align ESCO O*NET"] = _digest(_call(sg.align, esco, onet))
    out["ESCO dumps json"] = hashlib.sha256(sg.dumps(esco, "json")).hexdigest()
    return out


def _digest(x: Any) -> str:
    """A short hash of a large answer (its JSON)."""
    return hashlib.sha256(json.dumps(x, sort_keys=True).encode()).hexdigest()[:16]


def run_child(hash_seed: str, quick: bool, seed: int) -> dict[str, Any]:
    """:func:`answers` in a fresh interpreter under ``PYTHONHASHSEED=hash_seed``."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--seed", str(seed)]
    proc = subprocess.run(
        [*cmd, *(["--quick"] if quick else [])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def diffs(runs: dict[str, dict[str, Any]]) -> list[str]:
    """One line per query whose answer is not the same under every hash seed."""
    first, *rest = runs
    lines = []
    for key, value in runs[first].items():
        for other in rest:
            if runs[other].get(key) != value:
                got = json.dumps(runs[other].get(key), sort_keys=True)
                lines.append(f"{key}: seed {first} {json.dumps(value, sort_keys=True)}")
                lines.append(f"{key}: seed {other} {got}")
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="demo graph and 5 ESCO titles only")
    p.add_argument("--seed", type=int, default=206, help="seed of the queries (default 206)")
    p.add_argument("--hash-seeds", default="0,1,2,3", help="PYTHONHASHSEED values compared")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", type=Path, help="write the first hash seed's answers here")
    a = p.parse_args(argv)
    if a.child:
        print(json.dumps(answers(a.quick, a.seed), sort_keys=True))
        return 0
    runs = {h: run_child(h, a.quick, a.seed) for h in a.hash_seeds.split(",")}
    if a.json:
        a.json.write_text(json.dumps(next(iter(runs.values())), sort_keys=True, indent=1))
    lines = diffs(runs)
    print("\n".join(lines) if lines else f"identical ({len(next(iter(runs.values())))} queries)")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
