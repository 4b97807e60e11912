"""Import speed and memory: ESCO v1.1.1 (CSV folder, folder of the two zips) and O*NET 29.3.

Each run happens in a fresh subprocess, which reports the wall time of the read alone and
its peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``, so the interpreter and the
imports are included). The baseline column, "csv module only", reads every row of every
file of the same input with ``csv.reader`` (zip members streamed, O*NET tab-separated) and
builds nothing: the floor any CSV-based reader stands on.

Usage: ``python benchmarks/bench_import.py [--runs N] [--against DIR]`` (data from
$SKILLGRAPH_DATA or ../shared/data). ``--against DIR`` also reads each input with the
skillgraph of another checkout (e.g. the commit before a change, from ``git worktree`` or
``git archive``), interleaved with this one's runs, and prints the ratio of the two
median read times ("vs before"): a before/after comparison under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

READ = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
import skillgraph as sg
t = time.perf_counter()
c = time.process_time()
g = sg.read(sys.argv[1], format=sys.argv[2])
dt = time.perf_counter() - t
cpu = time.process_time() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": dt, "cpu": cpu, "rss_mb": rss, "roles": len(g.roles),
                  "skills": len(g.skills), "requirements": g.count_requirements()}))
"""

BASELINE = """
import csv, io, json, resource, sys, time, zipfile
from pathlib import Path
csv.field_size_limit(1 << 30)
folder = Path(sys.argv[1]); tab = sys.argv[2] == "onet"
t = time.perf_counter()
rows = 0
def count(fh):
    global rows
    reader = csv.reader(fh, delimiter="\\t", quoting=csv.QUOTE_NONE) if tab else csv.reader(fh)
    for _ in reader:
        rows += 1
for p in sorted(folder.iterdir()):
    if p.suffix in (".csv", ".txt"):
        with p.open(encoding="utf-8-sig", newline="") as fh:
            count(fh)
    elif p.suffix == ".zip":
        with zipfile.ZipFile(p) as zf:
            for name in zf.namelist():
                if name.endswith(".csv"):
                    with zf.open(name) as raw:
                        count(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": dt, "rss_mb": rss, "rows": rows}))
"""


def data_dir() -> Path:
    env = os.environ.get("SKILLGRAPH_DATA")
    folder = Path(env) if env else ROOT.parent / "shared" / "data"
    if not folder.is_dir():
        sys.exit(f"data folder not found: {folder} (set SKILLGRAPH_DATA)")
    return folder


def run(script: str, path: Path, fmt: str, root: Path = ROOT) -> dict[str, float]:
    """Run ``script`` on one input in a fresh interpreter importing skillgraph from ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, "-c", script, str(path), fmt],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument(
        "--against", type=Path, help="another checkout to compare with (read interleaved)"
    )
    args = parser.parse_args()
    data = data_dir()
    cases = [
        ("ESCO v1.1.1 CSV folder", data / "esco" / "v1.1.1" / "csv", "esco"),
        ("ESCO v1.1.1 two zips", data / "esco" / "v1.1.1" / "zip", "esco"),
        ("O*NET 29.3", data / "onet" / "29.3", "onet"),
    ]
    head = (
        f"{'input':<24} {'read s':>7} {'cpu s':>6} {'peak MB':>8} {'csv only s':>10} "
        f"{'csv MB':>7} {'ratio':>6}"
        + (f" {'before s':>8} {'cpu s':>6} {'vs before':>9}" if args.against else "")
        + "  content"
    )
    print(head)
    print("-" * len(head))
    for label, path, fmt in cases:
        reads, befores = [], []
        for _ in range(args.runs):
            reads.append(run(READ, path, fmt))
            if args.against:
                befores.append(run(READ, path, fmt, args.against.resolve()))
        bases = [run(BASELINE, path, fmt) for _ in range(args.runs)]
        t = statistics.median(r["seconds"] for r in reads)
        cpu = statistics.median(r["cpu"] for r in reads)
        before = ""
        if befores:
            bt0 = statistics.median(b["seconds"] for b in befores)
            bcpu = statistics.median(b["cpu"] for b in befores)
            before = f" {bt0:>8.2f} {bcpu:>6.2f} {t / bt0:>9.2f}"
        mb = max(r["rss_mb"] for r in reads)
        bt = statistics.median(b["seconds"] for b in bases)
        bmb = max(b["rss_mb"] for b in bases)
        r = reads[0]
        content = (
            f"{int(r['roles'])} roles, {int(r['skills'])} skills, "
            f"{int(r['requirements'])} requirements ({int(bases[0]['rows'])} CSV rows)"
        )
        print(
            f"{label:<24} {t:>7.2f} {cpu:>6.2f} {mb:>8.0f} {bt:>10.2f} {bmb:>7.0f} "
            f"{t / bt:>6.1f}{before}  {content}"
        )
    print(
        f"\nmedian of {args.runs} runs, each in a fresh process; peak MB = max RSS of that process"
    )


if __name__ == "__main__":
    main()
