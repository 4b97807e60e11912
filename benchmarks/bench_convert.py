"""``skillgraph convert`` next to ``oxigraph convert``: wall time and peak memory, whole process.

In the same run, each conversion is a fresh child process, timed from start to exit, and its
peak memory is the child's maximum resident set (``ru_maxrss`` from ``wait4``; this parent
stays small, so the figure is the child's own):

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
    python benchmarks/bench_convert.py --only 500k --floor   # + the Python parse-loop floor
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


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of ``cmd`` run as a child process.

    Raises:
        RuntimeError: the command failed.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    return wall, usage.ru_maxrss / 1024  # KiB on Linux


def median_of(cmd: list[str], runs: int) -> dict[str, float]:
    """Median wall time and median peak memory of ``runs`` runs of ``cmd``."""
    walls, peaks = zip(*(measure(cmd) for _ in range(runs)), strict=True)
    return {"seconds": statistics.median(walls), "peak_mb": statistics.median(peaks)}


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


def alternating(cmds: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    """Median wall time and peak memory of each command, the commands run in turn."""
    got: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            got[name].append(measure(cmd))
    out = {}
    for name, pairs in got.items():
        walls, peaks = zip(*pairs, strict=True)
        out[name] = {"seconds": statistics.median(walls), "peak_mb": statistics.median(peaks)}
    return out


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
    """A table row: ``got`` next to the baseline's ``ref``, with both ratios."""
    return {
        "case": case,
        "baseline": base_name,
        **got,
        "baseline_seconds": ref["seconds"],
        "baseline_peak_mb": ref["peak_mb"],
        "time_ratio": got["seconds"] / ref["seconds"],
        "memory_ratio": got["peak_mb"] / ref["peak_mb"],
        "output_mb": output_mb,
    }


def rdf_rows(workdir: Path, runs: int, only: str | None, floor: bool) -> list[dict[str, Any]]:
    """RDF -> RDF: skillgraph and the baseline for every size and direction (``floor``: also
    the cost of iterating the parse in Python, against the same baseline)."""
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
            cmds = {
                "stream": skillgraph_cmd(src, out),
                "model": skillgraph_cmd(src, model_out, stream=False),
                "base": base,
            }
            got = alternating(cmds, runs)
            if out.read_bytes() != model_out.read_bytes():
                raise RuntimeError(f"{src}: the streamed and the model outputs differ")
            ref = got["base"]
            if floor:
                for what in ("iterate", "strings"):
                    fl = median_of([sys.executable, "-c", _FLOOR, str(src), what], runs)
                    case = f"{name} {src_syntax}: Python {what}"
                    rows.append(_against(case, fl, base_name, ref, 0.0))
            size = out.stat().st_size / 1024**2
            for path in ("stream", "model"):
                case = f"{name} {src_syntax} -> {dst_syntax} ({path})"
                rows.append(_against(case, got[path], base_name, ref, size))
            rows[-2]["stream_vs_model"] = got["stream"]["seconds"] / got["model"]["seconds"]
            rows[-2]["stream_vs_model_memory"] = got["stream"]["peak_mb"] / got["model"]["peak_mb"]
    return rows


def esco_rows(workdir: Path, runs: int) -> list[dict[str, Any]]:
    """Full ESCO v1.1.1 CSV -> Turtle, N-Triples, JSON-LD (ratios against Turtle)."""
    data = data_dir()
    src = data / "esco" / "v1.1.1" / "csv" if data is not None else None
    if src is None or not src.is_dir():
        print("ESCO v1.1.1 CSV not found: ESCO rows skipped", file=sys.stderr)
        return []
    rows = []
    for syntax in ("turtle", "ntriples", "jsonld"):
        out = workdir / f"esco{SUFFIX[syntax]}"
        got = median_of(skillgraph_cmd(src, out), runs)
        rows.append({"case": f"ESCO v1.1.1 CSV -> {syntax}", **got})
        rows[-1]["output_mb"] = out.stat().st_size / 1024**2
    turtle = rows[0]["seconds"]
    for row in rows:
        row["time_ratio"] = row["seconds"] / turtle
        row["baseline"] = "ESCO -> turtle"
    proc = subprocess.run(
        [sys.executable, "-c", _EXPORT, str(src), str(runs)],
        cwd=ROOT,
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
                "peak_mb": float("nan"),
                "output_mb": rows[0 if syntax == "turtle" else 2]["output_mb"],
                "baseline": "export only -> turtle",
                "time_ratio": export[syntax] / export["turtle"],
            }
        )
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a fixed-width table."""
    head = f"{'case':43} {'wall s':>7} {'peak MB':>8} {'out MB':>7}  {'baseline':26}"
    head += f" {'base s':>7} {'base MB':>8} {'x time':>7} {'x mem':>6}"
    lines = [head, "-" * len(head)]
    for r in rows:
        line = f"{r['case']:43} {r['seconds']:7.2f} {r['peak_mb']:8.0f} {r['output_mb']:7.1f}  "
        line += f"{r['baseline']:26}"
        if "baseline_seconds" in r:
            line += f" {r['baseline_seconds']:7.2f} {r['baseline_peak_mb']:8.0f}"
            line += f" {r['time_ratio']:7.2f} {r['memory_ratio']:6.1f}"
        else:
            line += f" {'':7} {'':8} {r['time_ratio']:7.2f} {'':6}"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the table (``--json``: also save the rows)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs of each command (median)")
    ap.add_argument("--only", help="only the RDF sizes containing this (500k, 2.5M); no ESCO")
    ap.add_argument("--no-esco", action="store_true", help="skip the ESCO CSV rows")
    ap.add_argument(
        "--floor", action="store_true", help="also time a bare Python iteration of the parse"
    )
    ap.add_argument("--workdir", type=Path, help="where the generated files are kept")
    ap.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = ap.parse_args(argv)
    workdir = args.workdir or Path(tempfile.gettempdir()) / "skillgraph-bench-convert"
    workdir.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    rows = rdf_rows(workdir, args.runs, args.only, args.floor)
    if not args.only and not args.no_esco:
        rows += esco_rows(workdir, args.runs)
    print(
        f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; after: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; medians of {args.runs} runs"
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
