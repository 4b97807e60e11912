"""Resource planning at scale: a 10,000-resource synthetic catalogue on ESCO and O*NET.

    python benchmarks/bench_learning.py [--quick] [--n N] [--resources R] [--json OUT]

For each graph (ESCO v1.1.1 CSV, O*NET 29.3 from ../shared/data or $SKILLGRAPH_DATA), a
seeded catalogue of R resources is generated (each teaches 1-5 skills, drawn by how many
roles require them; a third require 1-2 other skills; hours and cost by kind). N cases
are drawn: a role, and as held skills a seeded half of the requirements of another role
of the same cluster; the gap (``g.gap``) is computed outside the timing.

Timed (medians, same run): ``sg.plan_resources(g, gap, catalogue, hours_per_week=5,
start=...)``, wall and CPU time per call, against a plain baseline of the same need: for
each missing skill the resource of fewest hours teaching it, then, until none is missing,
the resource of fewest hours teaching each missing prerequisite of a chosen one (a valid
plan, prerequisites first). Quality: total hours of our plan against the baseline's
(ratio < 1: fewer hours), and the share of plans whose every resource has its
prerequisites held or scheduled before it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import Row, data_dir, fmt

import skillgraph as sg

SEED = 19
TARGET_MS = 50.0
KINDS = {
    "course": (8, 40, 50, 400),
    "microlearning": (1, 4, 0, 30),
    "mentoring": (6, 20, 0, 0),
    "on-the-job": (20, 80, 0, 0),
    "certification": (15, 60, 100, 900),
    "assessment": (1, 3, 20, 80),
}


def synthetic_catalogue(g: sg.SkillGraph, size: int, seed: int = SEED) -> sg.Catalogue:
    """``size`` seeded resources over ``g``'s required skills (see the module docstring)."""
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    for req in g.iter_requirements():
        counts[req.skill] = counts.get(req.skill, 0) + 1
    skills = sorted(counts)
    weights = [counts[s] for s in skills]
    kinds = sorted(KINDS)
    items = []
    for i in range(size):
        taught = set(rng.choices(skills, weights=weights, k=rng.randint(1, 5)))
        required: set[str] = set()
        if rng.random() < 1 / 3:
            required = set(rng.choices(skills, weights=weights, k=rng.randint(1, 2))) - taught
        kind = rng.choice(kinds)
        lo, hi, cmin, cmax = KINDS[kind]
        items.append(
            sg.LearningResource(
                id=f"syn:{i:05d}",
                label=f"Resource {i}",
                provider=f"Provider {rng.randint(1, 40)}",
                kind=kind,
                duration_hours=rng.randint(lo, hi),
                cost=rng.randint(cmin, cmax) if cmax else 0,
                delivery=rng.choice(["online", "online", "blended", "in-person"]),
                teaches=[{"skill": s} for s in sorted(taught)],
                requires=sorted(required),
            )
        )
    return sg.Catalogue(resources=items)


