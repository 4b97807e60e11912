"""Latency of the analysis queries: p50 / p95 over random inputs, with naive baselines.

Runs on ``skillgraph._synthetic.esco_like(1.0)`` (ESCO-shaped, generated), and with
``--esco PATH`` on a real graph read by ``sg.read`` (default ``../shared/data/esco/v1.1.1/csv``
when ``--esco`` is given without a path). Baselines in the same run: Python set Jaccard
over all roles (similar_roles) and networkx ``shortest_path`` on the role-skill graph plus
declared skill edges (skill_path).

    python benchmarks/bench_queries.py [--quick] [--n N] [--esco [PATH]] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import pct, time_calls, tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)  # this checkout, not an installed one

import skillgraph as sg
from skillgraph._synthetic import esco_like
from skillgraph.analysis._index import index

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1" / "csv"
TARGETS_MS = {
    "gap": 1.0,
    "similar_roles": 5.0,
    "adjacent_skills": 5.0,
    "upskill": 20.0,
    "reskill": 50.0,
}


def run(g: sg.SkillGraph, n: int, seed: int = 0) -> list[dict[str, Any]]:
    """Time each query over ``n`` random inputs; return one row a query."""
    rng = random.Random(seed)
    t = time.perf_counter()
    ix = index(g)
    build_ms = (time.perf_counter() - t) * 1000.0
    roles = [r for r in ix.role_ids if ix.role_skills[ix.role_pos[r]].size]
    skills = [ix.skill_ids[s] for s in range(ix.n_skills) if ix.df[s] > 0]
    role_in = [rng.choice(roles) for _ in range(n)]
    rows: list[dict[str, Any]] = [
        {"query": "index build (once)", "n": 1, "p50_ms": build_ms, "p95_ms": build_ms}
    ]

    def have_for(r: str) -> list[str]:
        req = [q.skill for q in g.requirements(r)]
        return rng.sample(req, len(req) // 2) + rng.sample(skills, 5)

    gap_in = [(r, have_for(r)) for r in role_in]
    adj_in = [rng.sample(skills, rng.randint(1, 5)) for _ in range(n)]
    path_in = [tuple(rng.sample(skills, 2)) for _ in range(n)]
    # reskilling targets lie in another job family (the families reskill judges by)
    family = g.families("auto")
    members: dict[str, list[str]] = {}
    for rid in sorted(family):
        members.setdefault(family[rid], []).append(rid)
    names = sorted(members)
    re_in = []
    for r in role_in:
        other = rng.choice([f for f in names if f != family.get(r)])
        re_in.append((r, rng.choice(members[other])))

    def add(name: str, times: list[float], base: str = "") -> None:
        rows.append(
            {
                "query": name,
                "n": len(times),
                "p50_ms": pct(times, 0.5),
                "p95_ms": pct(times, 0.95),
                "target_p50_ms": TARGETS_MS.get(name),
                "baseline": base,
            }
        )

    # warm the caches (index, adjacency, clusters) outside the timings
    g.adjacent_skills(skills[:1], 1)
    g.upskill(role_in[0], k=1)
    add("gap", time_calls(lambda x: g.gap(x[0], x[1]), gap_in))
    add("similar_roles", time_calls(lambda r: g.similar_roles(r, 10), role_in))
    add("adjacent_skills", time_calls(lambda s: g.adjacent_skills(s, 10), adj_in))
    add("skill_path", time_calls(lambda ab: g.skill_path(*ab), path_in))
    add("upskill", time_calls(lambda r: g.upskill(r, k=5), role_in))
    add("reskill", time_calls(lambda x: g.reskill(x[0], x[1]), re_in))

    # naive references
    sets = {r: {q.skill for q in g.requirements(r)} for r in ix.role_ids}

    def jaccard(r: str) -> list[tuple[float, str]]:
        a = sets[r]
        scored = [(-len(a & b) / len(a | b), o) for o, b in sets.items() if o != r and a | b]
        return sorted(scored)[:10]

    m = max(1, n // 10)
    add("similar_roles (naive Jaccard)", time_calls(jaccard, role_in[:m]), "set Jaccard, all roles")
    import networkx as nx

    t = time.perf_counter()
    nxg = nx.Graph()
    for req in g.iter_requirements():
        nxg.add_edge(req.role, req.skill)
    for e in g.iter_related():
        nxg.add_edge(e.skill, e.related)
    for b in g.iter_broader():
        nxg.add_edge(b.narrower, b.broader)
    nx_ms = (time.perf_counter() - t) * 1000.0

    def nx_path(ab: tuple[str, str]) -> object:
        try:
            return nx.shortest_path(nxg, ab[0], ab[1])
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return None

    add("skill_path (networkx)", time_calls(nx_path, path_in[:m]), f"graph build {nx_ms:.0f} ms")
    return rows


def _table(title: str, rows: list[dict[str, Any]]) -> str:
    lines = [title, f"{'query':32} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'target':>8}  note"]
    for r in rows:
        tgt = r.get("target_p50_ms")
        ok = "" if tgt is None else ("ok" if r["p50_ms"] <= tgt else "SLOW")
        lines.append(
            f"{r['query']:32} {r['n']:>6} {r['p50_ms']:>9.3f} {r['p95_ms']:>9.3f} "
            f"{'' if tgt is None else f'{tgt:g}':>8}  {ok} {r.get('baseline', '')}".rstrip()
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="100 inputs instead of 1,000")
    ap.add_argument("--n", type=int, default=None, help="number of random inputs")
    ap.add_argument("--scale", type=float, default=1.0, help="size of the generated graph")
    ap.add_argument("--esco", nargs="?", const=str(DEFAULT_ESCO), default=None)
    ap.add_argument("--format", default=None, help="format of the --esco input (e.g. esco)")
    ap.add_argument("--json", dest="json_out", default=None, help="save the figures here")
    args = ap.parse_args(argv)
    n = args.n or (100 if args.quick else 1000)
    report: dict[str, Any] = {"n": n}
    t = time.perf_counter()
    g = esco_like(args.scale)
    print(f"generated esco_like({args.scale}): {g!r} in {time.perf_counter() - t:.1f} s")
    report["generated"] = run(g, n)
    print(_table(f"\nesco_like({args.scale})", report["generated"]))
    if args.esco is not None:
        t = time.perf_counter()
        real = sg.read(args.esco, format=args.format)
        print(f"\nread {args.esco}: {real!r} in {time.perf_counter() - t:.1f} s")
        report["esco"] = run(real, n)
        print(_table(f"\n{args.esco}", report["esco"]))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
