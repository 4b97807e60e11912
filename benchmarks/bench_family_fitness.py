"""Job families fit for vertical moves: networkx's Louvain against ours, with and without
the rejoining of communities that hold no senior step.

Per release (ESCO v1.1.1 CSV, O*NET 29.3, ESCO v1.1.0 zips) and seed, every method divides
the role graph of ``detect_clusters`` (each role linked to its 10 nearest roles); the
partition is handed to the move analyses as a family mapping (``mobility(g, mapping)``:
viability threshold, seniority and viable moves as ``upskill`` sees them), and judged by:

- **fitness**: of the roles with a viable move to a more senior role anywhere in the
  graph, the share whose family holds one (what ``upskill`` needs of a family);
- **coverage**: share of all roles with at least one ``upskill`` target (default
  ``max_steps=2``, ``k=5``): bench_moves' "roles with a target", computed from the
  viable-move arrays (a target is a more senior family member one in-family step away,
  two steps through a family member of the role's own seniority, or a viable promotion
  into another family: ``Mobility.promotion``; ``--check`` compares it with ``g.upskill``
  role by role for the default families, seed 0);
- **ladder pairs kept**: expert promotion pairs in one family. ESCO: each role and its
  managerial variant (a role whose label, its managerial words left out, has the same word
  stems: "chef" / "head chef", "accountant" / "accounting manager"); O*NET: every two
  occupations of one SOC broad group one Job Zone apart. ``promotions``: the pairs of
  bench_quality (how many of them share a family);
- **group ladder kept**: pairs of one occupational group a seniority step apart kept in one
  family. ESCO: every two occupations of one ISCO-08 minor group (3 digits: "shop
  assistant" 5223, "shop supervisor" 5222) whose ISCO skill level plus managerial step (the
  seniority of ``families.seniority`` without progressions) differ by one; O*NET: the SOC
  broad-group pairs of the ladder above (the same figure);
- modularity, family count, ARI against ISCO 4-digit / SOC broad groups, and the CPU
  seconds of the detection (graph building and rejoining included; ``import networkx``
  is not, bench_communities.py prints it).

Methods: ``networkx``, ``arrays`` (ours, levels then the last moving of
the original nodes), ``arrays, levels only`` (``refine=False``), each of the two
followed by ``rejoin`` (``skillgraph.analysis._rejoin``), and ``arrays, levels
only+rejoin+reseat`` (then ``skillgraph.analysis._reseat``: what
``detect_clusters(method="arrays")`` gives; ``..., no junior rule``: the reseat of
families10, ``keep_juniors=False``). ``--method`` (repeatable) keeps some. Printed:
one row per seed, then the median over the seeds per method.

    python benchmarks/bench_family_fitness.py [--seeds 51-55] [--only esco|onet|esco110]
        [--method NAME ...] [--check] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import data_dir
from bench_communities import _nx_louvain, table
from bench_quality import PROMOTIONS, agreement

import skillgraph as sg
from skillgraph.analysis._communities import Adjacency, communities, knn_graph, modularity
from skillgraph.analysis._index import IntArray, index
from skillgraph.analysis._rejoin import rejoin
from skillgraph.analysis._reseat import reseat
from skillgraph.analysis.clusters import neighbour_lists, rank_hints
from skillgraph.analysis.families import MANAGERIAL_WORDS, is_managerial
from skillgraph.analysis.viability import Mobility, mobility

RELEASES = {
    "esco": ("ESCO v1.1.1", ("esco", "v1.1.1", "csv"), "esco"),
    "onet": ("O*NET 29.3", ("onet", "29.3"), None),
    "esco110": ("ESCO v1.1.0", ("esco", "v1.1.0", "zip"), "esco"),
}
_WORD = re.compile(r"[^\W\d_]+")
_STOP = frozenset({"of", "and", "the", "in", "for", "a", "an", "to", "on"})
Near = list[tuple[Any, Any]]
Method = Callable[[int], IntArray]


def methods(n: int, near: Near, ranks: IntArray) -> dict[str, Method]:
    """The detection methods compared, each seed -> labels (graph building included)."""

    def ours(refine: bool, join: bool, seat: bool = False, juniors: bool = True) -> Method:
        def run(seed: int) -> IntArray:
            graph = knn_graph(n, near)
            labels = communities(graph, seed=seed, refine=refine)
            labels = rejoin(graph, labels, ranks) if join else labels
            return reseat(graph, labels, ranks, keep_juniors=juniors) if seat else labels

        return run

    return {
        "networkx": lambda s: _nx_louvain(n, near, s),
        "arrays": ours(True, False),
        "arrays, levels only": ours(False, False),
        "arrays+rejoin": ours(True, True),
        "arrays, levels only+rejoin": ours(False, True),
        "arrays, levels only+rejoin+reseat": ours(False, True, True),
        "arrays, levels only+rejoin+reseat, no junior rule": ours(False, True, True, False),
    }


def _stems(label: str) -> frozenset[str]:
    words = _WORD.findall(label.casefold())
    return frozenset(w[:6] for w in words if w not in MANAGERIAL_WORDS and w not in _STOP)


def ladder_pairs(g: sg.SkillGraph, esco: bool) -> list[tuple[int, int]]:
    """Expert promotion pairs as role positions (see the module documentation)."""
    ix = index(g, profiles=False)
    roles = g.roles
    if esco:
        plain: dict[frozenset[str], list[int]] = {}
        managers: list[tuple[int, frozenset[str]]] = []
        for i, rid in enumerate(ix.role_ids):
            label = roles[rid].label
            if is_managerial(label):
                managers.append((i, _stems(label)))
            else:
                plain.setdefault(_stems(label), []).append(i)
        return [(a, m) for m, key in managers if key for a in plain.get(key, [])]
    groups: dict[str, list[int]] = {}
    for i, rid in enumerate(ix.role_ids):
        code = roles[rid].code
        if code and ix.levels[i] is not None:
            groups.setdefault(code[:6], []).append(i)
    out: list[tuple[int, int]] = []
    for members in groups.values():
        for a in members:
            for b in members:
                la, lb = ix.levels[a], ix.levels[b]
                if la is not None and lb is not None and lb == la + 1:
                    out.append((a, b))
    return out


def group_ladder_pairs(g: sg.SkillGraph, esco: bool) -> list[tuple[int, int]]:
    """Pairs of one occupational group a seniority step apart, as role positions (see the
    module documentation; O*NET: ``ladder_pairs``)."""
    if not esco:
        return ladder_pairs(g, esco)
    ix = index(g, profiles=False)
    roles = g.roles
    groups: dict[str, list[tuple[int, int]]] = {}
    for i, rid in enumerate(ix.role_ids):
        code = str(roles[rid].attributes.get("isco_code", ""))
        level = ix.levels[i]
        if len(code) >= 3 and level is not None:
            step = level + (1 if is_managerial(roles[rid].label) else 0)
            groups.setdefault(code[:3], []).append((i, step))
    return [
        (a, b)
        for members in groups.values()
        for a, sa in members
        for b, sb in members
        if sb == sa + 1
    ]


def upward(mob: Mobility) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per role: a viable move to a more senior role anywhere, one inside its family, and
    an ``upskill`` target (see the module documentation)."""
    n = len(mob.family)
    indptr, cols = mob.a.indptr.astype(np.int64), mob.a.indices.astype(np.int64)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    sen, fam = mob.seniority, mob.family
    up = sen[cols] > sen[rows]
    same = fam[cols] == fam[rows]
    anywhere = np.bincount(rows[up], minlength=n) > 0
    inside = np.bincount(rows[up & same], minlength=n) > 0
    level = same & (sen[cols] == sen[rows])
    through = np.bincount(rows[level & inside[cols]], minlength=n) > 0
    return anywhere, inside, inside | through | promoted(mob, rows, cols, ~same)


