"""How often ``reskill``'s least-learning search finds no route although the plain
fewest-steps search does (``moves._route``'s fallback), on real ESCO v1.1.1 and O*NET 29.3.

    python benchmarks/bench_reskill_fallback.py [--seed N ...] [--pairs N]

Per seed, the pairs of roles in different job families that ``bench_moves.py`` draws with
that seed are reskilled; every route search (a plan's, and an unreachable plan's route to
its stepping stone) is counted: searches, those the least-learning search answered None,
and those the fallback then answered with a route. Printed one line a seed and taxonomy.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

import bench_moves
from _util import data_dir

import skillgraph as sg
from skillgraph.analysis import moves

SEEDS = [166, 167, 168, 169, 170]


def _counting() -> dict[str, int]:
    """Wrap the two searches ``moves._route`` calls; the counts they fill."""
    counts = {"searches": 0, "least_learning_none": 0, "fallback_found": 0}
    cheapest, best = moves.cheapest_route, moves.best_route

    def counted_cheapest(space: Any, goals: Any) -> Any:
        route = cheapest(space, goals)
        counts["searches"] += 1
        counts["least_learning_none"] += route is None
        return route

    def counted_best(space: Any, goals: Any) -> Any:
        route = best(space, goals)
        counts["fallback_found"] += route is not None
        return route

    moves.cheapest_route = counted_cheapest  # type: ignore[assignment]
    moves.best_route = counted_best  # type: ignore[assignment]
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, action="append")
    p.add_argument("--pairs", type=int, default=300)
    args = p.parse_args(argv)
    data = data_dir()
    if data is None:
        print("real data folder missing: skipped")
        return 0
    counts = _counting()
    for name, path, fmt in [
        ("esco", data / "esco" / "v1.1.1" / "csv", "esco"),
        ("onet", data / "onet" / "29.3", "onet"),
    ]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = sg.read(path, format=fmt)
        for seed in args.seed or SEEDS:
            bench_moves.SEED = seed
            pairs = bench_moves._pairs(g, args.pairs)
            before = dict(counts)
            reachable = 0
            t = time.process_time()
            for a, b in pairs:
                try:
                    reachable += g.reskill(a, b).reachable
                except sg.SkillGraphError:
                    continue
            row = {k: counts[k] - before[k] for k in counts}
            row |= {"reachable": reachable, "cpu_s": round(time.process_time() - t, 1)}
            print(json.dumps({"taxonomy": name, "seed": seed, "pairs": len(pairs), **row}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
