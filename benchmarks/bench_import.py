"""Import speed and memory: ESCO v1.1.1 (CSV folder, folder of the two zips) and O*NET 29.3.

Each run happens in a fresh subprocess, which reports the wall time of the read alone and
its peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``, so the interpreter and the
imports are included). The baseline column, "csv module only", reads every row of every
file of the same input with ``csv.reader`` (zip members streamed, O*NET tab-separated) and
builds nothing: the floor any CSV-based reader stands on.

Usage: ``python benchmarks/bench_import.py [--runs N]`` (data from $SKILLGRAPH_DATA or
../shared/data).
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
g = sg.read(sys.argv[1], format=sys.argv[2])
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": dt, "rss_mb": rss, "roles": len(g.roles), "skills": len(g.skills),
                  "requirements": g.count_requirements()}))
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


def run(script: str, path: Path, fmt: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", script, str(path), fmt],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    args = parser.parse_args()
    data = data_dir()
    cases = [
        ("ESCO v1.1.1 CSV folder", data / "esco" / "v1.1.1" / "csv", "esco"),
        ("ESCO v1.1.1 two zips", data / "esco" / "v1.1.1" / "zip", "esco"),
        ("O*NET 29.3", data / "onet" / "29.3", "onet"),
    ]
    head = (
        f"{'input':<24} {'read s':>7} {'peak MB':>8} {'csv only s':>10} {'csv MB':>7} "
        f"{'ratio':>6}  content"
    )
    print(head)
    print("-" * len(head))
    for label, path, fmt in cases:
        reads = [run(READ, path, fmt) for _ in range(args.runs)]
        bases = [run(BASELINE, path, fmt) for _ in range(args.runs)]
        t = statistics.median(r["seconds"] for r in reads)
        mb = max(r["rss_mb"] for r in reads)
        bt = statistics.median(b["seconds"] for b in bases)
        bmb = max(b["rss_mb"] for b in bases)
        r = reads[0]
        content = (
            f"{int(r['roles'])} roles, {int(r['skills'])} skills, "
            f"{int(r['requirements'])} requirements ({int(bases[0]['rows'])} CSV rows)"
        )
        print(f"{label:<24} {t:>7.2f} {mb:>8.0f} {bt:>10.2f} {bmb:>7.0f} {t / bt:>6.1f}  {content}")
    print(
        f"\nmedian of {args.runs} runs, each in a fresh process; peak MB = max RSS of that process"
    )


if __name__ == "__main__":
    main()