def promoted(mob: Mobility, rows: np.ndarray, cols: np.ndarray, pick: np.ndarray) -> np.ndarray:
    """Per role: a viable promotion among the viable moves ``rows -> cols`` where ``pick``
    (into another family: an ``upskill`` target across the family boundary)."""
    names = {x: i for i, x in enumerate(sorted({x for x in mob.group if x is not None}))}
    group = np.asarray([names[x] if x is not None else -1 for x in mob.group], dtype=np.int64)
    pick = pick & (group[rows] >= 0) & (group[rows] == group[cols])
    out = np.zeros(len(mob.family), dtype=bool)
    for a, b in zip(rows[pick].tolist(), cols[pick].tolist(), strict=True):
        out[a] |= mob.promotion(a, b)
    return out


def judge(
    g: sg.SkillGraph,
    graph: Adjacency,
    labels: IntArray,
    pairs: list[tuple[int, int]],
    promotions: list[tuple[int, int]],
    truth: list[str],
    group_pairs: list[tuple[int, int]] | None = None,
) -> dict[str, Any]:
    """The figures of one partition (see the module documentation)."""
    ix = index(g, profiles=False)
    mapping = {rid: f"family:{c}" for rid, c in zip(ix.role_ids, labels.tolist(), strict=True)}
    mob = mobility(g, mapping)
    anywhere, inside, target = upward(mob)
    kept = sum(bool(labels[a] == labels[b]) for a, b in pairs)
    return {
        "fitness": float(inside.sum() / max(int(anywhere.sum()), 1)),
        "coverage": float(target.mean()),
        "ladder_kept": kept / len(pairs) if pairs else float("nan"),
        "group_ladder_kept": _kept(labels, group_pairs or []),
        "promotions": sum(bool(labels[a] == labels[b]) for a, b in promotions),
        "Q": modularity(graph, labels),
        "families": int(labels.max()) + 1,
        "ARI": agreement([str(c) for c in labels.tolist()], truth)["ari"],
        "threshold": mob.threshold,
    }


