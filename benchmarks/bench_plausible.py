"""Plausibility of reskilling routes on real ESCO v1.1.1 and O*NET 29.3, this tree beside
a base tree in the same run.

A careers adviser sends a person through bridge roles that people really move into from
the role before: close in what they require, in what the work is, in the direction of the
target. The route objective (``skillgraph.analysis._cheapest``) reads the library's
calibrated similarity and skill counts; the measures here read none of it, only plain data:

- **plain cosine**: the cosine of two roles' raw requirement vectors (O*NET: the importance
  ratings of Skills and Knowledge, ``attributes["ratings"]``, every element rated; ESCO:
  1 for an essential skill, 0.5 for an optional one);
- **kNN@10 / kNN@20**: share of route steps whose destination is among the step source's
  10 / 20 nearest roles (with requirements) by plain cosine;
- **cos p50**: median plain cosine of route steps;
- **below direct**: share of bridged routes with a step whose plain cosine is below the
  direct move's (start -> target);
- **third group**: share of bridges whose major group (ISCO-08 first digit, SOC major
  group) is neither the start's nor the target's; **routes w/ third**: share of bridged
  routes with such a bridge;
- **toward**: share of bridges closer (plain cosine) to the target than the role before;
- **every bridge progresses**: share of bridged routes whose every bridge requires one of
  the target's skills that no earlier role on the path requires (``bench_moves``'s check);
- **DWA cos p50** (O*NET only): median cosine of the steps' detailed work activities
  (``Tasks to DWAs.txt``, which the library does not read), a work-activity closeness;
- **near direct**: share of plans that are a near-viable direct move (one step, not
  viable: ``analysis._near``); **learned mean**: skills learned over a reached plan;
- besides: share of plans using a bridge, "no viable path", mean steps of reached plans,
  learned / direct p50 (skills learned over a reached plan over the direct move's), and
  reskill CPU p50 / p95 ms.

Step measures cover the steps of bridged plans (a direct move has no bridge to judge).
Pairs: ``--pairs`` seeded pairs of roles in different job families per taxonomy (the pair
seed is the family detection seed, ``--seed``). The base tree (``--base DIR``, a checkout
of main) answers the same pairs in a child process; every measure is computed here, the
same way for every side. With ``--base``, a third side, "plain", is the base tree's
fewest-steps route (``search.best_route``: fewest viable steps, then least learning), the
plain baseline.

    python benchmarks/bench_plausible.py --base /work/base --seeds 181-185 [--pairs N]
        [--json OUT] [--only esco|onet]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import data_dir, fmt, pct
from bench_moves import _progress

import skillgraph as sg

CASES = {
    "esco": ("ESCO v1.1.1", "esco/v1.1.1/csv", "esco"),
    "onet": ("O*NET 29.3", "onet/29.3", "onet"),
}
Vec = dict[str, float]


def _seeds(text: str) -> list[int]:
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def _pairs(g: sg.SkillGraph, n: int, seed: int) -> list[tuple[str, str]]:
    fam = g.families("auto")
    ids = sorted(g.roles)
    req = {r for r in ids if g.requirements(r)}
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        a, b = rng.sample(ids, 2)
        if fam[a] != fam[b] and b in req:
            out.append((a, b))
    return out


def _answer(g: sg.SkillGraph, pairs: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    rows = []
    for a, b in pairs:
        t = time.process_time()
        try:
            p = g.reskill(a, b)
        except sg.SkillGraphError as exc:
            rows.append({"error": type(exc).__name__, "cpu": 0.0})
            continue
        rows.append(
            {
                "roles": [s.role for s in p.steps],
                "learn": sum(len(s.learn) for s in p.steps),
                "direct": len(p.direct.learn) if p.direct is not None else None,
                "reachable": p.reachable,
                "near": len(p.steps) == 1 and not p.steps[0].viable,
                "cpu": (time.process_time() - t) * 1000,
            }
        )
    return rows


def _read(key: str) -> sg.SkillGraph:
    data = data_dir()
    assert data is not None
    _, sub, fmt_name = CASES[key]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sg.read(data / sub, format=fmt_name)


def routes(key: str, seed: int, n: int, plain: bool = False) -> dict[str, Any]:
    """The seeded pairs (families detected with ``seed``) and the reskill answers of the
    tree on ``sys.path`` (with ``plain``: its fewest-steps route, ``search.best_route``)."""
    from bench_moves import detection

    detection(seed, None)
    if plain:
        from skillgraph.analysis import moves
        from skillgraph.analysis.search import best_route

        moves._route = best_route  # type: ignore[assignment]
    if os.environ.get("BENCH_NEAREST"):  # tuning only: the bridge rule's N
        from skillgraph.analysis import moves

        moves.NEAREST = int(os.environ["BENCH_NEAREST"])  # type: ignore[attr-defined]
    if os.environ.get("BENCH_OFF"):  # tuning only: the surcharge of an implausible bridge
        from skillgraph.analysis import moves

        moves.OFF_SHARE = float(os.environ["BENCH_OFF"])  # type: ignore[attr-defined]
    if os.environ.get("BENCH_STALL"):  # tuning only: the surcharge of a stalled bridge
        from skillgraph.analysis import _cheapest

        _cheapest.STALL_SHARE = float(os.environ["BENCH_STALL"])  # type: ignore[attr-defined]
    if os.environ.get("BENCH_NEAR_OFF"):  # tuning only: no near-viable direct offer
        from skillgraph.analysis import _near

        _near.NEAR_SHARE = 9.0
    g = _read(key)
    pairs = _pairs(g, n, seed)
    g.reskill(*pairs[0])  # warm the per-graph indices
    return {"pairs": pairs, "rows": _answer(g, pairs)}


# ---------------------------------------------------------------------- plain measures
def _vectors(g: sg.SkillGraph, onet: bool) -> dict[str, Vec]:
    out: dict[str, Vec] = {}
    for rid, role in g.roles.items():
        v: Vec = {}
        if onet:
            for cell in str(role.attributes.get("ratings", "")).split():
                name, _, val = cell.partition("=")
                v[name] = float(val.split("/")[0])
        else:
            for req in g.requirements(rid):
                v[req.skill] = 1.0 if req.essential else 0.5
        if v:
            out[rid] = v
    return out


def _cos(a: Vec, b: Vec) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b.get(k, 0.0) for k, x in a.items())
    na = math.sqrt(sum(x * x for x in a.values()))
    nb = math.sqrt(sum(x * x for x in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _dwas(folder: Path) -> dict[str, Vec]:
    """Per O*NET role id: its detailed work activities, weighted by how many tasks map to
    each."""
    out: dict[str, Vec] = {}
    with (folder / "Tasks to DWAs.txt").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            v = out.setdefault(f"onet:{row['O*NET-SOC Code']}", {})
            v[row["DWA ID"]] = v.get(row["DWA ID"], 0.0) + 1.0
    return out


def _major(g: sg.SkillGraph, rid: str) -> str | None:
    role = g.roles[rid]
    isco = role.attributes.get("isco_code")
    if isinstance(isco, str) and isco[:1].isdigit():
        return "ISCO " + isco[0]
    code = role.code or ""
    return "SOC " + code[:2] if code[:2].isdigit() else None


class Judge:
    """The plain measures of routes on one graph."""

    def __init__(self, g: sg.SkillGraph, key: str) -> None:
        import numpy as np
        import scipy.sparse as sp

        self.g = g
        self.vec = _vectors(g, key == "onet")
        data = data_dir()
        assert data is not None
        self.dwa = _dwas(data / CASES[key][1]) if key == "onet" else {}
        self.ids = sorted(self.vec)
        self.pos = {r: i for i, r in enumerate(self.ids)}
        names = {k: i for i, k in enumerate(sorted({k for v in self.vec.values() for k in v}))}
        rows, cols, vals = [], [], []
        for i, r in enumerate(self.ids):
            for k, x in self.vec[r].items():
                rows.append(i)
                cols.append(names[k])
                vals.append(x)
        m = sp.csr_matrix((vals, (rows, cols)), shape=(len(self.ids), len(names)))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        self.m = sp.csr_matrix(sp.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ m)
        self._near: dict[str, list[str]] = {}

    def near(self, rid: str, k: int) -> list[str]:
        """``rid``'s ``k`` (at most 20) nearest roles by plain cosine (ties by id)."""
        import numpy as np

        if rid not in self._near:
            if rid not in self.pos:
                self._near[rid] = []
            else:
                i = self.pos[rid]
                sims = (self.m @ self.m[i].T).toarray().ravel()
                sims[i] = -np.inf
                order = np.lexsort((np.arange(len(sims)), -sims))[:20]
                self._near[rid] = [self.ids[j] for j in order.tolist()]
        return self._near[rid][:k]

    def cos(self, a: str, b: str) -> float:
        """The plain cosine of two roles' requirement vectors."""
        return _cos(self.vec.get(a, {}), self.vec.get(b, {}))

    def measure(
        self, pairs: Sequence[tuple[str, str]], rows: list[dict[str, Any]]
    ) -> dict[str, Any]:
        steps = knn10 = knn20 = bridges = third = toward = 0
        cosines: list[float] = []
        dwa: list[float] = []
        ratios: list[float] = []
        n_steps: list[int] = []
        learned: list[int] = []
        bridged = below = third_routes = no_path = said = progress = 0
        for (a, _), row in zip(pairs, rows, strict=True):
            if "error" in row:
                continue
            if not row["reachable"]:
                no_path += 1
                continue
            roles = row["roles"]
            n_steps.append(len(roles))
            if row["direct"] is not None:
                ratios.append(row["learn"] / max(row["direct"], 1))
            learned.append(row["learn"])
            said += bool(row.get("near"))
            if len(roles) < 2:
                continue
            bridged += 1
            progress += all(_progress(self.g, a, roles)[0])
            path = [a, *roles]
            direct = self.cos(a, roles[-1])
            low = False
            for x, y in itertools.pairwise(path):
                steps += 1
                c = self.cos(x, y)
                cosines.append(c)
                low |= c < direct
                knn10 += y in self.near(x, 10)
                knn20 += y in self.near(x, 20)
                if self.dwa:
                    dwa.append(_cos(self.dwa.get(x, {}), self.dwa.get(y, {})))
            below += low
            ends = {_major(self.g, a), _major(self.g, roles[-1])}
            odd = False
            for prev, bridge in itertools.pairwise(path[:-1]):
                bridges += 1
                off = _major(self.g, bridge) not in ends
                third += off
                odd |= off
                toward += self.cos(bridge, roles[-1]) > self.cos(prev, roles[-1])
            third_routes += odd
        n = len(rows)
        cpu = [r["cpu"] for r in rows if "error" not in r]
        return {
            "bridge": bridged / n,
            "no_path": no_path / n,
            "steps_mean": statistics.mean(n_steps) if n_steps else math.nan,
            "ratio_p50": statistics.median(ratios) if ratios else math.nan,
            "said": said / n,
            "learned": statistics.mean(learned) if learned else math.nan,
            "knn10": knn10 / steps if steps else math.nan,
            "knn20": knn20 / steps if steps else math.nan,
            "cos_p50": statistics.median(cosines) if cosines else math.nan,
            "below_direct": below / bridged if bridged else math.nan,
            "third": third / bridges if bridges else math.nan,
            "third_routes": third_routes / bridged if bridged else math.nan,
            "toward": toward / bridges if bridges else math.nan,
            "progress": progress / bridged if bridged else math.nan,
            "dwa_p50": statistics.median(dwa) if dwa else math.nan,
            "cpu_p50": pct(cpu, 0.5),
            "cpu_p95": pct(cpu, 0.95),
        }


