"""The ``skillgraph`` command on real releases: cold, warm (snapshot cache) and in code,
each beside a plain pandas + scipy script (``baseline_pandas.py``) run in the same process.

    python benchmarks/bench_cli.py [-n RUNS] [--json FILE] [--base DIR] [--only esco|onet]
        [--reads-only]

For ESCO v1.1.1 (CSV) and O*NET 29.3 and each of ``similar``, ``gap`` and ``reskill``:

- **cold**: the CLI with an empty cache folder (read, index, answer, write the snapshot);
- **warm**: the CLI again, snapshot present (median of RUNS);
- **code**: ``sg.read`` + the first query in a fresh interpreter, without and with the
  cache ("first answer in code");
- **pandas**: the baseline script answering the same question (median of RUNS);
- **first match**: ``sg.read`` + the first ``match_skills`` and ``match_roles`` on ESCO
  in code, without and with the cache (the match index and its learned synonyms);
- **reads**: ``sg.read`` of ESCO from its CSV release and from native JSON (written from
  it), no cache, in a fresh interpreter, the two alternating (median of RUNS; target:
  native <= CSV); ``--reads-only`` stops after these.

With ``--base DIR`` (a ``git archive`` of main, say) every row is measured for that tree
too, in the same run (``python -m skillgraph`` with ``PYTHONPATH=DIR``, its own cache
folder), and printed beside this tree's. Every run also times the bare import of the
dependencies (numpy, scipy.sparse, pydantic, click): the floor of any warm call, against
which warm is reported as a ratio.

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

from _util import BARE_IMPORT, FIRST_QUERY, ROOT, compile_bytecode, data_dir, fmt

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

_CODE = (
    """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
t = time.perf_counter()
cpu = time.process_time()
import skillgraph as sg
g = sg.read(sys.argv[1], cache=sys.argv[2] == "1")
read = time.perf_counter() - t
verb, args = sys.argv[3], json.loads(sys.argv[4])
q = time.perf_counter()
"""
    + FIRST_QUERY
    + """
query = time.perf_counter() - q
print(json.dumps([time.perf_counter() - t, read, query,
                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  time.process_time() - cpu]))