def _kept(labels: IntArray, pairs: list[tuple[int, int]]) -> float:
    """The share of ``pairs`` whose two roles have one label (NaN without pairs)."""
    if not pairs:
        return float("nan")
    a, b = np.asarray(pairs, dtype=np.int64).T
    return float(np.mean(labels[a] == labels[b]))


def _read(data: Path, key: str) -> sg.SkillGraph:
    _, parts, fmt_name = RELEASES[key]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sg.read(data.joinpath(*parts), format=fmt_name, cache=False)


def check(g: sg.SkillGraph, sample: int = 300) -> tuple[int, int]:
    """(roles compared, disagreements) between ``upward``'s upskill targets for the default
    families (networkx, seed 0) and ``g.upskill`` on ``sample`` spread roles."""
    ix = index(g, profiles=False)
    _, _, target = upward(mobility(g, "detected"))
    picked = list(range(0, ix.n_roles, max(1, ix.n_roles // sample)))
    wrong = sum(
        bool(target[i]) != bool(g.upskill(ix.role_ids[i], families="detected")) for i in picked
    )
    return len(picked), wrong


def evaluate(
    data: Path, key: str, seeds: list[int], do_check: bool, keep: list[str] | None = None
) -> list[dict[str, Any]]:
    """One row per method and seed of one release."""
    name = RELEASES[key][0]
    g = _read(data, key)
    ix = index(g)
    near = neighbour_lists(g)
    n = ix.n_roles
    esco = key.startswith("esco")
    roles = g.roles
    if esco:
        truth = [str(roles[r].attributes.get("isco_code", ""))[:4] for r in ix.role_ids]
    else:
        truth = [str(roles[r].code or "")[:6] for r in ix.role_ids]
    pairs = ladder_pairs(g, esco)
    group_pairs = group_ladder_pairs(g, esco)
    pos = ix.role_pos
    promotions = [(pos[g.find(a).id], pos[g.find(b).id]) for a, b in PROMOTIONS[name]]
    if do_check:
        seen, wrong = check(g)
        print(f"{name}: coverage check on {seen} roles, {wrong} disagree with g.upskill")
    print(
        f"{name}: {n} roles, {len(pairs)} ladder pairs, {len(group_pairs)} group ladder pairs",
        file=sys.stderr,
    )
    graph = knn_graph(n, near)
    ranks = rank_hints(g)
    rows: list[dict[str, Any]] = []
    for method, run in methods(n, near, ranks).items():
        if keep and method not in keep:
            continue
        for seed in seeds:
            t = time.process_time()
            labels = run(seed)
            cpu = time.process_time() - t
            row = {"graph": name, "method": method, "seed": seed}
            row |= judge(g, graph, labels, pairs, promotions, truth, group_pairs)
            row |= {"cpu_s": cpu}
            rows.append(row)
    return rows


def medians(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per release and method: the median of every figure over the seeds."""
    out = []
    for graph in dict.fromkeys(r["graph"] for r in rows):
        for method in dict.fromkeys(r["method"] for r in rows if r["graph"] == graph):
            mine = [r for r in rows if r["graph"] == graph and r["method"] == method]
            keys = [k for k in mine[0] if k not in {"graph", "method", "seed"}]
            row: dict[str, Any] = {"graph": graph, "method": method, "seed": "median"}
            row |= {k: statistics.median(r[k] for r in mine) for k in keys}
            out.append(row)
    return out


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            lo, hi = part.split("-")
            out += range(int(lo), int(hi) + 1)
        elif part:
            out.append(int(part))
    return out


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seeds", default="51-55", help="e.g. 51-55 or 100,101")
    ap.add_argument("--only", choices=sorted(RELEASES), action="append")
    ap.add_argument("--check", action="store_true", help="coverage against g.upskill")
    ap.add_argument("--method", action="append", help="keep only these methods")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    data = data_dir()
    if data is None:
        print("ESCO / O*NET data not found (set SKILLGRAPH_DATA)")
        return 1
    rows: list[dict[str, Any]] = []
    for key in args.only or list(RELEASES):
        rows += evaluate(data, key, _seeds(args.seeds), args.check, args.method)
    print(table(rows))
    print()
    print(table(medians(rows)))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
