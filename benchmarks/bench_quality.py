"""Recommendation quality on ESCO and O*NET: sibling recall, ablations, families, speed.

Siblings are roles of one expert group, which ``similar_roles`` never sees (nor any code,
cluster or occupation hierarchy): on ESCO v1.1.1 the ISCO-08 unit group
(``attributes["isco_code"]``), on O*NET 29.3 the SOC broad group (``XX-XXX`` of the
O*NET-SOC code). Reported, with a plain baseline computed in the same run:

- recall@10 = |siblings in top 10| / min(10, |siblings|), averaged over roles with a sibling;
- precision@10 = |siblings in top 10| / 10, same roles;
- AUC: probability that a sibling pair scores above a non-sibling pair, over all ordered
  pairs of distinct roles (Mann-Whitney from average ranks).

Baselines: ESCO, plain cosine over binary essential/optional skill sets; O*NET, plain cosine
over the raw IM ratings (1-5) of Skills + Knowledge read straight from the text files. The
O*NET baseline can only rank the 879 rated occupations, so both methods are scored over
those (645 have a sibling); ``similar_roles`` over all 1,016 roles is reported as well.
Ablation rows: each similarity component left out (weight 0), and alone. Families:
``g.families("detected")`` against ISCO 2/3-digit groups and SOC minor/major groups
(adjusted Rand index, NMI), their sizes, and whether promotion pairs share a family.
Speed: the index build (median of 3, idle and with a busy-loop process on another core) and
``similar_roles`` p50 against a plain sparse top-10 cosine query in the same run.

    python benchmarks/bench_quality.py [--quick] [--older-esco] [--json OUT]

``--older-esco`` adds ESCO v1.1.0 (read from its official zips), a release nothing was tuned on.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import Row, data_dir, fmt

import skillgraph as sg
from skillgraph.analysis import _index
from skillgraph.analysis._index import COMPONENTS, DEFAULT_WEIGHTS, index
from skillgraph.analysis.similarity import offered

TARGET_RECALL = {"ESCO v1.1.1": 0.55, "O*NET 29.3": 0.60, "ESCO v1.1.0": 0.55}
K = 10
PROMOTIONS = {
    "ESCO v1.1.1": [
        ("accountant", "accounting manager"),
        ("primary school teacher", "primary school head teacher"),
        ("nurse responsible for general care", "nurse assistant"),
    ],
    "O*NET 29.3": [
        ("Accountants and Auditors", "Financial Managers"),
        ("Registered Nurses", "Medical and Health Services Managers"),
    ],
}
PROMOTIONS["ESCO v1.1.0"] = PROMOTIONS["ESCO v1.1.1"]
#: the older ESCO release, read from its two official zips: data nothing was tuned on
OLDER_ESCO = ("esco", "v1.1.0", "zip")


def sibling_metrics(sim: npt.NDArray[np.float64], labels: list[str], k: int = K) -> Row:
    """recall@k, precision@k and AUC of a role x role score matrix against ``labels``.

    Top-k ties are broken by position (= role id order), as ``similar_roles`` does.
    """
    n = len(labels)
    _, lab = np.unique(np.asarray(labels), return_inverse=True)
    same = lab[:, None] == lab[None, :]
    np.fill_diagonal(same, False)
    nsib = same.sum(axis=1)
    s = np.array(sim, dtype=np.float64, copy=True)
    np.fill_diagonal(s, -np.inf)
    idx = np.arange(n)
    rec: list[float] = []
    prec: list[float] = []
    for r in range(n):
        if nsib[r] == 0:
            continue
        top = np.lexsort((idx, -s[r]))[:k]
        hit = int(same[r, top].sum())
        rec.append(hit / min(k, int(nsib[r])))
        prec.append(hit / k)
    off = ~np.eye(n, dtype=bool)
    ranks = rankdata(s[off])
    y = same[off]
    pos = int(y.sum())
    neg = len(y) - pos
    auc = (float(ranks[y].sum()) - pos * (pos + 1) / 2) / (pos * neg) if pos and neg else None
    return {
        "recall@10": float(np.mean(rec)) if rec else None,
        "precision@10": float(np.mean(prec)) if prec else None,
        "auc": auc,
        "roles_evaluated": len(rec),
    }


def _comb2(x: npt.NDArray[np.float64]) -> float:
    return float((x * (x - 1) / 2).sum())


def agreement(a: list[str], b: list[str]) -> Row:
    """Adjusted Rand index and NMI (arithmetic mean normalisation) of two labelings."""
    _, ia = np.unique(np.asarray(a), return_inverse=True)
    _, ib = np.unique(np.asarray(b), return_inverse=True)
    n = len(a)
    table = np.zeros((ia.max() + 1, ib.max() + 1))
    np.add.at(table, (ia, ib), 1.0)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    sum_ij, sum_a, sum_b = _comb2(table), _comb2(rows), _comb2(cols)
    expected = sum_a * sum_b / (n * (n - 1) / 2)
    top = (sum_a + sum_b) / 2
    ari = (sum_ij - expected) / (top - expected) if top != expected else 1.0
    p = table / n
    pa, pb = rows / n, cols / n
    nz = p > 0
    mi = float((p[nz] * np.log(p[nz] / np.outer(pa, pb)[nz])).sum())
    ha = -float((pa[pa > 0] * np.log(pa[pa > 0])).sum())
    hb = -float((pb[pb > 0] * np.log(pb[pb > 0])).sum())
    nmi = mi / ((ha + hb) / 2) if ha + hb > 0 else 1.0
    return {"ari": float(ari), "nmi": nmi}


def _components(ix: _index.Index) -> dict[str, npt.NDArray[np.float32]]:
    """Per component, the full role x role cosine matrix (float32)."""
    out: dict[str, npt.NDArray[np.float32]] = {}
    for name in COMPONENTS:
        m = ix.profiles.get(name)
        if m is None or not ix.has[name].any():
            continue
        full = np.asarray((m @ m.T).toarray()) if isinstance(m, sp.csr_matrix) else m @ m.T
        out[name] = np.where(full > _index.NOISE, full, 0.0).astype(np.float32)
    return out


def _mix(
    ix: _index.Index, comps: Mapping[str, npt.NDArray[np.float32]], w: Mapping[str, float]
) -> npt.NDArray[np.float64]:
    """The similarity matrix for component weights ``w`` (the formula of ``Index.mix``);
    a role ``similar_roles`` does not offer (no requirement) scores -1 as a match."""
    n = ix.n_roles
    num = np.zeros((n, n))
    den = np.zeros((n, n))
    for name, cos in comps.items():
        wc = w.get(name, 0.0)
        if wc <= 0:
            continue
        has = ix.has[name].astype(np.float64)
        num += wc * cos
        den += wc * np.outer(has, has)
    out: npt.NDArray[np.float64] = np.clip(
        np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0), 0.0, 1.0
    )
    out[:, ~offered(ix)] = -1.0
    return out


def _plain_cosine(m: npt.NDArray[np.float64] | sp.csr_matrix) -> npt.NDArray[np.float64]:
    m = sp.csr_matrix(m, dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    unit = sp.csr_matrix(sp.diags(np.where(norms > 0, 1 / np.where(norms > 0, norms, 1), 0)) @ m)
    out: npt.NDArray[np.float64] = (unit @ unit.T).toarray()
    return out


def _onet_raw_im(folder: Path, role_ids: list[str]) -> npt.NDArray[np.float64]:
    """Role x element raw IM ratings (1-5) of Skills.txt + Knowledge.txt; 0 where unrated."""
    pos = {r: i for i, r in enumerate(role_ids)}
    elements: dict[str, int] = {}
    cells: list[tuple[int, int, float]] = []
    for name in ("Skills.txt", "Knowledge.txt"):
        with (folder / name).open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["Scale ID"] != "IM":
                    continue
                i = pos.get("onet:" + row["O*NET-SOC Code"])
                if i is None:
                    continue
                j = elements.setdefault(row["Element ID"], len(elements))
                cells.append((i, j, float(row["Data Value"])))
    out = np.zeros((len(role_ids), len(elements)))
    for i, j, v in cells:
        out[i, j] = v
    return out


def _sub(m: npt.NDArray[np.float64], keep: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    out: npt.NDArray[np.float64] = m[np.ix_(keep, keep)]
    return out


def _busy() -> subprocess.Popen[bytes]:
    """A child process spinning on one core (the "other core busy" condition)."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def _build_seconds(g: sg.SkillGraph, busy: bool, repeats: int = 3) -> float:
    proc = _busy() if busy else None
    try:
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            _index._build(g)
            times.append(time.perf_counter() - t)
    finally:
        if proc is not None:
            proc.kill()
            proc.wait()
    return statistics.median(times)


