"""Batch scoring of a synthetic workforce on ESCO v1.1.1: top-5 roles per person.

A seeded synthetic workforce: each person is drawn from a real role (uniform over roles
with requirements), keeps each of its required skills with probability 0.7 and gets 3
random skills of the graph as noise. Each measurement runs in a fresh interpreter, so its
peak memory (VmHWM, interpreter, graph and index included) is its own.

Rows:

- ``batch 100k``: `skillgraph.workforce.score` on 100,000 people (skill id lists ->
  sparse matrix -> top-5 roles with coverage), one process, BLAS on one thread; the
  scoring index build is timed apart;
- ``naive gap loop``: ``g.gap(role, have)`` for every role of a sample of people (what a
  per-person loop must do to find the top 5), extrapolated to 100,000 people; the ratio
  is naive / batch;
- ``dask 1M`` (unless ``--no-dask``): the same batch API on a 2-worker ``LocalCluster``
  (processes, one thread each): 1,000,000 people, time and the peak memory of each worker.

    python benchmarks/bench_workforce.py [--people N] [--dask-people N] [--sample N]
        [--no-dask] [--esco PATH] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import child, fmt, ratio

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1" / "csv"
TARGET_S = 30.0
TARGET_MB = 2048.0

SETUP = r"""
import os
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np, scipy.sparse as sp
import skillgraph as sg
from skillgraph.analysis._index import index

def workforce(g, n, seed):
    # n people x skills (CSR over the analysis index's skill positions), seeded
    ix = index(g)
    rng = np.random.default_rng(seed)
    ok = np.flatnonzero(np.diff(ix.B.indptr) > 0)
    roles = ok[rng.integers(0, len(ok), n)]
    start, length = ix.B.indptr[roles], np.diff(ix.B.indptr)[roles]
    rows = np.repeat(np.arange(n), length)
    offs = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    cols = ix.B.indices[np.repeat(start, length) + offs]
    keep = rng.random(len(cols)) < 0.7
    noise_r = np.repeat(np.arange(n), 3)
    noise_c = rng.integers(0, ix.n_skills, 3 * n)
    r = np.concatenate([rows[keep], noise_r])
    c = np.concatenate([cols[keep], noise_c])
    h = sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, ix.n_skills))
    h.data[:] = 1.0
    return roles, h

g = sg.read(sys.argv[1])
"""

BATCH = (
    SETUP
    + r"""
from threadpoolctl import threadpool_limits
from skillgraph.workforce import score
from skillgraph.workforce.batch import scoring_index
n = int(sys.argv[2])
_, h = workforce(g, n, 0)
ix = index(g)
people = [
    (f"p{i}", [ix.skill_ids[s] for s in h.indices[h.indptr[i]:h.indptr[i + 1]]])
    for i in range(n)
]
del h
t = time.perf_counter()
si = scoring_index(g)
build = time.perf_counter() - t
with threadpool_limits(limits=1):
    t = time.perf_counter()
    res = score(g, people, k=5)
    secs = time.perf_counter() - t
done(seconds=secs, index_seconds=build, people=len(res), k=res.k,
     mean_top1=float(res.coverage[:, 0].mean()))
"""
)

NAIVE = (
    SETUP
    + r"""
n = int(sys.argv[2])
_, h = workforce(g, n, 1)
ix = index(g)
roles = sorted(g.roles)
g.gap(roles[0], have=[])  # index built outside the timing
t = time.perf_counter()
for i in range(n):
    have = [ix.skill_ids[s] for s in h.indices[h.indptr[i]:h.indptr[i + 1]]]
    cov = sorted(((-g.gap(r, have=have).coverage, r) for r in roles))[:5]
secs = time.perf_counter() - t
done(seconds=secs, people=n, roles=len(roles))
"""
)

DASK = (
    SETUP
    + r"""
