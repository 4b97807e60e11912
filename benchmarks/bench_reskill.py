"""CPU of ``skillgraph reskill`` on real ESCO v1.1.1 and O*NET 29.3: without the cache,
with it, and the read alone, this tree beside a baseline tree in the same run.

    python benchmarks/bench_reskill.py [--base DIR] [-n RUNS] [--only esco|onet] [--json FILE]
        [--answers] [--pairs N] [--roles N]

Per taxonomy and tree, in fresh interpreters:

- **read**: ``sg.read(path, cache=False)`` and nothing else;
- **no cache**: ``skillgraph reskill --no-cache`` (read, every index reskill needs, answer);
- **warm**: ``skillgraph reskill`` with its snapshot in the cache (one call fills it first).

Compiled modules are kept (in a temporary ``PYTHONPYCACHEPREFIX``), as in an installed
package: without them every call compiles the package again (about 0.3 s).

Reported: medians over RUNS of CPU seconds (user + system of the child) and wall seconds;
"cost" is the no-cache CPU minus the read CPU (the target of issue 18: at most 2.0 s). With
``--base DIR`` (a checkout or ``git archive`` of main, say) each measurement alternates
between the two trees, so the load of a shared machine falls on both; the load average is
printed before and after.

With ``--answers`` (and ``--base``) the answers are compared instead: per taxonomy and
tree, hashes of the JSON of ``--pairs`` reskill plans between seeded random roles (errors
by type and message), of the upskill plans of ``--roles`` seeded roles, of the family and
seniority maps (``"auto"``, ``"detected"``, detection with seed 3), of the viable-move
arrays and threshold, and of the nearest-role lists; printed side by side with a verdict.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import ANSWER_HASH, ROOT, data_dir, fmt
from bench_cli import measure

_READ = "import sys, warnings; warnings.simplefilter('ignore'); import skillgraph as sg; "
_READ += "sg.read(sys.argv[1], cache=False)"

CASES = {
    "esco": ("ESCO v1.1.1", "esco/v1.1.1/csv", "shop assistant", "online marketer"),
    "onet": ("O*NET 29.3", "onet/29.3", "Retail Salespersons", "Registered Nurses"),
}


_ANSWERS = (
    ANSWER_HASH
    + """
import numpy as np
from skillgraph.analysis.clusters import detect_clusters, neighbour_lists
from skillgraph.analysis.viability import mobility