def _query_ms(g: sg.SkillGraph, ix: _index.Index, n: int) -> tuple[float, float]:
    """p50 of ``similar_roles`` and of a plain sparse top-10 cosine query, in ms."""
    rids = ix.role_ids[:: max(1, ix.n_roles // n)]
    unit = sp.csr_matrix(sp.diags(1 / np.maximum(np.sqrt(ix.B.sum(axis=1).A.ravel()), 1)) @ ix.B)
    ours, plain = [], []
    for rid in rids:
        t = time.perf_counter()
        g.similar_roles(rid, k=K)
        ours.append((time.perf_counter() - t) * 1000)
        r = ix.role_pos[rid]
        t = time.perf_counter()
        scores = np.asarray(unit @ unit[r].T.toarray()).ravel()
        _index.top_k(scores, K)
        plain.append((time.perf_counter() - t) * 1000)
    return statistics.median(ours), statistics.median(plain)


def _read(name: str, folder: Path) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if name.startswith("ESCO"):
            return sg.read(folder, format="esco")
        return sg.read(folder)


def evaluate(name: str, g: sg.SkillGraph, folder: Path | None, quick: bool) -> list[Row]:
    """Quality, ablation, family and speed rows of one taxonomy."""
    esco = name.startswith("ESCO")
    t = time.perf_counter()
    ix = index(g)
    build_s = time.perf_counter() - t
    roles = g.roles
    if esco:
        labels = [str(roles[r].attributes.get("isco_code", "")) for r in ix.role_ids]
        baseline_name = "plain cosine, binary skill sets (reference)"
        plain = _plain_cosine(ix.B)
        keep = np.arange(ix.n_roles)
    else:
        labels = [str(roles[r].code or "")[:6] for r in ix.role_ids]
        baseline_name = "plain cosine, raw IM ratings of Skills + Knowledge (reference)"
        if folder is None:
            return []
        raw = _onet_raw_im(folder, ix.role_ids)
        plain = _plain_cosine(raw)
        keep = np.flatnonzero(raw.sum(axis=1) > 0)
    sub_labels = [labels[i] for i in keep]
    comps = _components(ix)
    ours = _mix(ix, comps, DEFAULT_WEIGHTS)
    base = sibling_metrics(_sub(plain, keep), sub_labels)
    mine = sibling_metrics(_sub(ours, keep), sub_labels)
    prefix = "" if esco else "O*NET: "
    rows: list[Row] = [
        {"graph": name, "method": prefix + baseline_name, **base},
        {
            "graph": name,
            "method": prefix + "skillgraph similar_roles",
            **mine,
            "index_build_s": build_s,
            "target_recall@10": TARGET_RECALL[name],
            "met": (mine["recall@10"] or 0) >= TARGET_RECALL[name],
            "ratio_recall": (mine["recall@10"] or 0) / (base["recall@10"] or 1),
        },
    ]
    if len(keep) < ix.n_roles:
        rows.append(
            {
                "graph": name,
                "method": prefix + "skillgraph similar_roles, all roles",
                **sibling_metrics(ours, labels),
            }
        )
    if not quick:
        for comp in comps:
            without = sibling_metrics(
                _sub(_mix(ix, comps, {**DEFAULT_WEIGHTS, comp: 0.0}), keep), sub_labels
            )
            alone = sibling_metrics(_sub(_mix(ix, comps, {comp: 1.0}), keep), sub_labels)
            rows.append(
                {
                    "graph": name,
                    "method": f"{prefix}ablation: {comp}",
                    "component": comp,
                    "weight": DEFAULT_WEIGHTS[comp],
                    "without_recall@10": without["recall@10"],
                    "without_auc": without["auc"],
                    "alone_recall@10": alone["recall@10"],
                    "alone_auc": alone["auc"],
                }
            )
    del comps, ours, plain
    t = time.perf_counter()
    fam = g.families("detected")
    detect_s = time.perf_counter() - t
    found = [fam[r] for r in ix.role_ids]
    sizes = np.bincount(np.unique(np.asarray(found), return_inverse=True)[1])
    truths = (
        [("ISCO 2-digit", 2), ("ISCO 3-digit", 3), ("ISCO 4-digit", 4)]
        if esco
        else [("SOC major", 2), ("SOC minor", 4), ("SOC broad", 6)]
    )
    for label, digits in truths:
        truth = [code[:digits] for code in labels]
        rows.append(
            {
                "graph": name,
                "method": (
                    f"detect_clusters(seed=0) vs ISCO {digits}-digit"
                    if esco
                    else f"O*NET: detected families vs {label}"
                ),
                **agreement(found, truth),
                "clusters_detected": len(sizes),
                "isco_groups": len(set(truth)),
                "family_size_min": int(sizes.min()),
                "family_size_median": float(np.median(sizes)),
                "family_size_max": int(sizes.max()),
                "detect_s": detect_s,
            }
        )
    pairs = []
    for a, b in PROMOTIONS[name]:
        try:
            ra, rb = g.find(a).id, g.find(b).id
        except sg.NotFoundError:
            continue
        pairs.append(fam[ra] == fam[rb])
    rows.append(
        {
            "graph": name,
            "method": prefix + "promotion pairs in one detected family",
            "pairs": len(pairs),
            "together": int(sum(pairs)),
        }
    )
    idle = _build_seconds(g, busy=False, repeats=1 if quick else 3)
    busy = None if quick else _build_seconds(g, busy=True)
    q_ours, q_plain = _query_ms(g, ix, 50 if quick else 300)
    rows.append(
        {
            "graph": name,
            "method": prefix + "speed",
            "build_idle_s": idle,
            "build_busy_s": busy,
            "target_build_s": 1.5,
            "similar_roles_p50_ms": q_ours,
            "plain_cosine_p50_ms": q_plain,
            "target_p50_ms": 1.0,
            "ratio_p50": q_ours / q_plain if q_plain > 0 else None,
        }
    )
    return rows


def run(quick: bool = False, g: sg.SkillGraph | None = None, older: bool = False) -> list[Row]:
    """Quality rows on ESCO v1.1.1 (``g`` if given) and O*NET 29.3 (and, with ``older``, ESCO
    v1.1.0); [] without the data."""
    data = data_dir()
    rows: list[Row] = []
    if g is not None:
        return evaluate("ESCO v1.1.1", g, None, quick)
    if data is None:
        return []
    sources = [
        ("ESCO v1.1.1", data / "esco" / "v1.1.1" / "csv"),
        ("O*NET 29.3", data / "onet" / "29.3"),
    ]
    if older:
        sources.append(("ESCO v1.1.0", data.joinpath(*OLDER_ESCO)))
    for name, folder in sources:
        if folder.exists():
            rows.extend(evaluate(name, _read(name, folder), folder, quick))
    return rows


def table(rows: list[Row]) -> str:
    """The quality rows as text."""
    lines = [f"{'method':62} {'recall@10':>9} {'prec@10':>8} {'AUC':>6}"]
    graph = None
    for r in rows:
        if r.get("graph") != graph:
            graph = r.get("graph")
            lines.append(f"-- {graph}")
        m = r["method"]
        if "ari" in r:
            lines.append(
                f"{m:62} ARI {fmt(r['ari'])}  NMI {fmt(r['nmi'])}  {r['clusters_detected']} "
                f"families (size {r['family_size_min']}/{fmt(r['family_size_median'])}/"
                f"{r['family_size_max']} min/median/max) vs {r['isco_groups']} groups"
            )
        elif "component" in r:
            lines.append(
                f"{m:62} without: {fmt(r['without_recall@10']):>6} AUC "
                f"{fmt(r['without_auc'])}; alone: {fmt(r['alone_recall@10']):>6} AUC "
                f"{fmt(r['alone_auc'])}  (weight {r['weight']})"
            )
        elif "pairs" in r:
            lines.append(f"{m:62} {r['together']} of {r['pairs']}")
        elif "build_idle_s" in r:
            lines.append(
                f"{m:62} build {fmt(r['build_idle_s'])} s idle, {fmt(r['build_busy_s'])} s "
                f"other core busy (target {r['target_build_s']}); similar_roles p50 "
                f"{fmt(r['similar_roles_p50_ms'])} ms (target {r['target_p50_ms']}), plain "
                f"cosine {fmt(r['plain_cosine_p50_ms'])} ms, ratio {fmt(r['ratio_p50'])}"
            )
        else:
            extra = ""
            if "target_recall@10" in r:
                extra = (
                    f"  target >= {r['target_recall@10']}: {'met' if r['met'] else 'NOT met'}"
                    f" ({fmt(r['ratio_recall'])}x the reference)"
                )
            lines.append(
                f"{m:62} {fmt(r['recall@10']):>9} {fmt(r['precision@10']):>8} "
                f"{fmt(r['auc']):>6}{extra}"
            )
    return "\n".join(lines)


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="no ablations, fewer timings")
    ap.add_argument("--json", dest="json_out", default=None)
    ap.add_argument(
        "--older-esco", action="store_true", help="also ESCO v1.1.0 (its official zips)"
    )
    args = ap.parse_args()
    rows = run(args.quick, older=args.older_esco)
    if not rows:
        print("ESCO / O*NET data not found (set SKILLGRAPH_DATA)")
        return 1
    print(table(rows))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
