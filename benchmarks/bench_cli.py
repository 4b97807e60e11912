"""The ``skillgraph`` command on real releases: cold, warm (snapshot cache) and in code,
each beside a plain pandas + scipy script (``baseline_pandas.py``) run in the same process.

    python benchmarks/bench_cli.py [-n RUNS] [--json FILE] [--reads-only]

For ESCO v1.1.1 (CSV) and O*NET 29.3 and each of ``similar``, ``gap`` and ``reskill``:

- **cold**: the CLI with an empty cache folder (read, index, answer, write the snapshot);
- **warm**: the CLI again, snapshot present (median of RUNS);
- **code**: ``sg.read`` + the first query in a fresh interpreter, without and with the
  cache ("first answer in code");
- **pandas**: the baseline script answering the same question (median of RUNS);
- **reads**: ``sg.read`` of ESCO from its CSV release and from native JSON (written from
  it), no cache, in a fresh interpreter, the two alternating (median of RUNS; target:
  native <= CSV); ``--reads-only`` stops after these.

Wall time and peak RSS (``ru_maxrss`` of the one child process) are reported; targets:
warm <= 0.5 s and <= 150 MB, cold <= 2.5 s, first answer in code <= 1.5 s, and
``skillgraph --help`` <= 3x ``python -c "import click"``. The machine may be shared: read
the ratios to the baseline, measured in the same run, rather than the absolute times.
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import ROOT, data_dir, fmt

#: runs one command as its only child and prints its wall time and peak RSS (MB)
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
if done.returncode:
    sys.exit(done.stderr.decode()[-2000:])
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([wall, use.ru_maxrss / 1024, use.ru_utime + use.ru_stime]))
"""

_CODE = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
t = time.perf_counter()
import skillgraph as sg
g = sg.read(sys.argv[1], cache=sys.argv[2] == "1")
read = time.perf_counter() - t
verb, args = sys.argv[3], json.loads(sys.argv[4])
q = time.perf_counter()
if verb == "similar":
    g.similar_roles(g.resolve(args[0], "role"), 10)
elif verb == "gap":
    g.gap(g.resolve(args[0], "role"), [g.resolve(s, "skill") for s in args[1:]])
else:
    g.reskill(g.resolve(args[0], "role"), g.resolve(args[1], "role"))
