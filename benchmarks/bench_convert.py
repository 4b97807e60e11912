"""``skillgraph convert`` next to ``oxigraph convert``: wall time and peak memory, whole process.

In the same run, each conversion is a fresh child process, timed from start to exit. Its
peak memory is its own maximum resident set, taken by a small wrapper process (``_WRAP``)
that starts it and reads ``wait4``'s ``ru_maxrss``: Linux carries a process's peak across
fork and exec, so a child started straight from this parent would report at least this
parent's own peak (after it has held a big output, every later child did: oxigraph's
15 MB read as 47-60 MB); the wrapper stays at about 10 MB (its floor, reported), and the
output checks run in a separate process too. CPU time is the child's user + system time:

- RDF -> RDF on ESCO-shaped files of about 500k and 2.5M triples
  (``skillgraph._synthetic.esco_like(1.7)`` and ``(8.5)``, generated once into ``--workdir``):
  N-Triples -> Turtle and Turtle -> N-Triples, ``skillgraph convert --no-cache -q``
  (streaming, the default, and ``--no-stream``, the model path; the runs alternate and both
  outputs must be the same bytes) next to ``oxigraph convert`` (the Oxigraph CLI,
  ``pip install -e ".[bench]"``), the streaming baseline; when the ``oxigraph`` command is
  missing, a pyoxigraph parse + serialize script stands in for it (named so in the table);
- full ESCO v1.1.1 CSV (the real-data folder) -> Turtle, N-Triples and JSON-LD, with the
  ratios against Turtle of the same run; then the export alone (one process reads ESCO
  once and writes Turtle and JSON-LD alternately, medians; no peak memory column).

Targets (issue 23): RDF -> RDF within 2x oxigraph's wall time and 10x its memory; ESCO CSV ->
Turtle within 1.5 s; JSON-LD within 1.5x Turtle.

    python benchmarks/bench_convert.py                 # 3 runs each, medians
    python benchmarks/bench_convert.py --runs 5 --only 500k
    python benchmarks/bench_convert.py --json out.json
    python benchmarks/bench_convert.py --only 500k --floor   # + the floors (parse loop, imports)
    python benchmarks/bench_convert.py --only 500k --tree base=../base --tree pre16=../pre16
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
from _util import data_dir

ROOT = Path(__file__).resolve().parent.parent
SCALES = {"500k": 1.7, "2.5M": 8.5}
SUFFIX = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld"}
OX_FORMAT = {"turtle": "ttl", "ntriples": "nt"}

_GENERATE = """
import sys
import skillgraph as sg
from skillgraph._synthetic import esco_like
g = esco_like(float(sys.argv[1]))
sg.write(g, sys.argv[2], "ntriples")
sg.write(g, sys.argv[3], "turtle")
"""

_PYOXIGRAPH = """
import sys
import pyoxigraph as ox
fmt = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}
src, dst = sys.argv[1], sys.argv[2]
quads = ox.parse(path=src, format=fmt[src.rsplit(".", 1)[1]])
ox.serialize((q.triple for q in quads), output=dst, format=fmt[dst.rsplit(".", 1)[1]])
"""


#: The floor of a Python streaming converter: the pyoxigraph parse iterated in Python, as
#: is (``iterate``), with each term made an N-Triples string (``strings``, what grouping and
#: sorting by term need), lenient like skillgraph's first N-Triples attempt.
_FLOOR = """
import sys
import pyoxigraph as ox
fmt = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}[sys.argv[1].rsplit(".", 1)[1]]
quads = ox.parse(path=sys.argv[1], format=fmt, lenient=fmt == ox.RdfFormat.N_TRIPLES)
if sys.argv[2] == "iterate":
    for _ in quads:
        pass
else:
    for q in quads:
        str(q.subject), str(q.predicate), str(q.object)
"""


#: What every streamed conversion pays before its first triple: Python's start-up and the
#: imports of ``convert``'s streaming path.
_IMPORTS = "import skillgraph.cli._files, skillgraph.io.rdf._stream"


#: Export only, in one process: ESCO read once, then Turtle and JSON-LD written alternately.
_EXPORT = """
import io, json, statistics, sys, time, warnings
warnings.simplefilter("ignore")
import skillgraph as sg
from skillgraph.io.rdf import write_jsonld, write_turtle
g = sg.read(sys.argv[1])
times = {"turtle": [], "jsonld": []}
for _ in range(int(sys.argv[2])):
    for name, write in (("turtle", write_turtle), ("jsonld", write_jsonld)):
        t = time.perf_counter()
        write(g, io.BytesIO())
        times[name].append(time.perf_counter() - t)