from distributed import Client, LocalCluster
from skillgraph.workforce import score_matrix
from skillgraph.workforce.batch import scoring_index
n = int(sys.argv[2])
_, h = workforce(g, n, 2)
si = scoring_index(g)
ids = [f"p{i}" for i in range(n)]

def worker_peak():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")

with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                  dashboard_address=None, memory_limit="3GiB") as cluster, \
        Client(cluster) as client:
    client.run(lambda: None)
    base = client.run(worker_peak)
    t = time.perf_counter()
    res = score_matrix(si, ids, h, k=5, client=client, partition_size=50_000)
    secs = time.perf_counter() - t
    peaks = client.run(worker_peak)
# the same result as one process, and its time (on the first 100,000 people)
from skillgraph.workforce._scoring import score_chunks
m = min(n, 100_000)
t = time.perf_counter()
tops, covs = score_chunks(si, h[:m], 5)
single = (time.perf_counter() - t) * n / m
same = bool((tops == res.role_ids[:m]).all() and (covs == res.coverage[:m]).all())
done(seconds=secs, people=len(res), worker_peak_mb=sorted(peaks.values()),
     worker_start_mb=sorted(base.values()), equal_to_single=same, single_seconds=single,
     single_people=m)
"""
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--dask-people", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20, help="people timed in the naive loop")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--dask-only", action="store_true", help="only the Dask run")
    ap.add_argument("--esco", default=str(DEFAULT_ESCO))
    ap.add_argument("--json", help="also write the rows as JSON here")
    args = ap.parse_args(argv)
    if not Path(args.esco).exists():
        print(f"ESCO not found at {args.esco}: nothing to measure", file=sys.stderr)
        return 1
    rows: list[dict[str, Any]] = []
    if not args.dask_only:
        rows += _single(args)
    if not args.no_dask:
        dask = child(DASK, args.esco, str(args.dask_people), timeout=7200)
        rows.append(
            {
                "run": f"dask {args.dask_people:,} (2 workers x 1 thread)",
                "seconds": dask["seconds"],
                "peak_mb": dask["peak_mb"],
                "note": "worker peak MB "
                + ", ".join(f"{p:.0f}" for p in dask["worker_peak_mb"])
                + " (at start "
                + ", ".join(f"{p:.0f}" for p in dask["worker_start_mb"])
                + "); peak_mb is the client (graph + generated people); one process, "
                f"extrapolated from {dask['single_people']:,} in the same run: "
                f"{dask['single_seconds']:.0f} s; "
                f"equal to single process: {dask['equal_to_single']}",
            }
        )
    width = max(len(r["run"]) for r in rows)
    print(f"{'run':<{width}}  {'seconds':>8}  {'peak MB':>8}  note")
    for r in rows:
        print(f"{r['run']:<{width}}  {fmt(r['seconds']):>8}  {fmt(r['peak_mb']):>8}  {r['note']}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


def _single(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The one-process batch run and the naive gap loop, in fresh interpreters."""
    batch = child(BATCH, args.esco, str(args.people), timeout=3600)
    naive = child(NAIVE, args.esco, str(args.sample), timeout=3600)
    naive_full = naive["seconds"] / naive["people"] * args.people
    return [
        {
            "run": f"batch {args.people:,}",
            "seconds": batch["seconds"],
            "peak_mb": batch["peak_mb"],
            "note": f"index build {batch['index_seconds']:.2f} s (once per graph); "
            f"target <= {TARGET_S:.0f} s, <= {TARGET_MB:.0f} MB",
        },
        {
            "run": f"naive gap loop ({naive['people']} people x {naive['roles']} roles)",
            "seconds": naive["seconds"],
            "peak_mb": naive["peak_mb"],
            "note": f"extrapolated to {args.people:,}: {naive_full:.0f} s; "
            f"ratio naive/batch {ratio(naive_full, batch['seconds']):.0f}x",
        },
    ]


if __name__ == "__main__":
    raise SystemExit(main())
