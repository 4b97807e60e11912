"""How query cost grows with graph size: the query benchmark on generated ESCO-shaped graphs.

Runs ``bench_queries.run`` (p50 / p95 over seeded random inputs) on
``skillgraph._synthetic.esco_like`` at 1x, 5x and 10x ESCO's size (``--quick``: 0.2x, 1x).

    python benchmarks/bench_scale.py [--quick] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

import bench_queries
from _util import Row, fmt

from skillgraph._synthetic import esco_like

FULL = (1.0, 5.0, 10.0)
QUICK = (0.2, 1.0)


def run(quick: bool = False) -> list[Row]:
    """One row per (scale, query): p50 / p95 in ms, with the graph's size."""
    rows: list[Row] = []
    n = 50 if quick else 200
    for scale in QUICK if quick else FULL:
        t = time.perf_counter()
        g = esco_like(scale, seed=0)
        gen_s = time.perf_counter() - t
        size = {
            "roles": len(g.roles),
            "skills": len(g.skills),
            "requirements": g.count_requirements(),
        }
        for r in bench_queries.run(g, n):
            rows.append({"scale": scale, **size, "generate_s": gen_s, **r})
        del g
    return rows


def table(rows: list[Row]) -> str:
    """p50 (ms) of each query by scale, one column a scale."""
    scales = sorted({r["scale"] for r in rows})
    queries = list(dict.fromkeys(r["query"] for r in rows))
    cell = {(r["scale"], r["query"]): r["p50_ms"] for r in rows}
    roles = {r["scale"]: r["roles"] for r in rows}
    head = f"{'p50 ms':32}" + "".join(f"{f'{s:g}x ({roles[s]} roles)':>20}" for s in scales)
    lines = [head]
    for q in queries:
        lines.append(f"{q:32}" + "".join(f"{fmt(cell.get((s, q))):>20}" for s in scales))
    return "\n".join(lines)


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", dest="json_out", default=None)
    args = ap.parse_args()
    rows = run(args.quick)
    print(table(rows))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