COLUMNS = [
    ("taxonomy", "taxonomy"),
    ("seed", "seed"),
    ("side", "side"),
    ("bridge", "uses a bridge"),
    ("no_path", "no viable path"),
    ("steps_mean", "mean steps"),
    ("ratio_p50", "learned / direct p50"),
    ("said", "near direct"),
    ("learned", "learned mean"),
    ("knn10", "kNN@10"),
    ("knn20", "kNN@20"),
    ("cos_p50", "cos p50"),
    ("below_direct", "below direct"),
    ("third", "third group"),
    ("third_routes", "routes w/ third"),
    ("toward", "toward"),
    ("progress", "every bridge progresses"),
    ("dwa_p50", "DWA cos p50"),
    ("cpu_p50", "CPU p50 ms"),
    ("cpu_p95", "CPU p95 ms"),
]


def _child(base: Path, key: str, seed: int, n: int, plain: bool) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(base))
    cmd = [sys.executable, __file__, "--routes-only", key, "--seeds", str(seed)]
    proc = subprocess.run(
        [*cmd, "--pairs", str(n), *(["--plain-route"] if plain else [])],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def main(argv: list[str] | None = None) -> None:
    """Run and print the table (medians over the seeds last)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, default=None, help="base tree (a checkout of main)")
    ap.add_argument("--seeds", default="181-185")
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--only", choices=sorted(CASES), default=None)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--routes-only", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--plain-route", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.routes_only:
        seed = _seeds(args.seeds)[0]
        print(json.dumps(routes(args.routes_only, seed, args.pairs, args.plain_route)))
        return
    if data_dir() is None:
        print("real data folder absent: nothing to measure")
        return
    out: list[dict[str, Any]] = []
    keys = [args.only] if args.only else sorted(CASES)
    for key in keys:
        g = _read(key)
        judge = Judge(g, key)
        for seed in _seeds(args.seeds):
            here = Path(__file__).resolve().parent.parent
            sides = [("branch", here, False)]
            if args.base is not None:
                sides[:0] = [("plain", args.base, True), ("base", args.base, False)]
            for side, tree, plain in sides:
                got = _child(tree, key, seed, args.pairs, plain)
                pairs = [tuple(p) for p in got["pairs"]]
                row = {"taxonomy": CASES[key][0], "seed": seed, "side": side}
                out.append(row | judge.measure(pairs, got["rows"]))
                print(" ".join(f"{k}={fmt(out[-1].get(k))}" for k, _ in COLUMNS), flush=True)
    for key in keys:
        for side in ("plain", "base", "branch"):
            mine = [r for r in out if r["side"] == side and r["taxonomy"] == CASES[key][0]]
            if mine:
                med = {k: statistics.median(r[k] for r in mine) for k, _ in COLUMNS[3:]}
                out.append({"taxonomy": CASES[key][0], "seed": "median", "side": side} | med)
    print("| " + " | ".join(h for _, h in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in out:
        print("| " + " | ".join(fmt(row.get(k)) for k, _ in COLUMNS) + " |")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
