"""Start-up time of the ``skillgraph`` command, beside the bare interpreter.

Runs each command N times as a subprocess and prints the median and best wall time:

    python benchmarks/bench_startup.py [N]

Target: ``skillgraph --help`` within 3x ``python -c "import click"`` (bench_cli.py reports the
ratio with the query verbs).

The first answer in code (target: at most 1.5 s), this tree beside a baseline tree:

    python benchmarks/bench_startup.py --first-answer [--base DIR] [-n RUNS] [--phases]

``sg.read(path, cache=False)`` and the first ``similar_roles``, ``gap`` or ``reskill`` (the
cases of ``bench_cli.py``: ESCO v1.1.1 CSV and O*NET 29.3) in a fresh interpreter, the trees
alternating run by run so the load of a shared machine falls on both; medians of RUNS of
wall and CPU seconds (the read, import included, and the query), and peak RSS. Compiled
modules are kept in a temporary ``PYTHONPYCACHEPREFIX`` (as an installed package has them;
nothing is written into the trees). With ``--phases``, the CPU seconds of each step of the
query too (label lookup, the core and the profiles of the analysis index and their parts,
nearest roles, the similarity pass of the mobility build, the families it reads, its
threshold calibration, family detection, the mobility index), medians of RUNS, measured by
wrapping those functions (which adds a little to the totals; a class, such as the
similarity pass, is timed by its construction).

"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import BARE_IMPORT, FIRST_QUERY, ROOT, compile_bytecode, data_dir


def skillgraph_cmd() -> list[str]:
    """The installed console script, else ``python -m skillgraph``."""
    found = shutil.which("skillgraph")
    beside = Path(sys.executable).parent / "skillgraph"
    if found is None and beside.exists():
        found = str(beside)
    return [found] if found else [sys.executable, "-m", "skillgraph"]


def wall_times(cmd: list[str], n: int) -> list[float]:
    """Wall time of ``n`` runs of ``cmd`` (after one warm-up run), in seconds."""
    subprocess.run(cmd, capture_output=True, check=True)
    out = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        out.append(time.perf_counter() - start)
    return out


#: the steps ``--phases`` times (module, function): each wrapped, its CPU summed per call
PHASES = [
    ("skillgraph._lookup", "build_label_index"),
    ("skillgraph._lookup", "_build_role_labels"),
    ("skillgraph.analysis._index", "_build_core"),
    ("skillgraph.analysis._index", "_build_profiles"),
    ("skillgraph.analysis._build", "_ratings"),
    ("skillgraph.analysis._build", "_hierarchy"),
    ("skillgraph.analysis._build", "latent"),
    ("skillgraph.analysis._build", "text_profiles"),
    ("skillgraph.analysis._profiles", "dense_product"),
    ("skillgraph.analysis.viability", "nearest_of"),
    ("skillgraph.analysis.viability", "_Blocks"),
    ("skillgraph.analysis.viability", "family_map"),
    ("skillgraph.analysis.viability", "_calibrate"),
    ("skillgraph.analysis.clusters", "detect_clusters"),
    ("skillgraph.analysis._communities", "communities"),
    ("skillgraph.analysis._rejoin", "rejoin"),
    ("skillgraph.analysis._reseat", "reseat"),
    ("skillgraph.analysis.moves", "explore"),
    ("skillgraph.analysis.moves", "gap_index"),
    ("skillgraph.analysis.viability", "_build"),
]

_FIRST = (
    """
import importlib, json, resource, sys, time, warnings
warnings.simplefilter("ignore")
spent = {}
def wrap(module, name):
    mod = importlib.import_module(module)
    fn = getattr(mod, name, None)
    if fn is None:
        return
    def timed(*a, **k):
        c = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            key = module.rsplit(".", 1)[-1] + "." + name
            spent[key] = spent.get(key, 0.0) + time.process_time() - c
    setattr(mod, name, timed)
t, cpu = time.perf_counter(), time.process_time()
import skillgraph as sg
g = sg.read(sys.argv[1], cache=False)
read_cpu = time.process_time() - cpu
for module, name in json.loads(sys.argv[4]):
    wrap(module, name)