query = time.perf_counter() - q
print(json.dumps([time.perf_counter() - t, read, query,
                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak MB and CPU seconds (user + system) of ``cmd`` run once."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if out.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed: {out.stderr[-2000:]}")
    wall, mb, cpu = json.loads(out.stdout)
    return float(wall), float(mb), float(cpu)


def median(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The median of each of wall, peak MB and CPU seconds over ``runs``."""
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        statistics.median(r[2] for r in runs),
    )


def skillgraph_cmd() -> list[str]:
    """The installed command, or ``python -m skillgraph`` (with ``--module``: the package
    beside this script, e.g. a ``git archive`` of an older commit)."""
    beside = Path(sys.executable).parent / "skillgraph"
    if beside.exists() and not _MODULE:
        return [str(beside)]
    return [sys.executable, "-m", "skillgraph"]


_MODULE = False
_READ = "import sys, warnings; warnings.simplefilter('ignore'); import skillgraph as sg; "
_READ += "sg.read(sys.argv[1], cache=False)"


def reads(data: Path, runs: int, env: dict[str, str], tmp: Path) -> dict[str, Any]:
    """Wall, MB and CPU of reading ESCO from its CSV release and from native JSON (no cache)."""
    esco = data / "esco" / "v1.1.1" / "csv"
    native = tmp / "esco.json"
    write = "import sys, skillgraph as sg; sg.write(sg.read(sys.argv[1], cache=False), sys.argv[2])"
    subprocess.run(
        [sys.executable, "-W", "ignore", "-c", write, str(esco), str(native)],
        env=env, check=True, cwd=ROOT, capture_output=True,
    )  # fmt: skip
    got: dict[str, list[Any]] = {"csv": [], "native": []}
    for _ in range(runs):  # alternating, so that load on a shared machine falls on both
        for name, path in (("csv", esco), ("native", native)):
            got[name].append(measure([sys.executable, "-c", _READ, str(path)], env))
    return {name: median(values) for name, values in got.items()}


def cases(data: Path) -> list[dict[str, Any]]:
    esco = data / "esco" / "v1.1.1" / "csv"
    onet = data / "onet" / "29.3"
    return [
        {"data": "ESCO v1.1.1", "kind": "esco", "path": esco, "verb": "similar",
         "args": ["data analyst"]},
        {"data": "ESCO v1.1.1", "kind": "esco", "path": esco, "verb": "gap",
         "args": ["data analyst", "SQL", "statistics"]},
        {"data": "ESCO v1.1.1", "kind": "esco", "path": esco, "verb": "reskill",
         "args": ["shop assistant", "online marketer"]},
        {"data": "O*NET 29.3", "kind": "onet", "path": onet, "verb": "similar",
         "args": ["Software Developers"]},
        {"data": "O*NET 29.3", "kind": "onet", "path": onet, "verb": "gap",
         "args": ["Software Developers", "Programming", "Critical Thinking"]},
        {"data": "O*NET 29.3", "kind": "onet", "path": onet, "verb": "reskill",
         "args": ["Retail Salespersons", "Registered Nurses"]},
    ]  # fmt: skip


def cli_args(case: dict[str, Any]) -> list[str]:
    verb, args = case["verb"], case["args"]
    base = [verb, "--ontology", str(case["path"]), "--quiet"]
    if verb == "similar":
        return [*base, "--role", args[0]]
    if verb == "gap":
        return [*base, "--role", args[0], *[x for s in args[1:] for x in ("--have", s)]]
    return [*base, "--from", args[0], "--to", args[1]]


def run_case(case: dict[str, Any], runs: int, env: dict[str, str], cache: Path) -> dict[str, Any]:
    sg = skillgraph_cmd()
    cmd = [*sg, *cli_args(case)]
    shutil.rmtree(cache, ignore_errors=True)
    cold = measure(cmd, env)
    warm = median([measure(cmd, env) for _ in range(runs)])
    code = []
    for cached in ("0", "1"):
        out = subprocess.run(
            [sys.executable, "-c", _CODE, str(case["path"]), cached, case["verb"],
             json.dumps(case["args"])],
            env=env, capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        code.append(json.loads(out.stdout))
    base = [sys.executable, str(ROOT / "benchmarks" / "baseline_pandas.py"), case["kind"]]
    pandas = median(
        [measure([*base, str(case["path"]), case["verb"], *case["args"]], env) for _ in range(runs)]
    )
    return {
        "data": case["data"],
        "verb": case["verb"],
        "cold_s": cold[0],
        "cold_mb": cold[1],
        "cold_cpu_s": cold[2],
        "warm_s": warm[0],
        "warm_mb": warm[1],
        "warm_cpu_s": warm[2],
        "code_cold_s": code[0][0],
        "code_cold_read_s": code[0][1],
        "code_warm_s": code[1][0],
        "code_warm_mb": code[1][3],
        "pandas_s": pandas[0],
        "pandas_mb": pandas[1],
        "pandas_cpu_s": pandas[2],
    }


def startup(runs: int, env: dict[str, str]) -> dict[str, float]:
    click = median([measure([sys.executable, "-c", "import click"], env) for _ in range(runs)])
    helped = median([measure([*skillgraph_cmd(), "--help"], env) for _ in range(runs)])
    return {
        "click_s": click[0],
        "help_s": helped[0],
        "ratio": helped[0] / click[0],
        "cpu_ratio": helped[2] / click[2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=3, help="warm and baseline runs")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--module", action="store_true", help="run python -m skillgraph from beside this script"
    )
    parser.add_argument(
        "--reads-only", action="store_true", help="only start-up and the ESCO CSV/native reads"
    )
    opts = parser.parse_args()
    global _MODULE
    _MODULE = opts.module
    data = data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        env = dict(os.environ, SKILLGRAPH_CACHE=str(cache))
        start = startup(max(opts.runs, 5), env)
        print(
            f"start-up: skillgraph --help {start['help_s']:.3f} s, import click "
            f"{start['click_s']:.3f} s: {start['ratio']:.2f}x wall, {start['cpu_ratio']:.2f}x CPU "
            "(target <= 3x)"
        )
        read: dict[str, Any] = {}
        if data is None:
            print("real data absent (../shared/data or $SKILLGRAPH_DATA): no query rows")
            rows: list[dict[str, Any]] = []
        else:
            read = reads(data, opts.runs, env, Path(tmp))
            (cw, cm, cc), (nw, nm, nc) = read["csv"], read["native"]
            print(
                f"ESCO read (no cache, with import): CSV {cw:.2f} s, {cc:.2f} s CPU, {cm:.0f} MB; "
                f"native JSON {nw:.2f} s, {nc:.2f} s CPU, {nm:.0f} MB: {nc / cc:.2f}x CPU "
                "(target <= 1x)"
            )
            todo = [] if opts.reads_only else cases(data)
            rows = [run_case(c, opts.runs, env, cache) for c in todo]
    head = (
        f"{'data':12} {'verb':8} {'cold s':>7} {'cpu':>5} {'MB':>4} {'warm s':>7} {'cpu':>5} "
        f"{'MB':>4} {'code s':>7} {'warm':>6} {'MB':>4} {'pandas s':>8} {'cpu':>5} {'MB':>4} "
        f"{'warm/pd':>7} {'cpu':>5} {'cold/pd':>7}"
    )
    print(head)
    for r in rows:
        print(
            f"{r['data']:12} {r['verb']:8} {fmt(r['cold_s']):>7} {r['cold_cpu_s']:5.2f} "
            f"{r['cold_mb']:4.0f} {fmt(r['warm_s']):>7} {r['warm_cpu_s']:5.2f} "
            f"{r['warm_mb']:4.0f} {fmt(r['code_cold_s']):>7} {fmt(r['code_warm_s']):>6} "
            f"{r['code_warm_mb']:4.0f} {fmt(r['pandas_s']):>8} {r['pandas_cpu_s']:5.2f} "
            f"{r['pandas_mb']:4.0f} {r['warm_s'] / r['pandas_s']:7.2f} "
            f"{r['warm_cpu_s'] / r['pandas_cpu_s']:5.2f} {r['cold_s'] / r['pandas_s']:7.2f}"
        )
    print(
        "targets: warm <= 0.5 s and <= 150 MB; cold <= 2.5 s; code (read + first query) "
        "<= 1.5 s; ratios < 1 mean skillgraph is faster than the pandas + scipy script"
    )
    if opts.json:
        opts.json.write_text(json.dumps({"startup": start, "reads": read, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