"""
)


_MATCH = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
t = time.perf_counter()
import skillgraph as sg
g = sg.read(sys.argv[1], cache=sys.argv[2] == "1")
q = time.perf_counter()
g.match_skills(sys.argv[3])
g.match_roles(sys.argv[4])
print(json.dumps([time.perf_counter() - t, time.perf_counter() - q,
                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""
MATCH_TEXT = "I did tills and stock, some Excel, a bit of Python; night shifts in a care home"


def first_match(data: Path, runs: int, env: dict[str, str], cache: Path) -> dict[str, float]:
    """``sg.read`` + the first ``match_skills`` and ``match_roles`` on ESCO, in a fresh
    interpreter: without the cache, then (after one call that fills it) with it."""
    esco = data / "esco" / "v1.1.1" / "csv"
    env = dict(env, SKILLGRAPH_CACHE=str(cache))
    out: dict[str, float] = {}
    for name, cached, n in (("cold", "0", 1), ("fill", "1", 1), ("warm", "1", runs)):
        found = []
        for _ in range(n):
            done = subprocess.run(
                [sys.executable, "-c", _MATCH, str(esco), cached, MATCH_TEXT, "registered nurse"],
                env=env, capture_output=True, text=True, check=True, cwd=_CWD,
            )  # fmt: skip
            found.append(json.loads(done.stdout))
        out[f"{name}_s"] = statistics.median(f[0] for f in found)
        out[f"{name}_match_s"] = statistics.median(f[1] for f in found)
        out[f"{name}_mb"] = statistics.median(f[2] for f in found)
    return out


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak MB and CPU seconds (user + system) of ``cmd`` run once."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=_CWD,
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
    """The installed command, or ``python -m skillgraph`` (with ``--module`` or ``--base``:
    the package on ``PYTHONPATH``, e.g. a ``git archive`` of an older commit)."""
    beside = Path(sys.executable).parent / "skillgraph"
    if beside.exists() and not _MODULE:
        return [str(beside)]
    return [sys.executable, "-m", "skillgraph"]


_MODULE = False
#: children run here, not in a source tree: ``python -m`` and ``-c`` put the current folder
#: first on ``sys.path``, which would shadow the tree ``PYTHONPATH`` names
_CWD = Path(tempfile.gettempdir())
_READ = "import sys, warnings; warnings.simplefilter('ignore'); import skillgraph as sg; "
_READ += "sg.read(sys.argv[1], cache=False)"


def reads(data: Path, runs: int, env: dict[str, str], tmp: Path) -> dict[str, Any]:
    """Wall, MB and CPU of reading ESCO from its CSV release and from native JSON (no cache)."""
    esco = data / "esco" / "v1.1.1" / "csv"
    native = tmp / "esco.json"
    write = "import sys, skillgraph as sg; sg.write(sg.read(sys.argv[1], cache=False), sys.argv[2])"
    subprocess.run(
        [sys.executable, "-W", "ignore", "-c", write, str(esco), str(native)],
        env=env, check=True, cwd=_CWD, capture_output=True,
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
    """Cold, warm, in-code and pandas figures of one case (``env`` picks the tree)."""
    sg = skillgraph_cmd()
    cmd = [*sg, *cli_args(case)]
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(env, SKILLGRAPH_CACHE=str(cache))
    cold = measure(cmd, env)
    nocache = median([measure([*cmd, "--no-cache"], env) for _ in range(runs)])
    warm = median([measure(cmd, env) for _ in range(runs)])
    code: list[list[float]] = []
    for cached in ("0", "1"):
        found = []
        for _ in range(runs if cached == "1" else 1):
            out = subprocess.run(
                [sys.executable, "-c", _CODE, str(case["path"]), cached, case["verb"],
                 json.dumps(case["args"])],
                env=env, capture_output=True, text=True, check=True, cwd=_CWD,
            )  # fmt: skip
            found.append(json.loads(out.stdout))
        code.append([statistics.median(f[i] for f in found) for i in range(5)])
    base = [sys.executable, str(ROOT / "benchmarks" / "baseline_pandas.py"), case["kind"]]
    pandas = median(
        [measure([*base, str(case["path"]), case["verb"], *case["args"]], env) for _ in range(runs)]
    )
    bare = median([measure([sys.executable, "-c", BARE_IMPORT], env) for _ in range(runs)])
    return {
        "data": case["data"],
        "verb": case["verb"],
        "cold_s": cold[0],
        "cold_mb": cold[1],
        "cold_cpu_s": cold[2],
        "nocache_s": nocache[0],
        "nocache_mb": nocache[1],
        "nocache_cpu_s": nocache[2],
        "warm_s": warm[0],
        "warm_mb": warm[1],
        "warm_cpu_s": warm[2],
        "code_cold_s": code[0][0],
        "code_cold_read_s": code[0][1],
        "code_cold_cpu_s": code[0][4],
        "code_cold_mb": code[0][3],
        "code_warm_s": code[1][0],
        "code_warm_mb": code[1][3],
        "pandas_s": pandas[0],
        "pandas_mb": pandas[1],
        "pandas_cpu_s": pandas[2],
        "bare_import_s": bare[0],
        "bare_import_mb": bare[1],
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


def _trees(base: Path | None) -> list[tuple[str, dict[str, str]]]:
    """(name, environment) of this tree and, with ``base``, of the baseline tree."""
    here = dict(os.environ)
    if base is None:
        return [("this", here)]
    this = dict(here, PYTHONPATH=str(ROOT))
    return [("this", this), ("main", dict(here, PYTHONPATH=str(base.resolve())))]


def _print_rows(rows: list[dict[str, Any]]) -> None:
    head = (
        f"{'data':12} {'verb':8} {'tree':5} {'cold s':>7} {'MB':>4} {'nocache':>7} {'cpu':>5} "
        f"{'MB':>4} "
        f"{'warm s':>7} {'cpu':>5} {'MB':>4} {'code s':>7} {'cpu':>5} {'MB':>4} {'warm':>6} "
        f"{'MB':>4} "
        f"{'pandas s':>8} {'cpu':>5} {'MB':>4} {'import':>6} {'w/pd':>5} {'cpu':>5} {'w/imp':>5} "
        f"{'nc/pd':>5}"
    )
    print(head)
    for r in rows:
        print(
            f"{r['data']:12} {r['verb']:8} {r['tree']:5} {fmt(r['cold_s']):>7} "
            f"{r['cold_mb']:4.0f} {fmt(r['nocache_s']):>7} {r['nocache_cpu_s']:5.2f} "
            f"{r['nocache_mb']:4.0f} "
            f"{fmt(r['warm_s']):>7} {r['warm_cpu_s']:5.2f} {r['warm_mb']:4.0f} "
            f"{fmt(r['code_cold_s']):>7} {r['code_cold_cpu_s']:5.2f} {r['code_cold_mb']:4.0f} "
            f"{fmt(r['code_warm_s']):>6} {r['code_warm_mb']:4.0f} "
            f"{fmt(r['pandas_s']):>8} {r['pandas_cpu_s']:5.2f} {r['pandas_mb']:4.0f} "
            f"{fmt(r['bare_import_s']):>6} {r['warm_s'] / r['pandas_s']:5.2f} "
            f"{r['warm_cpu_s'] / r['pandas_cpu_s']:5.2f} {r['warm_s'] / r['bare_import_s']:5.2f} "
            f"{r['nocache_s'] / r['pandas_s']:5.2f}"
        )
    print(
        "cold: empty cache (read, index, answer, write the snapshot); nocache: --no-cache; "
        "warm: snapshot present; code: sg.read + first query, no cache (wall, CPU, MB) / "
        "cache present; "
        "import: bare import of numpy, scipy.sparse, pydantic, click; w/pd, w/imp, nc/pd: "
        "warm / pandas (wall, then CPU), warm / import, nocache / pandas (wall)"
    )
    print(
        "targets: warm <= 0.5 s and <= 150 MB; cold (no cache) <= 2.5 s; code (read + first "
        "query) <= 1.5 s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=3, help="warm and baseline runs")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--module", action="store_true", help="run python -m skillgraph from beside this script"
    )
    parser.add_argument(
        "--base", type=Path, help="a baseline tree (e.g. main) measured in the same run"
    )
    parser.add_argument("--only", choices=["esco", "onet"], help="one release only")
    parser.add_argument(
        "--reads-only", action="store_true", help="only start-up and the ESCO CSV/native reads"
    )
    opts = parser.parse_args()
    global _MODULE
    _MODULE = opts.module or opts.base is not None
    data = data_dir()
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min)")
    trees = _trees(opts.base)
    print(compile_bytecode(ROOT, *([opts.base.resolve()] if opts.base else [])))
    start: dict[str, Any] = {}
    read: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, env in trees:
            env = dict(env, SKILLGRAPH_CACHE=str(Path(tmp) / f"cache-{name}"))
            where = subprocess.run(
                [sys.executable, "-c", "import skillgraph; print(skillgraph.__file__)"],
                env=env, capture_output=True, text=True, check=True, cwd=_CWD,
            ).stdout.strip()  # fmt: skip
            print(f"tree {name}: {where}")
            start[name] = su = startup(max(opts.runs, 5), env)
            print(
                f"start-up ({name}): skillgraph --help {su['help_s']:.3f} s, import click "
                f"{su['click_s']:.3f} s: {su['ratio']:.2f}x wall, {su['cpu_ratio']:.2f}x CPU "
                "(target <= 3x)"
            )
        if data is None:
            print("real data absent (../shared/data or $SKILLGRAPH_DATA): no query rows")
        else:
            if opts.only is None:
                read = reads(data, opts.runs, trees[0][1], Path(tmp))
                (cw, cm, cc), (nw, nm, nc) = read["csv"], read["native"]
                print(
                    f"ESCO read (no cache, with import): CSV {cw:.2f} s, {cc:.2f} s CPU, "
                    f"{cm:.0f} MB; native JSON {nw:.2f} s, {nc:.2f} s CPU, {nm:.0f} MB: "
                    f"{nc / cc:.2f}x CPU (target <= 1x)"
                )
            if opts.only in (None, "esco") and not opts.reads_only:
                for name, env in trees:
                    fm = first_match(data, opts.runs, env, Path(tmp) / f"match-{name}")
                    start[f"match_{name}"] = fm
                    print(
                        f"ESCO first match in code ({name}): read + match_skills + match_roles "
                        f"{fm['cold_s']:.2f} s without the cache (match {fm['cold_match_s']:.2f}"
                        f" s), {fm['warm_s']:.2f} s with it (match {fm['warm_match_s']:.2f} s, "
                        f"{fm['warm_mb']:.0f} MB); the call that fills it {fm['fill_s']:.2f} s"
                    )
            for case in [] if opts.reads_only else cases(data):
                if opts.only is not None and case["kind"] != opts.only:
                    continue
                for name, env in trees:
                    row = run_case(case, opts.runs, env, Path(tmp) / f"cache-{name}")
                    rows.append({**row, "tree": name})
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min)")
    _print_rows(rows)
    if opts.json:
        opts.json.write_text(json.dumps({"startup": start, "reads": read, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
