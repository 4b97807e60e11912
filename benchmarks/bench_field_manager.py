"""How broad the field-manager growth rule is, on real ESCO v1.1.1 and O*NET 29.3.

``_ladder.Ladder.grows`` admits a ``FIELD_MANAGER`` target: of the more senior supervisory
or managerial roles a start can move to viably, the most similar one. For each taxonomy
this counts the (start, target) pairs the running tree admits through that tier, and how
many of them cross a detected job family (``--seed S``: ``detect_clusters(seed=S)``, as
``bench_moves.py --seed``): only those change what ``upskill`` offers and ``classify``
calls upskilling. Then, per seed, it samples ``--per-seed`` (6) of the cross-family pairs
(``random.Random(seed)``, no pair twice over the seeds) for judging by hand.

``--pool FILE`` (the ``--json`` of a run on another tree, e.g. main) judges that run's
sample instead: for each of its pairs, whether the running tree still admits it
(``grows`` is not None) and through which tier.

    python benchmarks/bench_field_manager.py --seeds 201 202 203 204 205 [--per-seed 6]
        [--json OUT] [--pool FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import data_dir

import skillgraph as sg
from skillgraph.analysis import _ladder
from skillgraph.analysis._index import index
from skillgraph.analysis.families import families
from skillgraph.analysis.viability import Mobility, mobility

TIERS = {0: "line manager", 1: "line senior", 2: "field manager", 3: "manager", 4: "level"}


def _code(g: sg.SkillGraph, r: str) -> str:
    role = g.roles[r]
    isco = role.attributes.get("isco_code")
    return isco if isinstance(isco, str) else (role.code or "")


Fams = tuple[dict[str, str], Mobility]


def _families(g: sg.SkillGraph, seed: int) -> Fams:
    """The job families ``"auto"`` gives at detection seed ``seed``, and their mobility."""
    fam = families(g, "auto", seed=seed)
    return fam, mobility(g, fam)


def _pool(g: sg.SkillGraph, fams: Fams) -> tuple[int, list[tuple[str, str]]]:
    """(pairs admitted through FIELD_MANAGER, those across the families ``fams``)."""
    fam, mob = fams
    ix = index(g)
    lad = _ladder.ladder(g, ix)
    admitted, across = [], []
    for r in range(ix.n_roles):
        j, _ = lad.field_manager(mob, r)
        if j < 0 or lad.tier(mob, r, j)[0] != _ladder.FIELD_MANAGER:
            continue
        if lad.grows(mob, r, j) is None:
            continue
        pair = (ix.role_ids[r], ix.role_ids[j])
        admitted.append(pair)
        if fam.get(pair[0]) != fam.get(pair[1]):
            across.append(pair)
    return len(admitted), across


def _row(g: sg.SkillGraph, seed: int, fams: Fams, a: str, b: str) -> dict[str, Any]:
    mob = fams[1]
    ix = index(g)
    lad = _ladder.ladder(g, ix)
    r, j = ix.role_pos[a], ix.role_pos[b]
    why = lad.grows(mob, r, j)
    sim = mob.similarity(r, j)
    return {
        "seed": seed,
        "start": a,
        "target": b,
        "start_label": g.label(a),
        "target_label": g.label(b),
        "codes": f"{_code(g, a)} -> {_code(g, b)}",
        "similarity": None if sim is None else round(sim, 3),
        "admitted": why is not None,
        "tier": TIERS[lad.tier(mob, r, j)[0]] if why is not None else None,
    }


def run(seeds: list[int], per_seed: int, pool: dict[str, Any] | None) -> dict[str, Any]:
    """Counts and the sample (or the given pool's sample, re-judged) per taxonomy."""
    data = data_dir()
    if data is None:
        print("real data folder absent: nothing to measure")
        return {}
    cases = [
        ("ESCO v1.1.1", data / "esco" / "v1.1.1" / "csv", "esco"),
        ("O*NET 29.3", data / "onet" / "29.3", "onet"),
    ]
    out: dict[str, Any] = {}
    for name, path, fmt_name in cases:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = sg.read(path, format=fmt_name)
        counts, sample, seen = [], [], set()
        for seed in seeds:
            fams = _families(g, seed)
            n, across = _pool(g, fams)
            counts.append({"seed": seed, "admitted": n, "across": len(across)})
            if pool is None:
                fresh = [p for p in across if p not in seen]
                picked = sorted(random.Random(seed).sample(fresh, min(per_seed, len(fresh))))
                seen.update(picked)
                sample += [_row(g, seed, fams, a, b) for a, b in picked]
            else:
                sample += [
                    _row(g, seed, fams, s["start"], s["target"])
                    for s in pool[name]["sample"]
                    if s["seed"] == seed
                ]
        out[name] = {"roles": len(g.roles), "counts": counts, "sample": sample}
    return out


def main(argv: list[str] | None = None) -> None:
    """Run and print the counts and the sample."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[201, 202, 203, 204, 205])
    ap.add_argument("--per-seed", type=int, default=6)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--pool", type=Path, help="re-judge the sample of this --json")
    args = ap.parse_args(argv)
    pool = json.loads(args.pool.read_text()) if args.pool else None
    out = run(args.seeds, args.per_seed, pool)
    for name, res in out.items():
        counts = ", ".join(f"{c['seed']}: {c['admitted']} / {c['across']}" for c in res["counts"])
        print(f"{name} ({res['roles']} roles): admitted / across families per seed: {counts}")
        kept = sum(s["admitted"] for s in res["sample"])
        print(f"  sample {len(res['sample'])}, still admitted {kept}")
        for s in res["sample"]:
            mark = f"admitted ({s['tier']})" if s["admitted"] else "refused"
            print(
                f"  {s['seed']} {s['codes']}: {s['start_label']} -> {s['target_label']} "
                f"(similarity {s['similarity']}): {mark}"
            )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