verb, args = sys.argv[2], json.loads(sys.argv[3])
q = time.process_time()
"""
    + FIRST_QUERY
    + """
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - cpu,
                  "read_cpu": read_cpu, "query_cpu": time.process_time() - q,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **spent}))
"""
)


def first_answers(trees: dict[str, Path], runs: int, phases: bool) -> list[dict[str, Any]]:
    """Per case and tree, the medians of ``runs`` first answers in code (see the module)."""
    from bench_cli import cases

    data = data_dir()
    if data is None:
        print("real data folder absent: nothing to measure")
        return []
    wrapped = json.dumps(PHASES if phases else [])
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        envs = {}
        for name, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=f"{tmp}/pyc")
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            envs[name] = env
        for case in cases(data):
            cmd = [sys.executable, "-c", _FIRST, str(case["path"]), case["verb"]]
            cmd += [json.dumps(case["args"]), wrapped]
            got: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
            for i in range(runs + 1):  # the first round compiles the modules: not counted
                for name in trees:
                    done = subprocess.run(
                        cmd, env=envs[name], capture_output=True, text=True, check=True, cwd=tmp
                    )
                    if i:
                        got[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
            for name in trees:
                keys = sorted({k for run in got[name] for k in run})
                row: dict[str, Any] = {"data": case["data"], "verb": case["verb"], "tree": name}
                for k in keys:
                    row[k] = statistics.median(run.get(k, 0.0) for run in got[name])
                rows.append(row)
    return rows


def print_first(rows: list[dict[str, Any]]) -> None:
    """The first-answer rows as a Markdown table (phases, when measured, as columns)."""
    fixed = ["wall", "cpu", "read_cpu", "query_cpu", "mb"]
    extra = sorted({k for r in rows for k in r} - {"data", "verb", "tree", *fixed})
    head = ["data", "verb", "tree", "wall s", "CPU s", "read CPU", "query CPU", "MB", *extra]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        cells = [r["data"], r["verb"], r["tree"]]
        cells += [f"{r[k]:.3f}" if k != "mb" else f"{r[k]:.0f}" for k in fixed]
        cells += [f"{r.get(k, 0.0):.3f}" for k in extra]
        print("| " + " | ".join(cells) + " |")
    print(f"load average after: {os.getloadavg()[0]:.1f}; target: wall <= 1.5 s")


def main() -> None:
    """Print a table of median and best times (or of first answers, ``--first-answer``)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=20, help="runs of each start-up command")
    ap.add_argument("--first-answer", action="store_true", help="sg.read + first query instead")
    ap.add_argument("--base", type=Path, help="a baseline tree for --first-answer")
    ap.add_argument("-n", "--runs", type=int, default=3, help="runs of --first-answer")
    ap.add_argument("--phases", action="store_true", help="CPU of each step (--first-answer)")
    opts = ap.parse_args()
    if opts.first_answer:
        trees = {"this": ROOT} if opts.base is None else {"base": opts.base, "this": ROOT}
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        print_first(first_answers(trees, opts.runs, opts.phases))
        return
    n = opts.n
    sg = skillgraph_cmd()
    print(compile_bytecode(ROOT))
    cases = [
        ("python -c pass (baseline)", [sys.executable, "-c", "pass"]),
        ("python -c 'import click'", [sys.executable, "-c", "import click"]),
        ("import numpy+scipy+pydantic+click", [sys.executable, "-c", BARE_IMPORT]),
        ("python -c 'import skillgraph'", [sys.executable, "-c", "import skillgraph"]),
        ("skillgraph --help", [*sg, "--help"]),
        ("skillgraph convert --help", [*sg, "convert", "--help"]),
        ("skillgraph formats", [*sg, "formats"]),
    ]
    print(f"{'command':34} {'median s':>9} {'best s':>8}   (n={n}, {' '.join(sg)})")
    for name, cmd in cases:
        times = wall_times(cmd, n)
        print(f"{name:34} {statistics.median(times):9.3f} {min(times):8.3f}")


if __name__ == "__main__":
    main()
