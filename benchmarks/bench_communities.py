"""Job-family detection on ESCO v1.1.1 and O*NET 29.3: our Louvain against networkx's.

Per taxonomy, on the role graph of ``detect_clusters`` (each role linked to its 10 nearest
roles, a pair weighted by its larger score), three methods on the same graph:

- **ours**: ``skillgraph.analysis._communities.communities`` (levels, then the last
  moving of the original nodes: the default);
- **ours, levels only**: Blondel et al.'s levels alone (``refine=False``);
- **networkx**: ``nx.community.louvain_communities(weight="weight", seed=s)`` on the same
  graph as an ``nx.Graph`` (what main runs).

Reported per method: modularity (our ``modularity``, checked once against
``nx.community.modularity``), community count, ARI / NMI against the expert groups of
``bench_quality.py`` (ISCO 2/3/4 digits, SOC major/minor/broad), promotion pairs in one
community, and the CPU seconds of the call (graph building included: our arrays, or the
``nx.Graph``); first for each of ``--seeds`` (default 0, 1, 2), then the mean over
``--more`` further seeds (100, 101, ...). The CPU of ``import networkx`` in a fresh
interpreter is printed too (main pays it on this path; ours does not).

    python benchmarks/bench_communities.py [--seeds 0,1,2] [--more 20] [--only esco|onet]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
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

from _util import data_dir, fmt
from bench_quality import PROMOTIONS, agreement

import skillgraph as sg
from skillgraph.analysis._communities import communities, knn_graph, modularity
from skillgraph.analysis._index import IntArray, index
from skillgraph.analysis.clusters import neighbour_lists

RELEASES = {
    "esco": ("ESCO v1.1.1", "esco/v1.1.1/csv", ("ISCO-2", 2), ("ISCO-3", 3), ("ISCO-4", 4)),
    "onet": ("O*NET 29.3", "onet/29.3", ("SOC major", 2), ("SOC minor", 4), ("SOC broad", 6)),
}
Near = list[tuple[Any, Any]]


def _nx_louvain(n: int, near: Near, seed: int) -> IntArray:
    """networkx's Louvain on the role graph (built as main built it)."""
    import networkx as nx

    weight: dict[tuple[int, int], float] = {}
    for r, (best, scores) in enumerate(near):
        for o, s in zip(best.tolist(), scores.tolist(), strict=True):
            key = (min(r, o), max(r, o))
            weight[key] = max(weight.get(key, s), s)
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in weight.items())
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    labels = np.empty(n, dtype=np.int64)
    for c, members in enumerate(sorted((sorted(m) for m in found), key=lambda m: m[0])):
        labels[members] = c
    return labels


def _methods(n: int, near: Near) -> dict[str, Callable[[int], IntArray]]:
    return {
        "ours": lambda s: communities(knn_graph(n, near), seed=s),
        "ours, levels only": lambda s: communities(knn_graph(n, near), seed=s, refine=False),
        "networkx": lambda s: _nx_louvain(n, near, s),
    }


def _networkx_import_cpu() -> float:
    code = "import time; import networkx; print(time.process_time())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    bare = subprocess.run(
        [sys.executable, "-c", "import time; print(time.process_time())"],
        capture_output=True,
        text=True,
    )
    return float(done.stdout) - float(bare.stdout)


def evaluate(key: str, folder: Path, seeds: list[int], more: int) -> list[dict[str, Any]]:
    """One row per method and seed (and per method for the mean over ``more`` seeds)."""
    name, path, *truth_specs = RELEASES[key]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = sg.read(folder / path, cache=False)
    ix = index(g)
    near = neighbour_lists(g)
    n = ix.n_roles
    roles = g.roles
    if key == "esco":
        codes = [str(roles[r].attributes.get("isco_code", "")) for r in ix.role_ids]
    else:
        codes = [str(roles[r].code or "")[:6] for r in ix.role_ids]
    truths = [(label, [c[:d] for c in codes]) for label, d in truth_specs]
    pos = {r: i for i, r in enumerate(ix.role_ids)}
    pairs = [(pos[g.find(a).id], pos[g.find(b).id]) for a, b in PROMOTIONS[name]]
    graph = knn_graph(n, near)
    rows: list[dict[str, Any]] = []
    extra = list(range(100, 100 + more))
    for method, run in _methods(n, near).items():
        for seed in [*seeds, *extra]:
            t = time.process_time()
            labels = run(seed)
            cpu = time.process_time() - t
            found = [str(c) for c in labels.tolist()]
            row: dict[str, Any] = {
                "graph": name,
                "method": method,
                "seed": seed,
                "Q": modularity(graph, labels),
                "communities": int(labels.max()) + 1,
                "pairs": sum(bool(labels[a] == labels[b]) for a, b in pairs),
                "cpu_s": cpu,
            }
            for label, truth in truths:
                agree = agreement(found, truth)
                row[f"{label} ARI"], row[f"{label} NMI"] = agree["ari"], agree["nmi"]
            rows.append(row)
        if extra:
            mine = [r for r in rows if r["method"] == method and r["seed"] in extra]
            mean = {
                k: statistics.mean(r[k] for r in mine)
                for k in mine[0]
                if k not in {"graph", "method", "seed"}
            }
            rows = [r for r in rows if not (r["method"] == method and r["seed"] in extra)]
            rows.append({"graph": name, "method": method, "seed": f"mean of {more}", **mean})
    return rows


def _check_modularity(folder: Path) -> float:
    """|our modularity - networkx's| on O*NET's role graph for one networkx partition."""
    import networkx as nx

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = sg.read(folder / "onet/29.3", cache=False)
    n, near = index(g).n_roles, neighbour_lists(g)
    labels = _nx_louvain(n, near, 0)
    a = knn_graph(n, near)
    nxg = nx.Graph()
    nxg.add_nodes_from(range(n))
    rows = a.rows()
    nxg.add_weighted_edges_from(
        (int(u), int(v), float(w))
        for u, v, w in zip(rows, a.indices, a.weights, strict=True)
        if u < v
    )
    parts = [set(np.flatnonzero(labels == c).tolist()) for c in range(int(labels.max()) + 1)]
    return abs(modularity(a, labels) - nx.community.modularity(nxg, parts, weight="weight"))


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as markdown tables, one per taxonomy."""
    out = []
    for name in dict.fromkeys(r["graph"] for r in rows):
        out.append(_table([r for r in rows if r["graph"] == name]))
    return "\n\n".join(out)


def _table(rows: list[dict[str, Any]]) -> str:
    keys = [k for k in rows[0] if k not in {"graph", "method", "seed"}]
    lines = ["| taxonomy | method | seed | " + " | ".join(keys) + " |"]
    lines.append("|" + "---|" * (3 + len(keys)))
    for r in rows:
        cells = [fmt(r[k], 4) for k in keys]
        lines.append(f"| {r['graph']} | {r['method']} | {r['seed']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--more", type=int, default=20, help="further seeds for the means")
    ap.add_argument("--only", choices=sorted(RELEASES))
    args = ap.parse_args()
    folder = data_dir()
    if folder is None:
        print("ESCO / O*NET data not found (set SKILLGRAPH_DATA)")
        return 1
    seeds = [int(s) for s in args.seeds.split(",") if s]
    rows: list[dict[str, Any]] = []
    for key in [args.only] if args.only else list(RELEASES):
        rows += evaluate(key, folder, seeds, args.more)
    print(table(rows))
    print(f"\n|our modularity - networkx's| on O*NET: {_check_modularity(folder):.2e}")
    print(f"import networkx, fresh interpreter: {_networkx_import_cpu():.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
