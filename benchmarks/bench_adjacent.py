"""Adjacent skills on ESCO and O*NET: held-out requirements and ubiquity, trees side by side.

For each seed, 200 roles (with more than ``q`` required skills) each lose one required
skill (the held-out target); the graph is rebuilt without those requirements and
``adjacent_skills(anchors, k=10)`` is asked, ``anchors`` being ``q`` (1 or 3) other
skills of the role, picked at random. Reported per tree, medians over the seeds:

- ``hit@10``: share of queries whose target is in the top 10;
- ``hit@10 specific``: the same over targets required by at most half of the roles (what
  a person would call "the next skill to learn"; on ESCO every target qualifies);
- ``ubiquitous@10``: share of the top 10 required by more than half of the roles (0 is
  best: those skills sit next to everything);
- ``prevalence@10``: mean share of roles requiring a top-10 skill.

Plain baseline (same held-out graphs, computed by the candidate tree's child): cosine
between the roles requiring a candidate and the roles requiring any anchor, nothing else.
Each tree runs in its own subprocess (``PYTHONPATH`` set to it), trees alternating.

    python benchmarks/bench_adjacent.py BASE_TREE [OTHER_TREE] [--seeds 171-175]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import data_dir

ROOT = Path(__file__).resolve().parent.parent
K = 10
ROLES = 200

CHILD = r"""
import json, random, sys, warnings
warnings.simplefilter("ignore")
import numpy as np
import skillgraph as sg
from skillgraph.analysis._index import index

kind, folder, seeds = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
plain_too = sys.argv[4] == "1"
g = sg.read(folder, format="esco") if kind == "esco" else sg.read(folder)
full = index(g, profiles=False)
n_req = int(np.count_nonzero(np.diff(full.B.indptr)))
share = {sid: float(full.df[j]) / n_req for j, sid in enumerate(full.skill_ids)}
reqs = {}
for r in g.iter_requirements():
    reqs.setdefault(r.role, []).append(r)
rows = {}
for seed in seeds:
    rng = random.Random(seed)
    for q in (1, 3):
        pool = sorted(r for r, rs in reqs.items() if len({x.skill for x in rs}) > q)
        trials = []
        held = set()
        for role in rng.sample(pool, min(len(pool), %(roles)d)):
            skills = sorted({x.skill for x in reqs[role]})
            target = rng.choice(skills)
            anchors = rng.sample([s for s in skills if s != target], q)
            trials.append((anchors, target))
            held.add((role, target))
        h = sg.SkillGraph()
        h.add_all(list(g.nodes.values()))
        h.add_all([r for r in g.iter_requirements() if (r.role, r.skill) not in held])
        h.add_all(list(g.iter_broader()))
        h.add_all(list(g.iter_related()))
        out = {"hit": [], "hit_specific": [], "ubiquitous": [], "prevalence": []}
        plain = {"hit": [], "hit_specific": [], "ubiquitous": [], "prevalence": []}
        ix = index(h, profiles=False) if plain_too else None
        for anchors, target in trials:
            specific = share[target] <= 0.5
            tops = [("tree", out, [m.id for m in h.adjacent_skills(anchors, %(k)d)])]
            if ix is not None:
                f = np.zeros(ix.n_skills)
                f[[ix.skill_pos[a] for a in anchors]] = 1.0
                roles = (ix.B.dot(f) > 0).astype(np.float64)
                co = ix.BT.dot(roles)
                with np.errstate(divide="ignore", invalid="ignore"):
                    sc = np.where(ix.df > 0, co / np.sqrt(np.maximum(ix.df, 1) * roles.sum()), 0.0)
                sc[f > 0] = -1.0
                best = np.lexsort((np.arange(ix.n_skills), -sc))[:%(k)d]
                tops.append(("plain", plain, [ix.skill_ids[j] for j in best if sc[j] > 0]))
            for _, acc, top in tops:
                hit = target in top
                acc["hit"].append(hit)
                if specific:
                    acc["hit_specific"].append(hit)
                shares = [share[s] for s in top] or [0.0]
                acc["ubiquitous"].append(float(np.mean([x > 0.5 for x in shares])))
                acc["prevalence"].append(float(np.mean(shares)))
        for name, acc in (("tree", out), ("plain", plain)):
            if acc["hit"]:
                rows.setdefault(f"{name} q={q}", []).append(
                    {m: float(np.mean(v)) if v else float("nan") for m, v in acc.items()}
                )
print(json.dumps(rows))
"""


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def _child(tree: Path, kind: str, folder: Path, seeds: list[int], plain: bool) -> dict[str, list]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    script = CHILD % {"roles": ROLES, "k": K}
    args = [
        sys.executable,
        "-c",
        script,
        kind,
        str(folder),
        json.dumps(seeds),
        "1" if plain else "0",
    ]
    # run in the tree: ``python -c`` puts the working directory first on sys.path
    done = subprocess.run(args, env=env, cwd=tree, capture_output=True, text=True, check=True)
    out: dict[str, list] = json.loads(done.stdout.splitlines()[-1])
    return out


def main() -> int:
    """Print the table; 1 when the real data is missing."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("other", type=Path, nargs="?", default=ROOT)
    ap.add_argument("--seeds", default="171-175")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    data = data_dir()
    if data is None:
        print("no real data (set SKILLGRAPH_DATA)", file=sys.stderr)
        return 1
    seeds = _seeds(a.seeds)
    sets = [
        ("ESCO v1.1.1", "esco", data / "esco" / "v1.1.1" / "csv"),
        ("O*NET 29.3", "onet", data / "onet" / "29.3"),
    ]
    results: dict[str, dict[str, list]] = {}
    for name, kind, folder in sets:
        base = _child(a.base.resolve(), kind, folder, seeds, plain=False)
        other = _child(a.other.resolve(), kind, folder, seeds, plain=True)
        results[name] = {"base " + k[5:]: v for k, v in base.items() if k.startswith("tree")}
        results[name] |= {"new " + k[5:]: v for k, v in other.items() if k.startswith("tree")}
        results[name] |= {k: v for k, v in other.items() if k.startswith("plain")}
    metrics = ("hit", "hit_specific", "ubiquitous", "prevalence")
    print(
        f"seeds {a.seeds}, {ROLES} held-out requirements a seed and query size, top {K};"
        " medians over seeds"
    )
    print(f"{'taxonomy':12} {'method':14} " + " ".join(f"{m:>13}" for m in metrics))
    for name, rows in results.items():
        for method in sorted(rows, key=lambda m: (m.split()[-1], m)):
            med = [statistics.median(r[m] for r in rows[method]) for m in metrics]
            print(f"{name:12} {method:14} " + " ".join(f"{x:13.3f}" for x in med))
    if a.json:
        a.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