def cases(g: sg.SkillGraph, n: int, seed: int = SEED) -> list[Any]:
    """``n`` seeded gaps: a role, and half the requirements of a role of its cluster."""
    rng = random.Random(seed)
    by_cluster: dict[str | None, list[str]] = {}
    for rid, role in sorted(g.roles.items()):
        if g.requirements(rid):
            by_cluster.setdefault(role.cluster, []).append(rid)
    roles = [r for rs in by_cluster.values() if len(rs) > 1 for r in rs]
    out = []
    for _ in range(n):
        target = rng.choice(roles)
        other = rng.choice([r for r in by_cluster[g.roles[target].cluster] if r != target])
        reqs = sorted(r.skill for r in g.requirements(other))
        have = rng.sample(reqs, len(reqs) // 2)
        out.append(g.gap(target, have))
    return out


def baseline(gap: Any, catalogue: sg.Catalogue) -> tuple[float, bool, int]:
    """Per skill the resource of fewest hours, then the same for each missing prerequisite
    of a chosen resource (prerequisites scheduled first); total hours, whether the plan is
    valid, and its count of resources."""
    by_id = catalogue.by_id
    known = set(gap.matched)

    def cheapest(skill: str) -> sg.LearningResource | None:
        teachers = catalogue.teaching.get(skill, [])
        if not teachers:
            return None
        return min((by_id[t] for t in teachers), key=lambda r: (r.duration_hours, r.id))

    chosen: dict[str, sg.LearningResource] = {}
    todo = [s for s in gap.missing]
    asked = set(todo)
    while todo:
        skill = todo.pop(0)
        r = cheapest(skill)
        if r is None or r.id in chosen:
            continue
        chosen[r.id] = r
        for p in r.requires:
            if p not in known and p not in asked:
                asked.add(p)
                todo.append(p)
    # prerequisites first: repeatedly schedule what is ready (a cycle stays unscheduled)
    order: list[sg.LearningResource] = []
    pending = list(chosen.values())
    while pending:
        ready = [r for r in pending if known.issuperset(r.requires)]
        if not ready:
            break
        for r in ready:
            order.append(r)
            known.update(r.skills)
        pending = [r for r in pending if r not in ready]
    return sum(r.duration_hours for r in chosen.values()), not pending, len(chosen)


def valid(plan: sg.ResourcePlan, gap: Any, catalogue: sg.Catalogue) -> bool:
    """Whether every resource of ``plan`` has its prerequisites held or taught before it."""
    known = set(gap.matched)
    for item in plan.items:
        r = catalogue[item.resource]
        if not known.issuperset(r.requires):
            return False
        known.update(r.skills)
    return True


def run(g: sg.SkillGraph, name: str, n: int, size: int) -> Row:
    t = time.perf_counter()
    catalogue = synthetic_catalogue(g, size)
    made = time.perf_counter() - t
    gaps = cases(g, n)
    start = dt.date(2026, 1, 5)
    sg.plan_resources(g, gaps[0], catalogue, hours_per_week=5, start=start)  # warm up
    wall, cpu, base_ms, ours_h, base_h, ok_ours, ok_base, uncovered = [], [], [], [], [], 0, 0, 0
    for gap in gaps:
        w, c = time.perf_counter(), time.process_time()
        plan = sg.plan_resources(g, gap, catalogue, hours_per_week=5, start=start)
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        w = time.perf_counter()
        hours, ok, _ = baseline(gap, catalogue)
        base_ms.append((time.perf_counter() - w) * 1000)
        ours_h.append(plan.total_hours)
        base_h.append(hours)
        ok_ours += valid(plan, gap, catalogue)
        ok_base += ok
        uncovered += len(plan.uncovered)
    p50 = statistics.median(wall)
    return {
        "graph": name,
        "resources": size,
        "cases": n,
        "catalogue_s": round(made, 2),
        "p50_ms": p50,
        "p90_ms": sorted(wall)[int(0.9 * len(wall))],
        "cpu_p50_ms": statistics.median(cpu),
        "baseline_p50_ms": statistics.median(base_ms),
        "hours_median": statistics.median(ours_h),
        "baseline_hours_median": statistics.median(base_h),
        "hours_ratio": statistics.median(
            [o / b for o, b in zip(ours_h, base_h, strict=True) if b > 0]
        ),
        "valid_share": ok_ours / n,
        "baseline_valid_share": ok_base / n,
        "uncovered_mean": uncovered / n,
        "target_ms": TARGET_MS,
        "meets_target": p50 <= TARGET_MS,
    }


def table(rows: list[Row]) -> str:
    cols = [
        ("graph", "graph"),
        ("p50_ms", "p50 ms"),
        ("p90_ms", "p90 ms"),
        ("cpu_p50_ms", "CPU p50 ms"),
        ("baseline_p50_ms", "baseline p50 ms"),
        ("hours_median", "hours (med)"),
        ("baseline_hours_median", "baseline hours"),
        ("hours_ratio", "hours ratio"),
        ("valid_share", "prereqs ok"),
        ("baseline_valid_share", "baseline ok"),
        ("meets_target", f"p50 <= {TARGET_MS:g} ms"),
    ]
    cells = [[h for _, h in cols]] + [[fmt(r[k]) for k, _ in cols] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(cols))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer cases (40)")
    ap.add_argument("--n", type=int, default=200, help="cases per graph")
    ap.add_argument("--resources", type=int, default=10_000)
    ap.add_argument("--json", type=Path, default=None, help="write the rows as JSON")
    args = ap.parse_args()
    n = 40 if args.quick else args.n
    data = data_dir()
    if data is None:
        print("real data folder absent (../shared/data or $SKILLGRAPH_DATA): nothing to run")
        return 0
    rows = []
    for name, path in (
        ("ESCO v1.1.1", data / "esco" / "v1.1.1" / "csv"),
        ("O*NET 29.3", data / "onet" / "29.3"),
    ):
        if not path.exists():
            print(f"{name}: {path} absent, skipped")
            continue
        t = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = sg.read(path)
        print(f"read {name}: {g!r} in {time.perf_counter() - t:.1f} s")
        rows.append(run(g, name, n, args.resources))
    print(f"\nplan_resources, {args.resources} synthetic resources, {n} cases, medians")
    print(table(rows))
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