g = sg.read(sys.argv[1], cache=False)
roles = sorted(g.roles)
rng = random.Random(5)
pairs = [rng.sample(roles, 2) for _ in range(int(sys.argv[2]))]
ups = rng.sample(roles, int(sys.argv[3]))
plans = reskill_plans(g, pairs)
mob = mobility(g)
arrays = (mob.a.data, mob.a.indices, mob.a.indptr, mob.at.data, mob.at.indices, mob.at.indptr)
out = {
    "reskill plans": h(plans),
    "reskill errors": str(sum(not p.startswith("{") for p in plans)),
    "upskill plans": h([[p.model_dump_json() for p in g.upskill(r)] for r in ups]),
    "families auto": h(g.families("auto")),
    "families detected": h(g.families("detected")),
    "detected, seed 3": h(detect_clusters(g, seed=3)),
    "seniority auto": h(g.seniority("auto")),
    "viable moves": h(b"".join(np.ascontiguousarray(a).tobytes() for a in arrays)),
    "threshold": repr(mob.threshold),
    "nearest roles": h(b"".join(i.tobytes() + s.tobytes() for i, s in neighbour_lists(g))),
}
print(json.dumps(out))
"""
)


def answers(trees: dict[str, Path], pairs: int, roles: int, only: str | None) -> list[str]:
    """Markdown lines comparing the answer hashes of every tree (see the module text)."""
    data = data_dir()
    if data is None:
        return ["real data folder absent: nothing to compare"]
    lines = ["| taxonomy | answer | " + " | ".join(trees) + " | same |", "|---|---|"]
    lines[1] += "---|" * (len(trees) + 1)
    with tempfile.TemporaryDirectory() as tmp:
        for key, (name, rel, _, _) in CASES.items():
            if only and key != only:
                continue
            got = {}
            for t, tree in trees.items():
                env = _env(tree, Path(tmp) / "cache", Path(tmp) / "pycache")
                cmd = [sys.executable, "-c", _ANSWERS, str(data / rel), str(pairs), str(roles)]
                done = subprocess.run(
                    cmd, env=env, capture_output=True, text=True, check=True, cwd=tmp
                )
                got[t] = json.loads(done.stdout.strip().splitlines()[-1])
            first = next(iter(got.values()))
            for what in first:
                cells = [got[t][what] for t in trees]
                same = "yes" if len(set(cells)) == 1 else "NO"
                lines.append(f"| {name} | {what} | " + " | ".join(cells) + f" | {same} |")
    return lines


def _commands(path: Path, source: str, target: str) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "skillgraph", "reskill", "--ontology", str(path), "--quiet"]
    cli += ["--from", source, "--to", target]
    return {
        "read": [sys.executable, "-c", _READ, str(path)],
        "nocache": [*cli, "--no-cache"],
        "warm": cli,
    }


def _env(tree: Path, cache: Path, pycache: Path) -> dict[str, str]:
    """The environment of a child running ``tree``: its own snapshot cache, and compiled
    modules kept under ``pycache`` (outside the trees), as an installed package has them."""
    env = dict(os.environ, PYTHONPATH=str(tree), SKILLGRAPH_CACHE=str(cache))
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONSTARTUP", None)
    return env


def run(trees: dict[str, Path], runs: int, only: str | None) -> list[dict[str, Any]]:
    """One row per (taxonomy, tree): median CPU and wall of read, no cache and warm."""
    data = data_dir()
    if data is None:
        print("real data folder absent: nothing to measure")
        return []
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for key, (name, rel, source, target) in CASES.items():
            if only and key != only:
                continue
            cmds = _commands(data / rel, source, target)
            envs = {
                t: _env(tree, Path(tmp) / f"cache-{t}-{key}", Path(tmp) / "pycache")
                for t, tree in trees.items()
            }
            for t in trees:
                measure(cmds["warm"], envs[t])  # fills the cache (and compiles the modules)
            got: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
            for _ in range(runs):
                for what in ("read", "nocache", "warm"):
                    for t in trees:  # alternating trees, measurement by measurement
                        got.setdefault((t, what), []).append(measure(cmds[what], envs[t]))
            for t in trees:
                row: dict[str, Any] = {"taxonomy": name, "tree": t}
                for what in ("read", "nocache", "warm"):
                    row[f"{what}_cpu"] = statistics.median(r[2] for r in got[(t, what)])
                    row[f"{what}_wall"] = statistics.median(r[0] for r in got[(t, what)])
                    row[f"{what}_mb"] = statistics.median(r[1] for r in got[(t, what)])
                row["cost_cpu"] = row["nocache_cpu"] - row["read_cpu"]
                rows.append(row)
    return rows


COLUMNS = [
    ("taxonomy", "taxonomy"),
    ("tree", "tree"),
    ("read_cpu", "read CPU s"),
    ("nocache_cpu", "reskill no cache CPU s"),
    ("cost_cpu", "no cache - read CPU s"),
    ("warm_cpu", "reskill warm CPU s"),
    ("read_wall", "read wall s"),
    ("nocache_wall", "no cache wall s"),
    ("warm_wall", "warm wall s"),
    ("nocache_mb", "no cache MB"),
    ("warm_mb", "warm MB"),
]


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table."""
    lines = ["| " + " | ".join(h for _, h in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        lines.append("| " + " | ".join(fmt(row.get(k)) for k, _ in COLUMNS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="a baseline tree, measured alternately")
    ap.add_argument("-n", "--runs", type=int, default=5)
    ap.add_argument("--only", choices=sorted(CASES))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--answers", action="store_true", help="compare answers, not times")
    ap.add_argument("--pairs", type=int, default=40, help="reskill pairs of --answers")
    ap.add_argument("--roles", type=int, default=25, help="upskilled roles of --answers")
    args = ap.parse_args(argv)
    trees = {"this tree": ROOT}
    if args.base:
        trees = {"base": args.base.resolve(), **trees}
    if args.answers:
        print("\n".join(answers(trees, args.pairs, args.roles, args.only)))
        return
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = run(trees, args.runs, args.only)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