print(json.dumps({k: statistics.median(v) for k, v in times.items()}))
"""


#: Runs its arguments as a child and prints that child's wall, CPU and peak memory as JSON:
#: started from this small interpreter, the child's peak is its own (see the module's text).
_WRAP = """
import json, os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    try:
        os.execvpe(sys.argv[1], sys.argv[1:], os.environ)
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "seconds": wall,
    "cpu": ru.ru_utime + ru.ru_stime, "peak_mb": ru.ru_maxrss / 1024}))
"""


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall seconds, CPU seconds and peak resident MiB of ``cmd`` run as a child process
    of the wrapper (``env``: its environment, default this one's).

    Raises:
        RuntimeError: the command failed.
    """
    wrap = [sys.executable, "-S", "-c", _WRAP, *cmd]
    proc = subprocess.run(
        wrap, cwd=tempfile.gettempdir(), env=env, capture_output=True, text=True, check=False
    )
    lines = proc.stdout.strip().splitlines()
    got = json.loads(lines[-1]) if proc.returncode == 0 and lines else {"code": -1}
    if got["code"] != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({got['code']}): {proc.stderr[-2000:]}")
    return {k: float(got[k]) for k in ("seconds", "cpu", "peak_mb")}


def same_bytes(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes, compared in another process (this one
    stays small: see `measure`)."""
    code = "import filecmp, sys; sys.exit(0 if filecmp.cmp(sys.argv[1], sys.argv[2], False) else 1)"
    return subprocess.run([sys.executable, "-c", code, str(a), str(b)], check=False).returncode == 0


def _medians(got: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(g[k] for g in got) for k in ("seconds", "cpu", "peak_mb")}


def median_of(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """Median wall time, CPU time and peak memory of ``runs`` runs of ``cmd`` (``env``:
    its environment, default this one's)."""
    return _medians([measure(cmd, env) for _ in range(runs)])


def generated(workdir: Path, name: str) -> dict[str, Path]:
    """The N-Triples and Turtle files of size ``name`` (made once, then reused)."""
    files = {s: workdir / f"esco_like_{name}{SUFFIX[s]}" for s in ("ntriples", "turtle")}
    if not all(p.exists() for p in files.values()):
        print(f"generating the {name}-triple files in {workdir} ...", file=sys.stderr)
        tmp = {s: p.with_suffix(p.suffix + ".part") for s, p in files.items()}
        cmd = [sys.executable, "-c", _GENERATE, str(SCALES[name])]
        subprocess.run([*cmd, str(tmp["ntriples"]), str(tmp["turtle"])], cwd=ROOT, check=True)
        for s, p in tmp.items():
            p.replace(files[s])
    return files


def skillgraph_cmd(src: Path, dst: Path, *, stream: bool = True) -> list[str]:
    """``skillgraph convert`` without the snapshot cache (each run converts from scratch);
    ``stream=False`` forces the model path (``--no-stream``)."""
    cmd = [sys.executable, "-m", "skillgraph", "convert", "--no-cache", "-q"]
    return cmd + ([] if stream else ["--no-stream"]) + [str(src), str(dst)]


Command = tuple[list[str], dict[str, str] | None]


def alternating(cmds: dict[str, Command], runs: int) -> dict[str, dict[str, float]]:
    """Median wall time, CPU time and peak memory of each (command, environment), the
    commands run in turn."""
    got: dict[str, list[dict[str, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, (cmd, env) in cmds.items():
            got[name].append(measure(cmd, env))
    return {name: _medians(rows) for name, rows in got.items()}


def tree_env(tree: Path) -> dict[str, str]:
    """The environment that makes ``python -m skillgraph`` the one of source tree ``tree``."""
    return dict(os.environ, PYTHONPATH=str(tree.resolve()))


def baseline_cmd(src: Path, dst: Path, oxigraph: str | None) -> tuple[str, list[str]]:
    """The streaming baseline: ``oxigraph convert``, else the pyoxigraph script."""
    if oxigraph is not None:
        fmt_in = OX_FORMAT["ntriples" if src.suffix == ".nt" else "turtle"]
        fmt_out = OX_FORMAT["ntriples" if dst.suffix == ".nt" else "turtle"]
        return "oxigraph convert", [
            oxigraph,
            "convert",
            "--from-file",
            str(src),
            "--from-format",
            fmt_in,
            "--to-file",
            str(dst),
            "--to-format",
            fmt_out,
        ]
    return "pyoxigraph parse+serialize", [sys.executable, "-c", _PYOXIGRAPH, str(src), str(dst)]


def _against(
    case: str, got: dict[str, float], base_name: str, ref: dict[str, float], output_mb: float
) -> dict[str, Any]:
    """A table row: ``got`` next to the baseline's ``ref``, with the ratios."""
    return {
        "case": case,
        "baseline": base_name,
        **got,
        "baseline_seconds": ref["seconds"],
        "baseline_cpu": ref["cpu"],
        "baseline_peak_mb": ref["peak_mb"],
        "time_ratio": got["seconds"] / ref["seconds"],
        "cpu_ratio": got["cpu"] / ref["cpu"],
        "memory_ratio": got["peak_mb"] / ref["peak_mb"],
        "output_mb": output_mb,
    }


def rdf_rows(
    workdir: Path, runs: int, only: str | None, floor: bool, trees: dict[str, Path]
) -> list[dict[str, Any]]:
    """RDF -> RDF: skillgraph (streaming and model paths, and the default path of each of
    ``trees``) and the baseline for every size and direction, in turn (``floor``: also the
    cost of iterating the parse in Python, against the same baseline)."""
    oxigraph = shutil.which("oxigraph") or shutil.which(
        str(Path(sys.executable).parent / "oxigraph")
    )
    rows = []
    for name in SCALES:
        if only and only not in name:
            continue
        files = generated(workdir, name)
        for src_syntax, dst_syntax in (("ntriples", "turtle"), ("turtle", "ntriples")):
            src = files[src_syntax]
            out = workdir / f"out{SUFFIX[dst_syntax]}"
            base_name, base = baseline_cmd(src, out.with_name("base" + out.suffix), oxigraph)
            model_out = out.with_name("model" + out.suffix)
            here = tree_env(ROOT)
            cmds: dict[str, Command] = {
                "stream": (skillgraph_cmd(src, out), here),
                "model": (skillgraph_cmd(src, model_out, stream=False), here),
                " baseline": (base, None),  # a name no --tree can take
            }
            tree_out = {t: out.with_name(f"tree-{t}{out.suffix}") for t in trees}
            for t, tree in trees.items():
                cmds[t] = (skillgraph_cmd(src, tree_out[t]), tree_env(tree))
            got = alternating(cmds, runs)
            if not same_bytes(out, model_out):
                raise RuntimeError(f"{src}: the streamed and the model outputs differ")
            ref = got[" baseline"]
            if floor:
                floors = {
                    f"Python {what}": [sys.executable, "-c", _FLOOR, str(src), what]
                    for what in ("iterate", "strings")
                }
                ox_out = out.with_name("floor" + out.suffix)
                floors["pyoxigraph parse+write"] = [sys.executable, "-c", _PYOXIGRAPH, str(src)]
                floors["pyoxigraph parse+write"].append(str(ox_out))
                floors["start-up + imports"] = [sys.executable, "-c", _IMPORTS]
                for what, cmd in floors.items():
                    fl = median_of(cmd, runs, here)
                    rows.append(_against(f"{name} {src_syntax}: {what}", fl, base_name, ref, 0.0))
            size = out.stat().st_size / 1024**2
            for path in ("stream", "model", *trees):
                label = path if path in ("stream", "model") else f"tree {path}"
                case = f"{name} {src_syntax} -> {dst_syntax} ({label})"
                rows.append(_against(case, got[path], base_name, ref, size))
                if path in trees:
                    rows[-1]["same_bytes"] = same_bytes(out, tree_out[path])
            stream, model = got["stream"], got["model"]
            row = rows[-1 - len(trees) - 1]
            row["stream_vs_model"] = stream["seconds"] / model["seconds"]
            row["stream_vs_model_memory"] = stream["peak_mb"] / model["peak_mb"]
    return rows


def esco_rows(workdir: Path, runs: int, trees: dict[str, Path]) -> list[dict[str, Any]]:
    """Full ESCO v1.1.1 CSV -> Turtle, N-Triples, JSON-LD, by this tree and each of
    ``trees`` in turn (ratios against this tree's Turtle)."""
    data = data_dir()
    src = data / "esco" / "v1.1.1" / "csv" if data is not None else None
    if src is None or not src.is_dir():
        print("ESCO v1.1.1 CSV not found: ESCO rows skipped", file=sys.stderr)
        return []
    who = {"this tree": ROOT, **trees}
    cmds: dict[str, Command] = {}
    outs: dict[str, Path] = {}
    for syntax in ("turtle", "ntriples", "jsonld"):
        for label, tree in who.items():
            key = f"ESCO v1.1.1 CSV -> {syntax}" + ("" if tree == ROOT else f" (tree {label})")
            outs[key] = workdir / f"esco-{len(outs)}{SUFFIX[syntax]}"
            cmds[key] = (skillgraph_cmd(src, outs[key]), tree_env(tree))
    got = alternating(cmds, runs)
    turtle = got["ESCO v1.1.1 CSV -> turtle"]
    rows = []
    for key, res in got.items():
        rows.append({"case": key, **res, "output_mb": outs[key].stat().st_size / 1024**2})
        rows[-1]["time_ratio"] = res["seconds"] / turtle["seconds"]
        rows[-1]["cpu_ratio"] = res["cpu"] / turtle["cpu"]
        rows[-1]["baseline"] = "ESCO -> turtle"
    proc = subprocess.run(
        [sys.executable, "-c", _EXPORT, str(src), str(runs)],
        cwd=tempfile.gettempdir(),
        env=tree_env(ROOT),
        capture_output=True,
        text=True,
        check=True,
    )
    export = json.loads(proc.stdout.strip().splitlines()[-1])
    for syntax in ("turtle", "jsonld"):
        rows.append(
            {
                "case": f"ESCO export only -> {syntax}",
                "seconds": export[syntax],
                "cpu": float("nan"),
                "peak_mb": float("nan"),
                "output_mb": rows[0 if syntax == "turtle" else 2 * len(who)]["output_mb"],
                "baseline": "export only -> turtle",
                "time_ratio": export[syntax] / export["turtle"],
                "cpu_ratio": float("nan"),
            }
        )
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a fixed-width table."""
    head = f"{'case':46} {'wall s':>7} {'cpu s':>6} {'peak MB':>7} {'out MB':>6}  {'baseline':16}"
    head += f" {'base s':>6} {'cpu s':>6} {'base MB':>7} {'x time':>6} {'x cpu':>5} {'x mem':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        line = f"{r['case']:46} {r['seconds']:7.2f} {r['cpu']:6.2f} {r['peak_mb']:7.0f}"
        line += f" {r['output_mb']:6.1f}  {r['baseline'][:16]:16}"
        if "baseline_seconds" in r:
            line += f" {r['baseline_seconds']:6.2f} {r['baseline_cpu']:6.2f}"
            line += f" {r['baseline_peak_mb']:7.0f} {r['time_ratio']:6.2f}"
            line += f" {r['cpu_ratio']:5.2f} {r['memory_ratio']:5.1f}"
        else:
            line += f" {'':6} {'':6} {'':7} {r['time_ratio']:6.2f} {r['cpu_ratio']:5.2f}"
        if r.get("same_bytes") is False:
            line += "  (other bytes)"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the table (``--json``: also save the rows)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs of each command (median)")
    ap.add_argument("--only", help="only the RDF sizes containing this (500k, 2.5M); no ESCO")
    ap.add_argument("--no-esco", action="store_true", help="skip the ESCO CSV rows")
    ap.add_argument("--no-rdf", action="store_true", help="skip the RDF -> RDF rows")
    ap.add_argument(
        "--floor",
        action="store_true",
        help="also time the floors: a bare Python iteration of the parse, pyoxigraph's own "
        "parse + serialize, and the start-up with the streaming path's imports",
    )
    ap.add_argument(
        "--tree",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="also run the skillgraph of another source tree (repeatable), in turn",
    )
    ap.add_argument("--workdir", type=Path, help="where the generated files are kept")
    ap.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = ap.parse_args(argv)
    trees = {n: Path(p).resolve() for n, _, p in (t.partition("=") for t in args.tree)}
    if trees.keys() & {"stream", "model"}:
        ap.error("--tree: the names stream and model are taken")
    workdir = (args.workdir or Path(tempfile.gettempdir()) / "skillgraph-bench-convert").resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    floor = median_of(["true"], args.runs)
    rows = [] if args.no_rdf else rdf_rows(workdir, args.runs, args.only, args.floor, trees)
    if not args.only and not args.no_esco:
        rows += esco_rows(workdir, args.runs, trees)
    print(
        f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; after: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; medians of {args.runs} runs; "
        f"the wrapper's floor (`true` through it): {floor['peak_mb']:.1f} MB"
    )
    print(table(rows))
    for r in rows:
        if "stream_vs_model" in r:
            print(
                f"{r['case']}: stream / model {r['stream_vs_model']:.2f}x time, "
                f"{r['stream_vs_model_memory']:.2f}x memory"
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
