"""Recommendation quality on ESCO: ISCO siblings among similar roles, and cluster agreement.

For each occupation, its siblings are the other occupations of its ISCO-08 unit group
(``attributes["isco_code"]``). ``similar_roles`` never sees that code (nor the ESCO
occupation hierarchy, labels or descriptions): it ranks from skills only. Reported:

- recall@10 = |siblings in top 10| / min(10, |siblings|), averaged over roles with a sibling;
- precision@10 = |siblings in top 10| / 10, same roles;
- AUC: probability that a sibling pair scores above a non-sibling pair, over all ordered
  pairs of distinct roles (Mann-Whitney from average ranks);

for skillgraph's similarity and, in the same run, plain cosine over binary essential/optional
skill sets. Cluster agreement: adjusted Rand index and NMI (numpy contingency tables)
between ``g.detect_clusters(seed=0)`` and the ISCO groups at 3 digits (the declared
clusters) and 4 digits.

    python benchmarks/bench_quality.py [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _util import Row, data_dir, fmt

import skillgraph as sg
from skillgraph.analysis._index import index

TARGET_RECALL = 0.55
K = 10


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


def run(quick: bool = False, g: sg.SkillGraph | None = None) -> list[Row]:
    """Quality rows on ESCO v1.1.1 (read here unless ``g`` is given); [] without the data."""
    if g is None:
        data = data_dir()
        if data is None:
            return []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = sg.read(data / "esco" / "v1.1.1" / "csv", format="esco")
    t = time.perf_counter()
    ix = index(g)
    build_s = time.perf_counter() - t
    labels = [str(g.roles[r].attributes.get("isco_code", "")) for r in ix.role_ids]
    ours = np.vstack([ix.similarities(r) for r in range(ix.n_roles)])
    binary = sp.csr_matrix(ix.B)
    norms = np.sqrt(np.asarray(binary.sum(axis=1)).ravel())
    unit = sp.csr_matrix(
        sp.diags(np.where(norms > 0, 1 / np.where(norms > 0, norms, 1), 0)) @ binary
    )
    plain = (unit @ unit.T).toarray()
    rows: list[Row] = []
    base = sibling_metrics(plain, labels)
    mine = sibling_metrics(ours, labels)
    rows.append({"method": "plain cosine, binary skill sets (reference)", **base})
    rows.append(
        {
            "method": "skillgraph similar_roles",
            **mine,
            "index_build_s": build_s,
            "target_recall@10": TARGET_RECALL,
            "met": (mine["recall@10"] or 0) >= TARGET_RECALL,
            "ratio_recall": (mine["recall@10"] or 0) / (base["recall@10"] or 1),
        }
    )
    t = time.perf_counter()
    detected = g.detect_clusters(seed=0)
    detect_s = time.perf_counter() - t
    found = [detected[r] for r in ix.role_ids]
    n_found = len(set(found))
    for digits in (3, 4):
        truth = [code[:digits] for code in labels]
        rows.append(
            {
                "method": f"detect_clusters(seed=0) vs ISCO {digits}-digit",
                **agreement(found, truth),
                "clusters_detected": n_found,
                "isco_groups": len(set(truth)),
                "detect_s": detect_s,
            }
        )
    return rows


def table(rows: list[Row]) -> str:
    """The quality rows as text."""
    lines = [f"{'method':46} {'recall@10':>9} {'prec@10':>8} {'AUC':>6}   or ARI / NMI / n"]
    for r in rows:
        if "ari" in r:
            lines.append(
                f"{r['method']:46} ARI {fmt(r['ari'])}  NMI {fmt(r['nmi'])}  "
                f"{r['clusters_detected']} detected vs {r['isco_groups']} ISCO groups"
            )
        else:
            lines.append(
                f"{r['method']:46} {fmt(r['recall@10']):>9} {fmt(r['precision@10']):>8} "
                f"{fmt(r['auc']):>6}"
            )
    return "\n".join(lines)


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--json", dest="json_out", default=None)
    args = ap.parse_args()
    rows = run()
    if not rows:
        print("ESCO data not found (set SKILLGRAPH_DATA)")
        return 1
    print(table(rows))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
